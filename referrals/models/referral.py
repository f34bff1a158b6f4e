"""A CME referral: the notification of a child missing education
(Southampton CME policy 2021, Appendix 2), from a school or a partner
professional, and what the CME team decided about it.

A referral is a ``draft`` until its referrer submits it; drafts keep every
answer so the referrer can leave and come back. ``status`` changes only
through ``referrals.workflow.transition``.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import Q

from cme.schooldays.age import NC_YEAR_CHOICES, NC_YEAR_MAX_LENGTH
from cme.schooldays.validators import upn_validator
from tracking.models import FlagKind, Priority, SchoolMembership, Sex
from tracking.models import Status as CaseStatus

from .common import EnquiriesAndHomeVisit, Message, TimelineEntry


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Draft – not sent"
    SUBMITTED = "submitted", "New – waiting for triage"
    INFO_REQUESTED = "info_requested", "Waiting for more information from the referrer"
    ACCEPTED = "accepted", "Accepted"
    NOT_CME = "not_cme", "Not a CME case"
    DUPLICATE = "duplicate", "Duplicate"


#: Decided: nothing more for the triage queue to do.
DECIDED_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.NOT_CME, ReferralStatus.DUPLICATE)


#: What the referrer is told, in plain words, and the colour of the tag.
REFERRER_STATUS = {
    ReferralStatus.DRAFT: ("Draft – not sent", "grey"),
    ReferralStatus.SUBMITTED: ("Received", "blue"),
    ReferralStatus.INFO_REQUESTED: ("We need more information", "orange"),
    ReferralStatus.ACCEPTED: ("Accepted – we are looking for this child", "green"),
    ReferralStatus.NOT_CME: ("Not a CME case", "grey"),
    ReferralStatus.DUPLICATE: ("Already referred – added to an earlier referral", "grey"),
}


class ReferrerKind(models.TextChoices):
    SCHOOL = "school", "School"
    PARTNER = "partner", "Partner professional"


class NotCmeReason(models.TextChoices):
    """Why a referral is not a CME case, and so where it was redirected
    (Redcar & Cleveland CME process 2020, step 3)."""

    ON_ROLL_ELSEWHERE = "on_roll", "The child is on roll at a school"
    ATTENDANCE_MATTER = "attendance", "An attendance matter for the school"
    NOT_OF_CSA = "not_csa", "The child is not of compulsory school age"
    HOME_EDUCATED = "ehe", "The child is electively home educated"
    OTHER_LA = "other_la", "The child lives in another local authority"
    OTHER = "other", "Another reason"


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """LA staff see every sent referral; school staff their schools' and
        their own drafts; partners only their own; anyone else nothing."""
        if not user.is_authenticated:
            return self.none()
        if user.is_la_staff:
            return self.exclude(status=ReferralStatus.DRAFT)
        if user.is_school_user:
            # The schools they act for now: someone who has left a school no
            # longer sees what it sent, even what they sent themselves.
            their_schools = SchoolMembership.objects.filter(user=user).values("school_id")
            sent_by_school = Q(school_id__in=their_schools) & ~Q(status=ReferralStatus.DRAFT)
            return self.filter(sent_by_school | Q(referrer=user, status=ReferralStatus.DRAFT))
        if user.is_partner:
            return self.filter(referrer=user)
        return self.none()

    def drafts_of(self, user):
        return self.filter(referrer=user, status=ReferralStatus.DRAFT)

    def awaiting_triage(self):
        return self.filter(status=ReferralStatus.SUBMITTED)


class Referral(EnquiriesAndHomeVisit):
    Status = ReferralStatus

    reference = models.CharField(
        max_length=20, unique=True, null=True, blank=True, editable=False,
        help_text="Given when the referral is sent, e.g. CME-2026-00042.",
    )
    status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT, editable=False
    )
    referrer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals")
    referrer_kind = models.CharField(max_length=8, choices=ReferrerKind.choices)
    school = models.ForeignKey(
        "tracking.School", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals",
        help_text="The referring school (school referrals).",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="The partner's organisation.")

    # The family.
    parent_name = models.CharField("name of the person with parental responsibility", max_length=200, blank=True)
    parent_relationship = models.CharField("their relationship to the child", max_length=100, blank=True)
    parent_phone = models.CharField("their phone number", max_length=40, blank=True)
    address_line_1 = models.CharField("address line 1", max_length=200, blank=True)
    address_line_2 = models.CharField("address line 2", max_length=200, blank=True)
    address_town = models.CharField("town or city", max_length=100, blank=True)
    address_postcode = models.CharField("postcode", max_length=10, blank=True)
    address_phone = models.CharField("phone number at the address", max_length=40, blank=True)

    # School and attendance.
    last_school_name = models.CharField(
        "school the child was last at", max_length=255, blank=True,
        help_text="For partner referrals; a school referral's school is the referring school.",
    )
    last_attendance_date = models.DateField("date of last attendance", null=True, blank=True)
    moved_to_area = models.CharField("area the child has moved to", max_length=300, blank=True)
    forwarding_address = models.TextField(blank=True)
    siblings = models.JSONField(
        default=list, blank=True, help_text='Known siblings and their schools: [{"name": …, "school": …}].'
    )

    # Risk.
    risk_flags = models.JSONField(default=list, blank=True, help_text="tracking.FlagKind values.")
    risk_details = models.TextField("other risk factors", blank=True)
    child_protection_concern = models.BooleanField(null=True, blank=True)
    child_protection_details = models.TextField(blank=True)

    # The eight actions taken, each with its outcome, and the home visit: EnquiriesAndHomeVisit.

    # The referrer.
    referred_by = models.CharField("referred by (name and job title)", max_length=200, blank=True)
    referrer_phone = models.CharField("contact number", max_length=40, blank=True)
    additional_comments = models.TextField(blank=True)

    # Triage.
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.STANDARD, editable=False)
    not_cme_reason = models.CharField(max_length=12, choices=NotCmeReason.choices, blank=True, editable=False)
    redirected_to = models.CharField(max_length=300, blank=True, editable=False)
    decision_details = models.TextField(blank=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates", editable=False
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )

    # The clock (Redcar & Cleveland CME process 2020, step 2): school days
    # since receipt, not counting those spent waiting for the referrer.
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    received_on = models.DateField(null=True, blank=True, editable=False)
    paused_on = models.DateField(
        null=True, blank=True, editable=False, help_text="Waiting for the referrer since this day."
    )
    pauses = models.JSONField(
        default=list, blank=True, editable=False,
        help_text='Earlier waits for the referrer, as ["from", "to"] ISO dates; counted on the calendar when read.',
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "priority", "submitted_at"]),
            models.Index(fields=["referrer", "status"]),
            models.Index(fields=["school", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(reference__isnull=False), name="sent_referral_has_reference"
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("pk")), name="referral_not_duplicate_of_itself"
            ),
        ]

    def __str__(self):
        return self.reference or f"Draft referral {self.pk}"

    @property
    def is_draft(self):
        return self.status == ReferralStatus.DRAFT

    @property
    def is_school_referral(self):
        return self.referrer_kind == ReferrerKind.SCHOOL

    @property
    def is_decided(self):
        return self.status in DECIDED_STATUSES

    @property
    def is_paused(self):
        return self.paused_on is not None

    @property
    def act_today(self):
        return self.priority == Priority.ACT_TODAY

    @property
    def referrer_organisation(self):
        return self.school.name if self.school_id else self.organisation

    @property
    def address(self):
        return ", ".join(
            p for p in [self.address_line_1, self.address_line_2, self.address_town, self.address_postcode] if p
        )

    @property
    def risk_flag_labels(self):
        return [FlagKind(kind).label for kind in self.risk_flags if kind in FlagKind.values]

    def _cases(self):
        return [c.case for c in self.children.all() if c.case_id]

    @property
    def is_resolved(self):
        """Nothing more for the referrer to wait for: decided as not CME or a
        duplicate, or accepted and every child's case located or closed."""
        if self.status in (ReferralStatus.NOT_CME, ReferralStatus.DUPLICATE):
            return True
        if self.status != ReferralStatus.ACCEPTED:
            return False
        cases = self._cases()
        return bool(cases) and all(case.status in (CaseStatus.LOCATED, CaseStatus.CLOSED) for case in cases)

    @property
    def referrer_status(self):
        """(words, tag colour) for the referrer. Never the LA's internal detail."""
        if self.status == ReferralStatus.ACCEPTED and self.is_resolved:
            if all(case.is_located for case in self._cases()):
                return ("Closed – the child has been found", "turquoise")
            return ("Closed", "grey")
        return REFERRER_STATUS[self.status]

    @property
    def sibling_names(self):
        return [s.get("name", "") for s in self.siblings if s.get("name")]


