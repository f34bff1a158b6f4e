"""New-pupil notices: one from the form, many from a CSV file; matching each
against the children the CME team is looking for; the officer's answer."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from tracking.alerts import child_reappeared
from tracking.matching import find_candidates
from tracking.models import Case, SchoolMembership

from ..models import AdmissionMatch, AdmissionNotice, AdmissionStatus, MatchStatus
from ..workflow import admissions as workflow
from ..workflow.admissions import TransitionRefused
from .common import ServiceError, checked_upn

NOTICE_FIELDS = frozenset({
    "first_name", "last_name", "date_of_birth", "upn", "sex", "year_group", "admitted_on", "postcode",
    "previous_school",
})

#: A candidate scoring this much is put to an officer: both names alike, or
#: one name with the date of birth, or the UPN (tracking.matching's scores).
LIKELY_MATCH = 60
#: How many candidates to rank before keeping those with an open case.
CANDIDATES = 10


def _their_school_ids(user):
    return set(SchoolMembership.objects.filter(user=user).values_list("school_id", flat=True))


def _check_school(by, school):
    if not by.is_school_user:
        raise ServiceError("Only school staff send new pupil notices")
    if getattr(school, "pk", school) not in _their_school_ids(by):
        raise ServiceError("You can only tell us about pupils of a school you work at")


def _fill(notice, fields):
    unknown = set(fields) - NOTICE_FIELDS
    if unknown:
        raise ServiceError(f"A new pupil notice does not ask for {', '.join(sorted(unknown))}")
    for field, value in checked_upn(fields).items():
        setattr(notice, field, value.strip() if isinstance(value, str) else value)
    notice.postcode = " ".join(notice.postcode.upper().split())
    return notice


@transaction.atomic
def save_admission_draft(notice=None, *, by, school, **fields):
    """Keep a notice to finish later (it shows on the school dashboard until sent)."""
    _check_school(by, school)
    if notice is None:
        notice = AdmissionNotice(school=school, notified_by=by)
    elif notice.status != AdmissionStatus.DRAFT:
        raise ServiceError(f"Notice {notice.reference} has been sent and can no longer be changed")
    else:
        notice.school = school
    _fill(notice, fields).save()
    return notice


def _send(notice, by):
    try:
        with transaction.atomic():
            workflow.send(notice, by)
    except IntegrityError:
        raise TransitionRefused(f"You have already told us about {notice.pupil_name} joining on "
                                f"{notice.admitted_on:%-d %B %Y}")


def _match_when_committed(notice_ids):
    from ..tasks import match_admission_notices

    match_admission_notices.delay_on_commit(list(notice_ids))


@transaction.atomic
def send_admission_notice(notice=None, *, by, school, **fields):
    """Send one notice (a new one, or a draft finished). It is checked against
    open cases once the transaction commits. Sending twice changes nothing."""
    if notice is not None and notice.status == AdmissionStatus.SENT:
        return notice
    notice = save_admission_draft(notice, by=by, school=school, **fields)
    _send(notice, by)
    _match_when_committed([notice.pk])
    return notice


@transaction.atomic
def send_admission_notices(*, by, school, rows):
    """Send every row of an upload (each a dict of ``NOTICE_FIELDS`` already
    checked by ``referrals.admission_csv``) — all of them, or none."""
    _check_school(by, school)
    notices = []
    for fields in rows:
        notice = _fill(AdmissionNotice(school=school, notified_by=by, from_upload=True), dict(fields))
        notice.save()
        _send(notice, by)
        notices.append(notice)
    _match_when_committed([n.pk for n in notices])
    return notices


@transaction.atomic
def delete_admission_draft(notice, *, by):
    _check_school(by, notice.school_id)
    if notice.status != AdmissionStatus.DRAFT:
        raise ServiceError(f"Notice {notice.reference} has been sent and cannot be deleted")
    notice.delete()


@transaction.atomic
def match_admission_notice(notice_id):
    """Put each child with an open case who may be this pupil to an officer,
    and tell the senior officers if a failed-to-track child has reappeared.
    Runs once per notice, however often it is called."""
    notice = AdmissionNotice.objects.select_for_update().select_related("school").filter(pk=notice_id).first()
    if notice is None or notice.status != AdmissionStatus.SENT or notice.matched_at:
        return []
    described = dict(first_name=notice.first_name, last_name=notice.last_name, date_of_birth=notice.date_of_birth,
                     upn=notice.upn, postcode=notice.postcode, limit=CANDIDATES)
    candidates = find_candidates(only_with_active_case=True, **described)
    cases = {case.child_id: case for case in
             Case.objects.active().filter(child_id__in=[c.child.pk for c in candidates])}
    matches = AdmissionMatch.objects.bulk_create([
        AdmissionMatch(notice=notice, child=c.child, case=cases[c.child.pk], score=c.score, reasons=c.reasons)
        for c in candidates if c.child.pk in cases and c.score >= LIKELY_MATCH
    ])
    # A failed-to-track child has no open case: look for them separately.
    for candidate in find_candidates(only_alerted=True, **described):
        if candidate.is_strong:
            child_reappeared(
                candidate.child, how=f"new pupil notice {notice.reference} from {notice.school.name} names a pupil "
                                     "who may be them", event_key=f"admission:{notice.pk}",
            )
    notice.matched_at = timezone.now()
    notice.save(update_fields=["matched_at"])
    return matches


def _decide_match(match, name, by, **details):
    target = MatchStatus.CONFIRMED if name == "confirm" else MatchStatus.REJECTED
    current = AdmissionMatch.objects.select_for_update().get(pk=match.pk)
    if current.status == target:  # a double click, or another officer got there first
        match.refresh_from_db()
        return match
    return workflow.transition(match, name, by, **details)


@transaction.atomic
def confirm_admission_match(match, *, by):
    """The officer confirms: the child is located – enrolled at the school; the case closes."""
    return _decide_match(match, "confirm", by)


@transaction.atomic
def reject_admission_match(match, *, by, note=""):
    return _decide_match(match, "reject", by, note=note)
