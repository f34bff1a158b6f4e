from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cme.schooldays import age
from cme.schooldays.age import NC_YEAR_CHOICES, NC_YEAR_MAX_LENGTH
from cme.schooldays.validators import upn_validator


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Children's records are for the local authority's staff only."""
        if user.is_authenticated and user.is_la_staff:
            return self
        return self.none()


class Child(models.Model):
    """A child the local authority knows about and may be looking for.

    Names, addresses and contacts are kept as history: a new address is a new
    row, so the last known address is never overwritten.
    """

    first_name = models.CharField("legal first name", max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField("legal last name", max_length=100)
    preferred_first_name = models.CharField(max_length=100, blank=True)
    preferred_last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    upn = models.CharField(
        "UPN", max_length=13, blank=True, db_index=True, validators=[upn_validator],
        help_text="Unique pupil number, if known.",
    )
    ethnicity = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    recorded_year_group = models.CharField(
        max_length=NC_YEAR_MAX_LENGTH, choices=NC_YEAR_CHOICES, blank=True,
        help_text="The year group the child's education record showed on the day it was recorded.",
    )
    recorded_year_group_on = models.DateField(
        null=True, blank=True,
        help_text="The day the year group was recorded: schools move pupils up a year each September.",
    )
    #: Years ahead (+) or behind (−) of the age group; not 0 means out of phase.
    #: Kept by ``save()`` from the three fields above, for the monthly return's SQL.
    year_group_offset = models.SmallIntegerField(null=True, blank=True, editable=False)
    siblings = models.ManyToManyField("self", symmetrical=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ChildQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["date_of_birth"])]
        verbose_name_plural = "children"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(p for p in [self.first_name, self.middle_names, self.last_name] if p)

    @property
    def known_as(self):
        if self.preferred_first_name or self.preferred_last_name:
            return f"{self.preferred_first_name or self.first_name} {self.preferred_last_name or self.last_name}"
        return ""

    # Derived facts, from the statutory rules in cme.schooldays.age.
    def age(self, on=None):
        return age.age_on(self.date_of_birth, on or date.today()) if self.date_of_birth else None

    def csa_start(self):
        return age.csa_start(self.date_of_birth) if self.date_of_birth else None

    def csa_end(self):
        return age.csa_end(self.date_of_birth) if self.date_of_birth else None

    def is_of_csa(self, on=None):
        return age.is_of_csa(self.date_of_birth, on or date.today()) if self.date_of_birth else None

    def csa_note(self, on=None):
        return age.csa_note(self.date_of_birth, on or date.today()) if self.date_of_birth else None

    def nc_year(self, on=None):
        return age.nc_year(self.date_of_birth, on or date.today()) if self.date_of_birth else None

    def year_group(self, on=None):
        """The year group the child's education record puts them in on ``on``
        (the recorded one, moved up each September since), or ``None``."""
        if not self.recorded_year_group:
            return None
        recorded_on = self.recorded_year_group_on or timezone.localdate()
        return age.year_group_moved_up(self.recorded_year_group, recorded_on, on or timezone.localdate())

    def _year_group_offset(self):
        if not (self.date_of_birth and self.recorded_year_group):
            return None
        return age.year_group_offset(self.date_of_birth, self.recorded_year_group,
                                     self.recorded_year_group_on or timezone.localdate())

    def is_out_of_phase(self):
        """Whether the recorded year group is not the one for the child's age:
        the same on every date, as both move up each September."""
        return self._year_group_offset() not in (None, 0)

    def save(self, *args, **kwargs):
        if not self.recorded_year_group:
            self.recorded_year_group_on = None
        elif self.recorded_year_group_on is None:
            self.recorded_year_group_on = timezone.localdate()
        self.year_group_offset = self._year_group_offset()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"date_of_birth", "recorded_year_group"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "recorded_year_group_on", "year_group_offset"}
        super().save(*args, **kwargs)


class ChildName(models.Model):
    """Every name a child is or was known by, each searchable."""

    class Kind(models.TextChoices):
        LEGAL = "legal", "Legal name"
        PREFERRED = "preferred", "Preferred name"
        ALIAS = "alias", "Also known as"
        PREVIOUS = "previous", "Previous name"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


class NameToken(models.Model):
    """One word of one of a child's names, normalised and phonetic, for search.

    "Smith-Jones" gives the tokens "smith" and "jones"; "Zoë" gives "zoe";
    "Muhammad" and "Mohammed" share the phonetic key "MHMT" (see
    ``tracking.names``). Rebuilt by ``tracking.services.index_names``
    whenever the child's names change.
    """

    class Part(models.TextChoices):
        FIRST = "first", "First name"
        LAST = "last", "Last name"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="name_tokens")
    part = models.CharField(max_length=5, choices=Part.choices)
    token = models.CharField(max_length=100)
    phonetic = models.CharField(max_length=100)
    skeleton = models.CharField(max_length=100)

    class Meta:
        indexes = [
            models.Index(fields=["token"]),
            models.Index(fields=["phonetic"]),
            models.Index(fields=["skeleton"]),
        ]


class Address(models.Model):
    class Kind(models.TextChoices):
        HOME = "home", "Home address"
        FORWARDING = "forwarding", "Forwarding address"
        AREA = "area", "Area moved to (no full address)"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.HOME)
    line_1 = models.CharField(max_length=200, blank=True)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    postcode_key = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    phone = models.CharField(max_length=40, blank=True)
    lived_from = models.DateField(null=True, blank=True)
    lived_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where this address came from.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-lived_from", "-created_at", "-id"]
        verbose_name_plural = "addresses"

    def __str__(self):
        return ", ".join(p for p in [self.line_1, self.line_2, self.town, self.postcode] if p)

    def save(self, *args, **kwargs):
        self.postcode = " ".join(self.postcode.upper().split())
        self.postcode_key = self.postcode.replace(" ", "")
        super().save(*args, **kwargs)

    @property
    def is_current(self):
        return self.lived_to is None


class Contact(models.Model):
    """A parent, carer or other adult connected with the child."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    lives_with_child = models.BooleanField(default=False)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-has_parental_responsibility", "name"]

    def __str__(self):
        return f"{self.name} ({self.relationship})" if self.relationship else self.name


