"""Reading school calendars: the school-day service, and what the term-dates pages show.

The school-day service
----------------------
Later features count deadlines with these four functions::

    calendar_for(school=None) -> SchoolCalendar
    is_school_day(on, school=None) -> bool
    add_school_days(start, n, school=None) -> date
    school_days_between(start, end, school=None) -> int

``school`` is anything with a ``.urn`` (a ``tracking.School``), a URN string,
or ``None`` for the local authority's calendar. A school with its own calendar
gets the LA calendar with its own dates laid over (``SchoolCalendar.merged``);
any other school gets the LA calendar. The counting conventions are those of
``calendar.SchoolCalendar``:

* ``add_school_days(d, n)`` is the n-th school day after ``d`` (``d`` not
  counted; before ``d`` when ``n`` is negative; ``d`` itself when ``n == 0``);
* ``school_days_between(a, b)`` counts school days after ``a`` up to and
  including ``b`` (negative when ``b < a``);

so ``school_days_between(d, add_school_days(d, n)) == n``. A date (or an
answer) outside the loaded school years raises ``DateOutsideCalendar``, whose
message says which years are loaded: add term dates, never guess.

Caching
-------
The calendars are built from the database once and kept in the process. A
version token in Django's cache says when they are stale: every change to
terms, closure days or calendars (services, admin, signals) calls
``calendars_changed()``, which replaces the token, so every process sharing
the cache rebuilds on its next question. A process checks the token at most
every ``VERSION_CHECK_SECONDS`` and rebuilds anyway after ``MAX_AGE_SECONDS``
(a safety net if processes do not share a cache). A rebuild is two queries;
a question answered from the kept calendars is none.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import holidays
from django.core.cache import cache
from django.db import transaction

from .age import school_year_label, school_year_of
from .calendar import CalendarOverride, DateOutsideCalendar, SchoolCalendar
from .calendar import Term as CalendarTerm
from .models import Calendar, ClosureDay, Term

__all__ = [
    "CalendarDataError",
    "DateOutsideCalendar",
    "add_school_days",
    "calendar_for",
    "calendars_changed",
    "forget_calendars",
    "is_school_day",
    "school_days_between",
]

VERSION_KEY = "cme:schooldays:calendar-version"
VERSION_CHECK_SECONDS = 2.0
MAX_AGE_SECONDS = 300.0


class CalendarDataError(RuntimeError):
    """The stored term dates cannot make a calendar (e.g. a school year is missing between two others).

    The services and the admin site refuse such changes, so this means data
    was changed some other way; the message says which calendar and why.
    """


@dataclass
class _Snapshot:
    version: object  # the shared version token; inside a writing transaction, its savepoints
    built_at: float
    checked_at: float
    la: SchoolCalendar
    overrides: dict[str, CalendarOverride]
    merged: dict[str, SchoolCalendar] = field(default_factory=dict)


_snapshot: _Snapshot | None = None
_lock = threading.Lock()
_local = threading.local()


# -- the cache ---------------------------------------------------------------


def _new_token() -> str:
    return uuid.uuid4().hex


def _shared_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_token(), None)
        version = cache.get(VERSION_KEY)
    # No working shared cache (e.g. the dummy backend): treat every check as a change.
    return version if version is not None else _new_token()


def _bump() -> None:
    global _snapshot
    cache.set(VERSION_KEY, _new_token(), None)
    _snapshot = None
    _local.snapshot = None


def _committed() -> None:
    _local.pending = False
    _bump()


def calendars_changed() -> None:
    """Say that term dates, closure days or calendars have changed.

    Called by the services and by signals on every save or delete. Bumps the
    version now, and again when the transaction commits (so another process
    that rebuilt from the old data in between rebuilds once more). Until the
    transaction ends, this thread answers from calendars it keeps to itself,
    built from what it has written: other threads never see uncommitted dates,
    and a rollback leaves nothing stale behind.
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        _local.pending = True
    transaction.on_commit(_committed)


def forget_calendars() -> None:
    """Drop the calendars kept in this process (tests call this between cases)."""
    _local.pending = False
    _bump()


# -- building calendars from the database -------------------------------------


