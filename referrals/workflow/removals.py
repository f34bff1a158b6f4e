"""The removal-from-roll workflow (DESIGN.md section 3, "Leaver / removal from roll";
Southampton CME policy 2024-25, Appendix 1).

    draft ──submit──▶ submitted ──request_info──▶ info requested
                          ▲                            │
                          └────────provide_info────────┘

    submitted or info requested ──agree──▶ lawful removal agreed
    submitted or info requested ──not_lawful──▶ not lawful – pupil remains on roll

``transition(request, name, by, **details)`` is the only way a request's
status changes. It writes the request's timeline entry, and one on the CME
case the decision opens or joins, in the same transaction.

Asking the school a question (Southampton CME policy 2021: "the CME Officer
follows up cases directly with schools when sufficient information has not
been provided to satisfy us that the child has been removed from roll
lawfully, or their forwarding destination is not known") stores the
question as a ``RemovalMessage`` the school sees; only staff of that school
answer it, and the answer returns the request to the officer. One question
is open at a time. The officer may still decide while it is open — a school
that never answers must not leave a request, and a child, waiting for ever;
the officer may have the answer by phone — and the decision closes the
question, saying so on the timeline. A move the state does not allow is
refused with what to do instead (``out_of_turn``).

Agreeing checks the request against the rules again on the day of the
decision (``removal_rules.agreement_problems``) and fixes the removal date
the school is told: the proposed date, or the day of the decision if that
has passed (``removal_date``; a removal is never back-dated). The child's
enrolment at the school ends on that date.

Agreeing with the destination unknown, or known but not confirmed by the
school's evidence nor by the CME team, means the LA now holds the child: the
effect finds (``child``) or creates (``create_child=True``) the child's
record and opens a case — "permanently excluded" for ground (o), otherwise
"leaver – destination unknown" — or adds the request to the child's active
case, reopening it first if it was located but not closed (the child is
missing again). Grounds with no destination (died, nursery, ceasing CSA)
never open a case. The row lock taken by ``cme.workflow`` makes a second
"agree" (a double click, another officer) find the request already agreed,
so it never opens a second case.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cme.accounts.models import Role
from cme.workflow import Transition, TransitionRefused, Workflow  # noqa: F401
from tracking import services as tracking_services
from tracking import workflow as tracking_workflow
from tracking.alerts import child_reappeared
from tracking.models import Case, Category, EventKind
from tracking.models import Status as CaseStatus

from ..models import (
    PERMANENTLY_EXCLUDED, UNDECIDED, RemovalEvent, RemovalEventKind, RemovalFromRollRequest, RemovalMessage,
    RemovalStatus, ctf_destination_for,
)
from ..references import next_reference
from ..removal_rules import agreement_problems, removal_date_on, removal_problems

SCHOOL_STAFF = frozenset({Role.SCHOOL_USER})
OFFICERS = frozenset({Role.CME_OFFICER, Role.SENIOR_OFFICER})
OFFICERS_ONLY = "Only a CME officer can decide whether a removal from roll is lawful"
DECISIONS = ("agree", "not_lawful")


#: The case a ground opens when the LA holds the child; any other ground opens
#: "leaver – destination unknown" (the return's measures, Southampton 2021 Appendix 3).
CASE_CATEGORY_FOR_GROUND = {PERMANENTLY_EXCLUDED: Category.PERMANENTLY_EXCLUDED}


def needs_case(request, destination_confirmed=False):
    """Whether agreeing leaves the LA holding the child: the ground has a
    destination, and it is unknown, or the school's evidence does not confirm
    it and nor has the CME team."""
    if request.has_no_destination:
        return False
    if not request.destination_known:
        return True
    return not (request.school_confirmed_destination or destination_confirmed)


def case_category(request):
    """The category of the case agreeing opens: from the ground where it has one."""
    kind = request.ground.kind if request.ground_id else ""
    return CASE_CATEGORY_FOR_GROUND.get(kind, Category.LEAVER_DESTINATION_UNKNOWN)


def _today(details):
    return details.get("on") or timezone.localdate()


# --- guards ------------------------------------------------------------------

def _check_sendable(request, by, details):
    if not by.school_memberships.filter(school_id=request.school_id).exists():
        return ["You can only send a request for a school you work at"]
    errors = [problem.message for problem in removal_problems(request, _today(details))]
    pending = (
        RemovalFromRollRequest.objects.undecided()
        .filter(school_id=request.school_id, first_name__iexact=request.first_name,
                last_name__iexact=request.last_name, date_of_birth=request.date_of_birth)
        .exclude(pk=request.pk).first()
    )
    if pending:
        errors.append(f"You have already asked to remove {request.pupil_name} ({pending.reference}): "
                      "we will decide on that request")
    return errors


def _check_school_staff(request, by, details):
    if not by.school_memberships.filter(school_id=request.school_id).exists():
        return [f"Only staff of {request.school.name} can answer the CME team’s question about this request"]
    return []


def _check_agreeable(request, by, details):
    # The rules on the day of the decision: what was true when the school sent it may not be now.
    errors = [f"This request cannot be agreed as it stands: {problem.message}. Decide that it is not lawful and "
              "tell the school what to change" for problem in agreement_problems(request, _today(details))]
    if request.ground.needs_enquiries and not (details.get("la_enquiries") or "").strip():
        errors.append("Enter the enquiries the local authority has made: this ground needs the school’s "
                      "and the local authority’s enquiries")
    if needs_case(request, details.get("destination_confirmed")):
        child = details.get("child")
        if child is None and not details.get("create_child"):
            errors.append(f"Choose {request.pupil_name}’s record, or create a new one: the local authority "
                          "will hold a CME case for them")
        elif child is not None:
            case = Case.objects.active().filter(child=child).first()
            if case is not None and case.status == CaseStatus.FAILED_TO_TRACK:
                errors.append(f"{child.full_name}’s case {case.reference} is waiting for failed-to-track sign-off: "
                              "a senior officer must return it to open before this request can join it")
    return errors


# --- effects -----------------------------------------------------------------

def _receive(request, by, details):
    now = timezone.now()
    request.reference = next_reference("RFR", on=timezone.localdate(now))
    request.submitted_at = now


def _ask_school(request, by, details):
    RemovalMessage.objects.create(request=request, sender=by, from_la=True, text=details["message"].strip(),
                                  sent_at=timezone.now())


def _school_answers(request, by, details):
    RemovalMessage.objects.create(request=request, sender=by, from_la=False, text=details["answer"].strip(),
                                  sent_at=timezone.now())


def _decided(request, by, details):
    request.decided_at = timezone.now()
    request.decided_by = by
    request.la_enquiries = (details.get("la_enquiries") or "").strip()


def _new_child(request, by):
    try:
        return tracking_services.create_child(
            by=by, first_name=request.first_name, last_name=request.last_name,
            date_of_birth=request.date_of_birth, upn=request.upn, recorded_year_group=request.year_group,
            recorded_year_group_on=timezone.localdate(request.submitted_at),
        )
    except tracking_services.ServiceError as error:
        raise TransitionRefused(str(error))
    except ValidationError as error:
        raise TransitionRefused(error.messages)


def copy_removal_facts(child, request, *, by, new_record):
    """What the request tells us, on the child's record, as a referral's facts
    are copied (never overwriting its history), and the school they are leaving."""
    from types import SimpleNamespace

    from ..services import copy_referral_facts

    facts = SimpleNamespace(
        address_line_1=request.address_line_1, address_line_2=request.address_line_2,
        address_town=request.address_town, address_postcode=request.address_postcode, address_phone="",
        forwarding_address=request.new_address, parent_name=request.parent_name,
        parent_relationship=request.parent_relationship, parent_phone=request.contact_phone, risk_flags=[],
    )
    copy_referral_facts(child, facts, by=by, new_record=new_record,
                        source=f"Removal from roll request {request.reference}")
    left_on = request.deletion_date
    enrolments = child.enrolments.filter(school=request.school)
    if new_record or not enrolments.exists():
        tracking_services.add_enrolment(
            child, by=by, school=request.school, on_roll_to=left_on,
            year_group=request.year_group, leaving_reason=request.ground.label,
        )
        return
    # The record already has the child on this school's roll: that period ends on the removal date.
    tracking_services.end_enrolment(child, by=by, school=request.school, on_roll_to=left_on,
                                    leaving_reason=request.ground.label)


def _case_to_join(child, request, by):
    """The child's active case, reopened if it was located but not closed:
    the school has lost them, so they are not located after all."""
    case = Case.objects.active().filter(child=child).first()
    if case is not None and case.status == CaseStatus.LOCATED:
        case = tracking_workflow.transition(
            case, "not_located", by,
            reason=f"Removal from roll request {request.reference}: {request.school.name} removes "
                   f"{child.full_name} from roll and nobody has confirmed where they have gone",
        )
    return case


def _agree(request, by, details):
    _decided(request, by, details)
    request.removal_date = removal_date_on(request, _today(details))
    request.decision_reason = (details.get("message") or "").strip()
    confirmed = bool(details.get("destination_confirmed"))
    request.destination_confirmed_by_la = (confirmed and request.destination_known and not request.has_no_destination
                                           and not request.school_confirmed_destination)
    request.ctf_destination = ctf_destination_for(request.destination, request.destination_school)
    if not needs_case(request, confirmed):
        return
    request.la_holds_case = True
    child = details.get("child")
    new_record = child is None
    if new_record:
        child = _new_child(request, by)
    copy_removal_facts(child, request, by=by, new_record=new_record)
    case = _case_to_join(child, request, by)
    details["case_opened"] = case is None
    if case is None:
        case = tracking_services.open_case(
            child=child, category=case_category(request), by=by, assigned_officer=by,
            last_known_school=request.school,
            summary=f"Case opened from removal from roll request {request.reference}",
            text=f"{request.school.name} removes {request.pupil_name} from roll ({request.ground.code} "
                 f"{request.ground.label}); destination: {request.destination_text}.",
        )
    request.child, request.case = child, case
    child_reappeared(
        child, how=f"removal from roll request {request.reference} from {request.school.name} was agreed",
        event_key=f"removal:{request.pk}", by=by, case=case,
    )


def _not_lawful(request, by, details):
    _decided(request, by, details)
    request.decision_reason = details["reason"].strip()


REMOVAL_WORKFLOW = Workflow(
    model=RemovalFromRollRequest,
    labels=dict(RemovalStatus.choices),
    transitions=[
        Transition(
            name="submit", source=(RemovalStatus.DRAFT,), target=RemovalStatus.SUBMITTED,
            action="Send the request", roles=SCHOOL_STAFF,
            roles_message="Only school staff send removal from roll requests",
            guard=_check_sendable, effect=_receive,
        ),
        Transition(
            name="request_info", source=(RemovalStatus.SUBMITTED,), target=RemovalStatus.INFO_REQUESTED,
            action="Ask the school a question", roles=OFFICERS,
            roles_message="Only a CME officer can ask the school a question about its request",
            required=(("message", "Enter your question for the school"),), effect=_ask_school,
        ),
        Transition(
            name="provide_info", source=(RemovalStatus.INFO_REQUESTED,), target=RemovalStatus.SUBMITTED,
            action="Send your answer", roles=SCHOOL_STAFF,
            roles_message="Only the school’s staff can answer the CME team’s question",
            required=(("answer", "Enter your answer"),), guard=_check_school_staff, effect=_school_answers,
        ),
        Transition(
            name="agree", source=UNDECIDED, target=RemovalStatus.AGREED,
            action="Agree: lawful removal", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            guard=_check_agreeable, effect=_agree,
        ),
        Transition(
            name="not_lawful", source=UNDECIDED, target=RemovalStatus.NOT_LAWFUL,
            action="Not lawful: the pupil remains on roll", roles=OFFICERS, roles_message=OFFICERS_ONLY,
            required=(("reason", "Enter why the removal is not lawful: the school will see it"),),
            effect=_not_lawful,
        ),
    ],
)


# --- the timeline entry ------------------------------------------------------

def _summary(request, transition):
    if transition.name == "submit":
        return f"Request received from {request.school.name}: {request.ground.code} {request.ground.label}"
    if transition.name == "request_info":
        return f"Question asked of {request.school.name}"
    if transition.name == "provide_info":
        return f"{request.school.name} answered the question"
    if transition.name == "agree":
        summary = "Lawful removal agreed. " + (f"CTF destination {request.ctf_destination}" if request.ctf_destination
                                               else "No CTF destination: the ground has none")
        summary += f"; removal from {request.removal_date:%-d %B %Y}"
        if request.case_id:
            summary += f"; the CME team holds the case ({request.case.reference})"
        return summary
    return "Not lawful: the pupil remains on roll"


EVENT_KIND = {"submit": RemovalEventKind.SUBMITTED, "request_info": RemovalEventKind.MESSAGE,
              "provide_info": RemovalEventKind.MESSAGE}


def _event_text(request, transition, details):
    if transition.name == "submit":
        return ""
    if transition.name in ("request_info", "provide_info"):
        return (details.get("message") or details.get("answer") or "").strip()
    return "\n\n".join(part for part in (
        f"The local authority’s enquiries: {request.la_enquiries}" if request.la_enquiries else "",
        request.decision_reason,
        "The CME team has confirmed the destination." if request.destination_confirmed_by_la else "",
    ) if part)


def _record(request, previous, transition, by, details):
    summary = _summary(request, transition)
    text = _event_text(request, transition, details)
    if previous == RemovalStatus.INFO_REQUESTED and transition.name in DECISIONS:
        question = latest_question(request)
        unanswered = (f"Decided without {request.school.name}’s answer to the question asked on "
                      f"{timezone.localtime(question.sent_at):%-d %B %Y}; the question is closed.")
        text = "\n\n".join(part for part in (unanswered, text) if part)
    kind = EVENT_KIND.get(transition.name, RemovalEventKind.DECISION)
    RemovalEvent.objects.create(
        request=request, kind=kind, occurred_at=timezone.now(), created_by=by, summary=summary[:300], text=text,
        status_after=request.status, data={"from": previous, "to": request.status, "transition": transition.name},
    )
    if request.case_id and transition.name == "agree":
        opened = "A CME case opened" if details.get("case_opened") else "Added to the open CME case"
        RemovalEvent.objects.create(
            request=request, kind=RemovalEventKind.CASE, occurred_at=timezone.now(), created_by=by,
            summary=f"{opened}, {request.case.reference}, for {request.child.full_name}"[:300],
            status_after=request.status, data={"case": request.case_id, "child": request.child_id},
        )
    if request.case_id:
        tracking_services.add_timeline_event(
            request.case, by=by, kind=EventKind.REMOVAL,
            summary=f"Removal from roll {request.reference} ({request.school.name}): {summary}"[:300],
            text="\n\n".join(p for p in (
                f"Ground: {request.ground.code} {request.ground.label}",
                f"Last attended {request.last_attendance_date:%-d %B %Y}; removal from "
                f"{request.deletion_date:%-d %B %Y}",
                f"Destination: {request.destination_text}",
                text,
            ) if p),
            data={"removal_request": request.pk, "transition": transition.name},
        )


def open_question(request):
    """The question the school has not answered yet, or None."""
    if request.status != RemovalStatus.INFO_REQUESTED:
        return None
    return latest_question(request)


def latest_question(request):
    """The CME team's latest question on the request, answered or not, or None."""
    return request.messages.filter(from_la=True).order_by("-sent_at", "-id").first()


