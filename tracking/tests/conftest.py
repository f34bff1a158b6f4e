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


def pdf_file(name="letter.pdf", size=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    if size:
        body = body + b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def amira_case(priya_officer, oak_primary):
    """Amira Khan, missing from Oak Primary, on Priya's caseload."""
    from tracking.tests.factories import CaseFactory

    return CaseFactory(
        child__first_name="Amira", child__last_name="Khan", assigned_officer=priya_officer,
        created_by=priya_officer, last_known_school=oak_primary, next_action="Phone the parent",
    )
