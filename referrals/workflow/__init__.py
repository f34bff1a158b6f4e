"""The referral workflow (DESIGN.md section 3, "Referral").

    draft ──submit──▶ submitted ──request_info──▶ info requested
                        │  ▲                          │
                        │  └──────provide_info────────┘
                        ├──accept──▶ accepted        (also from info requested)
                        ├──not_cme──▶ not CME        (also from info requested)
                        └──duplicate──▶ duplicate    (also from info requested)

``transition(referral, name, by, **details)`` is the only way a referral's
status changes (removal-from-roll requests and new-pupil notices have their
own tables: ``workflow.removals`` and ``workflow.admissions``). It writes the referral's timeline entry, and an entry on the
timeline of every case the referral is linked to, in the same transaction.
"""

from django.utils import timezone

from cme.accounts.models import Role
from cme.workflow import Transition, TransitionRefused, Workflow  # noqa: F401
from tracking import services as tracking_services
from tracking import workflow as tracking_workflow
from tracking.alerts import child_reappeared
from tracking.models import Case, Category, EventKind, Priority
from tracking.models import Status as CaseStatus

from .. import sla
from ..completeness import missing_answers
from ..models import (
    NotCmeReason, Referral, ReferralEvent, ReferralEventKind, ReferralMessage, ReferralStatus,
)
from ..references import next_reference

REFERRERS = frozenset({Role.SCHOOL_USER, Role.PARTNER})
OFFICERS = frozenset({Role.CME_OFFICER, Role.SENIOR_OFFICER})
UNDECIDED = (ReferralStatus.SUBMITTED, ReferralStatus.INFO_REQUESTED)
OFFICERS_ONLY = "Only a CME officer can make triage decisions"


def _today(details):
    return details.get("on") or timezone.localdate()


def referral_priority(referral):
    """A child-protection concern or a child protection plan means act today;
    any other risk factor raises the priority (DESIGN.md section 3)."""
    from tracking.models import FlagKind

    if referral.child_protection_concern or FlagKind.CHILD_PROTECTION in referral.risk_flags:
        return Priority.ACT_TODAY
    if referral.risk_flags:
        return Priority.HIGH
    return Priority.STANDARD


# --- guards ------------------------------------------------------------------

def _check_complete(referral, by, details):
    if referral.referrer_id != by.pk:
        return ["Only the person who started this referral can send it"]
    if referral.school_id and not by.schools.filter(pk=referral.school_id).exists():
        return [f"You no longer act for {referral.school}, so you cannot send a referral from it"]
    return [missing.message for missing in missing_answers(referral)]


def _check_ready_to_accept(referral, by, details):
    errors = []
    categories = details.get("categories") or {}
    for child in referral.children.select_related("child"):
        if child.child_id is None:
            errors.append(f"Match {child.full_name} to a child’s record, or create a new record, first")
            continue
        active = Case.objects.active().filter(child_id=child.child_id).first()
        if active is not None and active.status == CaseStatus.FAILED_TO_TRACK:
            errors.append(
                f"{child.full_name}’s case {active.reference} is awaiting failed-to-track sign-off. "
                "Ask a senior officer to return it to open, then accept this referral"
            )
            continue
        if active is not None:
            continue  # the referral joins the child's case (reopened if they had been located)
        if categories.get(child.pk) not in Category.values:
            errors.append(f"Select why {child.full_name} is missing education")
    return errors


def _check_duplicate(referral, by, details):
    original = details["duplicate_of"]
    if original.pk == referral.pk:
        return ["A referral cannot be a duplicate of itself: enter the reference of the earlier referral"]
    if original.status == ReferralStatus.DRAFT:
        return ["Enter the reference of a referral that has been sent"]
    if original.status == ReferralStatus.DUPLICATE:
        return [f"{original.reference} is itself a duplicate of {original.duplicate_of.reference}: link to that one"]
    return []


# --- effects -----------------------------------------------------------------

def _receive(referral, by, details):
    now = timezone.now()
    referral.reference = next_reference("CME", on=timezone.localdate(now))
    referral.submitted_at = now
    referral.received_on = timezone.localdate(now)
    referral.priority = referral_priority(referral)


def _ask_referrer(referral, by, details):
    sla.pause(referral, _today(details))
    ReferralMessage.objects.create(
        referral=referral, sender=by, from_la=True, text=details["message"], sent_at=timezone.now()
    )


def _referrer_answers(referral, by, details):
    sla.resume(referral, _today(details))
    ReferralMessage.objects.create(
        referral=referral, sender=by, from_la=False, text=details["answer"], sent_at=timezone.now()
    )


def _decided(referral, by, details):
    sla.resume(referral, _today(details))
    referral.decided_at = timezone.now()
    referral.decided_by = by
    referral.decision_details = details.get("details", "")


