"""School days: the calendar that statutory deadlines are counted in.

A **school day** is a weekday that falls inside a term, is not an English
bank holiday and is not a closure (INSET or other non-pupil) day. Under
the Pupil Registration Regulations 2024 a school day is a day on which the
school has a session for its pupils; term dates and closures
are data (set by the LA, or by the school's own admission authority, e.g.
an academy), bank holidays come from the ``holidays`` package (``GB``,
subdivision ``ENG``) and are never typed in here.

Counting convention
-------------------
``add_school_days(d, n)`` is the n-th school day *after* ``d`` (``d`` itself
is not counted, whether or not it is a school day); for negative ``n``, the
|n|-th school day *before* ``d``; ``add_school_days(d, 0) == d``.

``school_days_between(start, end)`` counts the school days in the half-open
interval ``(start, end]`` — after ``start``, up to and including ``end`` —
and is negative when ``end < start``. So for every date ``d`` and ``n >= 0``
(and for every ``n`` when ``d`` is a school day)::

    school_days_between(d, add_school_days(d, n)) == n

``school_days_in(start, end)`` counts the closed interval ``[start, end]``.

Loaded years
------------
A calendar covers whole school years (1 September to 31 August): each year
for which at least one term is given. The years must be consecutive. Any
question about a date outside them — or whose answer lies outside them —
raises ``DateOutsideCalendar`` naming the date and the loaded years; the
calendar never guesses.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .age import school_year_label, school_year_of

__all__ = [
    "CalendarOverride",
    "DateOutsideCalendar",
    "SchoolCalendar",
    "Term",
    "english_bank_holidays",
]


@dataclass(frozen=True, order=True)
class Term:
    """A block of term time, ``start`` to ``end`` inclusive.

    Give each half term as its own ``Term`` (e.g. "Autumn 1" 2 Sep–25 Oct,
    "Autumn 2" 4 Nov–20 Dec); weekends and bank holidays inside are excluded
    automatically. A term must lie within one school year (1 Sep–31 Aug).
    """

    start: date
    end: date
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"A term ends ({self.end:%d/%m/%Y}) before it starts ({self.start:%d/%m/%Y})")
        if school_year_of(self.start) != school_year_of(self.end):
            raise ValueError(
                f"Term {self.start:%d/%m/%Y} to {self.end:%d/%m/%Y} crosses 31 August; "
                "a term must lie within one school year"
            )

    @property
    def school_year(self) -> int:
        """The calendar year in which this term's school year begins."""
        return school_year_of(self.start)


def _as_term(term: Term | tuple[date, date]) -> Term:
    return term if isinstance(term, Term) else Term(term[0], term[1])


@lru_cache(maxsize=64)
def _bank_holidays(calendar_years: tuple[int, ...]) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=calendar_years))


def english_bank_holidays(school_years: Iterable[int]) -> frozenset[date]:
    """English bank holidays (``holidays`` package) in the given school years."""
    years = sorted(set(school_years))
    calendar_years = tuple(sorted({y for sy in years for y in (sy, sy + 1)}))
    wanted = set(years)
    return frozenset(d for d in _bank_holidays(calendar_years) if school_year_of(d) in wanted)


