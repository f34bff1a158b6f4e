"""A manager keeps the LA's term dates: a mistake is shown in the error summary, fixed and saved."""

import io

from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory
from cme.schooldays import demo, selectors

from .conftest import assert_accessible, sign_in


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_manager_corrects_a_mistake_and_saves_a_years_term_dates(page, transactional_db):
    demo.seed(io.StringIO())
    selectors.forget_calendars()
    UserFactory(role=Role.SENIOR_OFFICER, email="helen@example.test", first_name="Helen", last_name="Marsh")

    sign_in(page, "helen@example.test", PASSWORD)
    page.get_by_role("link", name="Term dates").first.click()
    assert page.title() == "Term dates – Children Missing Education"
    assert_accessible(page)

    page.get_by_label("School year").select_option("2028")
    page.get_by_role("button", name="Show term dates").click()
    assert page.get_by_text("No term dates have been entered for 2028/29").is_visible()
    page.get_by_role("button", name="Enter term dates for 2028/29").click()
    assert page.title() == "Term dates for 2028/29 – Children Missing Education"
    assert_accessible(page)

    dates = {
        "Autumn 1": (("4", "9", "2028"), ("20", "10", "2028")),
        "Autumn 2": (("30", "10", "2028"), ("15", "12", "2028")),
        "Spring 1": (("3", "1", "2029"), ("9", "2", "2029")),
        "Spring 2": (("19", "2", "2029"), ("29", "3", "2029")),
        "Summer 1": (("16", "4", "2029"), ("25", "5", "2029")),
        "Summer 2": (("4", "6", "2029"), ("20", "7", "2029")),
    }
    for name, (first, last) in dates.items():
        fill_date(page, f"First day of {name}", *first)
        fill_date(page, f"Last day of {name}", *last)
    fill_date(page, "Last day of Autumn 1", "1", "9", "2028")  # a slip: before the first day
    page.get_by_role("button", name="Save term dates").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "The last day of Autumn 1 must be the same as or after its first day" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("group", name="First day of Spring 1", exact=True).get_by_label("Day").input_value() == "3"
    assert_accessible(page)

    summary.get_by_role("link", name="The last day of Autumn 1 must be the same as or after its first day").click()
    assert page.evaluate("document.activeElement.id") == "id_autumn_1_end_0"
    fill_date(page, "Last day of Autumn 1", "20", "10", "2028")
    page.get_by_role("group", name="Date of closure day 1", exact=True).get_by_label("Day").fill("4")
    page.get_by_role("group", name="Date of closure day 1", exact=True).get_by_label("Month").fill("9")
    page.get_by_role("group", name="Date of closure day 1", exact=True).get_by_label("Year").fill("2028")
    page.get_by_label("Reason for closure day 1").fill("INSET day")
    page.get_by_role("button", name="Save term dates").click()

    assert page.title() == "Term dates – Children Missing Education"
    assert page.get_by_text("Term dates for 2028/29 saved").is_visible()
    assert page.get_by_role("cell", name="Friday 20 October 2028").is_visible()
    assert page.get_by_role("cell", name="INSET day").is_visible()
    assert_accessible(page)


def test_a_manager_uploads_a_file_with_a_bad_row_and_sees_which(page, transactional_db, tmp_path):
    demo.seed(io.StringIO())
    selectors.forget_calendars()
    UserFactory(role=Role.ADMINISTRATOR, email="alex@example.test")
    bad = tmp_path / "terms.csv"
    bad.write_text("school_year,name,start,end\n2028/29,Autumn 1,04/09/2028,01/09/2028\n")

    sign_in(page, "alex@example.test", PASSWORD)
    page.goto("/calendar/import/")
    assert page.title() == "Import term dates – Children Missing Education"
    assert_accessible(page)
    page.get_by_label("Upload a CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import term dates").click()

    summary = page.locator(".govuk-error-summary")
    assert "Row 2: The last day of Autumn 1 must be the same as or after its first day" in summary.inner_text()
    assert page.locator("#row-2").get_by_text("Rejected").is_visible()
    assert_accessible(page)
