"""Fixtures for the school-day service and term-dates pages.

The school-day service keeps calendars in the process between requests; the
database is rolled back between tests, so each test starts with none kept.
"""

import io

import pytest

from cme.schooldays import demo, selectors


@pytest.fixture(autouse=True)
def _fresh_calendars():
    selectors.forget_calendars()
    yield
    selectors.forget_calendars()


@pytest.fixture
def demo_calendars(db):
    """The demo LA calendar 2022/23–2027/28, Oak Primary's INSET days and Elm Academy's own 2023/24 terms."""
    demo.seed(io.StringIO())
    selectors.forget_calendars()
