"""The term-dates pages: Sam (senior officer) and Alex (administrator) keep the LA's calendar."""

import re
from datetime import date

import pytest
from django.urls import reverse

from cme.schooldays.models import ClosureDay, Term
from cme.schooldays.selectors import is_school_day

EDIT_2028 = reverse("schooldays:edit_year", args=[2028])  # the year after the demo calendar
EDIT_2025 = reverse("schooldays:edit_year", args=[2025])
INDEX = reverse("schooldays:term_dates")

YEAR_2028 = {
    "Autumn 1": ("4 9 2028", "20 10 2028"),
    "Autumn 2": ("30 10 2028", "15 12 2028"),
    "Spring 1": ("3 1 2029", "9 2 2029"),
    "Spring 2": ("19 2 2029", "29 3 2029"),
    "Summer 1": ("16 4 2029", "25 5 2029"),
    "Summer 2": ("4 6 2029", "20 7 2029"),
}


def form_data(terms=YEAR_2028, closures=(), initial_closures=0, extra=3):
    data = {}
    for name, (start, end) in terms.items():
        slug = name.lower().replace(" ", "_")
        for field, value in ((f"{slug}_start", start), (f"{slug}_end", end)):
            for i, part in enumerate(value.split(" ") if value else ["", "", ""]):
                data[f"{field}_{i}"] = part
    rows = list(closures) + [None] * (initial_closures + extra - len(closures))
    for i, row in enumerate(rows):
        day, reason, *delete = row or ("", "", False)
        for j, part in enumerate(day.split(" ") if day else ["", "", ""]):
            data[f"closures-{i}-date_{j}"] = part
        data[f"closures-{i}-reason"] = reason
        if delete and delete[0]:
            data[f"closures-{i}-DELETE"] = "on"
    data["closures-TOTAL_FORMS"] = str(len(rows))
    data["closures-INITIAL_FORMS"] = str(initial_closures)
    return data


def error_summary(response):
    html = response.content.decode()
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def summary_links(response):
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', error_summary(response))


def typed_value(response, name):
    match = re.search(rf'name="{re.escape(name)}"(?: value="([^"]*)")?', response.content.decode())
    assert match, f"no input {name}"
    return match.group(1) or ""


@pytest.fixture
def sam(client, sam_senior, demo_calendars):
    client.force_login(sam_senior)
    return client