class DateOutsideCalendar(ValueError):
    """A date (or a date a count would reach) is outside the loaded school years.

    Attributes: ``date`` (the date asked about), ``first_year`` and
    ``last_year`` (first and last loaded school years, ``None`` if no term
    dates are loaded). The message says which dates to add.
    """

    def __init__(self, message: str, *, on: date, first_year: int | None, last_year: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.date = on
        self.first_year = first_year
        self.last_year = last_year


@dataclass(frozen=True)
class CalendarOverride:
    """A school's own term dates and closure days, to lay over its LA's calendar.

    See ``SchoolCalendar.merged`` for how they combine.
    """

    terms: tuple[Term, ...] = ()
    closures: frozenset[date] = frozenset()

    def __init__(self, terms: Iterable[Term | tuple[date, date]] = (), closures: Iterable[date] = ()) -> None:
        object.__setattr__(self, "terms", tuple(sorted(_as_term(t) for t in terms)))
        object.__setattr__(self, "closures", frozenset(closures))


class SchoolCalendar:
    """School days for one LA or school, over one or more school years.

    ``SchoolCalendar(terms, closures=())``: ``terms`` are ``Term`` objects or
    ``(start, end)`` pairs (inclusive); ``closures`` are INSET or other days
    the school is closed to pupils. Terms may not overlap, their school
    years must be consecutive, and closures must fall within those years.

    All queries are O(log n): the school days are computed once, as a
    sorted list of ordinals, and answered with ``bisect``.
    """

    def __init__(self, terms: Iterable[Term | tuple[date, date]], closures: Iterable[date] = ()) -> None:
        self._terms: tuple[Term, ...] = tuple(sorted(_as_term(t) for t in terms))
        self._closures: frozenset[date] = frozenset(closures)
        for earlier, later in zip(self._terms, self._terms[1:]):
            if later.start <= earlier.end:
                raise ValueError(
                    f"Terms overlap: {earlier.start:%d/%m/%Y}–{earlier.end:%d/%m/%Y} "
                    f"and {later.start:%d/%m/%Y}–{later.end:%d/%m/%Y}"
                )
        self._years: tuple[int, ...] = tuple(sorted({t.school_year for t in self._terms}))
        if self._years:
            missing = sorted(set(range(self._years[0], self._years[-1] + 1)) - set(self._years))
            if missing:
                raise ValueError(
                    "Term dates are missing for "
                    + ", ".join(school_year_label(y) for y in missing)
                    + ": a calendar must cover consecutive school years"
                )
            self._first_day = date(self._years[0], 9, 1)
            self._last_day = date(self._years[-1] + 1, 8, 31)
        stray = sorted(d for d in self._closures if not self._covers(d))
        if stray:
            raise ValueError(
                f"Closure day {stray[0]:%d/%m/%Y} is outside the school years with term dates ({self._years_text()})"
            )
        self._bank_holidays = english_bank_holidays(self._years)
        days: list[int] = []
        for term in self._terms:
            day = term.start
            while day <= term.end:
                if day.weekday() < 5 and day not in self._bank_holidays and day not in self._closures:
                    days.append(day.toordinal())
                day += timedelta(days=1)
        self._days = days  # sorted, because terms are sorted and disjoint
        self._day_set = frozenset(days)

    # -- construction helpers -------------------------------------------------

    @classmethod
    def merged(cls, la_calendar: SchoolCalendar, override: CalendarOverride | SchoolCalendar) -> SchoolCalendar:
        """A school's calendar: its LA's, with the school's own dates laid over.

        For each school year in which ``override`` has terms, the override's
        terms **and** its closures for that year replace the LA's entirely
        (an academy that sets its own year). In other years the LA's terms
        and closures stand, plus any override closures in that year (a
        maintained school on LA term dates with its own INSET days). The
        override may add school years next to the LA's; the result must
        still cover consecutive years.
        """
        own_years = {t.school_year for t in override.terms}
        terms = [t for t in la_calendar.terms if t.school_year not in own_years]
        terms += list(override.terms)
        closures = {d for d in la_calendar.closures if school_year_of(d) not in own_years}
        closures |= set(override.closures)
        return cls(terms, closures)

    # -- what was loaded ------------------------------------------------------

    @property
    def terms(self) -> tuple[Term, ...]:
        """The terms, in date order."""
        return self._terms

    @property
    def closures(self) -> frozenset[date]:
        """The closure (INSET etc.) days given."""
        return self._closures

    @property
    def school_years(self) -> tuple[int, ...]:
        """Loaded school years, by the calendar year each begins (2026 = 2026/27)."""
        return self._years

    @property
    def bank_holidays(self) -> frozenset[date]:
        """The English bank holidays within the loaded school years."""
        return self._bank_holidays

    def covers(self, on: date) -> bool:
        """Whether ``on`` is within a loaded school year."""
        return self._covers(on)

    def _covers(self, on: date) -> bool:
        return bool(self._years) and self._first_day <= on <= self._last_day

    def _years_text(self) -> str:
        if not self._years:
            return "no term dates are loaded"
        first, last = school_year_label(self._years[0]), school_year_label(self._years[-1])
        return f"this calendar covers {first}" if first == last else f"this calendar covers {first} to {last}"

    def _outside(self, on: date, message: str | None = None) -> DateOutsideCalendar:
        text = message or (
            f"{on:%d/%m/%Y} is in school year {school_year_label(school_year_of(on))}, "
            f"which has no term dates: {self._years_text()}"
        )
        return DateOutsideCalendar(
            text,
            on=on,
            first_year=self._years[0] if self._years else None,
            last_year=self._years[-1] if self._years else None,
        )

    def _check(self, on: date) -> int:
        if not self._covers(on):
            raise self._outside(on)
        return on.toordinal()

    # -- questions ------------------------------------------------------------

    def is_school_day(self, on: date) -> bool:
        """Whether pupils are expected in school on ``on``."""
        return self._check(on) in self._day_set

    def add_school_days(self, start: date, n: int) -> date:
        """The n-th school day after ``start`` (before it if ``n < 0``).

        ``start`` is not counted: ``add_school_days(Friday, 1)`` is the next
        Monday if that is a school day. ``n == 0`` returns ``start``.
        Raises ``DateOutsideCalendar`` if ``start`` or the answer is outside
        the loaded school years.
        """
        ordinal = self._check(start)
        if n == 0:
            return start
        if n > 0:
            index = bisect_right(self._days, ordinal) + n - 1
            if index >= len(self._days):
                raise self._outside(
                    start,
                    f"{n} school days after {start:%d/%m/%Y} is beyond "
                    f"{self._last_day:%d/%m/%Y}: {self._years_text()}; add the next year's term dates",
                )
        else:
            index = bisect_left(self._days, ordinal) + n
            if index < 0:
                raise self._outside(
                    start,
                    f"{-n} school days before {start:%d/%m/%Y} is before "
                    f"{self._first_day:%d/%m/%Y}: {self._years_text()}; add the previous year's term dates",
                )
        return date.fromordinal(self._days[index])

    def school_days_between(self, start: date, end: date) -> int:
        """School days in ``(start, end]``: after ``start``, up to and including ``end``.

        Negative if ``end < start`` (``-school_days_between(end, start)``).
        """
        return bisect_right(self._days, self._check(end)) - bisect_right(self._days, self._check(start))

    def school_days_in(self, first: date, last: date) -> int:
        """School days in ``[first, last]``, both included; 0 if ``last < first``."""
        first_ordinal, last_ordinal = self._check(first), self._check(last)
        if last_ordinal < first_ordinal:
            return 0
        return bisect_right(self._days, last_ordinal) - bisect_left(self._days, first_ordinal)

    def next_school_day_on_or_after(self, on: date) -> date:
        """``on`` if it is a school day, else the first school day after it."""
        index = bisect_left(self._days, self._check(on))
        if index >= len(self._days):
            raise self._outside(
                on,
                f"There is no school day on or after {on:%d/%m/%Y} up to "
                f"{self._last_day:%d/%m/%Y}: {self._years_text()}; add the next year's term dates",
            )
        return date.fromordinal(self._days[index])

    def previous_school_day_on_or_before(self, on: date) -> date:
        """``on`` if it is a school day, else the last school day before it."""
        index = bisect_right(self._days, self._check(on)) - 1
        if index < 0:
            raise self._outside(
                on,
                f"There is no school day on or before {on:%d/%m/%Y} from "
                f"{self._first_day:%d/%m/%Y}: {self._years_text()}; add the previous year's term dates",
            )
        return date.fromordinal(self._days[index])

    def school_days(self, first: date | None = None, last: date | None = None) -> list[date]:
        """The school days in ``[first, last]`` (default: all loaded), in order."""
        low = 0 if first is None else bisect_left(self._days, self._check(first))
        high = len(self._days) if last is None else bisect_right(self._days, self._check(last))
        return [date.fromordinal(o) for o in self._days[low:high]]

    def __repr__(self) -> str:
        return f"<SchoolCalendar {self._years_text()}, {len(self._days)} school days>"
