from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .children import Child


class Category(models.TextChoices):
    """Why the child is missing education: the measures of the monthly return
    (Southampton CME policy 2021, Appendix 3)."""

    FAILED_TO_START_RECEPTION = "reception", "Failed to start in Reception"
    FAILED_TO_TRANSFER_JUNIOR = "junior", "Failed to transfer to junior school"
    FAILED_TO_TRANSFER_SECONDARY = "secondary", "Failed to transfer to secondary school"
    DEFERRED_ENTRY = "deferred", "Deferred entry to Reception"
    PERMANENTLY_EXCLUDED = "excluded", "Permanently excluded, without provision"
    LEAVER_DESTINATION_UNKNOWN = "leaver", "Leaver – destination unknown"
    SEND_WITHOUT_PLACE = "send", "SEND (EHCP or under assessment) without a place"
    LOOKED_AFTER_WITHOUT_PROVISION = "cla", "Looked-after child without provision"
    IN_YEAR_PROCESSING = "inyear_processing", "In-year admission – application being processed"
    IN_YEAR_UNDER_OFFER = "inyear_offer", "In-year admission – under offer"
    IN_YEAR_FAILED_TO_REGISTER = "inyear_failed", "In-year admission – failed to register"
    CME_OTHER = "other", "CME – other"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    LOCATED = "located", "Located"
    FAILED_TO_TRACK = "ftt_pending", "Failed to track – awaiting sign-off"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    ENROLLED = "enrolled", "Located – enrolled at a school"
    OTHER_LA = "other_la", "Located – another local authority confirmed"
    ABROAD = "abroad", "Located – moved abroad"
    EHE = "ehe", "Located – electively home educated"
    ALTERNATIVE_PROVISION = "ap", "Located – in alternative provision"
    FAILED_TO_TRACK = "ftt", "Failed to track"
    CEASED_CSA = "ceased_csa", "No longer of compulsory school age"
    OPENED_IN_ERROR = "error", "Opened in error or duplicate"


LOCATED_OUTCOMES = [
    Outcome.ENROLLED, Outcome.OTHER_LA, Outcome.ABROAD, Outcome.EHE, Outcome.ALTERNATIVE_PROVISION,
]


class Priority(models.IntegerChoices):
    """Lower sorts first. A child-protection concern means act today."""

    ACT_TODAY = 1, "Act today"
    HIGH = 2, "High"
    STANDARD = 3, "Standard"


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.is_la_staff:
            return self
        return self.none()

    def active(self):
        """Cases the LA is still working: not closed."""
        return self.exclude(status=Status.CLOSED)


