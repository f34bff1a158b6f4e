"""The case status workflow (DESIGN.md section 3, "Case").

    open ──locate──▶ located ──close──▶ closed ──reopen──▶ open
      │                 └──not_located──▶ open
      ├──request_ftt──▶ failed to track (awaiting sign-off) ──sign_off_ftt──▶ closed
      │                     └──return_ftt──▶ open
      └──close_without_locating──▶ closed   (no longer of CSA, or opened in error)

``transition(case, name, by, **details)`` is the only way a case's status
changes. It writes the timeline entry, with the state after the change, in
the same transaction.
"""

from django.utils import timezone

from cme.accounts.models import Role
from cme.workflow import Transition, TransitionRefused, Workflow  # noqa: F401

from .models import (
    LOCATED_OUTCOMES, Case, CaseEvent, ChildAlert, Enrolment, Outcome, Status,
)

OFFICERS = frozenset({Role.CME_OFFICER, Role.SENIOR_OFFICER})
SENIOR = frozenset({Role.SENIOR_OFFICER})


def _today(details):
    return details.get("on") or timezone.localdate()


# --- guards: return a list of messages; empty means go ahead ---------------

def _check_location(case, by, details):
    errors = []
    outcome = details.get("outcome")
    if outcome not in LOCATED_OUTCOMES:
        return ["Select where the child has been found"]
    if outcome == Outcome.ENROLLED and not details.get("school"):
        errors.append("Select the school the child is enrolled at")
    if outcome == Outcome.OTHER_LA and not details.get("details"):
        errors.append("Enter which local authority confirmed it knows the child")
    if outcome == Outcome.ABROAD and not details.get("details"):
        errors.append("Enter the country the child has moved to and how it was confirmed")
    on = details.get("on")
    if on and on > timezone.localdate():
        errors.append("The date the child was located must be today or in the past")
    if on and on < case.opened_on:
        errors.append(f"The date the child was located must be on or after the case opened ({case.opened_on:%-d %B %Y})")
    return errors


def _check_checklist_complete(case, by, details):
    from .selectors import checklist_progress

    progress = checklist_progress(case)
    if progress.unanswered:
        names = "; ".join(step.title for step in progress.unanswered)
        return [
            f"Answer every step of the failed-to-track checklist first. "
            f"{len(progress.unanswered)} not answered: {names}"
        ]
    return []


def _check_not_own_work(case, by, details):
    checklist = case.checklist
    if checklist.submitted_by_id == by.id:
        return ["You asked for this sign-off, so another senior officer must give it"]
    if checklist.answers.filter(answered_by=by).exists():
        return ["You answered steps of this checklist, so another senior officer must sign it off"]
    return []


def _check_close_without_locating(case, by, details):
    outcome = details.get("outcome")
    if outcome not in (Outcome.CEASED_CSA, Outcome.OPENED_IN_ERROR):
        return ["Select why the case is closing without the child being located"]
    if outcome == Outcome.OPENED_IN_ERROR and by.role != Role.SENIOR_OFFICER:
        # It takes a child out of the figures without finding them: a second pair of eyes.
        return ["Only a senior CME officer or manager can close a case as opened in error"]
    if outcome == Outcome.CEASED_CSA:
        child = case.child
        if child.date_of_birth and child.is_of_csa(_today(details)):
            return [
                f"{child.full_name} is of compulsory school age until "
                f"{child.csa_end():%-d %B %Y}, so the case cannot close for that reason"
            ]
        if not child.date_of_birth:
            return ["Record the child's date of birth first, to show they are no longer of compulsory school age"]
    return []


def _check_no_other_active_case(case, by, details):
    other = Case.objects.filter(child=case.child).active().exclude(pk=case.pk).first()
    if other:
        return [f"{case.child.full_name} already has an open case, {other.reference}: work that one instead"]
    return []


# --- effects: set the fields that go with the new status -------------------

def _record_location(case, by, details):
    case.outcome = details["outcome"]
    case.located_on = _today(details)
    case.outcome_school = details.get("school")
    case.outcome_details = details.get("details", "")
    case.next_action = ""
    case.next_action_due = None
    if case.outcome == Outcome.ENROLLED:
        Enrolment.objects.create(child=case.child, school=details["school"], on_roll_from=case.located_on)
    # A failed-to-track child who is found is no longer on the historical list.
    ChildAlert.objects.filter(child=case.child, is_active=True, kind=ChildAlert.Kind.FAILED_TO_TRACK).update(
        is_active=False, cleared_at=timezone.now(),
        cleared_reason=f"Located: {Outcome(case.outcome).label} ({case.reference})",
    )


