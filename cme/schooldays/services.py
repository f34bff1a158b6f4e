"""Changing term dates and closure days. Every write is here, in one transaction.

Each function takes the acting user as ``by`` (``None`` for the system, e.g.
the demo seed), checks what it is given, writes, then checks that the LA's
calendar and every school's calendar can still be built from what is stored
(consecutive school years, …) before committing. A problem raises Django's
``ValidationError`` with messages a manager can act on, and nothing changes.
The school-day service sees the change at once (``selectors.calendars_changed``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from .age import school_year_label
from .imports import TermDatesFile, read_term_dates
from .models import (
    MAX_SCHOOL_YEAR,
    MIN_SCHOOL_YEAR,
    Calendar,
    ClosureDay,
    Term,
    is_valid_school_year,
    school_year_bounds,
    school_year_text,
    term_problems,
)
from .selectors import calendars_changed, stored_calendar_problems
from .validators import urn_validator

__all__ = ["delete_school_calendar", "import_term_dates", "save_school_year"]

logger = logging.getLogger(__name__)


def _calendar(school_urn: str, school_name: str, by) -> Calendar:
    """The calendar to write to, locked for this transaction; created if it is new."""
    if school_urn:
        urn_validator(school_urn)
    calendar, _ = Calendar.objects.select_for_update().get_or_create(
        school_urn=school_urn, defaults={"name": school_name}
    )
    if school_name and calendar.name != school_name:
        calendar.name = school_name
    calendar.updated_by = by
    calendar.save()
    return calendar


def _check_stored() -> None:
    problems = stored_calendar_problems()
    if problems:
        raise ValidationError(problems)


def _year_problems(
    school_year: int,
    terms: list[tuple[str, date, date]],
    closures: list[tuple[date, str]],
    school_urn: str,
) -> list[str]:
    problems = []
    names = [name for name, _, _ in terms]
    for name in names:
        if not name or len(name) > 50:
            problems.append("Each term needs a name of up to 50 characters, for example Autumn 1")
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"{name} is given more than once")
    problems += [p.message for p in term_problems(school_year, terms)]

    first, last = school_year_bounds(school_year)
    days = [day for day, _ in closures]
    for day, reason in closures:
        if not first <= day <= last:
            problems.append(f"Closure day {day:%d/%m/%Y} must be in the {school_year_text(school_year)} school year")
        if not reason or len(reason) > 200:
            problems.append(f"Give a reason of up to 200 characters for closure day {day:%d/%m/%Y}")
    for day in sorted({d for d in days if days.count(d) > 1}):
        problems.append(f"Closure day {day:%d/%m/%Y} is given more than once")
    if closures and not terms:
        la_has_year = Term.objects.filter(calendar__school_urn="", school_year=school_year).exists()
        if not school_urn or not la_has_year:
            problems.append(
                f"Enter term dates for {school_year_label(school_year)} before adding closure days in that year"
            )
    return problems


def save_school_year(
    *,
    by,
    school_year: int,
    terms: Iterable[tuple[str, date, date]],
    closures: Iterable[tuple[date, str]] = (),
    school_urn: str = "",
    school_name: str = "",
) -> Calendar:
    """Replace one school year's terms and closure days in a calendar.

    ``school_year`` is the calendar year it starts in (2025 for 2025/26).
    ``terms`` are ``(name, first day, last day)``, both days included;
    ``closures`` are ``(date, reason)``. With ``school_urn`` blank this is the
    LA's calendar; with a URN, that school's own calendar (created if need
    be, named ``school_name``): its terms for the year replace the LA's, or,
    given no terms, its closure days are added to the LA's term dates.
    Giving no terms and no closures clears the year.

    Raises ``ValidationError`` (and changes nothing) if a term ends before it
    starts, terms overlap or are out of order, a date is outside the school
    year, or the calendar would have a gap between school years.
    """
    if not is_valid_school_year(school_year):
        raise ValidationError(f"Enter a school year from {MIN_SCHOOL_YEAR} to {MAX_SCHOOL_YEAR}")
    terms = [(name.strip(), start, end) for name, start, end in terms]
    closures = [(day, reason.strip()) for day, reason in closures]
    problems = _year_problems(school_year, terms, closures, school_urn)
    if problems:
        raise ValidationError(problems)
    first, last = school_year_bounds(school_year)
    with transaction.atomic():
        calendar = _calendar(school_urn, school_name, by)
        Term.objects.filter(calendar=calendar, school_year=school_year).delete()
        ClosureDay.objects.filter(calendar=calendar, date__gte=first, date__lte=last).delete()
        Term.objects.bulk_create(
            Term(calendar=calendar, school_year=school_year, name=name, start=start, end=end)
            for name, start, end in terms
        )
        ClosureDay.objects.bulk_create(ClosureDay(calendar=calendar, date=day, reason=reason) for day, reason in closures)
        _check_stored()
        calendars_changed()
    logger.info("Term dates for %s in %s saved by %s", school_year_label(school_year), calendar, by or "the system")
    return calendar


def import_term_dates(*, by, upload) -> TermDatesFile:
    """Load the LA's term dates from an uploaded CSV file (see ``imports`` for the format).

    For each school year in the file, its six half terms replace that year's
    LA terms; closure days are kept. If any row or the file as a whole has a
    problem, nothing is saved: the returned ``TermDatesFile`` says what was
    rejected and why. ``saved`` is set on it when the dates were stored.
    """
    result = read_term_dates(upload)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            calendar = _calendar("", "", by)
            years = result.terms_by_year()
            Term.objects.filter(calendar=calendar, school_year__in=list(years)).delete()
            Term.objects.bulk_create(
                Term(calendar=calendar, school_year=school_year, name=name, start=start, end=end)
                for school_year, terms in years.items()
                for name, start, end in terms
            )
            _check_stored()
            calendars_changed()
    except ValidationError as error:
        result.errors.extend(error.messages)
        return result
    result.saved = True
    logger.info("LA term dates for %s imported by %s", ", ".join(map(school_year_label, years)), by or "the system")
    return result


def delete_school_calendar(*, by, school_urn: str) -> None:
    """A school goes back to the LA's term dates and closure days."""
    with transaction.atomic():
        Calendar.objects.filter(school_urn=school_urn).exclude(school_urn="").delete()
        _check_stored()
        calendars_changed()
    logger.info("School calendar %s removed by %s", school_urn, by or "the system")
