"""Monthly CME tracking returns: snapshots of the figures as at a date.

A return is reproducible: its figures are computed from the case history as
at the end of ``as_at`` and stored, with the PDF and CSV made from them. A
draft can be regenerated (it is replaced, never duplicated) and its
commentary edited; a published return never changes. A mistake in a
published return is put right by a **correction**: a new version for the same
month, with the reason, published in its turn.

``status`` changes only through ``reports.workflow.transition``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .measures import Figures


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ReturnIsPublished(Exception):
    """A published return is a record of what was reported: it cannot change."""


def return_file_path(instance, filename):
    # Private storage, under an opaque name; downloads are permission-checked.
    return f"monthly-returns/{instance.as_at:%Y-%m}/{filename}"


class MonthlyReturnQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see drafts too; officers and report viewers see published returns."""
        if not (user.is_authenticated and user.can_view_reports):
            return self.none()
        if user.can_manage_service:
            return self
        return self.filter(status=ReturnStatus.PUBLISHED)

    def published(self):
        return self.filter(status=ReturnStatus.PUBLISHED)


class MonthlyReturn(models.Model):
    """The monthly CME tracking return (Southampton CME policy 2021, Appendix 3)."""

    Status = ReturnStatus

    as_at = models.DateField(help_text="The figures are as at the end of this day.")
    month = models.DateField(editable=False, help_text="The first day of the month the return is for.")
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    status = models.CharField(
        max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT, editable=False
    )
    figures = models.JSONField(editable=False)
    commentary = models.JSONField(default=dict, blank=True, help_text="Commentary per section, by section key.")
    correction_reason = models.TextField(blank=True)
    pdf = models.FileField(upload_to=return_file_path, max_length=300, blank=True, editable=False)
    csv = models.FileField(upload_to=return_file_path, max_length=300, blank=True, editable=False)
    generated_at = models.DateTimeField(editable=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Empty when the scheduled job generated it.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        editable=False,
    )

    objects = MonthlyReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-version"]
        constraints = [
            # Re-generating a month replaces its draft: never two drafts for one month.
            models.UniqueConstraint(fields=["month"], condition=Q(status="draft"), name="one_draft_return_per_month"),
            models.UniqueConstraint(fields=["month", "version"], name="one_return_per_month_and_version"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_return_has_publication_date",
            ),
        ]

    def __str__(self):
        return f"CME tracking return as at {self.as_at:%-d %B %Y}" + (f" (version {self.version})" if self.version > 1 else "")

    def save(self, *args, **kwargs):
        self.month = self.as_at.replace(day=1)
        if self.pk and type(self).objects.filter(pk=self.pk, status=ReturnStatus.PUBLISHED).exists():
            raise ReturnIsPublished(f"{self} is published and cannot be changed; correct it with a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == ReturnStatus.PUBLISHED:
            raise ReturnIsPublished(f"{self} is published and cannot be deleted")
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == ReturnStatus.DRAFT

    @property
    def is_correction(self):
        return self.version > 1

    def get_figures(self) -> Figures:
        return Figures.from_json(self.figures)

    def file_name(self, extension):
        version = f"-v{self.version}" if self.version > 1 else ""
        draft = "-DRAFT" if self.is_draft else ""
        return f"cme-tracking-return-{self.as_at:%Y-%m-%d}{version}{draft}.{extension}"


class MonthlyReturnEvent(models.Model):
    """The return's own history: generated, regenerated, commentary edited, published."""

    class Kind(models.TextChoices):
        GENERATED = "generated", "Generated"
        REGENERATED = "regenerated", "Regenerated"
        COMMENTARY = "commentary", "Commentary edited"
        PUBLISHED = "published", "Published"

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        return self.summary
