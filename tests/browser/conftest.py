"""Browser tests: Playwright driving Debian's Chromium, never a downloaded browser.

`assert_accessible(page)` runs axe-core (bundled in the axe-playwright-python
wheel, so nothing is fetched at test time) and fails with axe's report.
"""

import os
import re
import shutil

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the test itself (factories) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run against a live server, so the database is emptied
    after each one, data migrations' reference data included. Put back what
    every page relies on: the deletion grounds and the failed-to-track steps."""
    import importlib

    from django.apps import apps

    for module, loader in [
        ("cme.schooldays.migrations.0002_seed_deletion_grounds", "load_grounds"),
        ("tracking.migrations.0003_failed_to_track_steps", "add_steps"),
    ]:
        getattr(importlib.import_module(module), loader)(apps, None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing. Install it with: sudo apt-get install -y chromium "
            "(make test does this when run as root)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text)
        if message.type == "error" and "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript or Content Security Policy errors: {errors}"


# GOV.UK Frontend marks a radio that reveals a related question
# aria-expanded. ARIA 1.2 does not allow it on a radio, so axe reports it; the
# Design System keeps it on purpose because screen readers announce it
# (alphagov/govuk-frontend#979, a documented known issue). That one finding,
# on a GOV.UK radio, is the only one the check lets through.
_GOVUK_REVEAL = re.compile(r'ARIA attribute is not allowed: aria-expanded="(true|false)"')


def _is_govuk_reveal(violation_id, node):
    messages = [check["message"] for check in node.get("all", []) + node.get("any", []) + node.get("none", [])]
    return (violation_id == "aria-allowed-attr" and 'class="govuk-radios__input"' in node["html"]
            and messages and all(_GOVUK_REVEAL.fullmatch(message) for message in messages))


def axe_violations(page):
    """axe's findings on the page as it is now, less GOV.UK's known reveal finding."""
    response = _axe.run(page).response
    violations = []
    for violation in response["violations"]:
        nodes = [node for node in violation["nodes"] if not _is_govuk_reveal(violation["id"], node)]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    return AxeResults({**response, "violations": violations})


def assert_accessible(page):
    """Zero axe violations on the page as it is now."""
    results = axe_violations(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, email, password, *, check_accessibility=False):
    """Sign in through the real pages, including the two-factor step that
    local authority staff pass: setting up an authenticator on first sign-in
    (reading the key off the page, as a person's app would), or entering the
    current code from the authenticator they already have."""
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if "/two-factor/set-up/" in page.url:
        if check_accessibility:
            assert_accessible(page)
        secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
        page.get_by_label("Enter the 6-digit code your app shows").fill(_code_for_secret(secret))
        page.get_by_role("button", name="Continue").click()
        if check_accessibility:
            assert_accessible(page)
        page.get_by_role("button", name="I have saved my codes – continue").click()
    elif "/two-factor/" in page.url:
        if check_accessibility:
            assert_accessible(page)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from cme.accounts.tests.factories import current_code

        device = TOTPDevice.objects.get(user__email=email.lower(), confirmed=True)
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()


def _code_for_secret(secret):
    from base64 import b32decode

    from django_otp.oath import TOTP

    return f"{TOTP(b32decode(secret)).token():06d}"
