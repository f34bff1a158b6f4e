"""The date-of-birth ranges the measures filter on agree with the one-child rules."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cme.schooldays.age import is_of_csa, is_out_of_phase, nc_year, school_year_of
from reports.measures import AsAt, queries
from reports.measures.ages import csa_births, reception_intake_births, year_group_births, year_groups_for
from tracking.models import Child

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
ages_in_days = st.integers(min_value=0, max_value=20 * 366)
# Dates where the rules turn: prescribed days, the start and end of school years, leap days.
turning_points = st.sampled_from([
    date(2024, 2, 29), date(2025, 8, 31), date(2025, 9, 1), date(2025, 12, 31), date(2026, 3, 31),
    date(2026, 6, 26), date(2026, 6, 27), date(2028, 2, 29), date(2028, 3, 1),
])


@settings(max_examples=400)
@given(on=st.one_of(days, turning_points), age=ages_in_days)
def test_a_child_is_in_the_csa_range_exactly_when_they_are_of_compulsory_school_age(on, age):
    dob = on - timedelta(days=age)
    assert (dob in csa_births(on)) == is_of_csa(dob, on)


@settings(max_examples=400)
@given(on=st.one_of(days, turning_points), age=ages_in_days)
def test_a_child_is_in_the_range_of_the_year_group_their_age_puts_them_in(on, age):
    dob = on - timedelta(days=age)
    expected = nc_year(dob, on)
    matches = [year for year, births in year_groups_for(on) if dob in births]
    if expected.rank in range(0, 12):
        assert matches == [expected]
    else:
        assert matches == []


def test_reception_in_2025_26_is_born_between_september_2020_and_august_2021():
    assert reception_intake_births(2025).as_tuple() == (date(2020, 9, 1), date(2021, 8, 31))
    assert csa_births(date(2026, 1, 30)).as_tuple()[1] == date(2020, 12, 31)


def test_below_and_above_school_age_are_not_one_year_group():
    from cme.schooldays.age import NCYear

    with pytest.raises(ValueError):
        year_group_births(NCYear.ABOVE_SCHOOL_AGE, 2025)


@pytest.mark.django_db
@pytest.mark.parametrize("on", [date(2026, 1, 30), date(2025, 8, 31), date(2025, 9, 1), date(2028, 2, 29)])
def test_the_database_works_out_out_of_phase_as_the_rule_does(on):
    """Children born either side of 1 September, on leap days, above and below
    school age, each with every kind of recorded year group: the SQL the
    measures use agrees with ``is_out_of_phase`` for every one."""
    year = school_year_of(on)
    births = [date(year - age, 8, 31) for age in range(2, 19)] + [date(year - age, 9, 1) for age in range(2, 19)]
    births += [date(2016, 2, 29), date(2020, 2, 29)]
    codes = ["R", "1", "6", "7", "11", "BELOW", "ABOVE"]
    Child.objects.bulk_create(
        Child(first_name="Test", last_name="Child", date_of_birth=dob, recorded_year_group=code)
        for dob in births for code in codes
    )
    rows = Child.objects.annotate(
        expected=queries.expected_year_group(AsAt(on), field="date_of_birth")
    ).values_list("date_of_birth", "recorded_year_group", "expected")
    assert len(rows) == len(births) * len(codes)
    for dob, recorded, expected in rows:
        assert (recorded != expected) == is_out_of_phase(dob, recorded, on), (dob, recorded, expected)
