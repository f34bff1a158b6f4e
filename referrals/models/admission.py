"""New-pupil notices: a school tells the LA of a pupil added to its admission
register (Pupil Registration Regulations 2024, reg. 13: by the end of the
fifth calendar day after adding them), and any open CME case that may be
that child is put to a CME officer to confirm "located – enrolled".

A notice's ``status`` changes only through
``referrals.workflow.admissions.send``; a match's only through
``referrals.workflow.admissions.transition``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from cme.schooldays.deadlines import new_pupil_notice_due
from tracking.models import SchoolMembership, Sex

from .common import PupilDetails


class AdmissionStatus(models.TextChoices):
    DRAFT = "draft", "Draft – not sent"
    SENT = "sent", "Sent"


class AdmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """As removal requests: LA staff every sent notice, school staff their schools'."""
        if not user.is_authenticated:
            return self.none()
        if user.is_la_staff:
            return self.exclude(status=AdmissionStatus.DRAFT)
        if user.is_school_user:
            return self.filter(school_id__in=SchoolMembership.objects.filter(user=user).values("school_id"))
        return self.none()


class AdmissionNotice(PupilDetails):
    Status = AdmissionStatus

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(max_length=8, choices=AdmissionStatus.choices, default=AdmissionStatus.DRAFT,
                              editable=False)
    school = models.ForeignKey("tracking.School", on_delete=models.PROTECT, related_name="admission_notices")
    notified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="admission_notices")

    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    admitted_on = models.DateField("date added to the admission register", null=True, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    previous_school = models.CharField(max_length=255, blank=True)
    from_upload = models.BooleanField(default=False, editable=False, help_text="Sent in a CSV file.")

    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    matched_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was checked against open cases.",
    )
    child = models.ForeignKey("tracking.Child", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="admission_notices", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AdmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        indexes = [models.Index(fields=["school", "status", "admitted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(reference__isnull=False), name="sent_notice_has_reference"
            ),
            # Telling us twice about the same admission (a double click, a file
            # uploaded again) is refused.
            models.UniqueConstraint(
                "school", Lower("first_name"), Lower("last_name"), "date_of_birth", "admitted_on",
                condition=Q(status="sent"), name="one_notice_per_admission",
            ),
        ]

    def __str__(self):
        return self.reference or f"Draft new pupil notice {self.pk}"

    @property
    def is_draft(self):
        return self.status == AdmissionStatus.DRAFT

    @property
    def due_on(self):
        """The last day to tell the LA: the fifth calendar day after admission (reg. 13)."""
        return new_pupil_notice_due(self.admitted_on) if self.admitted_on else None

    @property
    def sent_late(self):
        return bool(self.sent_at and self.due_on and self.sent_at.date() > self.due_on)


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for a CME officer"
    CONFIRMED = "confirmed", "Confirmed: located – enrolled"
    REJECTED = "rejected", "Not the same child"


class AdmissionMatch(models.Model):
    """A child with an open case who may be the pupil a notice names. A CME
    officer confirms ("located – enrolled": the case closes) or rejects it."""

    Status = MatchStatus

    notice = models.ForeignKey(AdmissionNotice, on_delete=models.CASCADE, related_name="matches")
    child = models.ForeignKey("tracking.Child", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("tracking.Case", on_delete=models.PROTECT, related_name="admission_matches")
    score = models.PositiveSmallIntegerField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED,
                              editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    decision_note = models.CharField(max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "case"], name="one_match_per_notice_and_case"),
        ]

    def __str__(self):
        return f"{self.notice} may be {self.child}"
