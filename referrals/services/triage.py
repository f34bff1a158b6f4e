"""Triage: matching the children to records, the decisions, and messages
between the CME team and the referrer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracking import services as tracking_services
from tracking.alerts import child_reappeared
from tracking.models import Address, EventKind, FlagKind

from .. import workflow
from ..models import NotCmeReason, Referral, ReferralEventKind, ReferralMessage, ReferralStatus
from ..workflow import TransitionRefused
from .common import ServiceError, email_referrer, record_event


def _check_undecided(referral):
    if referral.status not in workflow.UNDECIDED:
        raise ServiceError(
            f"Referral {referral.reference} has already been decided "
            f"({ReferralStatus(referral.status).label.lower()}), so its children cannot be matched again"
        )


def _check_officer(by):
    if by.role not in workflow.OFFICERS:
        raise ServiceError(workflow.OFFICERS_ONLY)


@transaction.atomic
def confirm_match(referral_child, *, by, child):
    """The officer confirms that a child named in the referral is a child we know.

    A child with a failed-to-track alert who is matched has reappeared: the
    senior officers are told (once for this referral, however often it is
    matched and accepted).
    """
    referral = Referral.objects.select_for_update().get(pk=referral_child.referral_id)
    _check_officer(by)
    _check_undecided(referral)
    taken = referral.children.filter(child=child).exclude(pk=referral_child.pk).first()
    if taken:
        raise ServiceError(f"{child.full_name}’s record is already matched to {taken.full_name} in this referral")
    referral_child.child = child
    referral_child.created_child = False
    referral_child.matched_by = by
    referral_child.matched_at = timezone.now()
    referral_child.save(update_fields=["child", "created_child", "matched_by", "matched_at"])
    record_event(
        referral, by, ReferralEventKind.CHILD_MATCHED,
        f"{referral_child.full_name} matched to the record of {child.full_name}",
        referral_child=referral_child.pk, child=child.pk,
    )
    child_reappeared(
        child, how=f"referral {referral.reference} from {referral.referrer_organisation} was matched to them",
        event_key=f"referral:{referral.pk}", by=by,
    )
    return referral_child


def copy_referral_facts(child, referral, *, by, new_record, source=None):
    """Put what the referral tells us onto the child's record: the last known
    address, the person with parental responsibility, and the risk factors.

    For a matched record only what it does not already hold is added; the
    record's history is never overwritten. ``source`` names where the facts
    came from (a removal from roll request passes its own).
    """
    source = source or (f"Referral {referral.reference}" if referral.reference else "Referral")
    if referral.address_line_1 or referral.address_postcode:
        postcode_key = referral.address_postcode.upper().replace(" ", "")
        known = any(
            a.postcode_key == postcode_key and a.line_1.strip().lower() == referral.address_line_1.strip().lower()
            for a in child.addresses.all()
        )
        if new_record or not known:
            tracking_services.add_address(
                child, by=by, line_1=referral.address_line_1, line_2=referral.address_line_2,
                town=referral.address_town, postcode=referral.address_postcode, phone=referral.address_phone,
                kind=Address.Kind.HOME, source=source,
            )
    if referral.forwarding_address.strip():
        tracking_services.add_address(
            child, by=by, line_1=referral.forwarding_address.strip()[:200], kind=Address.Kind.FORWARDING, source=source,
        )
    if referral.parent_name.strip():
        named = {c.name.strip().lower() for c in child.contacts.all()}
        if new_record or referral.parent_name.strip().lower() not in named:
            tracking_services.add_contact(
                child, by=by, name=referral.parent_name.strip(), relationship=referral.parent_relationship,
                has_parental_responsibility=True, phone=referral.parent_phone or referral.address_phone,
                notes=f"From {source}",
            )
    today = timezone.localdate()
    active = {flag.kind for flag in child.flags.all() if flag.is_active(today)}
    for kind in referral.risk_flags:
        if kind in FlagKind.values and kind not in active:
            tracking_services.add_flag(child, by=by, kind=kind, starts_on=today, note=f"Reported in {source}")


@transaction.atomic
def create_child_from_referral(referral_child, *, by):
    """No existing record fits: create one from what the referral says."""
    referral = Referral.objects.select_for_update().get(pk=referral_child.referral_id)
    _check_officer(by)
    _check_undecided(referral)
    if referral_child.child_id:
        raise ServiceError(f"{referral_child.full_name} is already matched to a record: undo the match first")
    try:
        child = tracking_services.create_child(
            by=by, first_name=referral_child.first_name, last_name=referral_child.last_name,
            date_of_birth=referral_child.date_of_birth, upn=referral_child.upn, sex=referral_child.sex,
            recorded_year_group=referral_child.year_group,
            recorded_year_group_on=timezone.localdate(referral.submitted_at),  # the year group the referral gave
        )
    except tracking_services.ServiceError as error:
        raise ServiceError(str(error))
    except ValidationError as error:
        raise ServiceError("; ".join(error.messages))
    copy_referral_facts(child, referral, by=by, new_record=True)
    referral_child.child = child
    referral_child.created_child = True
    referral_child.matched_by = by
    referral_child.matched_at = timezone.now()
    referral_child.save(update_fields=["child", "created_child", "matched_by", "matched_at"])
    record_event(
        referral, by, ReferralEventKind.CHILD_CREATED, f"New record created for {referral_child.full_name}",
        referral_child=referral_child.pk, child=child.pk,
    )
    return child


@transaction.atomic
def undo_match(referral_child, *, by):
    referral = Referral.objects.select_for_update().get(pk=referral_child.referral_id)
    _check_officer(by)
    _check_undecided(referral)
    if not referral_child.child_id:
        return referral_child
    previous = referral_child.child
    referral_child.child = None
    referral_child.created_child = False
    referral_child.matched_by = None
    referral_child.matched_at = None
    referral_child.save(update_fields=["child", "created_child", "matched_by", "matched_at"])
    record_event(
        referral, by, ReferralEventKind.MATCH_UNDONE,
        f"{referral_child.full_name} is no longer matched to the record of {previous.full_name}",
        referral_child=referral_child.pk, child=previous.pk,
    )
    return referral_child


# --- triage: decisions -----------------------------------------------------------

def _decide(referral, name, by, **details):
    try:
        return workflow.transition(referral, name, by, **details)
    except tracking_services.ServiceError as error:
        raise TransitionRefused(str(error))


@transaction.atomic
def request_information(referral, *, by, message):
    """Ask the referrer for more; the clock stops until they answer."""
    _decide(referral, "request_info", by, message=message.strip())
    email_referrer(
        referral, "We need more information about your referral",
        "A CME officer has a question about your referral. Please sign in to read it and answer: "
        "we cannot carry on until you do.",
    )
    return referral


@transaction.atomic
def answer_request(referral, *, by, answer):
    """The referrer answers; the referral goes back to the triage queue and the clock restarts."""
    _decide(referral, "provide_info", by, answer=answer.strip())
    return referral


@transaction.atomic
def accept_referral(referral, *, by, categories=None, details=""):
    """Accept: each child's case is opened (with its category) or joined."""
    _decide(referral, "accept", by, categories=categories or {}, details=details.strip())
    email_referrer(
        referral, "We have accepted your referral",
        "We have accepted your referral as a child missing education and are now looking for the child. "
        "We will send you a progress update if our enquiries take longer than 10 school days.",
    )
    return referral


