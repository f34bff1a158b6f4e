"""Helen, the children-not-in-school manager, makes this month's CME tracking
return: she opens Reports, generates the return, writes a commentary,
publishes it and downloads the PDF and CSV, then the DfE termly collection's
figures. Grace, at Oak Primary, finds no reports page at all."""

import re
from datetime import date

from playwright.sync_api import expect

from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory
from tracking.models import Category
from tracking.tests.factories import CaseFactory, ChildFactory, SchoolMembershipFactory

from .conftest import assert_accessible, sign_in


def test_a_manager_generates_comments_publishes_and_downloads_the_return(page, transactional_db, tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "private", "base_url": None},
    }}
    UserFactory(role=Role.SENIOR_OFFICER, email="helen@example.test", first_name="Helen", last_name="Marsh")
    officer = UserFactory(role=Role.CME_OFFICER, first_name="Priya", last_name="Shah")
    for category in (Category.LEAVER_DESTINATION_UNKNOWN, Category.LEAVER_DESTINATION_UNKNOWN, Category.CME_OTHER):
        CaseFactory(category=category, created_by=officer, assigned_officer=officer,
                    child=ChildFactory(date_of_birth=date(2015, 5, 5)))

    sign_in(page, "helen@example.test", PASSWORD)
    page.get_by_role("link", name="Reports", exact=True).first.click()
    assert page.title() == "Reports – Children Missing Education"
    assert_accessible(page)

    # Generate this month's return: the date is filled in with today.
    page.get_by_role("button", name="Generate the return").click()
    assert "is ready to check" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.get_by_text("Draft", exact=True).first.is_visible()
    assert_accessible(page)

    # The commentary for the leavers section.
    page.get_by_role("link", name="Edit commentary").click()
    assert_accessible(page)
    page.get_by_label("Leavers").fill("Two leavers from Elm Academy; Portsmouth is checking one address.")
    page.get_by_role("button", name="Save commentary").click()
    assert "Commentary saved" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.get_by_text("Portsmouth is checking one address.").is_visible()

    # Publish.
    page.get_by_role("link", name="Publish", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the return").click()
    assert "is published" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.get_by_text("Published", exact=True).first.is_visible()
    assert_accessible(page)

    # Download the PDF and the CSV.
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download the PDF").click()
    pdf_path = tmp_path / "return.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    assert pdf_download.value.suggested_filename.startswith("cme-tracking-return-")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download the CSV (one row per measure)").click()
    csv_path = tmp_path / "return.csv"
    csv_download.value.save_as(csv_path)
    text = csv_path.read_text(encoding="utf-8-sig")  # with a byte-order mark, for Excel
    assert text.startswith("As at,Version,Status,Section,Measure key,Measure,Number,Counted in total,Commentary")
    assert "Portsmouth is checking one address." in text

    # The dashboard, and the cases behind a figure.
    page.goto("/reports/dashboard/")
    assert_accessible(page)
    page.get_by_role("link", name="2 – see the cases: Opened during").first.click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Leavers: Opened during " + _school_year_label())
    assert_accessible(page)

    # The DfE termly collection: a date that cannot be used is explained, then the figures and their CSV.
    page.goto("/reports/")
    page.get_by_role("link", name="DfE children missing education collection").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("DfE children missing education collection")
    assert_accessible(page)
    dates = page.get_by_role("group", name="Or show the figures as at another date")
    dates.get_by_label("Day").fill("31")
    dates.get_by_label("Month").fill("2")
    dates.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Show the figures").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "csrfmiddlewaretoken" not in page.url
    assert_accessible(page)
    dates.get_by_label("Day").fill("15")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("15 February 2026")
    assert_accessible(page)
    with page.expect_download() as dfe_download:
        page.get_by_role("link", name="Download these figures as a CSV file").click()
    dfe_path = tmp_path / "dfe.csv"
    dfe_download.value.save_as(dfe_path)
    assert dfe_path.read_text(encoding="utf-8-sig").startswith("As at,Census,Figure,Breakdown,Group,Number")


def _school_year_label():
    from django.utils import timezone

    from cme.schooldays.age import school_year_label, school_year_of

    return school_year_label(school_year_of(timezone.localdate()))


def test_a_school_user_gets_a_404_on_every_reports_url(page, transactional_db):
    grace = SchoolMembershipFactory(user__email="grace@example.test").user
    assert grace.role == Role.SCHOOL_USER
    sign_in(page, "grace@example.test", PASSWORD)
    assert page.get_by_role("link", name="Reports", exact=True).count() == 0
    for url in [
        "/reports/", "/reports/generate/", "/reports/dashboard/", "/reports/dashboard/figures/total/",
        "/reports/returns/1/", "/reports/returns/1/commentary/", "/reports/returns/1/publish/",
        "/reports/returns/1/download/pdf/", "/reports/returns/1/download/csv/", "/reports/caseload.pdf",
        "/reports/dfe-collection/", "/reports/dfe-collection/figures.csv",
    ]:
        response = page.goto(url)
        assert response.status == 404, url
    assert_accessible(page)
