from django.conf import settings
from django.db import models


class ChildAlert(models.Model):
    """A standing alert on a child: "CME – failed to track".

    While active, every reappearance of the child (a new referral, a new-pupil
    notice, a match, a search that finds them) notifies the senior officers.
    """

    class Kind(models.TextChoices):
        FAILED_TO_TRACK = "ftt", "CME – failed to track"

    child = models.ForeignKey("tracking.Child", on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    case = models.ForeignKey("tracking.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["child", "is_active"])]

    def __str__(self):
        return self.get_kind_display()


class Notification(models.Model):
    """An in-app message to one person. ``event_key`` makes each event notify
    each person once, however many times the code that raises it runs."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    child = models.ForeignKey("tracking.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("tracking.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=500)
    link = models.CharField(max_length=300, blank=True)
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="notify_once_per_event"),
        ]


class RecheckTask(models.Model):
    """The yearly re-check of a failed-to-track child against new datasets
    (Southampton CME policy, Appendix 1)."""

    child = models.ForeignKey("tracking.Child", on_delete=models.CASCADE, related_name="recheck_tasks")
    year = models.PositiveSmallIntegerField(help_text="The calendar year of the re-check.")
    due_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["child", "year"], name="one_recheck_per_child_per_year"),
        ]