def _load() -> tuple[SchoolCalendar, dict[str, CalendarOverride]]:
    """The LA calendar and every school's own dates, from the database (two queries)."""
    terms_by_urn: dict[str, list[CalendarTerm]] = defaultdict(list)
    for urn, name, start, end in Term.objects.values_list("calendar__school_urn", "name", "start", "end"):
        terms_by_urn[urn].append(CalendarTerm(start, end, name))
    closures_by_urn: dict[str, set[date]] = defaultdict(set)
    for urn, day in ClosureDay.objects.values_list("calendar__school_urn", "date"):
        closures_by_urn[urn].add(day)

    la_terms = terms_by_urn.pop("", [])
    la_years = {t.school_year for t in la_terms}
    # A closure day in a year with no term dates changes no answer (any question
    # about that year raises DateOutsideCalendar), so it is left out here.
    la_closures = {d for d in closures_by_urn.pop("", set()) if school_year_of(d) in la_years}
    try:
        la = SchoolCalendar(la_terms, la_closures)
    except ValueError as error:
        raise CalendarDataError(f"The local authority's term dates cannot be used: {error}") from error
    overrides = {}
    for urn in set(terms_by_urn) | set(closures_by_urn):
        own = terms_by_urn.get(urn, [])
        years = la_years | {t.school_year for t in own}
        closures = {d for d in closures_by_urn.get(urn, set()) if school_year_of(d) in years}
        overrides[urn] = CalendarOverride(own, closures)
    return la, overrides


def _build(version) -> _Snapshot:
    la, overrides = _load()
    now = time.monotonic()
    return _Snapshot(version=version, built_at=now, checked_at=now, la=la, overrides=overrides)


def _current() -> _Snapshot:
    global _snapshot
    if getattr(_local, "pending", False):
        connection = transaction.get_connection()
        if connection.in_atomic_block:
            # Rebuilt whenever the savepoints change, so a rolled-back savepoint leaves nothing behind.
            key = tuple(connection.savepoint_ids)
            if getattr(_local, "snapshot", None) is None or _local.snapshot.version != key:
                _local.snapshot = _build(key)
            return _local.snapshot
        _local.pending = False  # the transaction that changed the dates has ended
        _local.snapshot = None
    now = time.monotonic()
    snapshot = _snapshot
    if snapshot is not None and now - snapshot.built_at < MAX_AGE_SECONDS:
        if now - snapshot.checked_at < VERSION_CHECK_SECONDS:
            return snapshot
        if snapshot.version == _shared_version():
            snapshot.checked_at = now
            return snapshot
    with _lock:
        if _snapshot is not None and _snapshot is not snapshot:
            return _snapshot  # another thread rebuilt it while we waited
        _snapshot = _build(_shared_version())
        return _snapshot


def stored_calendar_problems() -> list[str]:
    """Why the stored dates could not make every calendar; empty when they all can.

    The services call this inside their transaction, after writing, so a
    change that would break the LA's or any school's calendar is rolled back.
    Builds from the database without touching the kept calendars.
    """
    try:
        la, overrides = _load()
    except CalendarDataError as error:
        return [str(error)]
    names = dict(Calendar.objects.exclude(school_urn="").values_list("school_urn", "name"))
    problems = []
    for urn, override in sorted(overrides.items()):
        try:
            SchoolCalendar.merged(la, override)
        except ValueError as error:
            problems.append(f"{names.get(urn) or 'The school'} (URN {urn}) has its own term dates: {error}")
    return problems


def _urn_of(school) -> str:
    if school is None:
        return ""
    return str(school if isinstance(school, str) else school.urn)


# -- the school-day service ---------------------------------------------------


def calendar_for(school=None) -> SchoolCalendar:
    """The ``SchoolCalendar`` a school's deadlines are counted on (the LA's for ``None``).

    ``school``: an object with a ``.urn``, a URN string, or ``None``. A school
    without its own calendar gets the LA calendar. Answered from calendars
    kept in the process (no query) unless term dates have changed.
    """
    snapshot = _current()
    urn = _urn_of(school)
    override = snapshot.overrides.get(urn) if urn else None
    if override is None:
        return snapshot.la
    calendar = snapshot.merged.get(urn)
    if calendar is None:
        try:
            calendar = SchoolCalendar.merged(snapshot.la, override)
        except ValueError as error:
            raise CalendarDataError(f"The term dates of the school with URN {urn} cannot be used: {error}") from error
        snapshot.merged[urn] = calendar
    return calendar


