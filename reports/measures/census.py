"""The census dates of the DfE's termly children-missing-education collection.

Pure functions on ``datetime.date``; no Django.

The collection is counted on the DfE **school census days** (DfE, "Elective
home education and children missing education: submit your data", census
dates 2022/23 onwards): the first Thursday of October (autumn), the third
Thursday of January (spring) and the third Thursday of May (summer). A school
year running from September of year *Y* has its autumn census in October *Y*
and its spring and summer censuses in *Y* + 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from cme.schooldays.age import school_year_of

THURSDAY = 3  # date.weekday()


class Term(Enum):
    """A census term, in the order of the school year: (value, month, which Thursday)."""

    AUTUMN = ("autumn", 10, 1)
    SPRING = ("spring", 1, 3)
    SUMMER = ("summer", 5, 3)

    @property
    def month(self) -> int:
        return self.value[1]

    @property
    def nth(self) -> int:
        return self.value[2]

    @property
    def label(self) -> str:
        return self.value[0].capitalize()


@dataclass(frozen=True, order=True)
class CensusDay:
    """One census: its date, its term and the school year (by starting year) it belongs to."""

    on: date
    term: Term
    school_year: int

    @property
    def label(self) -> str:
        """"Spring 2026 census": the term and the calendar year of the census day."""
        return f"{self.term.label} {self.on.year} census"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1-based) ``weekday`` (Monday = 0) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def census_date(term: Term, school_year: int) -> date:
    """The census day of ``term`` in the school year that starts in September of ``school_year``."""
    year = school_year if term is Term.AUTUMN else school_year + 1
    return nth_weekday(year, term.month, THURSDAY, term.nth)


def census_days(school_year: int) -> list[CensusDay]:
    """The school year's three census days, autumn first."""
    return [CensusDay(census_date(term, school_year), term, school_year) for term in Term]


def census_day_on(on: date) -> CensusDay | None:
    """The census that falls on ``on``, or ``None`` if ``on`` is not a census day."""
    school_year = school_year_of(on)
    return next((day for day in census_days(school_year) if day.on == on), None)


def census_days_up_to(today: date, count: int) -> list[CensusDay]:
    """The ``count`` most recent census days on or before ``today``, newest first."""
    school_year = school_year_of(today)
    found: list[CensusDay] = []
    while len(found) < count:
        found += sorted((d for d in census_days(school_year) if d.on <= today), reverse=True)
        school_year -= 1
    return found[:count]


def latest_census_day(today: date) -> CensusDay:
    """The most recent census day on or before ``today`` (``today`` itself on a census day)."""
    return census_days_up_to(today, 1)[0]
