"""Fixtures shared by every app's tests: the people in our stories.

Oak Primary and Elm Academy are two schools of the demo LA; Grace works at
Oak, Mark at Elm. Priya is a CME officer, Sam a senior officer, Raj reads
reports, Nadia and Owen are partner professionals, Alex administers.
"""

import pytest
from django.test import Client

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from cme.celery import app as celery_app


@pytest.fixture(autouse=True)
def _fast_and_eager(settings):
    # Argon2 is deliberately slow; tests sign in thousands of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in-process in tests, whatever broker the environment names;
    # the real-worker test switches this off for itself.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """School calendars are cached per process; tests that reset the database
    (browser tests, transactional_db) empty the tables without a signal."""
    from cme.schooldays.selectors import forget_calendars

    forget_calendars()
    yield
    forget_calendars()


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """``client.force_login(user)`` stands for a finished sign-in, second step
    included. The sign-in and two-factor journeys themselves are tested in
    cme/accounts/tests with real codes."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from cme.accounts import two_factor

        session = self.session
        session[two_factor.SESSION_KEY] = user.pk
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def home_la(db, settings):
    from tracking.tests.factories import LocalAuthorityFactory

    return LocalAuthorityFactory(code=settings.CME_LA_CODE, name=settings.CME_LA_NAME)


@pytest.fixture
def oak_primary(home_la):
    from tracking.tests.factories import SchoolFactory

    return SchoolFactory(name="Oak Primary School", la=home_la, phase="Primary")


@pytest.fixture
def elm_academy(home_la):
    from tracking.tests.factories import SchoolFactory

    return SchoolFactory(name="Elm Academy", la=home_la, phase="Secondary")


@pytest.fixture
def grace_at_oak(oak_primary):
    from tracking.tests.factories import SchoolMembershipFactory

    return SchoolMembershipFactory(
        school=oak_primary, user__first_name="Grace", user__last_name="Adeyemi"
    ).user


@pytest.fixture
def mark_at_elm(elm_academy):
    from tracking.tests.factories import SchoolMembershipFactory

    return SchoolMembershipFactory(
        school=elm_academy, user__first_name="Mark", user__last_name="Ellis"
    ).user


@pytest.fixture
def priya_officer(db):
    return UserFactory(role=Role.CME_OFFICER, first_name="Priya", last_name="Shah")


@pytest.fixture
def tom_officer(db):
    return UserFactory(role=Role.CME_OFFICER, first_name="Tom", last_name="Brennan")


@pytest.fixture
def sam_senior(db):
    return UserFactory(role=Role.SENIOR_OFFICER, first_name="Sam", last_name="Okafor")


@pytest.fixture
def raj_viewer(db):
    return UserFactory(role=Role.REPORT_VIEWER, first_name="Raj", last_name="Patel")


@pytest.fixture
def nadia_partner(db):
    return UserFactory(
        role=Role.PARTNER, first_name="Nadia", last_name="Kowalski",
        organisation="Demo Community Health NHS Trust",
    )


@pytest.fixture
def owen_partner(db):
    return UserFactory(
        role=Role.PARTNER, first_name="Owen", last_name="Price", organisation="Demo City Housing"
    )


@pytest.fixture
def alex_admin(db):
    return UserFactory(role=Role.ADMINISTRATOR, first_name="Alex", last_name="Morgan")
