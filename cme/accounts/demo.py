"""Demo users: one of each role, all with the same password (see README)."""

from base64 import b32decode

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .models import Role, User

DEMO_PASSWORD = "cme-demo-password"
# Local authority demo accounts need two-factor authentication like real ones.
# Their authenticator key is this (add it to any authenticator app), or run
# `make code EMAIL=officer@demo-council.test` for the current code.
DEMO_TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_DEVICE_NAME = "Demo authenticator"

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
            # Only for an account seeding made: a reset authenticator stays reset.
            if two_factor.is_required(user):
                TOTPDevice.objects.create(
                    user=user, name=DEMO_DEVICE_NAME, key=b32decode(DEMO_TOTP_KEY).hex(), confirmed=True,
                )
    stdout.write(f"Demo users (password '{DEMO_PASSWORD}'; council staff also need a code:")
    stdout.write(f"  authenticator key {DEMO_TOTP_KEY}, or `make code EMAIL=...`):")
    for email, first, last, role, *_ in DEMO_USERS:
        stdout.write(f"  {email:34} {Role(role).label}")