class Case(models.Model):
    """The LA's search for one child, worked until the child is located or the
    failed-to-track checklist is signed off.

    ``status`` changes only through ``tracking.workflow.transition``.
    """

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases")
    category = models.CharField(max_length=24, choices=Category.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, editable=False)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True, editable=False)
    outcome_school = models.ForeignKey(
        "tracking.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        editable=False,
    )
    outcome_details = models.TextField(blank=True, editable=False)
    opened_on = models.DateField()
    located_on = models.DateField(null=True, blank=True, editable=False)
    closed_on = models.DateField(null=True, blank=True, editable=False)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.STANDARD)
    priority_overridden = models.BooleanField(default=False)
    priority_override_reason = models.CharField(max_length=500, blank=True)
    next_action = models.CharField(max_length=300, blank=True)
    next_action_due = models.DateField(null=True, blank=True)
    last_known_school = models.ForeignKey(
        "tracking.School", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["priority", "next_action_due", "opened_on"]
        indexes = [
            models.Index(fields=["status", "priority", "next_action_due"]),
            models.Index(fields=["assigned_officer", "status"]),
            models.Index(fields=["category", "status"]),
        ]
        constraints = [
            # One active case per child: a second referral attaches to it.
            models.UniqueConstraint(
                fields=["child"], condition=~Q(status="closed"), name="one_active_case_per_child"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.child}"

    @property
    def reference(self):
        return f"CASE-{self.pk:06d}" if self.pk else "CASE-(new)"

    @property
    def is_closed(self):
        return self.status == Status.CLOSED

    @property
    def is_located(self):
        return self.outcome in LOCATED_OUTCOMES


class EventKind(models.TextChoices):
    OPENED = "opened", "Case opened"
    STATUS = "status", "Status changed"
    ASSIGNMENT = "assignment", "Officer assigned"
    CATEGORY = "category", "Category changed"
    PRIORITY = "priority", "Priority changed"
    NEXT_ACTION = "next_action", "Next action set"
    ENQUIRY = "enquiry", "Enquiry"
    HOME_VISIT = "home_visit", "Home visit"
    NOTE = "note", "Note"
    DOCUMENT = "document", "Document"
    CHECKLIST = "checklist", "Failed-to-track checklist"
    REFERRAL = "referral", "Referral"
    REMOVAL = "removal", "Removal from roll"
    ADMISSION = "admission", "New pupil notice"
    ALERT = "alert", "Alert"


class CaseEventQuerySet(models.QuerySet):
    def for_timeline(self):
        return self.select_related(
            "created_by", "enquiry", "home_visit", "document"
        ).order_by("-occurred_at", "-id")


class CaseEvent(models.Model):
    """One entry on a case's timeline, newest first.

    Status and category changes record the state *after* the event in
    ``status_after`` and ``category_after``, so that the monthly return can
    say what every case was on any past date.
    """

    Kind = EventKind

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    occurred_at = models.DateTimeField(help_text="When it happened (an enquiry may be logged later).")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    status_after = models.CharField(max_length=12, choices=Status.choices, blank=True)
    category_after = models.CharField(max_length=24, choices=Category.choices, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"]),
            models.Index(fields=["kind", "occurred_at"]),
        ]

    def __str__(self):
        return self.summary


class EnquiryMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    DATABASE = "database", "Database or system check"
    SECURE_MESSAGE = "secure_message", "Secure message (for example, S2S or AnyComms)"


class Enquiry(models.Model):
    """Who was asked, how, when and what they said."""

    Method = EnquiryMethod

    event = models.OneToOneField(CaseEvent, on_delete=models.CASCADE, related_name="enquiry")
    agency = models.CharField(max_length=200, help_text="Agency, service or system asked.")
    person = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=16, choices=EnquiryMethod.choices)
    made_on = models.DateField()
    outcome = models.TextField()
    follow_up_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "enquiries"


class HomeVisitOutcome(models.TextChoices):
    """The five home visit outcomes of the CME notification form
    (Southampton CME policy 2021, Appendix 2)."""

    PROPERTY_EMPTY = "empty", "Property empty – no signs of occupancy"
    RESIDENTS_DO_NOT_KNOW = "unknown_to_residents", "Current residents do not know the family"
    RESIDENTS_CONFIRM_LEFT = "residents_confirm_left", "Current residents confirm the family have left"
    NEIGHBOUR_CONFIRMS_LEFT = "neighbour_confirms_left", "Neighbour confirms the family have left"
    NO_RESPONSE_NOTE_LEFT = "no_response", "No response to the door, note left, no response to the note"


class HomeVisit(models.Model):
    Outcome = HomeVisitOutcome

    event = models.OneToOneField(CaseEvent, on_delete=models.CASCADE, related_name="home_visit")
    visited_on = models.DateField()
    outcome = models.CharField(max_length=24, choices=HomeVisitOutcome.choices)
    details = models.TextField()
    visiting_officers = models.CharField(
        max_length=300, help_text="Who went. Our two-to-visit rule applies to unknown addresses."
    )
    address = models.CharField(max_length=300, blank=True)


def document_path(instance, filename):
    # Stored under an opaque name in private storage; the original name is kept
    # in the row and given back only on a permission-checked download.
    return f"case-documents/{instance.event.case_id}/{instance.event_id}"


class CaseDocument(models.Model):
    event = models.OneToOneField(CaseEvent, on_delete=models.CASCADE, related_name="document")
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=300, blank=True)
