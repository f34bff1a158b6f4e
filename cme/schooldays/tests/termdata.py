"""Term-date fixtures for the school-day tests.

The dates themselves are the canonical demo data in
``cme.schooldays.demo_terms`` (a Hampshire-pattern LA calendar 2022/23 to
2027/28, Oak Primary with its own INSET days, Elm Academy with its own
2023/24 terms). This module builds the calendars once and provides an
independent, day-by-day reference implementation to check the fast one
against.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from cme.schooldays.calendar import SchoolCalendar, Term
from cme.schooldays.demo_terms import (
    DEMO_SCHOOL_YEARS,
    ELM_ACADEMY_INSET_DAYS,
    ELM_ACADEMY_TERMS,
    LA_CLOSURES,
    LA_TERMS,
    OAK_PRIMARY_INSET_DAYS,
    elm_academy_calendar,
    la_calendar,
    oak_primary_calendar,
)

__all__ = [
    "DEMO_SCHOOL_YEARS",
    "ELM",
    "ELM_ACADEMY_INSET_DAYS",
    "ELM_ACADEMY_TERMS",
    "FIRST_DAY",
    "ELM_REFERENCE",
    "LA",
    "LAST_DAY",
    "LA_REFERENCE",
    "OAK",
    "OAK_REFERENCE",
    "OAK_PRIMARY_INSET_DAYS",
    "ReferenceCalendar",
    "all_days",
]

LA: SchoolCalendar = la_calendar()
OAK: SchoolCalendar = oak_primary_calendar()
ELM: SchoolCalendar = elm_academy_calendar()

FIRST_DAY = date(DEMO_SCHOOL_YEARS[0], 9, 1)
LAST_DAY = date(DEMO_SCHOOL_YEARS[-1] + 1, 8, 31)

_ENGLISH_BANK_HOLIDAYS = holidays.country_holidays(
    "GB", subdiv="ENG", years=range(DEMO_SCHOOL_YEARS[0], DEMO_SCHOOL_YEARS[-1] + 2)
)


def all_days(first: date = FIRST_DAY, last: date = LAST_DAY) -> list[date]:
    """Every calendar day from ``first`` to ``last`` inclusive."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


class ReferenceCalendar:
    """The rules written the slow, obvious way: one day at a time."""

    def __init__(self, terms: tuple[Term, ...], closures: frozenset[date]) -> None:
        self.terms = terms
        self.closures = closures

    def is_school_day(self, d: date) -> bool:
        return (
            d.weekday() < 5
            and any(t.start <= d <= t.end for t in self.terms)
            and d not in _ENGLISH_BANK_HOLIDAYS
            and d not in self.closures
        )

    def add_school_days(self, d: date, n: int) -> date:
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            d += timedelta(days=step)
            if d < FIRST_DAY or d > LAST_DAY:
                raise LookupError("ran off the calendar")
            if self.is_school_day(d):
                remaining -= 1
        return d


LA_REFERENCE = ReferenceCalendar(LA_TERMS, LA_CLOSURES)
_LA_TERMS_OUTSIDE_ELM_YEAR = tuple(t for t in LA_TERMS if t.school_year != 2023)
ELM_REFERENCE = ReferenceCalendar(
    tuple(sorted(_LA_TERMS_OUTSIDE_ELM_YEAR + ELM_ACADEMY_TERMS)), ELM_ACADEMY_INSET_DAYS
)
OAK_REFERENCE = ReferenceCalendar(LA_TERMS, LA_CLOSURES | OAK_PRIMARY_INSET_DAYS)
