"""A referral from a school to an officer's case, in a browser, with axe run
on every page visited.

Grace (attendance lead at Oak Primary) tells the CME team about Amelia and
Kacper Nowak. She leaves two of the eight action outcomes blank, is told
which, fills them in and sends the referral. Priya (CME officer) finds it at
the top of her queue, matches Amelia to the record the LA already holds,
creates a record for Kacper, and accepts. Grace then sees it accepted.
"""

import io
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory
from cme.schooldays import demo as demo_terms
from cme.schooldays import selectors as schooldays
from referrals.models import ACTIONS, Referral, ReferralStatus
from referrals.tests.factories import ReferralFactory
from tracking.models import Case
from tracking.tests.factories import ChildFactory, SchoolFactory, SchoolMembershipFactory

from .conftest import assert_accessible, sign_in

TITLE = re.compile(r" – Children Missing Education$")
MISSING = {"action_truancy_call", "action_letter_home"}


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def continue_(page):
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_title(TITLE)
    assert_accessible(page)


def add_child(page, first, last, born, sex):
    expect(page.get_by_role("heading", level=1)).to_contain_text("their details")
    assert_accessible(page)
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    fill_date(page, "Date of birth", born)
    page.get_by_role("group", name="Sex").get_by_label(sex, exact=True).check()
    continue_(page)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_school_refers_two_children_and_an_officer_matches_creates_and_accepts(page, transactional_db):
    demo_terms.seed(io.StringIO())
    schooldays.forget_calendars()
    oak = SchoolFactory(name="Oak Primary School", urn="116100")
    grace = SchoolMembershipFactory(school=oak, user__email="grace@example.test", user__first_name="Grace",
                                    user__last_name="Adeyemi", user__job_title="Attendance lead").user
    UserFactory(role=Role.CME_OFFICER, email="priya@example.test", first_name="Priya", last_name="Shah")
    amelia = ChildFactory(first_name="Amelia", last_name="Nowak", date_of_birth=date(2015, 5, 4))
    ChildFactory(first_name="Olivia", last_name="Brown", date_of_birth=date(2015, 5, 4))  # same birthday, a stranger
    earlier = ReferralFactory(referrer=UserFactory(role=Role.PARTNER, organisation="Demo City Housing"), submitted=True)

    # Grace starts a referral from the home page.
    sign_in(page, "grace@example.test", PASSWORD)
    page.get_by_role("link", name="Tell us about a child missing education").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Start a new referral").click()

    add_child(page, "Amelia", "Nowak", date(2015, 5, 4), "Female")
    expect(page.get_by_role("heading", name="You have added 1 child")).to_be_visible()
    page.get_by_role("group", name="Do you need to add another child?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    add_child(page, "Kacper", "Nowak", date(2017, 9, 1), "Male")
    expect(page.get_by_role("heading", name="You have added 2 children")).to_be_visible()
    page.get_by_role("group", name="Do you need to add another child?").get_by_label("No").check()
    continue_(page)

    # Family and address.
    expect(page.get_by_role("heading", level=1)).to_have_text("Family and address")
    page.get_by_label("Full name").fill("Joanna Nowak")
    page.get_by_label("Relationship to the child").fill("Mother")
    page.get_by_label("Phone number", exact=True).fill("07700 900123")
    page.get_by_label("Address line 1").fill("12 Church Road")
    page.get_by_label("Town or city").fill("Demo City")
    page.get_by_label("Postcode").fill("SO15 2AB")
    continue_(page)

    # School and attendance.
    fill_date(page, "Date of last attendance at your school", date.today() - timedelta(days=21))
    page.get_by_label("Area the child has moved to, if known").fill("Possibly Poland")
    continue_(page)

    # Risk factors: a young carer, no child protection concern.
    page.get_by_label("Young carer").check()
    page.get_by_role("group", name="Is there a child protection concern?").get_by_label("No").check()
    continue_(page)

    # Actions taken: six of the eight, so the other two are named.
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions taken and their outcomes")
    for name, label in ACTIONS:
        if name not in MISSING:
            page.get_by_label(label).fill(f"Done, nothing found ({label.lower()})")
    continue_(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert page.title().startswith("Error: ")
    items = summary.get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_have_text("Enter the outcome of ‘Send Truancy Call (if this system is available)’")
    expect(items.nth(1)).to_have_text("Enter the outcome of ‘Letter to be sent to the home address’")
    expect(page.get_by_label(ACTIONS[0][1])).to_have_value(f"Done, nothing found ({ACTIONS[0][1].lower()})")
    summary.get_by_role("link", name=re.compile("Letter to be sent")).click()
    assert page.evaluate("document.activeElement.id") == "id_action_letter_home"
    page.get_by_label("Letter to be sent to the home address").fill("Letter sent first class on Monday; no reply")
    page.get_by_label("Send Truancy Call (if this system is available)").fill("Not available at Oak")
    continue_(page)

    # Home visit.
    page.get_by_label("No response to the door, note left, no response to the note").check()
    fill_date(page, "Date of the visit", date.today() - timedelta(days=5))
    page.get_by_label("Details of the visit").fill("Card left through the door; no reply after three days.")
    continue_(page)

    # About Grace: her name is filled in from her account.
    expect(page.get_by_label("Your name and job title")).to_have_value("Grace Adeyemi, Attendance lead")
    page.get_by_label("A phone number we can reach you on").fill("023 8000 1000")
    continue_(page)

    # Check your answers, then send.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending your referral")
    expect(page.get_by_text("Not available at Oak")).to_be_visible()
    page.get_by_role("button", name="Accept and send").click()
    expect(page.get_by_role("heading", name="Referral sent")).to_be_visible()
    assert_accessible(page)
    referral = Referral.objects.get(referrer=grace)
    assert referral.status == ReferralStatus.SUBMITTED
    expect(page.locator(".govuk-panel__body")).to_contain_text(referral.reference)
    sign_out(page)

    # Priya finds it at the top of her queue: a risk factor puts it above an older one.
    sign_in(page, "priya@example.test", PASSWORD)
    page.get_by_role("link", name="Referrals to triage").first.click()
    assert_accessible(page)
    rows = page.locator("#new-referrals tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(referral.reference)
    expect(rows.nth(0)).to_contain_text("Amelia Nowak")
    expect(rows.nth(1)).to_contain_text(earlier.reference)
    rows.nth(0).get_by_role("link", name=referral.reference).click()
    assert_accessible(page)

    # Amelia: the record the LA holds is proposed, with why; the stranger is not.
    amelia_section = page.locator("section", has=page.get_by_role("heading", name="Amelia Nowak", exact=True))
    expect(amelia_section).to_contain_text("Same date of birth")
    expect(page.get_by_text("Olivia Brown")).to_have_count(0)
    amelia_section.get_by_role("button", name=re.compile("^This is the child")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Amelia Nowak is matched to the record of Amelia Nowak")
    assert_accessible(page)

    # Kacper is not known: a new record.
    page.get_by_role("button", name="Create a new record for Kacper Nowak").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("A new record has been created for Kacper Nowak")
    assert_accessible(page)

    # Accept, with a category for each child.
    page.get_by_role("link", name="Accept", exact=True).click()
    assert_accessible(page)
    page.get_by_role("group", name="Why is Amelia Nowak missing education?").get_by_label(
        "Leaver – destination unknown").check()
    page.get_by_role("button", name="Accept the referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select why Kacper Nowak is missing education")
    assert_accessible(page)
    page.get_by_role("group", name="Why is Kacper Nowak missing education?").get_by_label("CME – other").check()
    page.get_by_role("button", name="Accept the referral").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"Referral {referral.reference} accepted")
    assert_accessible(page)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    cases = {c.child.first_name: c for c in Case.objects.select_related("child")}
    assert cases["Amelia"].child == amelia and cases["Amelia"].category == "leaver"
    assert cases["Kacper"].child.date_of_birth == date(2017, 9, 1)
    sign_out(page)

    # Grace sees it accepted.
    sign_in(page, "grace@example.test", PASSWORD)
    page.get_by_role("link", name="My referrals").first.click()
    assert_accessible(page)
    row = page.locator("tr", has=page.get_by_role("link", name=referral.reference))
    expect(row).to_contain_text("Accepted – we are looking for this child")
    row.get_by_role("link", name=referral.reference).click()
    expect(page.get_by_text("Accepted – we are looking for this child")).to_be_visible()
    assert_accessible(page)