@transaction.atomic
def decide_not_cme(referral, *, by, reason, redirected_to, details=""):
    _decide(referral, "not_cme", by, reason=reason, redirected_to=redirected_to.strip(), details=details.strip())
    email_referrer(
        referral, "Your referral is not a children missing education case",
        f"We have looked at your referral and it is not a case of a child missing education.\n\n"
        f"Why: {NotCmeReason(reason).label}.\nWhat happens now: {redirected_to.strip()}",
    )
    return referral


@transaction.atomic
def mark_duplicate(referral, *, by, duplicate_of, details=""):
    _decide(referral, "duplicate", by, duplicate_of=duplicate_of, details=details.strip())
    email_referrer(
        referral, "We already have a referral for this child",
        "Your referral is about a child we had already been told about, so we have added what you told us "
        "to the earlier referral. Thank you: it is still useful to us.",
    )
    return referral


@transaction.atomic
def send_message(referral, *, by, text):
    """A message between the CME team and the referrer, outside a request for
    information. While the CME team is waiting for an answer, the referrer's
    message is that answer (``answer_request``)."""
    text = text.strip()
    if not text:
        raise ServiceError("Enter your message")
    if referral.status == ReferralStatus.DRAFT:
        raise ServiceError("Send the referral before sending messages about it")
    from_la = by.role in workflow.OFFICERS
    if not from_la and by.role not in workflow.REFERRERS:
        raise ServiceError("Only CME officers and the referrer can send messages about a referral")
    if not from_la and referral.status == ReferralStatus.INFO_REQUESTED:
        return answer_request(referral, by=by, answer=text)
    if not from_la and (referral.status in (ReferralStatus.NOT_CME, ReferralStatus.DUPLICATE) or referral.is_resolved):
        raise ServiceError("This referral is closed. If something has changed, make a new referral.")
    ReferralMessage.objects.create(referral=referral, sender=by, from_la=from_la, text=text, sent_at=timezone.now())
    summary = "Message to the referrer" if from_la else "Message from the referrer"
    record_event(referral, by, ReferralEventKind.MESSAGE, summary, text)
    for case in {c.case for c in referral.children.select_related("case") if c.case_id}:
        tracking_services.add_timeline_event(
            case, by=by, kind=EventKind.REFERRAL, summary=f"Referral {referral.reference}: {summary.lower()}",
            text=text, data={"referral": referral.pk},
        )
    if from_la:
        email_referrer(referral, "A message about your referral",
                       "A CME officer has sent you a message about your referral. Please sign in to read it.")
    return referral