class ReferralChild(models.Model):
    """One child named in a referral, and the child record the officer
    matched or created for them at triage."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True, validators=[upn_validator])
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    year_group = models.CharField(max_length=NC_YEAR_MAX_LENGTH, choices=NC_YEAR_CHOICES, blank=True)

    child = models.ForeignKey(
        "tracking.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals",
        editable=False,
    )
    created_child = models.BooleanField(
        default=False, editable=False, help_text="The record was created from this referral, not matched."
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    matched_at = models.DateTimeField(null=True, blank=True, editable=False)
    case = models.ForeignKey(
        "tracking.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="referral_children",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "referral children"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()


class ReferralEventKind(models.TextChoices):
    SUBMITTED = "submitted", "Referral received"
    CHILD_MATCHED = "matched", "Child matched to a record"
    CHILD_CREATED = "created", "New child record created"
    MATCH_UNDONE = "unmatched", "Match undone"
    DECISION = "decision", "Triage decision"
    MESSAGE = "message", "Message"
    PROGRESS_UPDATE = "progress", "Progress update sent"


class ReferralEvent(TimelineEntry):
    """One entry on the referral's timeline, newest first."""

    Kind = ReferralEventKind

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=ReferralEventKind.choices)
    status_after = models.CharField(max_length=16, choices=ReferralStatus.choices, blank=True)

    class Meta(TimelineEntry.Meta):
        indexes = [models.Index(fields=["referral", "-occurred_at"])]


class ReferralMessage(Message):
    """A message between the CME team and the referrer. Everything here is
    shown to the referrer: internal notes belong on the case."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")


class ProgressUpdate(models.Model):
    """A progress update e-mailed to the referrer at a milestone (10, 20, …
    school days unresolved). One row per milestone: never sent twice."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="progress_updates")
    milestone = models.PositiveSmallIntegerField(help_text="School days since receipt, paused time excluded.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "milestone"], name="one_progress_update_per_milestone"),
        ]
