"""A CME officer's week, in a browser, with axe run on every page visited.

Priya finds Kacper by a misspelt name, works his case (an enquiry, a home
visit, the next action) and records him located, enrolled at Elm Academy,
then closes the case. Sam, a senior officer, signs off the failed-to-track
closure Priya asked for on Aisha. When Tom later searches for Aisha, the
alert fires and Helen, the other senior officer, sees the notification.

Each person signs in once: a second sign-in within the same 30 seconds would
reuse their authenticator's code, which two-factor sign-in rightly refuses.
"""

import io
import re

from playwright.sync_api import expect

from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory
from cme.schooldays import demo as demo_terms
from cme.schooldays import selectors as schooldays
from tracking import services, workflow
from tracking.models import Case, FlagKind, Outcome, Status
from tracking.tests.factories import CaseFactory, SchoolFactory, complete_checklist

from .conftest import assert_accessible, sign_in

TITLE = re.compile(r" – Children Missing Education$")


def visit(page, link_name):
    page.get_by_role("link", name=link_name, exact=True).first.click()
    expect(page).to_have_title(TITLE)
    assert_accessible(page)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_an_officer_works_a_case_to_closure_and_a_senior_officer_signs_off_failed_to_track(page, transactional_db):
    demo_terms.seed(io.StringIO())
    schooldays.forget_calendars()
    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test", first_name="Priya", last_name="Shah")
    UserFactory(role=Role.SENIOR_OFFICER, email="sam@example.test", first_name="Sam", last_name="Okafor")
    UserFactory(role=Role.CME_OFFICER, email="tom@example.test", first_name="Tom", last_name="Brennan")
    UserFactory(role=Role.SENIOR_OFFICER, email="helen@example.test", first_name="Helen", last_name="Marsh")
    oak = SchoolFactory(name="Oak Primary School", urn="116100")
    elm = SchoolFactory(name="Elm Academy", urn="116300", phase="Secondary")
    kacper_case = CaseFactory(child__first_name="Kacper", child__last_name="Nowak", assigned_officer=priya,
                              created_by=priya, last_known_school=oak, next_action="Phone the last school")
    services.add_address(kacper_case.child, by=priya, line_1="3 Dock Road", town="Demo City", postcode="SO14 3AB")
    services.add_flag(kacper_case.child, by=priya, kind=FlagKind.CHILD_IN_NEED)
    aisha_case = CaseFactory(child__first_name="Ayesha", child__last_name="O'Brien", assigned_officer=priya,
                             created_by=priya)
    complete_checklist(aisha_case, priya)
    workflow.transition(aisha_case, "request_ftt", priya)

    # Priya finds Kacper though the name reached her as "Kacpar Nowack".
    sign_in(page, "priya@example.test", PASSWORD)
    visit(page, "Find a child")
    page.get_by_label("Name", exact=True).fill("Kacpar Nowack")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()
    visit(page, "Kacper Nowak")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kacper Nowak")
    visit(page, kacper_case.reference)
    expect(page.get_by_text("Phone the last school")).to_be_visible()

    # An enquiry, with a mistake first: nothing typed is lost.
    visit(page, "Record an enquiry")
    page.get_by_label("Agency, service or system asked").fill("Child Health")
    page.get_by_role("button", name="Save enquiry").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select how the enquiry was made")
    expect(summary).to_contain_text("Enter what the enquiry found")
    expect(page.get_by_label("Agency, service or system asked")).to_have_value("Child Health")
    assert_accessible(page)
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("What did they say?").fill("Registered with a GP near Elm Academy since September")
    page.get_by_role("button", name="Save enquiry").click()
    expect(page.get_by_text("Enquiry of Child Health: saved")).to_be_visible()
    assert_accessible(page)

    # A home visit: two officers, as the guidance says.
    visit(page, "Record a home visit")
    expect(page.get_by_text("Two officers should visit this family")).to_be_visible()
    page.get_by_label("Current residents confirm the family have left").check()
    page.get_by_label("Details").fill("New tenants moved in a fortnight ago; no forwarding address")
    page.get_by_label("Who visited?").fill("Priya Shah and Dan Reed")
    page.get_by_role("button", name="Save home visit").click()
    expect(page.get_by_text("Home visit: Current residents confirm the family have left: saved")).to_be_visible()

    # The next action, due in five school days.
    visit(page, "Change next action")
    page.get_by_label("Next action").fill("Ask Elm Academy whether Kacper is on roll")
    page.get_by_label("In a number of school days").check()
    page.get_by_label("Number of school days", exact=True).fill("5")
    page.get_by_role("button", name="Save next action").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Ask Elm Academy whether Kacper is on roll, due")

    # The timeline can show only the enquiries.
    page.get_by_label("Show", exact=True).select_option("enquiry")
    page.get_by_role("button", name="Filter the timeline").click()
    assert_accessible(page)
    expect(page.locator(".app-timeline__item")).to_have_count(1)

    # Located: enrolled at Elm Academy; then closed.
    visit(page, "Record that the child is located")
    page.get_by_label("Located – enrolled at a school").check()
    page.get_by_label("School the child is enrolled at").fill(f"Elm Academy (URN {elm.urn})")
    page.get_by_label("How was it confirmed?").fill("Elm's admissions officer confirmed he started on Monday")
    page.get_by_role("button", name="Record that the child is located").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The case is now “Located”")
    assert_accessible(page)
    visit(page, "Close the case")
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The case is now “Closed”")
    kacper_case.refresh_from_db()
    assert (kacper_case.status, kacper_case.outcome, kacper_case.outcome_school) == (Status.CLOSED, Outcome.ENROLLED, elm)
    visit(page, "My caseload")
    sign_out(page)

    # Sam signs off the failed-to-track closure Priya asked for.
    sign_in(page, "sam@example.test", PASSWORD)
    visit(page, "Team caseload")
    visit(page, "Failed-to-track closures awaiting sign-off")
    visit(page, "Check and sign off for Ayesha O'Brien")
    expect(page.get_by_text("16 of 16 answered")).to_be_visible()
    visit(page, "Sign off as failed to track")
    page.get_by_role("button", name="Sign off as failed to track").click()
    expect(page.get_by_text("CME – failed to track").first).to_be_visible()
    assert_accessible(page)
    assert Case.objects.get(pk=aisha_case.pk).status == Status.CLOSED
    sign_out(page)

    # Later Tom searches for "Aisha OBrien": the alert fires.
    sign_in(page, "tom@example.test", PASSWORD)
    visit(page, "Find a child")
    page.get_by_label("Name", exact=True).fill("Aisha OBrien")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-tag", has_text="CME – failed to track")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "helen@example.test", PASSWORD)
    visit(page, "Team caseload")
    expect(page.get_by_text("You have 1 unread notification")).to_be_visible()
    visit(page, "Read your notifications")
    expect(page.get_by_role("link", name="Ayesha O'Brien (failed to track) has reappeared: found by a search by Tom Brennan")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Mark as read")).click()
    expect(page.get_by_text("Notification marked as read")).to_be_visible()
    assert_accessible(page)
