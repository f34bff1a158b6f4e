"""Compulsory school age, school years and NC year groups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cme.schooldays.age import (
    NC_YEAR_CHOICES,
    NC_YEAR_MAX_LENGTH,
    PRESCRIBED_DAYS,
    NCYear,
    age_on,
    anniversary,
    csa_end,
    csa_note,
    csa_start,
    is_of_csa,
    is_out_of_phase,
    nc_year,
    school_leaving_date,
    school_year_label,
    school_year_of,
    year_group_moved_up,
    year_group_offset,
)

birthdays = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


# -- start of compulsory school age -------------------------------------------

@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        # fifth birthday on a prescribed day: CSA starts that day
        (date(2021, 8, 31), date(2026, 8, 31)),
        (date(2021, 12, 31), date(2026, 12, 31)),
        (date(2021, 3, 31), date(2026, 3, 31)),
        # the day after a prescribed day: wait for the next one
        (date(2021, 9, 1), date(2026, 12, 31)),
        (date(2022, 1, 1), date(2027, 3, 31)),
        (date(2021, 4, 1), date(2026, 8, 31)),
        # the day before a prescribed day
        (date(2021, 8, 30), date(2026, 8, 31)),
        (date(2022, 12, 30), date(2027, 12, 31)),
        # born 29 Feb 2020: fifth birthday taken as 1 Mar 2025 (28 Feb gives the same)
        (date(2020, 2, 29), date(2025, 3, 31)),
    ],
)
def test_csa_starts_on_first_prescribed_day_on_or_after_fifth_birthday(dob, expected):
    assert csa_start(dob) == expected


@given(birthdays)
def test_csa_start_is_the_first_prescribed_day_not_before_the_fifth_birthday(dob):
    start = csa_start(dob)
    fifth = anniversary(dob, 5)
    assert (start.month, start.day) in PRESCRIBED_DAYS
    assert start >= fifth
    day = fifth
    while day < start:
        assert (day.month, day.day) not in PRESCRIBED_DAYS
        day += timedelta(days=1)


# -- end of compulsory school age ---------------------------------------------

@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        # turns 16 on 31 Aug 2026: leaves on the last Friday of June 2026, before the birthday
        (date(2010, 8, 31), date(2026, 6, 26)),
        # turns 16 on 1 Sep 2026: a new school year, so June 2027
        (date(2010, 9, 1), date(2027, 6, 25)),
        # turns 16 on the school leaving date itself
        (date(2010, 6, 26), date(2026, 6, 26)),
        # turns 16 after the leaving date but before September (s8(3)(a))
        (date(2010, 7, 15), date(2026, 6, 26)),
        (date(2011, 2, 28), date(2027, 6, 25)),
        # 29 Feb births: 16th birthday in a leap year, and in 2100 which is not one
        (date(2008, 2, 29), date(2024, 6, 28)),
        (date(2084, 2, 29), date(2100, 6, 25)),
    ],
)
def test_csa_ends_on_last_friday_of_june_of_school_year_child_turns_16(dob, expected):
    assert csa_end(dob) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, date(2024, 6, 28)), (2026, date(2026, 6, 26)), (2027, date(2027, 6, 25)), (2021, date(2021, 6, 25))],
)
def test_school_leaving_date_is_last_friday_in_june(year, expected):
    assert school_leaving_date(year) == expected


@given(birthdays)
def test_csa_end_is_the_last_friday_of_june_in_the_sixteenth_birthday_school_year(dob):
    end = csa_end(dob)
    assert end.weekday() == 4
    assert end.month == 6 and (end + timedelta(days=7)).month == 7
    assert school_year_of(end) == school_year_of(anniversary(dob, 16))


def test_is_of_csa_includes_both_ends():
    dob = date(2021, 9, 1)  # CSA 31/12/2026 to 25/06/2038
    assert not is_of_csa(dob, date(2026, 12, 30))
    assert is_of_csa(dob, date(2026, 12, 31))
    assert is_of_csa(dob, date(2030, 5, 1))
    assert is_of_csa(dob, date(2038, 6, 25))
    assert not is_of_csa(dob, date(2038, 6, 26))


def test_csa_note_flags_children_not_of_csa_with_the_date():
    dob = date(2021, 9, 1)
    assert csa_note(dob, date(2026, 11, 29)) == "Reaches compulsory school age on 31/12/2026"
    assert csa_note(dob, date(2027, 1, 4)) is None
    assert csa_note(dob, date(2038, 7, 1)) == "Ceased to be of compulsory school age after 25/06/2038"


# -- ages and school years -----------------------------------------------------

@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        (date(2010, 5, 10), date(2026, 5, 9), 15),
        (date(2010, 5, 10), date(2026, 5, 10), 16),
        (date(2010, 5, 10), date(2010, 5, 10), 0),
        # leap-day birthday: in a non-leap year the birthday is 1 March
        (date(2020, 2, 29), date(2025, 2, 28), 4),
        (date(2020, 2, 29), date(2025, 3, 1), 5),
        (date(2020, 2, 29), date(2024, 2, 28), 3),
        (date(2020, 2, 29), date(2024, 2, 29), 4),
    ],
)
def test_age_on(dob, on, expected):
    assert age_on(dob, on) == expected


def test_age_on_before_birth_is_an_error():
    with pytest.raises(ValueError, match="before the date of birth"):
        age_on(date(2020, 1, 1), date(2019, 12, 31))


@given(birthdays, st.integers(min_value=1, max_value=20))
def test_age_changes_exactly_on_each_birthday(dob, years):
    birthday = anniversary(dob, years)
    assert age_on(dob, birthday) == years
    assert age_on(dob, birthday - timedelta(days=1)) == years - 1


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 11, 29), 2026),
        (date(2026, 9, 1), 2026),
        (date(2026, 8, 31), 2025),
        (date(2027, 1, 1), 2026),
        (date(2027, 8, 31), 2026),
    ],
)
def test_school_year_of(on, expected):
    assert school_year_of(on) == expected


@pytest.mark.parametrize(("year", "label"), [(2026, "2026/27"), (1999, "1999/00"), (2009, "2009/10")])
def test_school_year_label(year, label):
    assert school_year_label(year) == label


# -- National Curriculum year ----------------------------------------------------

@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        (date(2027, 1, 1), NCYear.BELOW_SCHOOL_AGE),  # not yet born on 31/08/2026
        (date(2022, 9, 1), NCYear.BELOW_SCHOOL_AGE),  # 3 on 31/08/2026
        (date(2022, 8, 31), NCYear.RECEPTION),  # 4th birthday on 31 August
        (date(2021, 9, 1), NCYear.RECEPTION),  # oldest in Reception
        (date(2021, 8, 31), NCYear.YEAR_1),
        (date(2020, 2, 29), NCYear.YEAR_2),
        (date(2015, 9, 1), NCYear.YEAR_6),
        (date(2015, 8, 31), NCYear.YEAR_7),
        (date(2011, 9, 1), NCYear.YEAR_10),
        (date(2010, 9, 1), NCYear.YEAR_11),
        (date(2010, 8, 31), NCYear.ABOVE_SCHOOL_AGE),  # 16 on 31/08/2026
    ],
)
@pytest.mark.parametrize("on", [date(2026, 9, 1), date(2026, 11, 29), date(2027, 8, 31)])
def test_nc_year_from_age_on_31_august_before_the_school_year(dob, on, expected):
    assert nc_year(dob, on) is expected


def test_nc_year_moves_up_on_1_september():
    dob = date(2015, 3, 1)
    assert nc_year(dob, date(2026, 8, 31)) is NCYear.YEAR_6
    assert nc_year(dob, date(2026, 9, 1)) is NCYear.YEAR_7


@given(birthdays)
def test_children_start_csa_in_reception_and_leave_in_year_11(dob):
    assert nc_year(dob, csa_start(dob)) is NCYear.RECEPTION
    assert nc_year(dob, csa_end(dob)) is NCYear.YEAR_11


def test_nc_year_choices_are_in_year_order_with_officer_labels():
    assert NC_YEAR_CHOICES[0] == ("BELOW", "Below school age")
    assert NC_YEAR_CHOICES[1] == ("R", "Reception")
    assert NC_YEAR_CHOICES[2] == ("1", "Year 1")
    assert NC_YEAR_CHOICES[12] == ("11", "Year 11")
    assert NC_YEAR_CHOICES[-1] == ("ABOVE", "Above school age")
    assert len(NC_YEAR_CHOICES) == 14
    assert [NCYear(code).rank for code, _ in NC_YEAR_CHOICES] == list(range(-1, 13))
    assert NC_YEAR_MAX_LENGTH == 5


def test_nc_year_members_equal_their_codes():
    assert NCYear.YEAR_7 == "7"
    assert NCYear("R") is NCYear.RECEPTION
    assert str(NCYear.YEAR_10) == f"{NCYear.YEAR_10}" == "10"
    assert NCYear.YEAR_10.label == "Year 10"


@pytest.mark.parametrize(
    ("recorded", "out_of_phase"),
    [("7", False), (NCYear.YEAR_7, False), ("6", True), (NCYear.YEAR_8, True), ("ABOVE", True)],
)
def test_is_out_of_phase(recorded, out_of_phase):
    dob = date(2015, 8, 31)  # Year 7 in 2026/27
    assert is_out_of_phase(dob, recorded, date(2026, 11, 29)) is out_of_phase


def test_is_out_of_phase_rejects_unknown_codes():
    with pytest.raises(ValueError):
        is_out_of_phase(date(2015, 8, 31), "12", date(2026, 11, 29))


# -- a recorded year group, as the school years pass ---------------------------

@pytest.mark.parametrize(
    ("recorded_on", "on", "expected"),
    [
        (date(2026, 6, 1), date(2026, 7, 20), NCYear.YEAR_5),   # same school year
        (date(2026, 6, 1), date(2026, 9, 1), NCYear.YEAR_6),    # moved up on 1 September
        (date(2026, 8, 31), date(2028, 9, 1), NCYear.YEAR_8),   # 31 August ends 2025/26: three Septembers
        (date(2026, 6, 1), date(2025, 6, 1), NCYear.YEAR_4),    # a date a school year before: the year below
        (date(2026, 6, 1), date(2033, 9, 1), NCYear.ABOVE_SCHOOL_AGE),
    ],
)
def test_a_recorded_year_group_moves_up_each_september(recorded_on, on, expected):
    assert year_group_moved_up("5", recorded_on, on) is expected


def test_a_pupil_recorded_in_their_age_group_last_year_is_not_out_of_phase_this_year():
    dob = date(2016, 1, 10)  # Year 5 in 2025/26, Year 6 in 2026/27
    assert year_group_offset(dob, "5", date(2026, 3, 1)) == 0
    # The mistake this guards against: comparing last year's "Year 5" with this year's age group.
    assert is_out_of_phase(dob, "5", date(2026, 11, 30))
    assert not is_out_of_phase(dob, year_group_moved_up("5", date(2026, 3, 1), date(2026, 11, 30)), date(2026, 11, 30))


def test_the_offset_says_how_far_ahead_or_behind():
    dob = date(2016, 1, 10)  # Year 5 in 2025/26
    assert year_group_offset(dob, "4", date(2026, 3, 1)) == -1
    assert year_group_offset(dob, NCYear.YEAR_7, date(2026, 3, 1)) == 2


@given(dob=st.dates(min_value=date(2008, 9, 1), max_value=date(2020, 8, 31)),
       rank=st.integers(min_value=0, max_value=11),
       recorded_on=st.dates(min_value=date(2024, 9, 1), max_value=date(2026, 8, 31)),
       years_later=st.integers(min_value=0, max_value=3), day=st.integers(min_value=0, max_value=364))
def test_out_of_phase_on_any_later_date_is_exactly_a_nonzero_offset(dob, rank, recorded_on, years_later, day):
    """While both year groups stay within Reception to Year 11, the moved-up
    recorded year group differs from the age-based one on a later date exactly
    when the offset is not 0."""
    recorded = NCYear.from_rank(rank)
    on = recorded_on + timedelta(days=365 * years_later + day)
    moved_up = year_group_moved_up(recorded, recorded_on, on)
    by_age = nc_year(dob, on)
    if not (0 <= moved_up.rank <= 11 and 0 <= by_age.rank <= 11 and 0 <= nc_year(dob, recorded_on).rank <= 11):
        return  # clamped at either end: below or above school age
    assert is_out_of_phase(dob, moved_up, on) is (year_group_offset(dob, recorded, recorded_on) != 0)
