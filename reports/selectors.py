"""Reads for the reports pages: returns, running totals, drill-downs and the caseload report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.shortcuts import get_object_or_404

from tracking import selectors as tracking_selectors
from tracking.models import Category

from . import measures
from .measures import RunningTotal, dfe
from .models import MonthlyReturn

#: The running totals table and trend chart show this many returns, the newest included.
RUNNING_TOTALS_LENGTH = 12


def returns_for(user):
    return MonthlyReturn.objects.visible_to(user).select_related("generated_by", "published_by")


def return_for(user, pk) -> MonthlyReturn:
    """One return the user may see, or 404."""
    return get_object_or_404(returns_for(user), pk=pk)


def latest_published_by_month(before: date):
    """The latest published version of each month's return for months before ``before``'s, newest first."""
    seen, rows = set(), []
    returns = (
        MonthlyReturn.objects.published()
        .filter(month__lt=before.replace(day=1))
        .order_by("-month", "-version")
        .only("as_at", "month", "version", "figures")
    )
    for monthly_return in returns.iterator():
        if monthly_return.month in seen:
            continue
        seen.add(monthly_return.month)
        rows.append(monthly_return)
        if len(rows) == RUNNING_TOTALS_LENGTH - 1:
            break
    return rows


def previous_running_totals(before: date) -> list[RunningTotal]:
    """Running totals rows from the published returns of the months before ``before``'s
    (the latest version of each), at most ``RUNNING_TOTALS_LENGTH - 1``, oldest first."""
    rows = [RunningTotal.from_figures(r.get_figures()) for r in latest_published_by_month(before)]
    return sorted(rows, key=lambda row: row.as_at)


def live_figures(on: date):
    """The figures as at ``on``, computed now, with the running totals of the published returns."""
    return measures.compute(on).with_running_totals(previous_running_totals(on))


def dfe_collection(on: date):
    """The DfE children missing education collection's figures as at ``on`` (two queries)."""
    return dfe.compute(on)


def drilldown_cases(key: str, on: date):
    """The cases behind one figure, for LA staff: ``None`` if there is no such figure."""
    cases = measures.cases_behind(key, on)
    if cases is None:
        return None
    return cases.select_related("child", "assigned_officer").order_by("category_at", "opened_on", "pk")


def figure_label(key: str, on: date) -> str | None:
    """What figure ``key`` is called in the return as at ``on`` (no queries)."""
    if key.startswith("category:"):
        return dict(Category.choices).get(key.removeprefix("category:"))
    for section in measures.sections(measures.AsAt(on)):
        for measure in section.measures:
            if measure.key == key:
                return measure.label if measure.label.startswith(section.title) else f"{section.title}: {measure.label}"
    return None


# --- the weekly caseload report --------------------------------------------

@dataclass
class OfficerCaseload:
    officer: object  # a User, or None for cases not assigned to anyone
    cases: list = field(default_factory=list)

    @property
    def name(self):
        return (self.officer.get_full_name() or self.officer.email) if self.officer else "Not assigned"

    @property
    def overdue(self):
        return sum(1 for case in self.cases if case.is_overdue)


def caseload_by_officer(user, today: date) -> list[OfficerCaseload]:
    """Every active case, by officer (unassigned last), overdue first, then by
    priority and next action due date — the team caseload's order
    (``tracking.selectors.team_caseload``), with each case's age in school days.
    A fixed number of queries however many cases."""
    cases = tracking_selectors.team_caseload(
        tracking_selectors.team_cases(user, today, tracking_selectors.TeamFilters()), today
    )
    groups: dict = {}
    for case in cases:
        case.is_overdue = bool(case.next_action_due and case.next_action_due < today)
        case.age = tracking_selectors.case_age(case.opened_on, today)
        groups.setdefault(case.assigned_officer_id, OfficerCaseload(case.assigned_officer)).cases.append(case)
    return list(groups.values())
