"""A school's request to remove a pupil from its roll (a "leaver" notice),
and the CME officer's decision on whether the removal is lawful.

School Attendance (Pupil Registration) (England) Regulations 2024, reg. 9:
the school gives the ground, the pupil's details, the parent the pupil lived
with, a contact number, the new address and school if known (DESIGN.md
section 2, "Deleting a pupil"); Southampton CME policy 2024-25, Appendix 1:
the pupil is "located" because the new school confirmed enrolment, the new
LA confirmed, the parent's EHE letter was received or the move overseas was
confirmed — otherwise the LA decides, and if the removal is lawful but the
child is not located, "the Senior CME Officer … will now hold the case".

``status`` changes only through ``referrals.workflow.removals.transition``.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from cme.schooldays.models import DeletionGround
from tracking.models import SchoolMembership

from .common import EnquiriesAndHomeVisit, Message, PupilDetails, TimelineEntry


class RemovalStatus(models.TextChoices):
    DRAFT = "draft", "Draft – not sent"
    SUBMITTED = "submitted", "Waiting for the CME officer’s decision"
    INFO_REQUESTED = "info_requested", "Waiting for the school to answer a question"
    AGREED = "agreed", "Lawful removal agreed"
    NOT_LAWFUL = "not_lawful", "Not lawful – pupil remains on roll"


#: What the school is told, in plain words, and the colour of the tag.
SCHOOL_STATUS = {
    RemovalStatus.DRAFT: ("Draft – not sent", "grey"),
    RemovalStatus.SUBMITTED: ("Waiting for our decision", "blue"),
    RemovalStatus.INFO_REQUESTED: ("We need more information", "orange"),
    RemovalStatus.AGREED: ("Lawful removal agreed", "green"),
    RemovalStatus.NOT_LAWFUL: ("Not lawful – pupil remains on roll", "red"),
}


#: Sent and not yet decided: the pupil stays on roll, and the school may not
#: send another request for them.
UNDECIDED = (RemovalStatus.SUBMITTED, RemovalStatus.INFO_REQUESTED)
STATUS_LENGTH = 16


class Destination(models.TextChoices):
    NEW_SCHOOL = "new_school", "A new school"
    OTHER_LA = "other_la", "Another local authority (school not known)"
    ABROAD = "abroad", "Abroad"
    EHE = "ehe", "Elective home education"
    UNKNOWN = "unknown", "Not known"
    NOT_APPLICABLE = "none", "Not applicable: this ground has no destination"


#: ``DeletionGround.kind`` of the reg. 9(1) grounds the rules treat specially.
NURSERY_NOT_MOVING = DeletionGround.NURSERY_NOT_MOVING  # (b)
DUAL_REGISTERED = DeletionGround.DUAL_REGISTERED  # (c)
DIED = DeletionGround.DIED  # (k)
CEASING_CSA = DeletionGround.CEASING_CSA  # (l)
PERMANENTLY_EXCLUDED = DeletionGround.PERMANENTLY_EXCLUDED  # (o)
REGISTERED_ELSEWHERE = DeletionGround.REGISTERED_ELSEWHERE  # (a)
HOME_EDUCATION = DeletionGround.HOME_EDUCATION  # (f)

#: Grounds with no destination to find: nobody looks for the child, so no
#: destination, evidence, enquiries or CME case (DESIGN.md section 2).
NO_DESTINATION_GROUNDS = frozenset({NURSERY_NOT_MOVING, DIED, CEASING_CSA})

#: Grounds a school may not use while a school attendance order names it
#: (reg. 9(1)(a), (c) and (f)).
ATTENDANCE_ORDER_GROUNDS = frozenset({REGISTERED_ELSEWHERE, DUAL_REGISTERED, HOME_EDUCATION})


class LocatedBecause(models.TextChoices):
    """Why the school believes it knows where the pupil is (Southampton CME
    policy 2024-25, Appendix 1, "Pupil 'located' because")."""

    NEW_SCHOOL_CONFIRMED = "school_confirmed", "The new school has confirmed the pupil’s enrolment"
    NEW_LA_CONFIRMED = "la_confirmed", "The new local authority has confirmed it knows the pupil"
    EHE_NOTICE = "ehe_notice", "We have the parent’s written notice of elective home education"
    MOVED_OVERSEAS = "overseas", "We have confirmation that the pupil has moved overseas"
    OTHER = "other", "Something else"
    NOT_LOCATED = "not_located", "The pupil has not been located"


#: The evidence that confirms each destination. Any other pairing leaves the
#: destination unconfirmed, and the CME team holds the case.
CONFIRMS = {
    Destination.NEW_SCHOOL: LocatedBecause.NEW_SCHOOL_CONFIRMED,
    Destination.OTHER_LA: LocatedBecause.NEW_LA_CONFIRMED,
    Destination.ABROAD: LocatedBecause.MOVED_OVERSEAS,
    Destination.EHE: LocatedBecause.EHE_NOTICE,
}

#: Common Transfer File destinations for the Lost Pupil Database (DESIGN.md
#: section 2; DfE CTF guidance).
CTF_UNKNOWN = "XXXXXXX"
CTF_OUTSIDE_MAINTAINED = "MMMMMMM"


def is_independent(school):
    return "independent" in (school.type_name or "").lower()


def ctf_school_code(school):
    """A school's CTF code: its 3-digit LA code and 4-digit establishment
    number, or its DfE number ("852/4102") when that is complete; "" when
    GIAS gives neither in full (a blank establishment number is allowed
    there). Never a partial code such as "852"."""
    code = f"{school.la.code if school.la_id else ''}{school.establishment_number}"
    if re.fullmatch(r"\d{7}", code):
        return code
    dfe = re.fullmatch(r"(\d{3})/?(\d{4})", (school.dfe_number or "").strip())
    return "".join(dfe.groups()) if dfe else ""


def ctf_destination_for(destination, school=None):
    """The CTF destination: the new school's code (``ctf_school_code``),
    ``XXXXXXX`` when the school is not known, ``MMMMMMM`` when the pupil has
    left maintained education (abroad, home education, an independent
    school). "" when there is none to give: the ground has no destination,
    or the new school has no complete code (the rules refuse that school)."""
    if destination == Destination.NEW_SCHOOL and school is not None:
        return CTF_OUTSIDE_MAINTAINED if is_independent(school) else ctf_school_code(school)
    if destination in (Destination.ABROAD, Destination.EHE):
        return CTF_OUTSIDE_MAINTAINED
    if destination == Destination.NOT_APPLICABLE:
        return ""
    return CTF_UNKNOWN


class RemovalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """LA staff see every sent request; school staff every request of the
        schools they work at now (drafts included: a colleague may finish
        one); anyone else nothing."""
        if not user.is_authenticated:
            return self.none()
        if user.is_la_staff:
            return self.exclude(status=RemovalStatus.DRAFT)
        if user.is_school_user:
            return self.filter(school_id__in=SchoolMembership.objects.filter(user=user).values("school_id"))
        return self.none()

    def undecided(self):
        """Sent and not decided: waiting for the officer, or for the school's answer."""
        return self.filter(status__in=UNDECIDED)


