"""The DfE children missing education collection: the figures for the spring
2026 census on a known school year of cases (``dfe_story.py``), and the page
and CSV that managers, officers and report viewers use to fill in the return.
The census-day rules are in ``test_census.py``."""

import csv
import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cme.audit.models import AccessLog
from reports import measures
from reports.measures import AsAt, dfe, queries

from .conftest import on
from .dfe_story import (
    AT_ANY_POINT, CENSUS, COUNTED_AT_ANY_POINT, EXPECTED_ON_CENSUS_DATE, NEVER_COUNTED, TOTAL_ON_CENSUS_DATE,
    build_school_year,
)

pytestmark = pytest.mark.django_db

LATER = date(2026, 3, 16)  # the pages are used in March 2026: the latest census day is 15 January


@pytest.fixture
def school_year(db, home_la):
    return build_school_year()


def cells(figures):
    return {b.key: {c.key: c.value for c in b.cells} for b in figures.breakdowns}


def names(cases):
    return {name for name in cases.values_list("child__first_name", flat=True)}


# --- the figures ---------------------------------------------------------------

def test_the_spring_2026_census_figures_for_every_breakdown(school_year):
    with on(LATER):
        figures = dfe.compute(CENSUS)
    assert figures.census.label == "Spring 2026 census"
    assert figures.on_census_date == TOTAL_ON_CENSUS_DATE
    assert cells(figures) == EXPECTED_ON_CENSUS_DATE
    assert all(b.total == TOTAL_ON_CENSUS_DATE for b in figures.breakdowns), "each breakdown splits the total"
    assert figures.at_any_point == AT_ANY_POINT
    assert figures.year_start == date(2025, 9, 1)


def test_the_census_day_count_is_the_monthly_return_total_as_at_that_day(school_year):
    with on(LATER):
        assert measures.compute(CENSUS).value("total") == dfe.compute(CENSUS).on_census_date


def test_each_child_missing_education_in_the_year_is_counted_once_however_many_cases(school_year):
    with on(LATER):
        counted = dfe.at_any_point_cases(CENSUS)
        assert names(counted) == COUNTED_AT_ANY_POINT
        assert {"Kit", "Lola"} <= names(counted)  # two cases each this year, one child each
        assert counted.filter(child__first_name__in=["Kit", "Lola"]).count() == 4
        assert not names(counted) & NEVER_COUNTED


def test_at_any_point_is_every_child_missing_education_on_some_day_since_1_september(school_year):
    """The set-based query against the plain definition: the monthly return's
    CME cases as at every day from 1 September to the census day, put together.
    Rae's case was open on 5 October, but was closed the next day as opened in
    error: she was never missing, so the collection leaves her out."""
    with on(LATER):
        day, every_day = date(2025, 9, 1), set()
        while day <= CENSUS:
            every_day |= names(queries.cme_cases(AsAt(day)))
            day += timedelta(days=1)
        assert every_day - {"Rae"} == names(dfe.at_any_point_cases(CENSUS))
        assert "Rae" in every_day


def test_the_figures_are_the_same_on_the_census_day_and_weeks_later(school_year):
    with on(CENSUS, hour=23):
        on_the_day = dfe.compute(CENSUS)
    with on(LATER):
        later = dfe.compute(CENSUS)
    assert on_the_day == later  # Asha was found and Sol's case opened after the day: no change


def test_at_any_point_never_falls_during_the_year_and_never_below_the_day_count(school_year):
    with on(LATER):
        previous, day = 0, date(2025, 9, 4)
        while day <= date(2026, 3, 12):
            figures = dfe.compute(day)
            assert figures.at_any_point >= max(previous, figures.on_census_date), day
            previous, day = figures.at_any_point, day + timedelta(weeks=1)
        autumn = dfe.compute(date(2025, 10, 2))
    # On 2 October: Cara, Dan, Efe, Faye, Ivo, Jude, Kit, Lola, Opal, Vic and Wyn (found 10 September).
    assert autumn.at_any_point == 11 and autumn.census.label == "Autumn 2025 census"


