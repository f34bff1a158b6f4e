"""The failed-to-track checklist, the alert it leaves on the child, and the
yearly re-check (Southampton CME policy 2024/25, "Children we have failed to
track")."""

from django.db import transaction
from django.utils import timezone

from ..models import (
    Case, ChecklistAnswer, ChecklistStep, ChildAlert, EventKind, FailedToTrackChecklist, Outcome,
    RecheckTask, Status,
)
from .base import ServiceError, _event


def checklist_for(case):
    checklist, _ = FailedToTrackChecklist.objects.get_or_create(case=case)
    return checklist


def checklist_answer_errors(*, answer, done_on=None, outcome="", not_applicable_reason=""):
    """What is missing from an answer to one step, by the name of the missing detail."""
    if answer == ChecklistAnswer.Answer.DONE:
        errors = {}
        if not done_on:
            errors["done_on"] = "Enter the date this step was done"
        if not (outcome or "").strip():
            errors["outcome"] = "Enter what this step found"
        return errors
    if answer == ChecklistAnswer.Answer.NOT_APPLICABLE:
        if not (not_applicable_reason or "").strip():
            return {"not_applicable_reason": "Enter why this step does not apply"}
        return {}
    return {"answer": "Select whether this step was done or does not apply"}


@transaction.atomic
def answer_checklist_step(case, *, by, step, answer, done_on=None, outcome="", not_applicable_reason=""):
    if case.status != Status.OPEN:
        raise ServiceError("The checklist can only be changed while the case is open")
    errors = checklist_answer_errors(
        answer=answer, done_on=done_on, outcome=outcome, not_applicable_reason=not_applicable_reason
    )
    if errors:
        raise ServiceError(". ".join(errors.values()))
    checklist = checklist_for(case)
    answer_row, _ = ChecklistAnswer.objects.update_or_create(
        checklist=checklist, step=step,
        defaults=dict(answer=answer, done_on=done_on if answer == ChecklistAnswer.Answer.DONE else None,
                      outcome=outcome if answer == ChecklistAnswer.Answer.DONE else "",
                      not_applicable_reason=not_applicable_reason if answer != ChecklistAnswer.Answer.DONE else "",
                      answered_by=by),
    )
    label = "done" if answer == ChecklistAnswer.Answer.DONE else "not applicable"
    _event(case, by, EventKind.CHECKLIST, f"Checklist: {step.title} – {label}",
           outcome or not_applicable_reason, data={"step": step.pk, "answer": answer})
    return answer_row


def active_checklist_steps():
    return ChecklistStep.objects.filter(is_active=True).order_by("order", "id")


def _failed_to_track_case(child):
    """The case whose sign-off put the alert on the child, for its timeline."""
    return (
        Case.objects.filter(child=child, outcome=Outcome.FAILED_TO_TRACK)
        .order_by("-closed_on", "-pk").first()
    )


@transaction.atomic
def record_recheck(task, *, by, outcome):
    """Record what this year's re-check of a failed-to-track child found."""
    task = RecheckTask.objects.select_for_update().select_related("child").get(pk=task.pk)
    if task.done_at:
        raise ServiceError(f"This re-check was already recorded on {timezone.localtime(task.done_at):%-d %B %Y}")
    if not outcome.strip():
        raise ServiceError("Enter what the re-check found")
    task.done_at = timezone.now()
    task.done_by = by
    task.outcome = outcome.strip()
    task.save(update_fields=["done_at", "done_by", "outcome"])
    case = _failed_to_track_case(task.child)
    if case is not None:
        _event(case, by, EventKind.ALERT, f"Yearly re-check {task.year} recorded", task.outcome,
               data={"recheck": task.pk})
    return task


@transaction.atomic
def clear_alert(alert, *, by, reason):
    """Take the "CME – failed to track" alert off a child who has been found."""
    if not by.is_senior:
        raise ServiceError("Only a senior CME officer or manager can clear a failed-to-track alert")
    if not reason.strip():
        raise ServiceError("Enter why the alert is no longer needed")
    alert = ChildAlert.objects.select_for_update().get(pk=alert.pk)
    if not alert.is_active:
        raise ServiceError("This alert has already been cleared")
    alert.is_active = False
    alert.cleared_at = timezone.now()
    alert.cleared_reason = reason.strip()
    alert.save(update_fields=["is_active", "cleared_at", "cleared_reason"])
    case = alert.case or _failed_to_track_case(alert.child)
    if case is not None:
        _event(case, by, EventKind.ALERT, f"Alert cleared: {alert.get_kind_display()}", alert.cleared_reason,
               data={"alert": alert.pk})
    return alert
