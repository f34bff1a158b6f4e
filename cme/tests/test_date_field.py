"""The GOV.UK date input: what people type, and the message each mistake gets."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cme.forms import DateField, GovukForm


class BirthForm(GovukForm):
    date_of_birth = DateField(noun="date of birth", past_only=True)


def errors_for(day, month, year):
    form = BirthForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
    return form.errors.get("date_of_birth", []), form


@pytest.mark.parametrize("day, month, year, message", [
    ("", "", "", "Enter the date of birth"),
    ("", "3", "2015", "Date of birth must include a day"),
    ("7", "", "", "Date of birth must include a month and a year"),
    ("31", "2", "2015", "Date of birth must be a real date"),
    ("7", "March", "2015", "Date of birth must be a real date, using numbers only"),
    ("7", "3", "15", "Year must include 4 numbers"),
    ("7", "99999999999999999999", "2015", "Date of birth must be a real date"),
    ("7", "3", "1850", "Date of birth must be after 1900"),
])
def test_each_mistake_gets_a_message_that_says_what_to_fix(day, month, year, message):
    errors, _ = errors_for(day, month, year)
    assert errors == [message]


def test_a_date_in_the_future_is_refused_for_a_date_of_birth():
    tomorrow = date.today() + timedelta(days=1)
    errors, _ = errors_for(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))
    assert errors == ["Date of birth must be today or in the past"]


def test_a_real_date_is_accepted_with_spaces_around_it():
    errors, form = errors_for(" 7 ", "3", "2015")
    assert errors == [] and form.cleaned_data["date_of_birth"] == date(2015, 3, 7)


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_no_input_raises_anything_but_a_validation_message(day, month, year):
    form = BirthForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
    form.is_valid()  # must not raise
