"""Fixtures for the referral stories: the LA's term dates, loaded as a
manager would load them, so that the referral clock counts school days."""

import pytest

from cme.schooldays import selectors as school_days
from cme.schooldays import services as calendar_services
from cme.schooldays.demo_terms import LA_TERMS


@pytest.fixture
def la_term_dates(db):
    """The demo LA's term dates for 2024/25 to 2027/28 in the calendar service."""
    school_days.forget_calendars()
    for year in (2024, 2025, 2026, 2027):
        calendar_services.save_school_year(
            by=None, school_year=year,
            terms=[(term.name, term.start, term.end) for term in LA_TERMS if term.school_year == year],
        )
    yield
    school_days.forget_calendars()


def load_deletion_grounds():
    """The reg. 9(1) grounds, as their migration seeds them (idempotent).
    Tests that reset the database (browser tests) lose the migration's rows."""
    import importlib

    from django.apps import apps

    importlib.import_module("cme.schooldays.migrations.0002_seed_deletion_grounds").load_grounds(apps, None)


@pytest.fixture
def deletion_grounds(db):
    load_deletion_grounds()


@pytest.fixture
def harbour_academy(home_la):
    """An open secondary school pupils move to (GIAS: LA 852, establishment 4102)."""
    from tracking.tests.factories import SchoolFactory

    return SchoolFactory(name="Harbour Academy", urn="116302", establishment_number="4102", phase="Secondary")
