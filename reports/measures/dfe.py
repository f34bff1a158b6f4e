"""The DfE's termly children-missing-education collection, from the cases.

Each term the LA tells the DfE how many children were missing education on
the census day — by sex, year group, length of time missing and main reason —
and how many were missing education at any point in the school year so far,
each child once (DESIGN.md section 2, "DfE CME/EHE collection"). This module
works those figures out for any date, from the case timeline, in two queries
whatever the size of the LA:

* **on the census date**: exactly the monthly return's total CME as at that
  date (``queries.cme_cases``), broken down in one conditional aggregate;
* **at any point** from 1 September to the census date: the children with a
  case open or awaiting failed-to-track sign-off at some time in that period,
  on a day they were in the return's age range (``at_any_point_cases``).

The definitions, bands and reason mapping are in ``docs/reports.md``,
"The DfE children missing education collection".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models import Case as When_Case  # noqa: N812 - Case is the CME case here

from cme.schooldays.age import NCYear, school_year_of
from tracking.models import CaseEvent, Category, Outcome, Sex, Status

from .ages import csa_spans, reception_intake_births
from .as_at import AsAt
from .census import CensusDay, census_day_on
from .definitions import dob_in
from .queries import (
    ACTIVE_STATUSES, RECEPTION_CATEGORIES, cases_as_at, cme_cases, expected_year_group, latest_status_event,
)


class Reason(models.TextChoices):
    """The main reason a child is missing education, from the case's category."""

    DID_NOT_START = "did_not_start", "Did not start at, or transfer to, a school as expected"
    IN_YEAR_ADMISSION = "in_year", "In-year admission not completed"
    LEFT_DESTINATION_UNKNOWN = "left_unknown", "Left a school, destination not known"
    PERMANENTLY_EXCLUDED = "excluded", "Permanently excluded, without provision"
    SEND_WITHOUT_PLACE = "send", "Special educational needs, without a suitable place"
    LOOKED_AFTER = "looked_after", "Looked-after child, without provision"
    OTHER = "other", "Other reason, or not known"


#: Every case category, and the main reason it gives. A new category must be added here (a test holds it).
REASON_OF_CATEGORY: dict[str, Reason] = {
    Category.FAILED_TO_START_RECEPTION: Reason.DID_NOT_START,
    Category.DEFERRED_ENTRY: Reason.DID_NOT_START,
    Category.FAILED_TO_TRANSFER_JUNIOR: Reason.DID_NOT_START,
    Category.FAILED_TO_TRANSFER_SECONDARY: Reason.DID_NOT_START,
    Category.IN_YEAR_PROCESSING: Reason.IN_YEAR_ADMISSION,
    Category.IN_YEAR_UNDER_OFFER: Reason.IN_YEAR_ADMISSION,
    Category.IN_YEAR_FAILED_TO_REGISTER: Reason.IN_YEAR_ADMISSION,
    Category.LEAVER_DESTINATION_UNKNOWN: Reason.LEFT_DESTINATION_UNKNOWN,
    Category.PERMANENTLY_EXCLUDED: Reason.PERMANENTLY_EXCLUDED,
    Category.SEND_WITHOUT_PLACE: Reason.SEND_WITHOUT_PLACE,
    Category.LOOKED_AFTER_WITHOUT_PROVISION: Reason.LOOKED_AFTER,
    Category.CME_OTHER: Reason.OTHER,
}

#: The year groups of the breakdown. Every child in the age range is in one of
#: them on any day (a test holds it), or has no date of birth recorded.
YEAR_GROUPS = [year for year in NCYear if year not in (NCYear.BELOW_SCHOOL_AGE, NCYear.ABOVE_SCHOOL_AGE)]


# --- what is computed, shown and exported ----------------------------------

@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    caption: str
    cells: tuple[Cell, ...]

    @property
    def total(self) -> int:
        return sum(cell.value for cell in self.cells)


@dataclass(frozen=True)
class CollectionFigures:
    """The collection's figures as at the end of ``on``."""

    on: date
    census: CensusDay | None  # the census ``on`` is the day of, if any
    year_start: date  # 1 September of the school year ``on`` is in
    on_census_date: int
    at_any_point: int
    breakdowns: tuple[Breakdown, ...]

    def rows(self):
        """(figure, breakdown, group, number) for every number, in the order of the page."""
        on_day = f"Children missing education on {self.on:%-d %B %Y}"
        yield on_day, "Total", "All children", self.on_census_date
        for breakdown in self.breakdowns:
            for cell in breakdown.cells:
                yield on_day, breakdown.title, cell.label, cell.value
        yield (f"Children missing education at any point from {self.year_start:%-d %B %Y} to {self.on:%-d %B %Y}",
               "Total", "All children, each once", self.at_any_point)


# --- the breakdowns, as filters over the CME cases on the date -------------

