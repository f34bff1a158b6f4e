"""New-pupil notices and their matches to open cases.

    notice:  draft ──send──▶ sent
    match:   proposed ──confirm──▶ confirmed (the case is located – enrolled, then closed)
                 └──────reject──▶ rejected (not the same child)

``send`` and ``transition`` are the only ways these statuses change.
Confirming a match moves the case through ``tracking.workflow`` ("locate"
with outcome "enrolled" at the notifying school, then "close") in the same
transaction, and puts the notice on the case's timeline.
"""

from datetime import date

from django.utils import timezone

from cme.accounts.models import Role
from cme.workflow import Transition, TransitionRefused, Workflow  # noqa: F401
from tracking import services as tracking_services
from tracking import workflow as case_workflow
from tracking.alerts import child_reappeared
from tracking.models import EventKind, Outcome, Status

from ..admission_rules import notice_problems
from ..models import AdmissionMatch, AdmissionNotice, AdmissionStatus, MatchStatus
from ..references import next_reference

SCHOOL_STAFF = frozenset({Role.SCHOOL_USER})
OFFICERS = frozenset({Role.CME_OFFICER, Role.SENIOR_OFFICER})
OFFICERS_ONLY = "Only a CME officer can confirm or reject a match"


# --- the notice --------------------------------------------------------------

def _check_sendable(notice, by, details):
    if not by.school_memberships.filter(school_id=notice.school_id).exists():
        return ["You can only tell us about pupils of a school you work at"]
    return [problem.message for problem in notice_problems(notice, details.get("on") or timezone.localdate())]


def _receive(notice, by, details):
    now = timezone.now()
    notice.reference = next_reference("NPN", on=timezone.localdate(now))
    notice.sent_at = now
    notice.notified_by = by


NOTICE_WORKFLOW = Workflow(
    model=AdmissionNotice,
    labels=dict(AdmissionStatus.choices),
    transitions=[
        Transition(
            name="send", source=(AdmissionStatus.DRAFT,), target=AdmissionStatus.SENT,
            action="Send the new pupil notice", roles=SCHOOL_STAFF,
            roles_message="Only school staff send new pupil notices",
            guard=_check_sendable, effect=_receive,
        ),
    ],
)


def _no_timeline(notice, previous, transition, by, details):
    """A notice has no timeline of its own: who sent it, and when, is on the notice."""


def send(notice, by, **details):
    return NOTICE_WORKFLOW.apply(notice, "send", by, _no_timeline, **details)


# --- a match -----------------------------------------------------------------

def _located_on(notice, case):
    """The day the child was on roll, as the case can record it: not before
    the case opened, not after today."""
    return min(max(notice.admitted_on or date.min, case.opened_on), timezone.localdate())


def _check_case_open(match, by, details):
    case = match.case
    if case.status == Status.OPEN:
        return []
    if case.status == Status.FAILED_TO_TRACK:
        return [f"Case {case.reference} is waiting for failed-to-track sign-off: a senior officer must return it "
                "to the officer before the child can be recorded as located"]
    if case.status == Status.LOCATED:
        return [f"Case {case.reference} is already recorded as located ({case.get_outcome_display().lower()}): "
                "close it from the case page"]
    return [f"Case {case.reference} is already closed"]


def _confirm(match, by, details):
    notice, case = match.notice, match.case
    _decided(match, by, details)
    case_workflow.transition(
        case, "locate", by, outcome=Outcome.ENROLLED, school=notice.school, on=_located_on(notice, case),
        details=f"New pupil notice {notice.reference}: on roll at {notice.school.name} from "
                f"{notice.admitted_on:%-d %B %Y}",
    )
    case_workflow.transition(case, "close", by)
    AdmissionNotice.objects.filter(pk=notice.pk).update(child=match.child)
    notice.child = match.child
    # Another record proposed for the same pupil is not them.
    AdmissionMatch.objects.filter(notice=notice, status=MatchStatus.PROPOSED).exclude(pk=match.pk).update(
        status=MatchStatus.REJECTED, decided_by=by, decided_at=timezone.now(),
        decision_note=f"Another record was confirmed ({match.child.full_name})",
    )
    child_reappeared(match.child, how=f"new pupil notice {notice.reference} from {notice.school.name} was confirmed",
                     event_key=f"admission:{notice.pk}", by=by, case=case)


def _decided(match, by, details):
    match.decided_by = by
    match.decided_at = timezone.now()
    match.decision_note = (details.get("note") or "").strip()[:500]


MATCH_WORKFLOW = Workflow(
    model=AdmissionMatch,
    labels=dict(MatchStatus.choices),
    transitions=[
        Transition(
            name="confirm", source=(MatchStatus.PROPOSED,), target=MatchStatus.CONFIRMED,
            action="Confirm: located – enrolled", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            guard=_check_case_open, effect=_confirm,
        ),
        Transition(
            name="reject", source=(MatchStatus.PROPOSED,), target=MatchStatus.REJECTED,
            action="Not the same child", roles=OFFICERS, roles_message=OFFICERS_ONLY, effect=_decided,
        ),
    ],
)


def _record_match(match, previous, transition, by, details):
    notice = match.notice
    summary = (f"New pupil notice {notice.reference} from {notice.school.name}: "
               f"{'confirmed, located – enrolled' if transition.name == 'confirm' else 'not the same child'}")
    tracking_services.add_timeline_event(
        match.case, by=by, kind=EventKind.ADMISSION, summary=summary[:300],
        text=f"{notice.pupil_name}, born {notice.date_of_birth:%-d %B %Y}, added to the register on "
             f"{notice.admitted_on:%-d %B %Y}." + (f"\n\n{match.decision_note}" if match.decision_note else ""),
        data={"admission_notice": notice.pk, "match": match.pk, "transition": transition.name},
    )


def transition(match, name, by, **details):
    """Confirm or reject a proposed match, or raise TransitionRefused saying why."""
    return MATCH_WORKFLOW.apply(match, name, by, _record_match, **details)


__all__ = ["MATCH_WORKFLOW", "NOTICE_WORKFLOW", "TransitionRefused", "send", "transition"]
