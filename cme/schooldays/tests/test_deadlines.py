"""Policy timescales and the due dates computed from them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import (
    ADMISSION_OUTCOME_TO_LA,
    CONTINUOUS_ABSENCE_FOR_REMOVAL,
    IN_YEAR_START,
    LOST_PUPIL_CTF,
    NEW_PUPIL_NOTICE,
    REFERRER_PROGRESS_UPDATE,
    TIMESCALES,
    Unit,
    admission_outcome_to_la_due,
    continuous_school_days_absent,
    due_date,
    in_year_outcome_to_parents_due,
    in_year_start_due,
    leave_of_absence_return_by,
    liverpool_missing_pupil_timeline,
    lost_pupil_ctf_due,
    new_pupil_notice_due,
    progress_update_due,
    removal_possible_from,
)

from .termdata import ELM, LA


@pytest.mark.parametrize(
    ("timescale", "amount", "unit", "cited"),
    [
        (CONTINUOUS_ABSENCE_FOR_REMOVAL, 20, Unit.SCHOOL_DAYS, "reg. 9(1)(i)"),
        (REFERRER_PROGRESS_UPDATE, 10, Unit.SCHOOL_DAYS, "Redcar & Cleveland"),
        (LOST_PUPIL_CTF, 15, Unit.SCHOOL_DAYS, "Pupil Information"),
        (NEW_PUPIL_NOTICE, 5, Unit.CALENDAR_DAYS, "reg. 13"),
        (IN_YEAR_START, 10, Unit.SCHOOL_DAYS, "Havering"),
        (ADMISSION_OUTCOME_TO_LA, 2, Unit.SCHOOL_DAYS, "School Admissions Code"),
    ],
)
def test_each_timescale_states_its_length_and_source(timescale, amount, unit, cited):
    assert (timescale.amount, timescale.unit) == (amount, unit)
    assert cited in timescale.source
    assert timescale in TIMESCALES


# -- 20 continuous school days ------------------------------------------------------


@pytest.mark.parametrize(
    ("last_attendance", "expected", "why"),
    [
        (date(2024, 10, 11), date(2024, 11, 15), "a week of October half term is not counted"),
        (date(2023, 4, 27), date(2023, 6, 5), "May Day, the coronation and May half term are not counted"),
        (date(2024, 10, 12), date(2024, 11, 15), "last seen at a Saturday event: absence starts on Monday"),
    ],
)
def test_removal_possible_from_the_20th_school_day_of_absence(last_attendance, expected, why):
    assert removal_possible_from(last_attendance, LA) == expected, why
    assert continuous_school_days_absent(last_attendance, expected, LA) == 20


def test_the_schools_own_calendar_gives_a_different_20th_day():
    # Elm's two-week October half term in 2023 pushes the 20th day back a week
    assert removal_possible_from(date(2023, 10, 13), LA) == date(2023, 11, 17)
    assert removal_possible_from(date(2023, 10, 13), ELM) == date(2023, 11, 24)


def test_continuous_school_days_absent():
    last_seen = date(2024, 10, 11)
    assert continuous_school_days_absent(last_seen, date(2024, 10, 11), LA) == 0
    assert continuous_school_days_absent(last_seen, date(2024, 10, 14), LA) == 1
    assert continuous_school_days_absent(last_seen, date(2024, 11, 3), LA) == 10  # end of half term
    assert continuous_school_days_absent(last_seen, date(2024, 11, 16), LA) == 20
    assert continuous_school_days_absent(last_seen, date(2024, 10, 1), LA) == 0


@given(st.sampled_from(LA.school_days(date(2022, 9, 1), date(2028, 5, 31))))
def test_the_20th_day_is_the_first_on_which_20_days_have_been_missed(last_attendance):
    twentieth = removal_possible_from(last_attendance, LA)
    assert LA.is_school_day(twentieth)
    assert continuous_school_days_absent(last_attendance, twentieth, LA) == 20
    assert continuous_school_days_absent(last_attendance, LA.add_school_days(twentieth, -1), LA) == 19


# -- other due dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("compute", "start", "expected", "why"),
    [
        (progress_update_due, date(2024, 10, 21), date(2024, 11, 11), "10 school days, over half term"),
        (lost_pupil_ctf_due, date(2025, 7, 15), date(2025, 9, 16), "15 school days, over the summer"),
        (in_year_start_due, date(2024, 12, 11), date(2025, 1, 8), "10 school days, over Christmas"),
        (admission_outcome_to_la_due, date(2025, 4, 3), date(2025, 4, 22), "2 school days, over Easter"),
        (in_year_outcome_to_parents_due, date(2025, 1, 6), date(2025, 1, 27), "15 school days"),
        (leave_of_absence_return_by, date(2025, 2, 21), date(2025, 3, 7), "10 school days after leave ends"),
    ],
)
def test_school_day_due_dates(compute, start, expected, why):
    assert compute(start, LA) == expected, why


@pytest.mark.parametrize(
    ("added_on", "expected"),
    [
        (date(2024, 12, 20), date(2024, 12, 25)),  # calendar days: Christmas Day counts
        (date(2025, 2, 26), date(2025, 3, 3)),
        (date(2024, 2, 26), date(2024, 3, 2)),  # leap year
    ],
)
def test_new_pupil_notice_is_due_by_the_fifth_calendar_day(added_on, expected):
    assert new_pupil_notice_due(added_on) == expected


def test_school_day_timescales_need_a_calendar():
    with pytest.raises(TypeError, match="school days"):
        due_date(REFERRER_PROGRESS_UPDATE, date(2024, 10, 21))


def test_due_dates_beyond_the_loaded_term_dates_raise_rather_than_guess():
    with pytest.raises(DateOutsideCalendar):
        progress_update_due(date(2028, 7, 17), LA)


# -- Liverpool timeline ----------------------------------------------------------------


def test_liverpool_timeline_for_a_pupil_last_seen_before_october_half_term():
    steps = liverpool_missing_pupil_timeline(date(2024, 10, 11), LA)
    assert [(s.title, s.first_day, s.last_day) for s in steps] == [
        ("Day 1", date(2024, 10, 14), date(2024, 10, 14)),
        ("Days 1 to 5", date(2024, 10, 14), date(2024, 10, 18)),
        ("Days 6 to 19", date(2024, 10, 21), date(2024, 11, 14)),
        ("Day 20", date(2024, 11, 15), date(2024, 11, 15)),
    ]
    assert [(s.first_school_day, s.last_school_day) for s in steps] == [(1, 1), (1, 5), (6, 19), (20, 20)]
    assert "social care" in steps[0].what_to_do and "police" in steps[0].what_to_do
    assert "Education Welfare Service" in steps[2].what_to_do and "checklist" in steps[2].what_to_do
    assert "XXXXXXX" in steps[3].what_to_do and "back-dated" in steps[3].what_to_do


def test_liverpool_day_20_is_the_day_removal_becomes_possible():
    last_seen = date(2023, 4, 27)
    assert liverpool_missing_pupil_timeline(last_seen, LA)[-1].first_day == removal_possible_from(last_seen, LA)