def test_a_new_school_year_starts_the_at_any_point_count_again(school_year):
    with on(date(2026, 10, 5)):
        figures = dfe.compute(date(2026, 10, 1))
    # Still missing on 1 October 2026: Bilal, Dan, Efe, Faye, Gus, Hana, Ivo (awaiting sign-off), Kit, Tia
    # and Sol (opened 20 January); not Cara, whose compulsory school age ended in June 2026.
    assert figures.year_start == date(2026, 9, 1)
    assert figures.at_any_point == figures.on_census_date == 10


@pytest.mark.parametrize("cases", [10, 120])
def test_the_figures_cost_two_queries_for_a_small_or_a_larger_la(cases, django_assert_num_queries):
    from reports.benchmarks.seed import seed

    seed(children=cases * 3, cases=cases, today=LATER, seed=cases)
    with on(LATER), django_assert_num_queries(2):
        figures = dfe.compute(CENSUS)
    assert figures.at_any_point >= figures.on_census_date > 0


# --- the page and the CSV --------------------------------------------------------

class Tables(HTMLParser):
    """(caption, row heading, number) for every row of every table on a page."""

    def __init__(self):
        super().__init__()
        self.rows, self.caption, self.cell, self.text, self.row = [], None, None, "", []

    def handle_starttag(self, tag, attrs):
        if tag in ("caption", "th", "td"):
            self.cell, self.text = tag, ""
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.caption = self.text.strip()
        elif tag in ("th", "td"):
            self.row.append(" ".join(self.text.split()))
        elif tag == "tr" and len(self.row) == 2 and self.row[1] != "Children":
            self.rows.append((self.caption, self.row[0], int(self.row[1].replace(",", ""))))
        if tag == self.cell:
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.text += data


def tables(page):
    parser = Tables()
    parser.feed(page)
    return parser.rows


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def census_query(day):
    return {"on_0": str(day.day), "on_1": str(day.month), "on_2": str(day.year)}


