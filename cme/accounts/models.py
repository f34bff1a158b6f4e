from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    CME_OFFICER = "cme_officer", "CME officer"
    SENIOR_OFFICER = "senior_officer", "Senior CME officer or manager"
    REPORT_VIEWER = "report_viewer", "Report viewer (read only)"
    SCHOOL_USER = "school_user", "School staff"
    PARTNER = "partner", "Partner professional"
    ADMINISTRATOR = "administrator", "Administrator"


#: Roles of people who work for the local authority and may see its records.
LA_STAFF_ROLES = frozenset({Role.CME_OFFICER, Role.SENIOR_OFFICER, Role.ADMINISTRATOR})
#: Roles that may see the monthly return and dashboard figures.
REPORT_ROLES = frozenset(
    {Role.CME_OFFICER, Role.SENIOR_OFFICER, Role.REPORT_VIEWER, Role.ADMINISTRATOR}
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # People type their address in whatever case; log them in regardless.
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their e-mail address.

    What they may do follows from ``role``. School staff are members of one or
    more schools through ``tracking.SchoolMembership``; partner professionals
    name their organisation.
    """

    username = None
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text="For partner professionals: the organisation they work for.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()
    # Who changed whose role, name or access, and when (never the password hash).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_la_staff(self) -> bool:
        return self.role in LA_STAFF_ROLES

    @property
    def is_senior(self) -> bool:
        return self.role == Role.SENIOR_OFFICER

    @property
    def is_school_user(self) -> bool:
        return self.role == Role.SCHOOL_USER

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def can_view_reports(self) -> bool:
        return self.role in REPORT_ROLES

    @property
    def can_manage_service(self) -> bool:
        """Senior officers and managers configure the service (term dates, checklists)."""
        return self.role in {Role.SENIOR_OFFICER, Role.ADMINISTRATOR}
