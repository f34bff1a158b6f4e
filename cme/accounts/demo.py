"""Demo users: one of each role, all with the same password (see README)."""

from .models import Role, User

DEMO_PASSWORD = "cme-demo-password"

DEMO_USERS = [
    # email, first, last, role, organisation, job title
    ("officer@demo-council.test", "Priya", "Shah", Role.CME_OFFICER, "", "CME officer"),
    ("officer2@demo-council.test", "Tom", "Brennan", Role.CME_OFFICER, "", "CME officer"),
    ("senior@demo-council.test", "Sam", "Okafor", Role.SENIOR_OFFICER, "", "Senior CME officer"),
    ("manager@demo-council.test", "Helen", "Marsh", Role.SENIOR_OFFICER, "", "Children not in school manager"),
    ("viewer@demo-council.test", "Raj", "Patel", Role.REPORT_VIEWER, "", "Head of education"),
    ("school@oak-primary.test", "Grace", "Adeyemi", Role.SCHOOL_USER, "", "Attendance lead"),
    ("school@elm-academy.test", "Mark", "Ellis", Role.SCHOOL_USER, "", "Designated safeguarding lead"),
    ("partner@community-health.test", "Nadia", "Kowalski", Role.PARTNER, "Demo Community Health NHS Trust", "Health visitor"),
    ("partner@housing.test", "Owen", "Price", Role.PARTNER, "Demo City Housing", "Housing officer"),
    ("admin@demo-council.test", "Alex", "Morgan", Role.ADMINISTRATOR, "", "Systems administrator"),
]


def seed(stdout):
    for email, first, last, role, organisation, job_title in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults=dict(
                first_name=first, last_name=last, role=role,
                organisation=organisation, job_title=job_title,
                is_staff=role == Role.ADMINISTRATOR, is_superuser=role == Role.ADMINISTRATOR,
            ),
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    stdout.write(f"Demo users (password '{DEMO_PASSWORD}'):")
    for email, first, last, role, *_ in DEMO_USERS:
        stdout.write(f"  {email:34} {Role(role).label}")