def months_before(on: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if it has no such day)."""
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    month += 1
    return date(year, month, min(on.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class LengthBand:
    """Cases opened from ``earliest`` to ``latest`` (both included; ``None``: no limit)."""

    key: str
    label: str
    earliest: date | None
    latest: date | None

    @property
    def q(self) -> Q:
        q = Q()
        if self.earliest:
            q &= Q(opened_on__gte=self.earliest)
        if self.latest:
            q &= Q(opened_on__lte=self.latest)
        return q


def length_bands(on: date) -> list[LengthBand]:
    """How long the case had been open on ``on``, from ``Case.opened_on``, shortest
    first: five bands of opening dates that follow on from each other, so every
    case is in exactly one."""
    day = timedelta(days=1)
    four_weeks, twelve_weeks = on - timedelta(weeks=4), on - timedelta(weeks=12)
    six_months, one_year = months_before(on, 6), months_before(on, 12)
    return [
        LengthBand("under_4_weeks", "Less than 4 weeks", four_weeks + day, None),
        LengthBand("4_to_12_weeks", "4 weeks to 12 weeks", twelve_weeks, four_weeks),
        LengthBand("12_weeks_to_6_months", "More than 12 weeks, less than 6 months", six_months + day,
                   twelve_weeks - day),
        LengthBand("6_months_to_1_year", "6 months to less than 1 year", one_year + day, six_months),
        LengthBand("1_year_or_more", "1 year or more", None, one_year),
    ]


def breakdown_definitions(at: AsAt) -> list[tuple[str, str, str, list[tuple[str, str, Q]]]]:
    """(key, title, caption, [(cell key, label, filter)]) for each breakdown of the CME cases on the date.
    The cells of each breakdown split the cases exactly once."""
    years = [(year.value, year.label, Q(expected_year_group=year.value)) for year in YEAR_GROUPS]
    years.append(("unknown", "Not known (no date of birth recorded)", Q(expected_year_group="")))
    reasons = [
        (reason.value, reason.label,
         Q(category_at__in=[c for c, r in REASON_OF_CATEGORY.items() if r == reason]))
        for reason in Reason
    ]
    return [
        ("sex", "Sex", "By sex", [(value, label, Q(child__sex=value)) for value, label in Sex.choices]),
        ("year_group", "National Curriculum year group", "By National Curriculum year group for their age", years),
        ("length", "Length of time missing education", "By how long their case had been open",
         [(b.key, b.label, b.q) for b in length_bands(at.on)]),
        ("reason", "Main reason", "By main reason, from the case's category", reasons),
    ]


def count_on_census_date(at: AsAt) -> dict[str, int]:
    """The CME cases on the date (the monthly return's total), and every breakdown cell: one query."""
    aggregates = {"total": Count("child", distinct=True)}
    for key, _, _, cells in breakdown_definitions(at):
        for cell_key, _, q in cells:
            aggregates[f"{key}:{cell_key}"] = Count("child", filter=q, distinct=True)
    return cme_cases(at).annotate(expected_year_group=expected_year_group(at)).aggregate(**aggregates)


# --- at any point in the school year ---------------------------------------

def _active_event_between(first: date, last: date, categories=None):
    """Exists: the case had an event making it open or awaiting sign-off (with one of
    ``categories``, if given) from the start of ``first`` to the end of ``last``."""
    events = CaseEvent.objects.filter(
        case=OuterRef("pk"), occurred_at__gte=AsAt(first - timedelta(days=1)).cutoff,
        occurred_at__lt=AsAt(last).cutoff, status_after__in=ACTIVE_STATUSES,
    )
    if categories:
        events = events.filter(category_after__in=categories)
    return Exists(events)


def at_any_point_cases(on: date):
    """The cases that make a child CME at some point from 1 September to the end of ``on``.

    A case counts when, on a day of that period on which its child was in the
    return's age range, it was open or awaiting failed-to-track sign-off at
    some time: either it already was when the period (or the child's days of
    compulsory school age) began, or an event made it so during it. Reception
    and deferred-entry cases count, as in the return, while the child is in the
    Reception year group though not yet of CSA; a child with no date of birth
    counts all through. A case that stood closed as opened in error or a
    duplicate at the end of ``on`` never counts: its child was never missing.
    """
    at = AsAt(on)
    start = date(school_year_of(on), 9, 1)
    periods = {(start, on): Q(child__date_of_birth__isnull=True)}
    for span in csa_spans(start, on):
        key = (span.first, span.last)
        periods[key] = (periods[key] | dob_in(span.births)) if key in periods else dob_in(span.births)
    annotations, counted = {}, Q()
    for n, ((first, last), births) in enumerate(periods.items()):
        before = latest_status_event(AsAt(first - timedelta(days=1)))
        annotations[f"status_before_{n}"] = Subquery(before.values("status_after")[:1])
        if n == 0:  # the whole period: the Reception exception needs the category too
            annotations["category_before_0"] = Subquery(before.values("category_after")[:1])
        counted |= births & (Q(**{f"status_before_{n}__in": ACTIVE_STATUSES}) | Q(_active_event_between(first, last)))
    reception = dob_in(reception_intake_births(at.school_year)) & (
        Q(status_before_0__in=ACTIVE_STATUSES, category_before_0__in=RECEPTION_CATEGORIES)
        | Q(_active_event_between(start, on, RECEPTION_CATEGORIES))
    )
    # A When, not exclude(): a status event with no outcome must not drop the case (NULL).
    annotations["closed_in_error"] = When_Case(
        When(status_at=Status.CLOSED, outcome_at=Outcome.OPENED_IN_ERROR, then=Value(True)),
        default=Value(False), output_field=BooleanField(),
    )
    return (
        cases_as_at(at, with_outcome=True)
        .annotate(**annotations)
        .filter(counted | reception)
        .filter(closed_in_error=False)
    )


# --- the whole collection ---------------------------------------------------

def compute(on: date) -> CollectionFigures:
    """The collection's figures as at the end of ``on``: two queries."""
    at = AsAt(on)
    counts = count_on_census_date(at)
    at_any_point = at_any_point_cases(on).aggregate(n=Count("child", distinct=True))["n"]
    breakdowns = [
        Breakdown(key, title, caption, tuple(Cell(cell_key, label, counts[f"{key}:{cell_key}"])
                                             for cell_key, label, _ in cells))
        for key, title, caption, cells in breakdown_definitions(at)
    ]
    return CollectionFigures(
        on=on, census=census_day_on(on), year_start=date(at.school_year, 9, 1),
        on_census_date=counts["total"], at_any_point=at_any_point, breakdowns=tuple(breakdowns),
    )
