from django.conf import settings
from django.db import models


class ChecklistStep(models.Model):
    """One of the LA's "reasonable enquiries" before a child is failed to track.

    The steps are data: seeded with the 16 of the Southampton CME policy
    2024/25, editable by an administrator. Retired steps stay for history.
    """

    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class FailedToTrackChecklist(models.Model):
    """The checklist for one case, and who asked for and signed off the closure."""

    case = models.OneToOneField("tracking.Case", on_delete=models.CASCADE, related_name="checklist")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Failed-to-track checklist for {self.case}"


class ChecklistAnswer(models.Model):
    class Answer(models.TextChoices):
        DONE = "done", "Done"
        NOT_APPLICABLE = "na", "Not applicable"

    checklist = models.ForeignKey(FailedToTrackChecklist, on_delete=models.CASCADE, related_name="answers")
    step = models.ForeignKey(ChecklistStep, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=4, choices=Answer.choices)
    done_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    not_applicable_reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["step__order"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "step"], name="one_answer_per_step"),
        ]