class RemovalFromRollRequest(PupilDetails, EnquiriesAndHomeVisit):
    Status = RemovalStatus

    reference = models.CharField(
        max_length=20, unique=True, null=True, blank=True, editable=False,
        help_text="Given when the request is sent, e.g. RFR-2026-00042.",
    )
    status = models.CharField(max_length=STATUS_LENGTH, choices=RemovalStatus.choices, default=RemovalStatus.DRAFT,
                              editable=False)
    school = models.ForeignKey("tracking.School", on_delete=models.PROTECT, related_name="removal_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="removal_requests")

    # The pupil (name, date of birth, UPN, year group: PupilDetails), their address and family.
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    address_town = models.CharField(max_length=100, blank=True)
    address_postcode = models.CharField(max_length=10, blank=True)
    parent_name = models.CharField("parent or carer the pupil lived with", max_length=200, blank=True)
    parent_relationship = models.CharField(max_length=100, blank=True)
    contact_phone = models.CharField("contact number", max_length=40, blank=True)

    # The ground and the dates.
    ground = models.ForeignKey("schooldays.DeletionGround", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="removal_requests")
    absence_codes_confirmed = models.BooleanField(
        default=False, help_text="Ground (i): every session since the last attendance is coded G, N or O.",
    )
    leave_of_absence_end_date = models.DateField(
        "date the leave of absence ended", null=True, blank=True,
        help_text="Ground (h): the pupil did not return within 10 school days of this date.",
    )
    attendance_order_names_school = models.BooleanField(
        "a school attendance order names this school", null=True, blank=True,
        help_text="Asked for grounds (a), (c) and (f), which cannot be used while an order names the school.",
    )
    last_attendance_date = models.DateField(null=True, blank=True)
    proposed_removal_date = models.DateField(null=True, blank=True)

    # Where the pupil has gone, and how the school knows.
    destination = models.CharField(max_length=12, choices=Destination.choices, blank=True)
    destination_school = models.ForeignKey("tracking.School", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+")
    destination_la = models.CharField("local authority", max_length=200, blank=True)
    destination_country = models.CharField("country", max_length=100, blank=True)
    ehe_notice_date = models.DateField("date of the parent’s written notice", null=True, blank=True)
    ehe_start_date = models.DateField(
        "date home education starts", null=True, blank=True,
        help_text="When the parent's notice names a future date: it takes effect when that date comes (reg. 9(1)(f)).",
    )
    new_address = models.TextField(blank=True)
    located_because = models.CharField(max_length=16, choices=LocatedBecause.choices, blank=True)
    evidence_details = models.TextField(blank=True)

    # The school's enquiries and home visit, as on the CME referral: EnquiriesAndHomeVisit.
    additional_comments = models.TextField(blank=True)

    # The decision.
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    la_enquiries = models.TextField("the local authority’s enquiries", blank=True, editable=False)
    decision_reason = models.TextField(
        blank=True, editable=False, help_text="Why the removal is not lawful, or a note for the school. The school sees it.",
    )
    removal_date = models.DateField(
        null=True, blank=True, editable=False,
        help_text="Set when agreed: the proposed removal date, or the day of the decision if that is later. "
                  "The school may delete the pupil from this date, never before.",
    )
    destination_confirmed_by_la = models.BooleanField(default=False, editable=False)
    ctf_destination = models.CharField("CTF destination", max_length=7, blank=True, editable=False)
    la_holds_case = models.BooleanField(
        default=False, editable=False, help_text="Agreed with the destination unknown or unconfirmed: a CME case holds the child.",
    )
    child = models.ForeignKey("tracking.Child", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="removal_requests", editable=False)
    case = models.ForeignKey("tracking.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="removal_requests", editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RemovalQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = "removal from roll request"
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["school", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(reference__isnull=False), name="sent_removal_has_reference"
            ),
            # Agreed with the destination unknown or unconfirmed: the LA holds a case.
            models.CheckConstraint(
                condition=Q(la_holds_case=False) | Q(case__isnull=False), name="held_removal_has_case"
            ),
            # One undecided request per pupil and school (waiting for the officer,
            # or for the school's answer): sending the same pupil again (a second
            # tab, a double click) is refused.
            models.UniqueConstraint(
                "school", Lower("first_name"), Lower("last_name"), "date_of_birth",
                condition=Q(status__in=["submitted", "info_requested"]), name="one_pending_removal_per_pupil",
            ),
        ]

    def __str__(self):
        return self.reference or f"Draft removal request {self.pk}"

    @property
    def is_draft(self):
        return self.status == RemovalStatus.DRAFT

    @property
    def is_waiting_for_school(self):
        """The CME team has asked the school a question and is waiting for the answer."""
        return self.status == RemovalStatus.INFO_REQUESTED

    @property
    def is_decided(self):
        return self.status in (RemovalStatus.AGREED, RemovalStatus.NOT_LAWFUL)

    @property
    def school_status(self):
        return SCHOOL_STATUS[self.status]

    @property
    def address(self):
        return ", ".join(
            p for p in [self.address_line_1, self.address_line_2, self.address_town, self.address_postcode] if p
        )

    @property
    def has_no_destination(self):
        """The ground has no destination (died, nursery, ceasing CSA): nobody looks for the child."""
        return bool(self.ground_id) and self.ground.kind in NO_DESTINATION_GROUNDS

    @property
    def deletion_date(self):
        """The date the school may delete the pupil: the one agreed, or the one proposed."""
        return self.removal_date or self.proposed_removal_date

    @property
    def school_confirmed_destination(self):
        """The school's evidence confirms the destination it gives."""
        return bool(self.destination) and CONFIRMS.get(self.destination) == self.located_because

    @property
    def destination_known(self):
        return bool(self.destination) and self.destination != Destination.UNKNOWN

    @property
    def destination_text(self):
        """The destination in words: "A new school: Elm Academy (URN 116300)"."""
        if not self.destination:
            return ""
        label = Destination(self.destination).label
        detail = {
            Destination.NEW_SCHOOL: (f"{self.destination_school.name} (URN {self.destination_school.urn})"
                                     if self.destination_school_id else ""),
            Destination.OTHER_LA: self.destination_la,
            Destination.ABROAD: self.destination_country,
            Destination.EHE: "; ".join(part for part in (
                f"parent’s written notice dated {self.ehe_notice_date:%-d %B %Y}" if self.ehe_notice_date else "",
                f"home education starts on {self.ehe_start_date:%-d %B %Y}" if self.ehe_start_date else "",
            ) if part),
        }.get(self.destination, "")
        return f"{label}: {detail}" if detail else label

    @property
    def ctf_advice_destination(self):
        """The CTF destination the school should use: the one decided, or what it would be."""
        if self.status == RemovalStatus.AGREED:
            return self.ctf_destination
        return ctf_destination_for(self.destination, self.destination_school)


class RemovalEventKind(models.TextChoices):
    SUBMITTED = "submitted", "Request received"
    MESSAGE = "message", "Question or answer"
    DECISION = "decision", "Decision"
    CASE = "case", "CME case"


class RemovalEvent(TimelineEntry):
    """One entry on a removal request's timeline, newest first."""

    Kind = RemovalEventKind

    request = models.ForeignKey(RemovalFromRollRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=RemovalEventKind.choices)
    status_after = models.CharField(max_length=STATUS_LENGTH, choices=RemovalStatus.choices, blank=True)

    class Meta(TimelineEntry.Meta):
        indexes = [models.Index(fields=["request", "-occurred_at"])]


class RemovalMessage(Message):
    """A question from the CME team to the school about its request, or the
    school's answer (Southampton CME policy 2021: "the CME Officer follows up
    cases directly with schools when sufficient information has not been
    provided"). The school sees every one; the LA's timeline it never sees."""

    request = models.ForeignKey(RemovalFromRollRequest, on_delete=models.CASCADE, related_name="messages")
    from_la = models.BooleanField(help_text="Sent by the CME team (else by the school).")

    class Meta(Message.Meta):
        indexes = [models.Index(fields=["request", "from_la", "sent_at"], name="removal_message_thread")]
