"""Fixtures for the reports tests: private storage in a temporary folder, and
a history of cases with known figures as at Friday 30 January 2026."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")
#: The return the acceptance dataset is built around: the last working day of January 2026.
AS_AT = date(2026, 1, 30)


def on(day: date, hour: int = 12):
    """Travel to ``day`` (London time) with the clock stopped, to make history then."""
    return time_machine.travel(datetime.combine(day, time(hour), tzinfo=LONDON), tick=False)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Returns' files go to a temporary private folder, never var/private."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def helen_manager(db):
    """Helen is the children-not-in-school manager: a senior officer who publishes returns."""
    from cme.accounts.models import Role
    from cme.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.SENIOR_OFFICER, first_name="Helen", last_name="Marsh",
                       email="helen.marsh@example.test")


@pytest.fixture
def history(db, home_la):
    """The acceptance dataset: see ``reports/tests/history.py`` for every child and the figures expected."""
    from .history import build_history

    return build_history()