def is_school_day(on: date, school=None) -> bool:
    """Whether ``on`` is a school day for ``school`` (the LA when ``None``).

    Raises ``DateOutsideCalendar`` if ``on`` is outside the loaded school years.
    """
    return calendar_for(school).is_school_day(on)


def add_school_days(start: date, n: int, school=None) -> date:
    """The n-th school day after ``start`` on ``school``'s calendar; ``start`` is not counted.

    Negative ``n`` counts back; ``n == 0`` returns ``start``. Raises
    ``DateOutsideCalendar`` if ``start`` or the answer is outside the loaded years.
    """
    return calendar_for(school).add_school_days(start, n)


def school_days_between(start: date, end: date, school=None) -> int:
    """School days after ``start`` up to and including ``end``: the half-open interval (start, end].

    Negative when ``end < start``. Raises ``DateOutsideCalendar`` if either
    date is outside the loaded school years.
    """
    return calendar_for(school).school_days_between(start, end)


# -- what the term-dates pages show --------------------------------------------


def la_calendar() -> Calendar | None:
    """The LA's calendar row, with who last changed it; ``None`` before any dates are entered."""
    return Calendar.objects.select_related("updated_by").filter(school_urn="").first()


def school_years_with_terms(school_urn: str = "") -> list[int]:
    """The school years a calendar has term dates for, oldest first."""
    return sorted(
        set(Term.objects.filter(calendar__school_urn=school_urn).values_list("school_year", flat=True))
    )


def terms_in_year(school_year: int, school_urn: str = "") -> list[Term]:
    return list(Term.objects.filter(calendar__school_urn=school_urn, school_year=school_year).order_by("start"))


def closures_in_year(school_year: int, school_urn: str = "") -> list[ClosureDay]:
    first, last = date(school_year, 9, 1), date(school_year + 1, 8, 31)
    return list(
        ClosureDay.objects.filter(calendar__school_urn=school_urn, date__gte=first, date__lte=last).order_by("date")
    )


@dataclass(frozen=True)
class SchoolCalendarSummary:
    school_urn: str
    name: str
    own_term_years: tuple[int, ...]
    closure_days: int

    @property
    def own_term_years_text(self) -> str:
        return ", ".join(school_year_label(y) for y in self.own_term_years)


def school_calendars() -> list[SchoolCalendarSummary]:
    """Every school calendar: which years it sets its own terms for, how many closure days it has."""
    years: dict[int, set[int]] = defaultdict(set)
    for calendar_id, school_year in Term.objects.exclude(calendar__school_urn="").values_list(
        "calendar_id", "school_year"
    ):
        years[calendar_id].add(school_year)
    closures: dict[int, int] = defaultdict(int)
    for calendar_id in ClosureDay.objects.exclude(calendar__school_urn="").values_list("calendar_id", flat=True):
        closures[calendar_id] += 1
    return [
        SchoolCalendarSummary(
            school_urn=c.school_urn,
            name=c.name,
            own_term_years=tuple(sorted(years[c.pk])),
            closure_days=closures[c.pk],
        )
        for c in Calendar.objects.exclude(school_urn="").order_by("name", "school_urn")
    ]


def la_terms_for_export() -> list[Term]:
    """Every LA term, in date order, for the CSV download."""
    return list(Term.objects.filter(calendar__school_urn="").order_by("start"))


def bank_holidays_in_year(school_year: int) -> list[tuple[date, str]]:
    """English bank holidays in a school year, with their names, from the ``holidays`` package."""
    first, last = date(school_year, 9, 1), date(school_year + 1, 8, 31)
    found = holidays.country_holidays("GB", subdiv="ENG", years=[school_year, school_year + 1])
    return sorted((day, name) for day, name in found.items() if first <= day <= last)
