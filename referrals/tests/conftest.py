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