class TestTheIndexPage:
    def test_sam_sees_the_la_terms_and_closure_days_of_the_chosen_year(self, sam):
        response = sam.get(INDEX, {"year": "2025"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<title>Term dates – Children Missing Education</title>" in html
        assert "Terms in 2025/26" in html
        assert "Wednesday 3 September 2025" in html and "Friday 24 October 2025" in html
        assert ">38<" in html  # school days in Autumn 1 2025
        assert "Term dates are entered for 2022/23 to 2027/28" in html
        assert "Elm Academy (URN 116300)" in html
        assert f'href="{EDIT_2025}"' in html

    def test_an_administrator_can_open_it_too(self, client, alex_admin, demo_calendars):
        client.force_login(alex_admin)
        assert client.get(INDEX).status_code == 200

    @pytest.mark.parametrize("year", ["abc", "99999", "-1", "2025/26", ""])
    def test_a_nonsense_year_shows_the_current_year_instead_of_failing(self, sam, year):
        response = sam.get(INDEX, {"year": year})
        assert response.status_code == 200

    def test_a_year_without_dates_says_so_and_offers_to_enter_them(self, sam):
        html = sam.get(INDEX, {"year": "2028"}).content.decode()
        assert "No term dates have been entered for 2028/29" in html
        assert "Enter term dates for 2028/29" in html

    def test_the_page_costs_a_fixed_number_of_queries(self, sam, django_assert_num_queries):
        sam.get(INDEX, {"year": "2025"})  # the school-day service keeps its calendars after this
        # session, user, LA calendar, loaded years, terms, closures, school calendars (3),
        # and saving the session (savepoint, update, release)
        with django_assert_num_queries(12):
            sam.get(INDEX, {"year": "2024"})


class TestEnteringAYear:
    def test_the_form_shows_the_saved_dates(self, sam):
        response = sam.get(EDIT_2025)
        assert response.status_code == 200
        assert typed_value(response, "autumn_1_start_0") == "3"
        assert typed_value(response, "autumn_1_start_1") == "9"
        assert typed_value(response, "summer_2_end_2") == "2026"

    def test_sam_enters_a_new_years_dates_and_an_inset_day(self, sam, sam_senior):
        response = sam.post(EDIT_2028, form_data(closures=[("4 9 2028", "INSET day")]))

        assert response.status_code == 302
        assert response.url == f"{INDEX}?year=2028"
        page = sam.get(response.url)
        assert "Term dates for 2028/29 saved" in page.content.decode()
        saved = Term.objects.filter(calendar__school_urn="", school_year=2028).order_by("start")
        assert [(t.name, t.start, t.end) for t in saved][0] == ("Autumn 1", date(2028, 9, 4), date(2028, 10, 20))
        assert saved.count() == 6
        assert saved[0].calendar.updated_by == sam_senior
        assert is_school_day(date(2028, 9, 4)) is False  # the INSET day
        assert is_school_day(date(2028, 9, 5)) is True

    def test_sam_removes_a_closure_day(self, sam):
        sam.post(EDIT_2028, form_data(closures=[("4 9 2028", "INSET day"), ("5 9 2028", "INSET day")]))
        assert ClosureDay.objects.filter(calendar__school_urn="").count() == 2
        response = sam.post(
            EDIT_2028,
            form_data(closures=[("4 9 2028", "INSET day", True), ("5 9 2028", "INSET day")], initial_closures=2),
        )
        assert response.status_code == 302
        assert list(ClosureDay.objects.filter(calendar__school_urn="").values_list("date", flat=True)) == [
            date(2028, 9, 5)
        ]

    def test_a_year_that_is_not_a_school_year_we_hold_is_not_found(self, sam):
        assert sam.get(reverse("schooldays:edit_year", args=[99999])).status_code == 404
        assert sam.post(reverse("schooldays:edit_year", args=[1999]), form_data()).status_code == 404


class TestMistakesAreShownAndWhatWasTypedIsKept:
    def post_with(self, sam, **changes):
        terms = dict(YEAR_2028, **changes)
        response = sam.post(EDIT_2028, form_data(terms={k.replace("_", " "): v for k, v in terms.items()}))
        assert response.status_code == 200
        assert not Term.objects.filter(school_year=2028).exists()
        assert response.content.decode().count("<title>Error: ") == 1
        return response

    def test_a_term_that_ends_before_it_starts(self, sam):
        response = self.post_with(sam, Autumn_1=("4 9 2028", "1 9 2028"))
        assert summary_links(response) == [
            ("id_autumn_1_end_0", "The last day of Autumn 1 must be the same as or after its first day")
        ]
        assert typed_value(response, "autumn_1_end_0") == "1"
        assert typed_value(response, "autumn_1_end_1") == "9"
        assert typed_value(response, "autumn_1_end_2") == "2028"
        assert typed_value(response, "summer_2_end_0") == "20"

    def test_overlapping_terms(self, sam):
        response = self.post_with(sam, Autumn_2=("20 10 2028", "15 12 2028"))
        assert summary_links(response) == [
            ("id_autumn_2_start_0", "Autumn 2 must start after Autumn 1 ends (20 October 2028)")
        ]
        assert typed_value(response, "autumn_2_start_0") == "20"

    def test_a_date_outside_the_school_year(self, sam):
        response = self.post_with(sam, Summer_2=("4 6 2029", "3 9 2029"))
        assert summary_links(response) == [
            (
                "id_summer_2_end_0",
                "The last day of Summer 2 must be in the 2028/29 (1 September 2028 to 31 August 2029) school year",
            )
        ]
        assert typed_value(response, "summer_2_end_0") == "3"

    def test_a_missing_and_an_impossible_date(self, sam):
        response = self.post_with(sam, Spring_1=("3 1", "31 2 2029"))
        assert summary_links(response) == [
            ("id_spring_1_start_2", "First day of Spring 1 must include a year"),  # the box that is empty
            ("id_spring_1_end_0", "Last day of Spring 1 must be a real date"),
        ]
        assert typed_value(response, "spring_1_end_0") == "31"
        assert typed_value(response, "spring_1_end_1") == "2"

    def test_letters_in_a_date(self, sam):
        response = self.post_with(sam, Spring_2=("nineteen 2 2029", "29 3 2029"))
        assert summary_links(response) == [
            ("id_spring_2_start_0", "First day of Spring 2 must be a real date, using numbers only")
        ]
        assert typed_value(response, "spring_2_start_0") == "nineteen"

    def test_a_number_too_big_for_a_date(self, sam):
        response = self.post_with(sam, Summer_1=("16 99999999999999999999 2029", "25 5 2029"))
        assert summary_links(response) == [("id_summer_1_start_1", "First day of Summer 1 must be a real date")]
        assert typed_value(response, "summer_1_start_1") == "99999999999999999999"

    def test_a_closure_day_in_the_holidays(self, sam):
        response = sam.post(EDIT_2028, form_data(closures=[("27 10 2028", "Polling day")]))
        assert summary_links(response) == [
            ("id_closures-0-date_0", "The date of closure day 1 must be a weekday in one of the terms above")
        ]
        assert typed_value(response, "closures-0-reason") == "Polling day"
        assert not Term.objects.filter(school_year=2028).exists()

    def test_a_closure_day_without_a_reason(self, sam):
        response = sam.post(EDIT_2028, form_data(closures=[("5 9 2028", "")]))
        assert summary_links(response) == [
            ("id_closures-0-reason", "Enter the reason for closure day 1, for example INSET day")
        ]

    def test_a_year_that_would_leave_a_gap_in_the_calendar(self, sam):
        response = sam.post(
            reverse("schooldays:edit_year", args=[2029]),
            form_data(terms={name: tuple(d[:-4] + str(int(d[-4:]) + 1) for d in dates) for name, dates in YEAR_2028.items()}),
        )
        assert response.status_code == 200
        [(anchor, message)] = summary_links(response)
        assert anchor == "id_autumn_1_start_0"
        assert "Term dates are missing for 2028/29" in message
        assert not Term.objects.filter(school_year=2029).exists()

    def test_a_tampered_closure_formset_is_an_error_not_a_crash(self, sam):
        data = form_data()
        del data["closures-TOTAL_FORMS"]
        response = sam.post(EDIT_2028, data)
        assert response.status_code == 200
        assert not Term.objects.filter(school_year=2028).exists()


def test_the_edit_page_costs_a_fixed_number_of_queries(sam, django_assert_num_queries):
    # session, user, terms, closures, saving the session (3)
    with django_assert_num_queries(7):
        assert sam.get(EDIT_2025).status_code == 200


def test_the_download_is_the_import_format(sam):
    response = sam.get(reverse("schooldays:export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "school_year,name,start,end"
    assert lines[1] == "2022/23,Autumn 1,01/09/2022,21/10/2022"
    assert len(lines) == 1 + 36
