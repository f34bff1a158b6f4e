from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory

from .conftest import assert_accessible, sign_in


def test_an_officer_signs_in_lands_on_their_home_page_and_signs_out(page, transactional_db):
    UserFactory(role=Role.CME_OFFICER, email="priya@example.test", first_name="Priya", last_name="Shah")

    page.goto("/")
    assert page.url.endswith("/sign-in/?next=/")
    assert page.title() == "Sign in – Children Missing Education"
    assert_accessible(page)

    sign_in(page, "priya@example.test", PASSWORD, check_accessibility=True)
    assert page.title() == "Home – Children Missing Education"
    assert page.get_by_text("Signed in as").is_visible()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Children Missing Education")
    assert page.get_by_role("heading", name="My caseload").is_visible()
    # GOV.UK Frontend's JavaScript ran (no inline script is allowed by our CSP).
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    assert "/sign-in/" in page.url
    page.goto("/")
    assert "/sign-in/" in page.url


def test_a_failed_sign_in_shows_an_accessible_error_summary(page, transactional_db):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter your email address" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page)
