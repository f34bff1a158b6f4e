"""The rules under the DfE collection: census days, the days each child is of
compulsory school age in a period, the length-of-time bands and the reasons.
Pure functions, checked against the DfE's published dates and the one-child
statutory rules (hypothesis)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cme.schooldays.age import is_of_csa, nc_year
from reports.measures.ages import csa_births, csa_spans, reception_intake_births
from reports.measures.census import (
    Term, census_date, census_day_on, census_days, census_days_up_to, latest_census_day, nth_weekday,
)
from reports.measures.dfe import REASON_OF_CATEGORY, YEAR_GROUPS, Reason, length_bands, months_before
from tracking.models import Category

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31))
school_years = st.integers(min_value=2000, max_value=2045)


# --- census days -------------------------------------------------------------

@pytest.mark.parametrize("term, school_year, expected", [
    # The DfE's published census dates for the first voluntary collection, 2022/23.
    (Term.AUTUMN, 2022, date(2022, 10, 6)),
    (Term.SPRING, 2022, date(2023, 1, 19)),
    (Term.SUMMER, 2022, date(2023, 5, 18)),
    # 2025/26: 1 October 2025 is a Wednesday; 1 January 2026 a Thursday; 1 May 2026 a Friday.
    (Term.AUTUMN, 2025, date(2025, 10, 2)),
    (Term.SPRING, 2025, date(2026, 1, 15)),
    (Term.SUMMER, 2025, date(2026, 5, 21)),
    # A month starting on a Thursday: that day is the first Thursday.
    (Term.AUTUMN, 2026, date(2026, 10, 1)),
])
def test_census_days_are_the_dfe_school_census_thursdays(term, school_year, expected):
    assert census_date(term, school_year) == expected
    assert census_day_on(expected).term is term
    assert census_day_on(expected).school_year == school_year


@given(school_years)
def test_every_census_day_is_the_right_thursday_of_its_month(school_year):
    autumn, spring, summer = census_days(school_year)
    assert [d.term for d in (autumn, spring, summer)] == [Term.AUTUMN, Term.SPRING, Term.SUMMER]
    for census, month, days_of_month in ((autumn, 10, range(1, 8)), (spring, 1, range(15, 22)),
                                         (summer, 5, range(15, 22))):
        assert census.on.weekday() == 3 and census.on.month == month and census.on.day in days_of_month
    assert autumn.on.year == school_year and spring.on.year == summer.on.year == school_year + 1


@given(days)
def test_the_latest_census_day_is_the_last_one_on_or_before_today(today):
    latest = latest_census_day(today).on
    assert latest <= today
    assert latest > today - timedelta(days=200)  # never more than a term and a summer ago
    assert all(census_day_on(latest + timedelta(days=n)) is None for n in range(1, (today - latest).days + 1))


def test_on_a_census_day_that_day_is_the_latest():
    assert latest_census_day(date(2026, 1, 15)).label == "Spring 2026 census"
    assert latest_census_day(date(2026, 1, 14)).label == "Autumn 2025 census"
    assert latest_census_day(date(2026, 3, 16)).on == date(2026, 1, 15)
    assert census_day_on(date(2026, 1, 16)) is None


def test_the_recent_census_days_go_back_across_school_years_newest_first():
    assert [d.on for d in census_days_up_to(date(2026, 3, 16), 4)] == [
        date(2026, 1, 15), date(2025, 10, 2), date(2025, 5, 15), date(2025, 1, 16),
    ]


def test_nth_weekday_counts_from_the_first_of_the_month():
    assert nth_weekday(2026, 1, 3, 1) == date(2026, 1, 1)
    assert nth_weekday(2026, 5, 3, 3) == date(2026, 5, 21)


# --- compulsory school age over a period ---------------------------------------

@given(first=days, length=st.integers(min_value=0, max_value=400), dob=st.dates(date(1985, 1, 1), date(2045, 1, 1)),
       offset=st.integers(min_value=0, max_value=400))
def test_each_child_is_in_the_span_of_exactly_the_days_they_are_of_csa(first, length, dob, offset):
    last = first + timedelta(days=length)
    day = first + timedelta(days=min(offset, length))
    spans = [span for span in csa_spans(first, last) if dob in span.births]
    assert len(spans) <= 1
    of_csa_on_some_day = any(is_of_csa(dob, first + timedelta(days=n)) for n in (0, length, min(offset, length)))
    if of_csa_on_some_day:
        assert spans, "a child of CSA in the period is in a span"
    if spans:
        span = spans[0]
        assert is_of_csa(dob, span.first) and is_of_csa(dob, span.last)
        assert span.first == first or not is_of_csa(dob, span.first - timedelta(days=1))
        assert span.last == last or not is_of_csa(dob, span.last + timedelta(days=1))
    assert is_of_csa(dob, day) == bool(spans and spans[0].first <= day <= spans[0].last)


def test_children_reaching_csa_in_the_spring_term_are_counted_from_the_prescribed_day():
    spans = {(s.births.earliest, s.births.latest): (s.first, s.last)
             for s in csa_spans(date(2025, 9, 1), date(2026, 5, 21))}
    assert spans == {
        (date(2009, 9, 1), date(2020, 8, 31)): (date(2025, 9, 1), date(2026, 5, 21)),  # of CSA all year
        (date(2020, 9, 1), date(2020, 12, 31)): (date(2025, 12, 31), date(2026, 5, 21)),
        (date(2021, 1, 1), date(2021, 3, 31)): (date(2026, 3, 31), date(2026, 5, 21)),
    }


@given(day=days, data=st.data())
def test_every_child_in_the_age_range_is_in_a_year_group_from_reception_to_year_11(day, data):
    """So the year-group breakdown, which has no row for below or above school age, loses no one."""
    of_csa, reception = csa_births(day), reception_intake_births(day.year if day.month >= 9 else day.year - 1)
    births = data.draw(st.sampled_from([of_csa, reception]))
    dob = data.draw(st.dates(births.earliest, births.latest))
    assert nc_year(dob, day) in YEAR_GROUPS


# --- length of time missing and the main reason -----------------------------

@given(days)
def test_the_length_bands_take_every_opening_date_exactly_once(on):
    bands = length_bands(on)
    assert bands[0].latest is None and bands[-1].earliest is None  # newest first, oldest last
    for newer, older in zip(bands, bands[1:]):
        assert older.latest + timedelta(days=1) == newer.earliest


@pytest.mark.parametrize("opened, band", [
    (date(2026, 1, 15), "under_4_weeks"),
    (date(2025, 12, 19), "under_4_weeks"),  # 27 days
    (date(2025, 12, 18), "4_to_12_weeks"),  # exactly 4 weeks
    (date(2025, 10, 23), "4_to_12_weeks"),  # exactly 12 weeks
    (date(2025, 10, 22), "12_weeks_to_6_months"),
    (date(2025, 7, 16), "12_weeks_to_6_months"),
    (date(2025, 7, 15), "6_months_to_1_year"),  # exactly 6 months
    (date(2025, 1, 16), "6_months_to_1_year"),
    (date(2025, 1, 15), "1_year_or_more"),  # exactly a year
])
def test_length_bands_on_the_spring_2026_census_day(opened, band):
    [found] = [b.key for b in length_bands(date(2026, 1, 15))
               if (b.earliest is None or b.earliest <= opened) and (b.latest is None or opened <= b.latest)]
    assert found == band


@pytest.mark.parametrize("on, months, expected", [
    (date(2026, 1, 15), 6, date(2025, 7, 15)),
    (date(2026, 8, 31), 6, date(2026, 2, 28)),  # February has no 31st
    (date(2024, 8, 31), 6, date(2024, 2, 29)),
    (date(2025, 2, 28), 12, date(2024, 2, 28)),
    (date(2024, 2, 29), 12, date(2023, 2, 28)),
])
def test_months_before_keeps_the_day_or_takes_the_month_end(on, months, expected):
    assert months_before(on, months) == expected


def test_every_case_category_has_one_main_reason_and_every_reason_is_used():
    assert set(REASON_OF_CATEGORY) == set(Category.values)
    assert set(REASON_OF_CATEGORY.values()) == set(Reason)
