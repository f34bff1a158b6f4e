"""Statutory ages as ranges of dates of birth, so that SQL can filter on them.

``cme.schooldays.age`` answers "is this child of compulsory school age on
D?" one child at a time. A return counts thousands of children, so here the
same rules are turned round: for a date D, which *dates of birth* are of
compulsory school age, or in Reception, or belong in Year 7? Each answer is
a closed range of dates of birth, which the database compares with
``Child.date_of_birth`` in one indexed query. The tests check every range
against the one-child functions (``tests/test_ages.py``, with hypothesis).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cme.schooldays.age import PRESCRIBED_DAYS, NCYear, csa_end, csa_start, school_leaving_date, school_year_of


@dataclass(frozen=True)
class BirthRange:
    """Dates of birth from ``earliest`` to ``latest``, both included."""

    earliest: date
    latest: date

    def __contains__(self, dob: date) -> bool:
        return self.earliest <= dob <= self.latest

    def as_tuple(self) -> tuple[date, date]:
        return (self.earliest, self.latest)


def _first_true(low: int, high: int, test) -> int:
    """The smallest ordinal in [low, high] for which ``test`` holds (it must be monotone)."""
    while low < high:
        middle = (low + high) // 2
        if test(date.fromordinal(middle)):
            high = middle
        else:
            low = middle + 1
    return low


def csa_births(on: date) -> BirthRange:
    """The dates of birth of children of compulsory school age on ``on``.

    ``csa_start`` and ``csa_end`` never decrease as the date of birth gets
    later, so the children of CSA on a date were born in one unbroken range:
    the earliest is the first birthday whose CSA has not ended by ``on``, the
    latest the last whose CSA has begun by ``on``.
    """
    low, high = (on - timedelta(days=366 * 18)).toordinal(), on.toordinal()
    earliest = _first_true(low, high, lambda dob: csa_end(dob) >= on)
    after_latest = _first_true(low, high + 1, lambda dob: csa_start(dob) > on)
    return BirthRange(date.fromordinal(earliest), date.fromordinal(after_latest - 1))


def year_group_births(year: NCYear, school_year: int) -> BirthRange:
    """The dates of birth that belong in ``year`` (Reception to Year 11) in a school year.

    The year group follows from age on the 31 August before the school year
    (``cme.schooldays.age.nc_year``): age 4 is Reception, 5 is Year 1, ... so
    Reception in 2025/26 is everyone born 1 September 2020 to 31 August 2021.
    """
    if year in (NCYear.BELOW_SCHOOL_AGE, NCYear.ABOVE_SCHOOL_AGE):
        raise ValueError(f"{year.label} is not one year group")
    age = year.rank + 4
    return BirthRange(date(school_year - age - 1, 9, 1), date(school_year - age, 8, 31))


def reception_intake_births(intake_year: int) -> BirthRange:
    """Children due to start Reception in September of ``intake_year``."""
    return year_group_births(NCYear.RECEPTION, intake_year)


def year_groups_for(on: date) -> list[tuple[NCYear, BirthRange]]:
    """Every year group from Reception to Year 11 on ``on`` with its dates of birth.

    Children born after the latest are below school age; before the
    earliest, above it.
    """
    school_year = school_year_of(on)
    return [
        (year, year_group_births(year, school_year))
        for year in NCYear
        if year not in (NCYear.BELOW_SCHOOL_AGE, NCYear.ABOVE_SCHOOL_AGE)
    ]


@dataclass(frozen=True)
class CsaSpan:
    """Children born in ``births`` are of compulsory school age on every day from
    ``first`` to ``last`` (both included) of the period asked about, and on no other."""

    births: BirthRange
    first: date
    last: date


def _csa_changes(first: date, last: date) -> list[date]:
    """The days in (first, last] on which the children of CSA may differ from the day before.

    ``csa_start`` is always a prescribed day (31 March, 31 August, 31 December),
    so children start being of CSA only on those days; ``csa_end`` is always a
    school leaving date, so children stop being of CSA on the day after one.
    """
    candidates = set()
    for year in range(first.year, last.year + 1):
        candidates.update(date(year, month, day) for month, day in PRESCRIBED_DAYS)
        candidates.add(school_leaving_date(year) + timedelta(days=1))
    return sorted(d for d in candidates if first < d <= last)


def csa_spans(first: date, last: date) -> list[CsaSpan]:
    """For the period ``first`` to ``last``: which dates of birth are of CSA on
    which of its days, as few (births, days) pairs as possible.

    A child's days of CSA are one unbroken run, so a child of CSA on any day of
    the period is in exactly one span, with the first and last of those days.
    Dates of birth never of CSA in the period are in no span.
    """
    if last < first:
        raise ValueError("The period ends before it starts")
    starts = [first, *_csa_changes(first, last)]
    windows = [
        (start, (starts[i + 1] - timedelta(days=1)) if i + 1 < len(starts) else last, csa_births(start))
        for i, start in enumerate(starts)
    ]
    edges = sorted({w[2].earliest for w in windows} | {w[2].latest + timedelta(days=1) for w in windows})
    spans: list[CsaSpan] = []
    for low, high in zip(edges, edges[1:]):
        days = [(start, end) for start, end, births in windows if low in births]
        if not days:
            continue
        span_first, span_last = days[0][0], days[-1][1]
        births = BirthRange(low, high - timedelta(days=1))
        if spans and (spans[-1].first, spans[-1].last) == (span_first, span_last) \
                and spans[-1].births.latest + timedelta(days=1) == births.earliest:
            births = BirthRange(spans.pop().births.earliest, births.latest)
        spans.append(CsaSpan(births, span_first, span_last))
    return spans