def test_raj_sees_the_latest_census_figures_numbers_only(client, raj_viewer, school_year):
    client.force_login(raj_viewer)
    with on(LATER):
        response = client.get(reverse("reports:dfe_collection"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Spring 2026 census, Thursday 15 January 2026" in page
    rows = tables(page)
    assert ("By sex", "Female", 5) in rows and ("By sex", "Total", 11) in rows
    assert ("By how long their case had been open", "4 weeks to 12 weeks", 4) in rows
    assert ("By main reason, from the case's category", "Looked-after child, without provision", 1) in rows
    assert ("By National Curriculum year group for their age", "Not known (no date of birth recorded)", 1) in rows
    assert re.search(r"each child once</p>\s*<p class=\"govuk-heading-xl[^\"]*\">17<", page)
    for name in COUNTED_AT_ANY_POINT | NEVER_COUNTED:
        assert name not in page, "the page shows numbers, never children"
    assert page.count("<caption") == 4


def test_the_csv_has_the_numbers_the_page_shows_and_the_download_is_logged(client, priya_officer, school_year):
    client.force_login(priya_officer)
    with on(LATER):
        page = client.get(reverse("reports:dfe_collection")).content.decode()
        href = re.search(r'href="([^"]*figures\.csv\?[^"]*)"', page).group(1).replace("&amp;", "&")
        response = client.get(href)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cme-dfe-collection-2026-01-15.csv"'
    rows = csv_rows(response)
    assert {(row["As at"], row["Census"]) for row in rows} == {("2026-01-15", "Spring 2026 census")}
    by_breakdown = [(row["Breakdown"], row["Group"], int(row["Number"])) for row in rows if row["Breakdown"] != "Total"]
    shown = [(caption, label, number) for caption, label, number in tables(page) if label != "Total"]
    titles = {b.caption: b.title for b in dfe.compute(CENSUS).breakdowns}
    assert by_breakdown == [(titles[caption], label, number) for caption, label, number in shown]
    assert [(row["Group"], int(row["Number"])) for row in rows if row["Breakdown"] == "Total"] == [
        ("All children", 11), ("All children, each once", 17),
    ]
    entry = AccessLog.objects.get(user=priya_officer, action="download", object_type="dfe_collection")
    assert entry.object_id == "2026-01-15" and entry.detail == {"format": "csv", "census": "Spring 2026 census"}


def test_sam_chooses_the_autumn_census_or_any_other_day(client, sam_senior, school_year):
    client.force_login(sam_senior)
    with on(LATER):
        page = client.get(reverse("reports:dfe_collection")).content.decode()
        assert 'href="/reports/dfe-collection/?on_0=2&amp;on_1=10&amp;on_2=2025"' in page
        autumn = client.get(reverse("reports:dfe_collection"), census_query(date(2025, 10, 2))).content.decode()
        any_day = client.get(reverse("reports:dfe_collection"), census_query(date(2026, 2, 20))).content.decode()
        csv_any_day = client.get(reverse("reports:dfe_collection_csv"), census_query(date(2026, 2, 20)))
    assert "Autumn 2025 census, Thursday 2 October 2025" in autumn
    assert re.search(r"each child once</p>\s*<p class=\"govuk-heading-xl[^\"]*\">11<", autumn)
    assert "As at Friday 20 February 2026 (not a census day)" in any_day
    assert {row["Census"] for row in csv_rows(csv_any_day)} == {"Not a census day"}


@pytest.mark.parametrize("day, month, year, message", [
    ("31", "2", "2026", "Date the figures are as at must be a real date"),
    ("1", "1", "2099", "Date the figures are as at must be today or in the past"),
    ("15", "", "2026", "Date the figures are as at must include a month"),
    ("x", "1", "2026", "Date the figures are as at must be a real date, using numbers only"),
])
def test_a_date_that_will_not_do_is_explained_and_what_was_typed_is_kept(
    client, raj_viewer, day, month, year, message,
):
    client.force_login(raj_viewer)
    query = {"on_0": day, "on_1": month, "on_2": year}
    with on(LATER):
        response = client.get(reverse("reports:dfe_collection"), query)
        download = client.get(reverse("reports:dfe_collection_csv"), query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and page.count(message) >= 2
    assert f'value="{year}"' in page and "<caption" not in page
    assert download.status_code == 302 and download["Location"].startswith(reverse("reports:dfe_collection") + "?")


def test_the_date_form_is_sent_by_get_without_the_csrf_token(client, raj_viewer):
    """A GET form puts every field in the address: the CSRF token would end up in
    browser history, server logs and the CSV download's redirect."""
    client.force_login(raj_viewer)
    with on(LATER):
        page = client.get(reverse("reports:dfe_collection")).content.decode()
    form = re.search(r'<form method="get".*?</form>', page, re.S).group(0)
    assert 'name="on_0"' in form
    assert "csrfmiddlewaretoken" not in form


def test_school_staff_and_partners_get_a_404_and_signed_out_visitors_are_asked_to_sign_in(
    client, grace_at_oak, nadia_partner, school_year,
):
    urls = [reverse("reports:dfe_collection"), reverse("reports:dfe_collection_csv")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
    for person in (grace_at_oak, nadia_partner):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
    assert not AccessLog.objects.filter(object_type="dfe_collection").exists()


def test_the_reports_page_links_to_the_collection(client, raj_viewer):
    client.force_login(raj_viewer)
    page = client.get(reverse("reports:index")).content.decode()
    assert f'href="{reverse("reports:dfe_collection")}"' in page


@pytest.mark.parametrize("cases", [10, 120])
def test_the_page_costs_the_same_queries_for_a_small_or_a_larger_la(
    client, raj_viewer, cases, django_assert_num_queries,
):
    from reports.benchmarks.seed import seed

    seed(children=cases * 3, cases=cases, today=LATER, seed=cases)
    client.force_login(raj_viewer)
    # The session and user (2), the two figures (2), the session's new expiry (3).
    with on(LATER), django_assert_num_queries(7):
        assert client.get(reverse("reports:dfe_collection")).status_code == 200
    # The CSV: the same, and its access log entry (1).
    with on(LATER), django_assert_num_queries(8):
        response = client.get(reverse("reports:dfe_collection_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
