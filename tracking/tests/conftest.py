"""Fixtures for the tracking pages' stories."""

import io

import pytest

from cme.schooldays import demo as demo_terms
from cme.schooldays import selectors as schooldays


@pytest.fixture(autouse=True)
def _fresh_calendars():
    # The school-day service keeps calendars in the process; the database is
    # rolled back between tests, so each test starts with none kept.
    schooldays.forget_calendars()
    yield
    schooldays.forget_calendars()


@pytest.fixture
def term_dates(db):
    """The demo local authority's term dates (school years 2022/23 to 2027/28)."""
    demo_terms.seed(io.StringIO())
    schooldays.forget_calendars()


@pytest.fixture
def private_storage(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never the developer's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path), "base_url": None}},
    }
    return tmp_path
