"""Term dates, closure days and the grounds for deleting a pupil from the register.

A ``Calendar`` belongs to the local authority (``school_urn`` blank: there is
exactly one) or to one school that sets some of its own dates (an academy's
own terms, a maintained school's INSET days). Schools are named by URN, not a
foreign key, because ``cme.*`` apps do not depend on ``tracking``.

How an LA calendar and a school's calendar combine is the pure rule in
``calendar.SchoolCalendar.merged``; ``selectors.calendar_for`` builds it from
these rows. Writes go through ``services``, which check the whole calendar
before committing; the model ``clean()`` methods hold the per-row rules so
the admin site keeps them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from .age import school_year_label, school_year_of
from .validators import urn_validator

#: The earliest and latest school years (by starting calendar year) we hold dates for.
MIN_SCHOOL_YEAR = 2000
MAX_SCHOOL_YEAR = 2098

#: The six half terms of an English school year, in order.
HALF_TERMS: tuple[str, ...] = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")


def school_year_bounds(school_year: int) -> tuple[date, date]:
    """1 September and 31 August of a school year (2025 → 1/9/2025, 31/8/2026)."""
    return date(school_year, 9, 1), date(school_year + 1, 8, 31)


def is_valid_school_year(school_year: int) -> bool:
    return MIN_SCHOOL_YEAR <= school_year <= MAX_SCHOOL_YEAR


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def school_year_text(school_year: int) -> str:
    """How messages name a school year: "2025/26 (1 September 2025 to 31 August 2026)"."""
    first, last = school_year_bounds(school_year)
    return f"{school_year_label(school_year)} ({long_date(first)} to {long_date(last)})"


@dataclass(frozen=True)
class TermProblem:
    """One thing wrong with a school year's terms: which term, which date, why."""

    index: int  # position in the list checked
    field: str  # "start" or "end"
    message: str


def term_problems(school_year: int, terms: Sequence[tuple[str, date, date]]) -> list[TermProblem]:
    """What is wrong with one school year's terms, given as (name, first day, last day).

    The rules, shared by the term-dates page, the CSV import and the services:

    * the last day is on or after the first day;
    * both days are in the school year (1 September to 31 August);
    * each term starts after the one before it ends. Terms are put in order by
      their place among ``HALF_TERMS`` (so "Spring 1" typed before "Autumn 2"
      is reported, not silently re-ordered); other names are ordered by date.

    A term with a wrong date is left out of the ordering check, so one typing
    slip gives one message.
    """
    problems: list[TermProblem] = []
    first_day, last_day = school_year_bounds(school_year)
    label = school_year_text(school_year)
    usable: list[int] = []
    for index, (name, start, end) in enumerate(terms):
        ok = True
        for field, day, noun in (("start", start, "first day"), ("end", end, "last day")):
            if not first_day <= day <= last_day:
                problems.append(TermProblem(index, field, f"The {noun} of {name} must be in the {label} school year"))
                ok = False
        if ok and end < start:
            problems.append(
                TermProblem(index, "end", f"The last day of {name} must be the same as or after its first day")
            )
            ok = False
        if ok:
            usable.append(index)

    def place(index: int) -> tuple[int, date]:
        name, start, _ = terms[index]
        return (HALF_TERMS.index(name) if name in HALF_TERMS else len(HALF_TERMS), start)

    ordered = sorted(usable, key=place)
    for before, after in zip(ordered, ordered[1:]):
        earlier, later = terms[before], terms[after]
        if later[1] <= earlier[2]:
            problems.append(
                TermProblem(
                    after,
                    "start",
                    f"{later[0]} must start after {earlier[0]} ends ({long_date(earlier[2])})",
                )
            )
    return sorted(problems, key=lambda p: (p.index, p.field != "start"))