class Enrolment(models.Model):
    """A period on a school's roll."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey(
        "tracking.School", null=True, blank=True, on_delete=models.PROTECT, related_name="enrolments"
    )
    school_name = models.CharField(
        max_length=255, blank=True, help_text="For a school not in GIAS (abroad, independent)."
    )
    on_roll_from = models.DateField(null=True, blank=True)
    on_roll_to = models.DateField(null=True, blank=True)
    year_group = models.CharField(
        max_length=NC_YEAR_MAX_LENGTH, choices=NC_YEAR_CHOICES, blank=True
    )
    leaving_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on_roll_from", "-id"]

    def __str__(self):
        return self.school.name if self.school else self.school_name


class FlagKind(models.TextChoices):
    CHILD_PROTECTION = "cp", "Child protection plan"
    CHILD_IN_NEED = "cin", "Child in need"
    LOOKED_AFTER = "cla", "Looked after child"
    EHCP = "ehcp", "Education, health and care plan (EHCP)"
    EHCP_ASSESSMENT = "ehcp_assessment", "Under assessment for an EHCP"
    SEN_SUPPORT = "sen", "SEN support"
    YOUTH_OFFENDING = "yos", "Known to youth offending service"
    YOUNG_CARER = "young_carer", "Young carer"
    GRT = "grt", "Gypsy, Roma or Traveller"
    REFUGEE = "refugee", "Refugee or asylum seeker"
    SERVICE_FAMILY = "service_family", "Service family"
    PREVIOUSLY_CME = "previous_cme", "Previously missing education"
    PREVIOUSLY_EXCLUDED = "previous_exclusion", "Previously excluded"


class VulnerabilityFlagQuerySet(models.QuerySet):
    def active_on(self, on):
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class VulnerabilityFlag(models.Model):
    """A risk factor, true for a period: "child protection plan from 3 March"."""

    Kind = FlagKind

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=24, choices=FlagKind.choices)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VulnerabilityFlagQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-starts_on"]
        indexes = [models.Index(fields=["kind", "starts_on", "ends_on"])]

    def __str__(self):
        return self.get_kind_display()

    def is_active(self, on=None):
        on = on or date.today()
        return (self.starts_on is None or self.starts_on <= on) and (self.ends_on is None or self.ends_on >= on)
