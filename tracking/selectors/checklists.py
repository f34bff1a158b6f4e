"""The failed-to-track checklist and the cases waiting for sign-off."""

from dataclasses import dataclass

from ..models import Case, ChecklistStep, Status


@dataclass
class ChecklistProgress:
    rows: list  # (step, answer or None)
    unanswered: list

    @property
    def is_complete(self):
        return not self.unanswered

    @property
    def answered_count(self):
        return len(self.rows) - len(self.unanswered)

    @property
    def summary(self):
        return f"{self.answered_count} of {len(self.rows)} answered"


def checklist_progress(case):
    """Each active step of the failed-to-track checklist with this case's answer."""
    steps = list(ChecklistStep.objects.filter(is_active=True).order_by("order", "id"))
    answers = {}
    checklist = getattr(case, "checklist", None) if case.pk else None
    if checklist is not None:
        answers = {a.step_id: a for a in checklist.answers.select_related("answered_by")}
    rows = [(step, answers.get(step.pk)) for step in steps]
    return ChecklistProgress(rows=rows, unanswered=[step for step, answer in rows if answer is None])


def awaiting_sign_off(user):
    """Failed-to-track cases waiting for a senior officer, oldest request first."""
    return (
        Case.objects.visible_to(user).filter(status=Status.FAILED_TO_TRACK)
        .select_related("child", "assigned_officer", "checklist__submitted_by")
        .order_by("checklist__submitted_at", "pk")
    )
