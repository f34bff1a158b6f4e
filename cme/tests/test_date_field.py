"""The GOV.UK date input: what people type, and the message each mistake gets."""

import re
from datetime import date, timedelta

import pytest
from crispy_forms.utils import render_crispy_form
from hypothesis import given
from hypothesis import strategies as st

from cme.forms import DateField, GovukForm
from cme.templatetags.cme_forms import error_items


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


@pytest.mark.parametrize("day, month, year, wrong_boxes", [
    ("", "3", "2015", [0]),
    ("7", "", "2015", [1]),              # only the month is missing: the link goes to the month box
    ("7", "3", "", [2]),
    ("7", "", "", [1, 2]),
    ("7", "March", "2015", [1]),
    ("7", "3", "15", [2]),
    ("31", "2", "2015", [0]),            # February has no 31st: the day is wrong
    ("7", "13", "2015", [1]),
    ("7", "9" * 5000, "2015", [1]),      # more digits than Python will turn into a number
    ("7", "²", "2015", [1]),             # a digit that is not a number
    ("7", "3", "1850", [0, 1, 2]),       # the whole date is wrong
])
def test_only_the_wrong_boxes_are_highlighted_and_the_summary_links_to_the_first(day, month, year, wrong_boxes):
    _, form = errors_for(day, month, year)
    assert error_items(form) == [(f"id_date_of_birth_{wrong_boxes[0]}", form.errors["date_of_birth"][0])]
    boxes = re.findall(r"<input[^>]*>", render_crispy_form(form))
    highlighted = [int(re.search(r'id="id_date_of_birth_(\d)"', box).group(1)) for box in boxes
                   if "govuk-input--error" in box]
    assert highlighted == wrong_boxes