def out_of_turn(request, name, by):
    """Why ``by`` cannot make move ``name`` now, when the request's state is
    the reason, in words that say what to do instead; None otherwise (the
    engine then checks the table, the role and what must be given)."""
    if not any(t.name == name and by.role in t.roles for t in REMOVAL_WORKFLOW.transitions):
        return None
    status = request.status
    if name == "request_info" and status == RemovalStatus.INFO_REQUESTED:
        question = open_question(request)
        asked = f" on {timezone.localtime(question.sent_at):%-d %B %Y}" if question else ""
        return (f"You are waiting for {request.school.name} to answer the question asked{asked}: you can ask "
                "another question once they answer, or decide on the request now")
    if name == "provide_info" and status != RemovalStatus.INFO_REQUESTED:
        if status in (RemovalStatus.AGREED, RemovalStatus.NOT_LAWFUL):
            return (f"The CME team has already decided on request {request.reference}, so there is no question to "
                    "answer. See the decision on the request’s page")
        return (f"There is no question to answer on request {request.reference}: the CME team has not asked one, "
                "or your school has already answered it")
    return None


def transition(request, name, by, **details):
    """Move a request along the workflow, or raise TransitionRefused saying why."""
    with transaction.atomic():
        current = RemovalFromRollRequest.objects.select_for_update().select_related("school").get(pk=request.pk)
        problem = out_of_turn(current, name, by)
        if problem:
            raise TransitionRefused(problem)
        return REMOVAL_WORKFLOW.apply(request, name, by, _record, **details)


def available_transitions(request, user):
    return REMOVAL_WORKFLOW.available(request, user)


__all__ = ["REMOVAL_WORKFLOW", "TransitionRefused", "available_transitions", "case_category", "needs_case",
           "open_question", "out_of_turn", "transition"]