class Calendar(models.Model):
    """The term dates and closure days of the LA, or of one school that sets its own.

    A school calendar's terms for a school year replace the LA's terms *and*
    closure days for that year; its closure days in other years are added to
    the LA's. A school with no calendar follows the LA.
    """

    school_urn = models.CharField(
        "school URN",
        max_length=6,
        blank=True,
        unique=True,
        validators=[urn_validator],
        help_text="Leave blank for the local authority's calendar. A school's calendar is named by its URN.",
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="For a school calendar, the school's name, to show on pages."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["school_urn"]

    def __str__(self) -> str:
        if self.is_la_calendar:
            return "Local authority calendar"
        return f"{self.name or 'School'} (URN {self.school_urn})"

    @property
    def is_la_calendar(self) -> bool:
        return not self.school_urn


class Term(models.Model):
    """A block of term time, first to last day inclusive (e.g. "Autumn 1")."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="terms")
    school_year = models.PositiveSmallIntegerField(
        help_text="The calendar year the school year starts in: 2025 for 2025/26."
    )
    name = models.CharField(max_length=50, help_text="For example, Autumn 1.")
    start = models.DateField("first day")
    end = models.DateField("last day")

    class Meta:
        ordering = ["calendar", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="term_ends_on_or_after_start"),
            models.CheckConstraint(
                condition=Q(school_year__gte=MIN_SCHOOL_YEAR, school_year__lte=MAX_SCHOOL_YEAR),
                name="term_school_year_in_range",
            ),
            models.UniqueConstraint(fields=["calendar", "school_year", "name"], name="term_name_unique_in_year"),
        ]
        indexes = [models.Index(fields=["calendar", "school_year"])]

    def __str__(self) -> str:
        return f"{self.name} {school_year_label(self.school_year)}"

    def clean(self) -> None:
        if self.school_year is None or self.start is None or self.end is None:
            return
        if not is_valid_school_year(self.school_year):
            raise ValidationError(
                {"school_year": f"Enter a school year from {MIN_SCHOOL_YEAR} to {MAX_SCHOOL_YEAR}"}
            )
        errors: dict[str, list[str]] = {}
        for problem in term_problems(self.school_year, [(self.name or "the term", self.start, self.end)]):
            errors.setdefault(problem.field, []).append(problem.message)
        if errors:
            raise ValidationError(errors)


class ClosureDay(models.Model):
    """A day in term time when pupils are not expected in: an INSET day, a polling day."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=200, default="INSET day")

    class Meta:
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="closure_day_unique_in_calendar"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.reason}"

    @property
    def school_year(self) -> int:
        return school_year_of(self.date)

    def clean(self) -> None:
        if self.date is not None and not is_valid_school_year(school_year_of(self.date)):
            raise ValidationError({"date": f"Enter a date from 1 September {MIN_SCHOOL_YEAR}"})


# -- Grounds for deleting a pupil from the admission register ---------------


class DeletionGroundQuerySet(models.QuerySet):
    def active(self) -> DeletionGroundQuerySet:
        return self.filter(is_active=True)

    def twenty_school_days(self) -> DeletionGround:
        """The 20-continuous-school-days ground, reg. 9(1)(i)."""
        return self.get(kind=DeletionGround.TWENTY_SCHOOL_DAYS)


class DeletionGround(models.Model):
    """A ground for deleting a pupil of compulsory school age from the admission register.

    School Attendance (Pupil Registration) (England) Regulations 2024, reg. 9(1).
    Reference data, seeded by a migration and edited by an administrator.
    ``kind`` is how code finds a ground (it does not change when the wording
    does); ``TWENTY_SCHOOL_DAYS`` is ground (i).
    """

    TWENTY_SCHOOL_DAYS = "absent-20-school-days"  # (i)
    LEAVE_OF_ABSENCE = "not-returned-after-leave"  # (h)
    MOVED_AWAY = "moved-away"  # (g)
    HOME_EDUCATION = "home-education"  # (f)
    REGISTERED_ELSEWHERE = "registered-elsewhere"  # (a)
    NURSERY_NOT_MOVING = "nursery-not-moving-to-reception"  # (b)
    DUAL_REGISTERED = "dual-registered-consent"  # (c)
    DIED = "died"  # (k)
    CEASING_CSA = "over-compulsory-school-age"  # (l)
    PERMANENTLY_EXCLUDED = "permanently-excluded"  # (o)

    code = models.CharField(max_length=20, unique=True, help_text='The regulation paragraph, e.g. "9(1)(i)".')
    kind = models.SlugField(
        max_length=50, unique=True, help_text="A fixed name the service uses to find this ground. Do not change it."
    )
    regulation_reference = models.CharField(max_length=300)
    label = models.CharField("short label", max_length=200)
    description = models.TextField("plain-English description")
    needs_la_agreement = models.BooleanField(
        "needs the local authority",
        default=False,
        help_text="The school may use this ground only with the local authority's part in it "
        "(joint enquiries, and the CME officer's decision).",
    )
    needs_enquiries = models.BooleanField(
        default=False, help_text="The school and the local authority must first make reasonable enquiries."
    )
    may_be_missing_education = models.BooleanField(
        default=False,
        help_text="The child may have no school place or education afterwards: the CME team should follow it up.",
    )
    is_active = models.BooleanField(
        default=True, help_text="Switch off instead of deleting, so past requests keep their ground."
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = DeletionGroundQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def is_twenty_day_ground(self) -> bool:
        return self.kind == self.TWENTY_SCHOOL_DAYS
