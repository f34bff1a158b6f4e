"""The measures of the monthly return, as at a date, on a known history.

The story (``history.py``) has a child for every line of the return, and
children who must *not* be counted: too young, too old, found before the
date, or whose case only changed after it.
"""

from datetime import date

import pytest

from reports import measures
from reports.measures import AsAt, queries

from .conftest import AS_AT, on
from .history import EXPECTED, EXPECTED_BY_CATEGORY

pytestmark = pytest.mark.django_db

LATER = date(2026, 3, 16)


def values(figures):
    return {figure.key: figure.value for _, figure in figures.all_figures()}


def names(cases):
    return sorted(case.child.first_name for case in cases.select_related("child"))


def test_the_return_as_at_30_january_2026_has_the_expected_figure_for_every_measure(history):
    with on(LATER):
        figures = measures.compute(AS_AT)
    assert values(figures) == EXPECTED


def test_the_figures_are_the_same_whenever_they_are_worked_out(history):
    """Computed on the day, or six weeks later after cases moved on: the same."""
    with on(AS_AT, hour=23):
        on_the_day = measures.compute(AS_AT)
    with on(LATER):
        later = measures.compute(AS_AT)
    assert values(on_the_day) == values(later) == EXPECTED


def test_today_the_figures_reflect_what_happened_after_the_date(history):
    with on(LATER):
        now = values(measures.compute(LATER))
    assert now["secondary"] == 1  # Hugo moved to permanently excluded on 10 February
    assert now["excluded"] == 2
    assert now["leavers_2025"] == 1  # Omar was found on 5 February
    assert now["ehe"] == 2  # Ahmed was located as home educated on 3 February
    assert now["historical"] == 2  # Aaron was signed off as failed to track on 10 February
    assert now["cin"] == 2  # Quinn became a child in need on 1 February


def test_each_child_missing_education_is_in_exactly_one_line_of_the_total(history):
    with on(LATER):
        figures = measures.compute(AS_AT)
    in_total = sum(figure.value for _, figure in figures.all_figures() if figure.in_total)
    assert in_total == figures.value("total") == 27
    assert {c.category: c.value for c in figures.by_category} == EXPECTED_BY_CATEGORY
    assert sum(c.value for c in figures.by_category) == figures.value("total")


def test_every_figure_is_the_number_of_cases_its_drill_down_lists(history):
    with on(LATER):
        for key in measures.measure_keys(AS_AT):
            cases = measures.cases_behind(key, AS_AT)
            assert cases.values("child").distinct().count() == EXPECTED[key], key


DRILL_DOWNS = {
    "reception_current": ["Amara", "Ben"],
    "reception_other": ["Dev", "Esme"],
    "secondary": ["Grace", "Hugo"],
    "leavers_2025": ["Kai", "Omar"],
    "other": ["Aaron", "Ahmed", "Ajay", "Akira", "Alys", "Rosa", "Wren"],
    "out_of_phase": ["Rosa"],
    "historical": ["Xander"],
    "ehe": ["Afia"],
    "in_year_2025_processing": ["Yusuf"],
    "category:deferred": ["Isla"],
}


def test_the_drill_down_lists_the_children_behind_a_figure(history):
    with on(LATER):
        got = {key: names(measures.cases_behind(key, AS_AT)) for key in DRILL_DOWNS}
    assert got == DRILL_DOWNS


def test_a_figure_that_does_not_exist_has_no_drill_down(history):
    assert measures.cases_behind("no_such_measure", AS_AT) is None
    assert measures.cases_behind("category:nonsense", AS_AT) is None


def test_the_leaver_and_in_year_lines_name_the_school_years(db):
    figures = measures.compute(AS_AT)
    labels = {figure.key: figure.label for _, figure in figures.all_figures()}
    assert labels["leavers_2025"] == "Opened during 2025/26"
    assert labels["leavers_earlier"] == "Opened before 2024/25"
    assert labels["in_year_2024_offer"] == "2024/25: under offer, with a start date in the future"
    assert labels["in_year_earlier_failed"] == "Opened before 2023/24: failed to register at the school place offered"
    assert labels["reception_current"] == "Failed to start in Reception, September 2025"


def test_a_return_costs_three_queries_however_many_cases(history, django_assert_num_queries):
    with django_assert_num_queries(3):
        measures.compute(AS_AT)


def test_a_case_is_in_the_state_of_its_latest_status_event_at_the_end_of_the_day(history):
    grace = history.cases["Grace"]
    at_the_change = AsAt(date(2025, 12, 1))
    before_the_change = AsAt(date(2025, 11, 30))
    with on(LATER):
        assert queries.cases_as_at(before_the_change).get(pk=grace.pk).category_at == "other"
        assert queries.cases_as_at(at_the_change).get(pk=grace.pk).category_at == "secondary"
        vic = history.cases["Vic"]  # opened on 2 February
        assert queries.cases_as_at(AsAt(AS_AT)).get(pk=vic.pk).status_at is None
        assert queries.cases_as_at(AsAt(date(2026, 2, 2))).get(pk=vic.pk).status_at == "open"


def test_a_case_typed_in_later_counts_from_the_day_it_opened(history):
    """A referral received on 28 January, typed in on 3 February with that date."""
    from tracking.models import Category
    from tracking.tests.factories import CaseFactory, ChildFactory

    with on(date(2026, 2, 3)):
        CaseFactory(child=ChildFactory(first_name="Beth", date_of_birth=date(2015, 5, 5)),
                    category=Category.CME_OTHER, opened_on=date(2026, 1, 28), created_by=history.priya)
    with on(LATER):
        figures = measures.compute(AS_AT)
    assert figures.value("other") == EXPECTED["other"] + 1
    assert figures.value("total") == EXPECTED["total"] + 1
