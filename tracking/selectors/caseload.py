"""The caseload views: each officer's active cases, overdue first.

The weekly caseload meeting (Redcar & Cleveland CME process; DESIGN.md
section 3) goes through every active case by officer: how long it has been
open in school days, its priority and risk factors, what happens next and
by when.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value, When

from cme.schooldays.selectors import DateOutsideCalendar, school_days_between

from ..models import Case, ChildAlert, Priority, School, VulnerabilityFlag


@dataclass(frozen=True)
class CaseAge:
    """How long a case has been open. ``school_days`` is None when the term
    dates for part of the period are not loaded; ``note`` then says why."""

    calendar_days: int
    school_days: int | None
    note: str = ""


def case_age(opened_on: date, today: date) -> CaseAge:
    calendar_days = (today - opened_on).days
    try:
        return CaseAge(calendar_days, school_days_between(opened_on, today))
    except DateOutsideCalendar as outside:
        return CaseAge(calendar_days, None, outside.message)


def with_active_flags(queryset, today, prefix="child__"):
    """Preload the child's risk factors that are active today as ``active_flags``."""
    return queryset.prefetch_related(
        Prefetch(f"{prefix}flags", queryset=VulnerabilityFlag.objects.active_on(today), to_attr="active_flags"),
        Prefetch(
            f"{prefix}alerts", queryset=ChildAlert.objects.filter(is_active=True), to_attr="active_alerts",
        ),
    )


def _caseload(queryset, today):
    return with_active_flags(
        queryset.active()
        .select_related("child", "assigned_officer", "last_known_school")
        .annotate(
            overdue_rank=models.Case(When(next_action_due__lt=today, then=Value(0)), default=Value(1)),
        ),
        today,
    )


URGENCY = ["overdue_rank", "priority", F("next_action_due").asc(nulls_last=True), "opened_on", "pk"]


def my_caseload(user, today):
    """The signed-in officer's active cases, overdue first, then by priority and due date."""
    return _caseload(Case.objects.visible_to(user).filter(assigned_officer=user), today).order_by(*URGENCY)


@dataclass
class TeamFilters:
    category: str = ""
    officer: str = ""  # a user's pk, "none" for unassigned cases, "" for everyone
    school: int | None = None
    flag: str = ""  # a FlagKind, "any" for any risk factor, "" for all cases
    overdue_only: bool = False


def team_cases(user, today, filters: TeamFilters):
    """The active cases the team caseload shows, filtered."""
    cases = Case.objects.visible_to(user).active()
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.officer == "none":
        cases = cases.filter(assigned_officer__isnull=True)
    elif filters.officer:
        cases = cases.filter(assigned_officer_id=filters.officer)
    if filters.school:
        cases = cases.filter(last_known_school_id=filters.school)
    if filters.flag:
        flags = VulnerabilityFlag.objects.active_on(today).filter(child=OuterRef("child"))
        if filters.flag != "any":
            flags = flags.filter(kind=filters.flag)
        cases = cases.filter(Exists(flags))
    if filters.overdue_only:
        cases = cases.filter(next_action_due__lt=today)
    return cases


def team_caseload(cases, today):
    """``team_cases`` grouped by officer (unassigned last), overdue first within each."""
    return _caseload(cases, today).order_by(
        F("assigned_officer__first_name").asc(nulls_last=True), "assigned_officer__last_name",
        "assigned_officer_id", *URGENCY,
    )


def officer_totals(cases, today):
    """Per officer: active cases, overdue next actions, act-today cases."""
    return list(
        cases.order_by()
        .values("assigned_officer", "assigned_officer__first_name", "assigned_officer__last_name")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(next_action_due__lt=today)),
            act_today=Count("pk", filter=Q(priority=Priority.ACT_TODAY)),
        )
        .order_by(F("assigned_officer__first_name").asc(nulls_last=True), "assigned_officer__last_name")
    )


def schools_with_active_cases():
    return School.objects.filter(cases__in=Case.objects.active()).distinct().order_by("name")