def _not_located(case, by, details):
    """Undo a location recorded in error, including the enrolment it added."""
    if case.outcome == Outcome.ENROLLED and case.outcome_school_id:
        Enrolment.objects.filter(
            child=case.child, school_id=case.outcome_school_id, on_roll_from=case.located_on, on_roll_to__isnull=True,
        ).delete()
    _clear_outcome(case, by, details)


def _close(case, by, details):
    case.closed_on = _today(details)


def _clear_outcome(case, by, details):
    case.outcome = ""
    case.outcome_school = None
    case.outcome_details = ""
    case.located_on = None
    case.closed_on = None


def _submit_checklist(case, by, details):
    from .services import checklist_for

    checklist = checklist_for(case)
    checklist.submitted_by = by
    checklist.submitted_at = timezone.now()
    checklist.signed_off_by = None
    checklist.signed_off_at = None
    checklist.save()


def _sign_off(case, by, details):
    case.outcome = Outcome.FAILED_TO_TRACK
    case.closed_on = _today(details)
    checklist = case.checklist
    checklist.signed_off_by = by
    checklist.signed_off_at = timezone.now()
    checklist.save()
    ChildAlert.objects.get_or_create(
        child=case.child, kind=ChildAlert.Kind.FAILED_TO_TRACK, is_active=True,
        defaults={"case": case, "raised_by": by},
    )


def _close_without_locating(case, by, details):
    case.outcome = details["outcome"]
    case.outcome_details = details.get("reason", "")
    case.closed_on = _today(details)


CASE_WORKFLOW = Workflow(
    model=Case,
    labels=dict(Status.choices),
    transitions=[
        Transition(
            name="locate", source=(Status.OPEN,), target=Status.LOCATED,
            action="Record that the child is located", roles=OFFICERS,
            required=(("outcome", "Select where the child has been found"),),
            guard=_check_location, effect=_record_location,
        ),
        Transition(
            name="close", source=(Status.LOCATED,), target=Status.CLOSED,
            action="Close the case", roles=OFFICERS, effect=_close,
        ),
        Transition(
            name="not_located", source=(Status.LOCATED,), target=Status.OPEN,
            action="Reopen: the child is not located after all", roles=OFFICERS,
            required=(("reason", "Enter why the child is not located after all"),),
            effect=_not_located,
        ),
        Transition(
            name="request_ftt", source=(Status.OPEN,), target=Status.FAILED_TO_TRACK,
            action="Ask for failed-to-track sign-off", roles=OFFICERS,
            guard=_check_checklist_complete, effect=_submit_checklist,
        ),
        Transition(
            name="sign_off_ftt", source=(Status.FAILED_TO_TRACK,), target=Status.CLOSED,
            action="Sign off as failed to track", roles=SENIOR,
            roles_message="Only a senior CME officer or manager can sign off a failed-to-track closure",
            guard=_check_not_own_work, effect=_sign_off,
        ),
        Transition(
            name="return_ftt", source=(Status.FAILED_TO_TRACK,), target=Status.OPEN,
            action="Return to the officer with more to do", roles=SENIOR,
            roles_message="Only a senior CME officer or manager can return a failed-to-track request",
            required=(("reason", "Enter what else needs doing before sign-off"),),
        ),
        Transition(
            name="close_without_locating", source=(Status.OPEN,), target=Status.CLOSED,
            action="Close without locating the child", roles=OFFICERS,
            required=(("outcome", "Select why the case is closing"), ("reason", "Enter the reason for closing")),
            guard=_check_close_without_locating, effect=_close_without_locating,
        ),
        Transition(
            name="reopen", source=(Status.CLOSED,), target=Status.OPEN,
            action="Reopen the case", roles=OFFICERS,
            required=(("reason", "Enter why the case is being reopened"),),
            guard=_check_no_other_active_case, effect=_clear_outcome,
        ),
    ],
)


def _record(case, previous, transition, by, details):
    text = details.get("reason") or details.get("details") or ""
    summary = f"{transition.action}: now {Status(case.status).label.lower()}"
    if case.outcome and case.status in (Status.LOCATED, Status.CLOSED):
        summary = f"{transition.action} – {Outcome(case.outcome).label}"
        if case.outcome_school_id:
            summary += f" ({case.outcome_school.name})"
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.STATUS, occurred_at=timezone.now(), created_by=by,
        summary=summary[:300], text=text, status_after=case.status, category_after=case.category,
        data={"from": previous, "to": case.status, "transition": transition.name, "outcome": case.outcome},
    )


def transition(case, name, by, **details):
    """Move a case along the workflow, or raise TransitionRefused saying why."""
    return CASE_WORKFLOW.apply(case, name, by, _record, **details)


def available_transitions(case, user):
    return CASE_WORKFLOW.available(case, user)
