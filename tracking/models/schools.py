from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class LocalAuthority(models.Model):
    """An English local authority, as named in GIAS ("LA (code)", "LA (name)")."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return f"{self.name} ({self.code})"


class SchoolQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=School.OPEN_STATUSES)

    def in_home_la(self):
        return self.filter(la__code=settings.CME_LA_CODE)


class School(models.Model):
    """A school from the DfE "Get Information About Schools" (GIAS) extract."""

    # GIAS "EstablishmentStatus (name)": a school "Proposed to open" has no
    # pupils yet and a blank status is unknown, so neither counts as open.
    OPEN_STATUSES = ("Open", "Open, but proposed to close")

    urn = models.CharField("URN", max_length=6, unique=True)
    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="schools")
    establishment_number = models.CharField(max_length=4, blank=True)
    dfe_number = models.CharField("DfE number", max_length=8, blank=True, db_index=True)
    name = models.CharField(max_length=255)
    type_name = models.CharField("type of establishment", max_length=120, blank=True)
    phase = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=60, blank=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    street = models.CharField(max_length=255, blank=True)
    locality = models.CharField(max_length=255, blank=True)
    town = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    open_date = models.DateField(null=True, blank=True)
    close_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="SchoolMembership", related_name="schools", blank=True
    )

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="school_name_lower_idx")]

    def __str__(self):
        return self.name

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def address(self):
        return ", ".join(p for p in [self.street, self.locality, self.town, self.postcode] if p)


class SchoolMembership(models.Model):
    """School staff belong to one or more schools and act only for those."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_memberships"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school"),
        ]

    def __str__(self):
        return f"{self.user} at {self.school}"
