"""School days: term dates, bank holidays, closures, counting, overrides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cme.schooldays.calendar import CalendarOverride, DateOutsideCalendar, SchoolCalendar, Term

from .termdata import (
    ELM,
    ELM_ACADEMY_TERMS,
    ELM_REFERENCE,
    FIRST_DAY,
    LA,
    LA_REFERENCE,
    LAST_DAY,
    OAK,
    OAK_REFERENCE,
    all_days,
)

# -- which days are school days ---------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (date(2022, 9, 19), False, "State Funeral of Queen Elizabeth II, a Monday in term"),
        (date(2022, 9, 20), True, "ordinary Tuesday in term"),
        (date(2023, 5, 1), False, "early May bank holiday in term"),
        (date(2023, 5, 5), True, "Friday before the coronation"),
        (date(2023, 5, 8), False, "Coronation of Charles III, one-off bank holiday in term"),
        (date(2023, 5, 9), True, "Tuesday after the coronation"),
        (date(2024, 5, 6), False, "early May bank holiday 2024"),
        (date(2024, 5, 27), False, "spring bank holiday, in half term"),
        (date(2024, 9, 7), False, "Saturday in term"),
        (date(2024, 10, 25), True, "last day before October half term"),
        (date(2024, 10, 28), False, "October half term"),
        (date(2024, 11, 4), True, "first day after October half term"),
        (date(2024, 12, 23), False, "Christmas holiday"),
        (date(2025, 4, 21), False, "Easter Monday"),
        (date(2025, 4, 22), True, "first day of summer term 2025"),
        (date(2025, 8, 15), False, "summer holiday"),
    ],
)
def test_la_school_days(day, expected, why):
    assert LA.is_school_day(day) is expected, why


def test_the_coronation_bank_holiday_comes_from_the_holidays_package():
    assert date(2023, 5, 8) in LA.bank_holidays
    assert date(2022, 9, 19) in LA.bank_holidays


def test_substitute_bank_holidays_inside_a_term_are_not_school_days():
    # 25-26 Dec 2027 and 1 Jan 2028 fall at weekends; 27, 28 Dec and 3 Jan are the substitutes
    calendar = SchoolCalendar([Term(date(2027, 9, 1), date(2028, 7, 20))])
    assert not calendar.is_school_day(date(2027, 12, 27))
    assert not calendar.is_school_day(date(2027, 12, 28))
    assert not calendar.is_school_day(date(2028, 1, 3))
    assert calendar.is_school_day(date(2028, 1, 4))


def test_closure_days_are_not_school_days():
    term = Term(date(2024, 9, 2), date(2024, 10, 25))
    calendar = SchoolCalendar([term], closures={date(2024, 9, 2), date(2024, 9, 7)})  # an INSET day and a Saturday
    assert not calendar.is_school_day(date(2024, 9, 2))
    assert calendar.is_school_day(date(2024, 9, 3))
    assert calendar.add_school_days(date(2024, 9, 1), 1) == date(2024, 9, 3)


@pytest.mark.parametrize(("reference", "calendar"), [(LA_REFERENCE, LA), (OAK_REFERENCE, OAK), (ELM_REFERENCE, ELM)])
def test_every_day_agrees_with_the_day_by_day_rule(reference, calendar):
    for day in all_days():
        assert calendar.is_school_day(day) is reference.is_school_day(day), day


# -- a school's own dates over the LA's -----------------------------------------------


@pytest.mark.parametrize(
    ("day", "at_la", "at_elm", "why"),
    [
        (date(2023, 9, 1), True, False, "Elm starts on 4 Sep, an INSET day"),
        (date(2023, 9, 5), True, True, "Elm's first day with pupils"),
        (date(2023, 10, 30), True, False, "Elm has a two-week October half term"),
        (date(2024, 3, 29), False, False, "Good Friday: Elm's term spans Easter, but it is a bank holiday"),
        (date(2024, 4, 1), False, False, "Easter Monday inside Elm's spring term"),
        (date(2024, 4, 2), False, True, "Elm is open in the week after Easter; the LA's schools are not"),
        (date(2024, 4, 15), True, False, "Elm's Easter holiday is later"),
        (date(2024, 7, 22), True, False, "Elm breaks up on 19 Jul"),
        (date(2024, 9, 2), True, False, "2024/25: Elm follows LA terms but has its own INSET day"),
        (date(2024, 9, 4), True, True, "2024/25: LA dates"),
        (date(2022, 10, 3), True, True, "2022/23: LA dates"),
    ],
)
def test_academy_calendar_overrides_the_la_for_the_years_it_sets(day, at_la, at_elm, why):
    assert LA.is_school_day(day) is at_la, why
    assert ELM.is_school_day(day) is at_elm, why


def test_maintained_school_inset_days_apply_on_la_term_dates():
    assert LA.is_school_day(date(2023, 9, 1))
    assert not OAK.is_school_day(date(2023, 9, 1))
    assert OAK.next_school_day_on_or_after(date(2023, 9, 1)) == date(2023, 9, 4)


def test_an_override_year_replaces_the_las_closures_for_that_year_only():
    la = SchoolCalendar(
        [Term(date(2023, 9, 4), date(2023, 12, 15)), Term(date(2024, 9, 2), date(2024, 12, 20))],
        closures={date(2023, 11, 6), date(2024, 11, 4)},  # LA-wide closures, e.g. polling days
    )
    school = SchoolCalendar.merged(la, CalendarOverride(terms=[(date(2023, 9, 4), date(2023, 12, 15))]))
    assert school.is_school_day(date(2023, 11, 6))  # the school set 2023/24 itself
    assert not school.is_school_day(date(2024, 11, 4))  # 2024/25 still the LA's


def test_merged_accepts_a_school_calendar_as_the_override():
    override = SchoolCalendar(ELM_ACADEMY_TERMS, closures={date(2023, 9, 4), date(2024, 3, 22)})
    assert override.school_years == (2023,)
    merged = SchoolCalendar.merged(LA, override)
    assert merged.school_days() == ELM.school_days(None, date(2024, 8, 31)) + LA.school_days(date(2024, 9, 1))


def test_an_override_can_extend_the_la_calendar_by_a_year():
    la = SchoolCalendar([Term(date(2024, 9, 2), date(2025, 7, 22))])
    school = SchoolCalendar.merged(la, CalendarOverride(terms=[Term(date(2025, 9, 3), date(2026, 7, 22))]))
    assert school.school_years == (2024, 2025)


# -- counting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        (date(2024, 10, 25), 1, date(2024, 11, 4), "Friday before half term + 1 = Monday after"),
        (date(2024, 11, 4), -1, date(2024, 10, 25), "and back again"),
        (date(2024, 10, 26), 1, date(2024, 11, 4), "from a half-term Saturday"),
        (date(2024, 10, 26), -1, date(2024, 10, 25), "back from a half-term Saturday"),
        (date(2024, 9, 6), 1, date(2024, 9, 9), "Friday + 1 = Monday"),
        (date(2023, 4, 28), 1, date(2023, 5, 2), "over the May Day bank holiday"),
        (date(2023, 5, 5), 1, date(2023, 5, 9), "over the coronation bank holiday"),
        (date(2024, 12, 20), 1, date(2025, 1, 6), "over Christmas"),
        (date(2025, 7, 22), 1, date(2025, 9, 3), "over the summer into the next school year"),
        (date(2025, 9, 3), -1, date(2025, 7, 22), "back over the summer"),
        (date(2024, 10, 11), 20, date(2024, 11, 15), "20 school days, over October half term"),
        (date(2024, 10, 26), 0, date(2024, 10, 26), "zero days is the date itself"),
    ],
)
def test_add_school_days(start, n, expected, why):
    assert LA.add_school_days(start, n) == expected, why


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 10, 25), date(2024, 10, 25), 0),
        (date(2024, 10, 25), date(2024, 11, 4), 1),  # (Fri, Mon] over half term
        (date(2024, 10, 26), date(2024, 11, 4), 1),
        (date(2024, 10, 24), date(2024, 11, 4), 2),
        (date(2024, 11, 4), date(2024, 10, 25), -1),
        (date(2024, 10, 11), date(2024, 11, 15), 20),
        (date(2024, 9, 1), date(2025, 8, 31), 195),  # the whole of 2024/25
    ],
)
def test_school_days_between_counts_after_start_up_to_and_including_end(start, end, expected):
    assert LA.school_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2024, 11, 4), date(2024, 11, 8), 5),
        (date(2024, 11, 4), date(2024, 11, 4), 1),
        (date(2024, 10, 26), date(2024, 11, 3), 0),  # all of half term
        (date(2024, 11, 8), date(2024, 11, 4), 0),  # empty range
    ],
)
def test_school_days_in_counts_both_ends(first, last, expected):
    assert LA.school_days_in(first, last) == expected


@pytest.mark.parametrize(
    ("day", "on_or_after", "on_or_before"),
    [
        (date(2024, 11, 4), date(2024, 11, 4), date(2024, 11, 4)),
        (date(2024, 10, 26), date(2024, 11, 4), date(2024, 10, 25)),
        (date(2025, 8, 1), date(2025, 9, 3), date(2025, 7, 22)),
        (date(2023, 5, 8), date(2023, 5, 9), date(2023, 5, 5)),
    ],
)
def test_nearest_school_days(day, on_or_after, on_or_before):
    assert LA.next_school_day_on_or_after(day) == on_or_after
    assert LA.previous_school_day_on_or_before(day) == on_or_before


def test_school_days_lists_a_range():
    assert LA.school_days(date(2023, 5, 4), date(2023, 5, 10)) == [
        date(2023, 5, 4), date(2023, 5, 5), date(2023, 5, 9), date(2023, 5, 10),
    ]


# -- properties ----------------------------------------------------------------------

SCHOOL_DAYS = LA.school_days()
covered_dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@given(st.data())
def test_counting_back_what_was_added_from_a_school_day(data):
    index = data.draw(st.integers(min_value=0, max_value=len(SCHOOL_DAYS) - 1))
    n = data.draw(st.integers(min_value=-index, max_value=len(SCHOOL_DAYS) - 1 - index))
    d = SCHOOL_DAYS[index]
    assert LA.school_days_between(d, LA.add_school_days(d, n)) == n


@given(covered_dates, st.integers(min_value=0, max_value=400))
def test_counting_back_what_was_added_from_any_day(d, n):
    try:
        end = LA.add_school_days(d, n)
    except DateOutsideCalendar:
        assert LA.school_days_between(d, LAST_DAY) < n
        return
    assert LA.school_days_between(d, end) == n


@given(covered_dates, st.integers(min_value=-60, max_value=60))
def test_add_school_days_agrees_with_counting_one_day_at_a_time(d, n):
    try:
        expected = LA_REFERENCE.add_school_days(d, n)
    except LookupError:
        with pytest.raises(DateOutsideCalendar):
            LA.add_school_days(d, n)
        return
    assert LA.add_school_days(d, n) == expected


@given(st.data())
def test_adding_school_days_composes(data):
    last = len(SCHOOL_DAYS) - 1
    index = data.draw(st.integers(min_value=0, max_value=last))
    n = data.draw(st.integers(min_value=-index, max_value=last - index))
    m = data.draw(st.integers(min_value=-(index + n), max_value=last - index - n))
    d = SCHOOL_DAYS[index]
    assert LA.add_school_days(LA.add_school_days(d, n), m) == LA.add_school_days(d, n + m) == SCHOOL_DAYS[index + n + m]


@given(covered_dates, covered_dates)
def test_between_and_in_agree(a, b):
    first, last = min(a, b), max(a, b)
    assert LA.school_days_in(first, last) == LA.school_days_between(first, last) + LA.is_school_day(first)
    assert LA.school_days_between(a, b) == -LA.school_days_between(b, a)


# -- outside the loaded years -----------------------------------------------------------


@pytest.mark.parametrize("day", [date(2022, 8, 31), date(2028, 9, 1), date(2031, 1, 1)])
def test_dates_outside_loaded_years_raise(day):
    with pytest.raises(DateOutsideCalendar) as error:
        LA.is_school_day(day)
    assert f"{day:%d/%m/%Y}" in error.value.message
    assert "2022/23 to 2027/28" in error.value.message
    assert error.value.date == day
    assert (error.value.first_year, error.value.last_year) == (2022, 2027)


def test_outside_error_names_the_school_year_with_no_dates():
    with pytest.raises(DateOutsideCalendar, match=r"01/09/2028 is in school year 2028/29, which has no term dates"):
        LA.next_school_day_on_or_after(date(2028, 9, 1))


@pytest.mark.parametrize(
    "ask",
    [
        lambda: LA.add_school_days(date(2028, 7, 17), 10),  # answer would be in 2028/29
        lambda: LA.add_school_days(date(2022, 9, 5), -10),  # answer would be in 2021/22
        lambda: LA.school_days_between(date(2028, 7, 1), date(2028, 9, 8)),
        lambda: LA.school_days_in(date(2022, 8, 1), date(2022, 9, 8)),
        lambda: LA.next_school_day_on_or_after(date(2028, 7, 25)),  # summer 2028: no later school day loaded
        lambda: LA.previous_school_day_on_or_before(date(2022, 9, 1) - timedelta(days=1)),
        lambda: LA.school_days(date(2028, 9, 1)),
    ],
)
def test_answers_that_would_fall_outside_the_loaded_years_raise(ask):
    with pytest.raises(DateOutsideCalendar, match="2022/23 to 2027/28"):
        ask()


def test_a_calendar_with_no_term_dates_says_so():
    with pytest.raises(DateOutsideCalendar, match="no term dates are loaded"):
        SchoolCalendar([]).is_school_day(date(2025, 1, 6))


# -- building a calendar ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Term(date(2024, 10, 25), date(2024, 9, 2)), "ends"),
        (lambda: Term(date(2024, 8, 28), date(2024, 9, 6)), "crosses 31 August"),
        (
            lambda: SchoolCalendar([(date(2024, 9, 2), date(2024, 10, 25)), (date(2024, 10, 21), date(2024, 12, 20))]),
            "overlap",
        ),
        (
            lambda: SchoolCalendar([(date(2022, 9, 1), date(2022, 12, 16)), (date(2024, 9, 2), date(2024, 12, 20))]),
            "Term dates are missing for 2023/24",
        ),
        (lambda: SchoolCalendar([(date(2024, 9, 2), date(2024, 12, 20))], closures={date(2025, 9, 3)}), "Closure day 03/09/2025"),
    ],
)
def test_inconsistent_term_data_is_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_loaded_years_cover_1_september_to_31_august():
    assert LA.school_years == (2022, 2023, 2024, 2025, 2026, 2027)
    assert LA.covers(date(2022, 9, 1)) and LA.covers(date(2028, 8, 31))
    assert not LA.covers(date(2022, 8, 31)) and not LA.covers(date(2028, 9, 1))
