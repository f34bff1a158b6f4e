"""The idle-timeout warning (WCAG 2.2.1): warned before, able to stay, told after."""

from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory

from .conftest import assert_accessible, sign_in


def test_a_school_user_is_warned_can_stay_signed_in_and_is_told_when_signed_out(page, transactional_db, settings):
    UserFactory(role=Role.SCHOOL_USER, email="grace@example.test")
    sign_in(page, "grace@example.test", PASSWORD)
    # A 12-second session: the warning shows 3 seconds before the end, long
    # enough for the accessibility check and the click on a busy CI machine.
    settings.SESSION_COOKIE_AGE = 12
    page.goto("/")
    warning = page.locator("#session-timeout-warning")
    warning.wait_for(state="visible", timeout=14000)
    assert "You will be signed out in" in warning.inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Stay signed in").click()
    warning.wait_for(state="hidden", timeout=3000)
    page.wait_for_url("**/sign-in/?expired=1", timeout=16000)
    assert "You were signed out because you had not used the service" in page.content()