def _accept(referral, by, details):
    """Open a case for each child, or join the child's open case."""
    from ..services import copy_referral_facts

    _decided(referral, by, details)
    categories = details.get("categories") or {}
    referral_children = list(referral.children.select_related("child"))
    for referral_child in referral_children:
        child = referral_child.child
        if not referral_child.created_child:
            copy_referral_facts(child, referral, by=by, new_record=False)
        case = Case.objects.active().filter(child=child).first()
        if case is not None and case.status == CaseStatus.LOCATED:
            # Reported missing again before the case was closed: not located after all.
            case = tracking_workflow.transition(
                case, "not_located", by,
                reason=f"Referral {referral.reference} says {child.full_name} is missing education again",
            )
        if case is None:
            case = tracking_services.open_case(
                child=child, category=categories[referral_child.pk], by=by, assigned_officer=by,
                last_known_school=referral.school,
                summary=f"Case opened from referral {referral.reference}",
                text=f"Referred by {referral.referred_by} ({referral.referrer_organisation}).",
            )
        if referral.act_today and case.priority != Priority.ACT_TODAY:
            tracking_services.override_priority(
                case, by=by, priority=Priority.ACT_TODAY,
                reason=f"Referral {referral.reference} raises a child protection concern",
            )
        referral_child.case = case
        referral_child.save(update_fields=["case"])
        child_reappeared(
            child, how=f"referral {referral.reference} from {referral.referrer_organisation} was accepted",
            event_key=f"referral:{referral.pk}", by=by, case=case,
        )


def _not_cme(referral, by, details):
    _decided(referral, by, details)
    referral.not_cme_reason = details["reason"]
    referral.redirected_to = details["redirected_to"]


def _duplicate(referral, by, details):
    _decided(referral, by, details)
    referral.duplicate_of = details["duplicate_of"]


REFERRAL_WORKFLOW = Workflow(
    model=Referral,
    labels=dict(ReferralStatus.choices),
    transitions=[
        Transition(
            name="submit", source=(ReferralStatus.DRAFT,), target=ReferralStatus.SUBMITTED,
            action="Send the referral", roles=REFERRERS,
            roles_message="Only school staff and partner professionals send referrals",
            guard=_check_complete, effect=_receive,
        ),
        Transition(
            name="request_info", source=(ReferralStatus.SUBMITTED,), target=ReferralStatus.INFO_REQUESTED,
            action="Ask the referrer for more information", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            required=(("message", "Enter what you need to know"),), effect=_ask_referrer,
        ),
        Transition(
            name="provide_info", source=(ReferralStatus.INFO_REQUESTED,), target=ReferralStatus.SUBMITTED,
            action="Send your answer", roles=REFERRERS,
            required=(("answer", "Enter your answer"),), effect=_referrer_answers,
        ),
        Transition(
            name="accept", source=UNDECIDED, target=ReferralStatus.ACCEPTED,
            action="Accept as a CME referral", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            guard=_check_ready_to_accept, effect=_accept,
        ),
        Transition(
            name="not_cme", source=UNDECIDED, target=ReferralStatus.NOT_CME,
            action="Decide this is not a CME case", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            required=(
                ("reason", "Select why this is not a CME case"),
                ("redirected_to", "Enter where you have passed the referral to, or what the referrer should do"),
            ),
            effect=_not_cme,
        ),
        Transition(
            name="duplicate", source=UNDECIDED, target=ReferralStatus.DUPLICATE,
            action="Mark as a duplicate", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            required=(("duplicate_of", "Enter the reference of the referral this duplicates"),),
            guard=_check_duplicate, effect=_duplicate,
        ),
    ],
)


# --- the timeline entry ------------------------------------------------------

def _summary(referral, transition, by):
    if transition.name == "submit":
        return f"Referral received from {referral.referrer_organisation or referral.referrer}"
    if transition.name == "request_info":
        return "More information requested from the referrer"
    if transition.name == "provide_info":
        return "The referrer answered"
    if transition.name == "accept":
        cases = ", ".join(sorted({c.case.reference for c in referral.children.select_related("case") if c.case}))
        return f"Accepted as a CME referral: {cases}"
    if transition.name == "not_cme":
        return f"Not a CME case: {NotCmeReason(referral.not_cme_reason).label}"
    if transition.name == "duplicate":
        return f"Duplicate of {referral.duplicate_of.reference}"
    return transition.action


def _record(referral, previous, transition, by, details):
    kind = {
        "submit": ReferralEventKind.SUBMITTED,
        "request_info": ReferralEventKind.MESSAGE,
        "provide_info": ReferralEventKind.MESSAGE,
    }.get(transition.name, ReferralEventKind.DECISION)
    summary = _summary(referral, transition, by)
    text = "\n\n".join(
        part for part in (
            details.get("message") or details.get("answer") or "",
            f"Passed to: {referral.redirected_to}" if transition.name == "not_cme" else "",
            details.get("details", ""),
        ) if part
    )
    ReferralEvent.objects.create(
        referral=referral, kind=kind, occurred_at=timezone.now(), created_by=by, summary=summary[:300],
        text=text, status_after=referral.status,
        data={"from": previous, "to": referral.status, "transition": transition.name},
    )
    # The decision also goes on the timeline of each case the referral reached.
    cases = {c.case for c in referral.children.select_related("case") if c.case_id}
    if transition.name == "duplicate":
        cases |= {c.case for c in referral.duplicate_of.children.select_related("case") if c.case_id}
    for case in sorted(cases, key=lambda c: c.pk):
        tracking_services.add_timeline_event(
            case, by=by, kind=EventKind.REFERRAL, summary=f"Referral {referral.reference}: {summary}"[:300],
            text=text, data={"referral": referral.pk, "transition": transition.name},
        )


def transition(referral, name, by, **details):
    """Move a referral along the workflow, or raise TransitionRefused saying why."""
    return REFERRAL_WORKFLOW.apply(referral, name, by, _record, **details)


def available_transitions(referral, user):
    return REFERRAL_WORKFLOW.available(referral, user)
