"""A removal from roll, from the school to the CME officer and back, in a
browser, with axe run on every page visited.

Grace (attendance lead at Oak Primary) asks to remove Amelia under the
20-continuous-school-days ground ten school days after she last attended,
and is told the day she may send it and the first removal date it allows.
Amelia has in fact been enrolled at Harbour Academy, so Grace changes the
ground to "registered at another school", says no school attendance order
names Oak, gives Harbour's URN and sends the request. Priya (CME officer)
wants Harbour's confirmation in writing and asks Oak a question; Grace
sees it on her dashboard and answers it; Priya agrees, and Grace sees the decision and
the CTF destination to use.
"""

import io
import re
from datetime import timedelta

from playwright.sync_api import expect

from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory
from cme.schooldays import demo as demo_terms
from cme.schooldays import selectors as schooldays
from referrals.models import ACTIONS, RemovalFromRollRequest, RemovalStatus
from referrals.tests.conftest import load_deletion_grounds
from tracking.tests.factories import LocalAuthorityFactory, SchoolFactory, SchoolMembershipFactory

from .conftest import assert_accessible, sign_in
from .test_referral_journey import fill_date, sign_out

TITLE = re.compile(r" – Children Missing Education$")


def long_date(day):
    return f"{day.day} {day:%B %Y}"


def test_a_school_asks_too_early_corrects_the_ground_and_the_officer_agrees(page, transactional_db, settings):
    demo_terms.seed(io.StringIO())
    schooldays.forget_calendars()
    load_deletion_grounds()  # the browser tests' database starts empty of reference data
    home = LocalAuthorityFactory(code=settings.CME_LA_CODE, name=settings.CME_LA_NAME)
    oak = SchoolFactory(name="Oak Primary School", urn="116100", la=home)
    SchoolFactory(name="Harbour Academy", urn="116302", establishment_number="4102", la=home, phase="Secondary")
    SchoolMembershipFactory(school=oak, user__email="grace@example.test", user__first_name="Grace",
                            user__last_name="Adeyemi", user__job_title="Attendance lead")
    UserFactory(role=Role.CME_OFFICER, email="priya@example.test", first_name="Priya", last_name="Shah")

    calendar = schooldays.calendar_for(oak)
    from django.utils import timezone

    today = timezone.localdate()
    last_attended = calendar.add_school_days(today, -10)
    day_20 = calendar.add_school_days(last_attended, 20)
    removal_from = day_20 + timedelta(days=1)  # the ground is met at the end of day 20

    # Grace starts a request from the home page.
    sign_in(page, "grace@example.test", PASSWORD)
    page.get_by_role("link", name="Ask to remove a pupil from roll").first.click()
    expect(page).to_have_title(TITLE)
    assert_accessible(page)
    page.get_by_role("button", name="Start a new request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask to remove a pupil from roll")
    assert_accessible(page)

    page.get_by_label("First name").fill("Amelia")
    page.get_by_label("Last name").fill("Nowak")
    fill_date(page, "Date of birth", today.replace(year=today.year - 10, day=1))
    page.get_by_label("Address line 1").fill("12 Church Road")
    page.get_by_label("Postcode").fill("so15 2ab")
    page.get_by_label("Name of the parent or carer the pupil lived with").fill("Joanna Nowak")
    page.get_by_label("A contact number for the family").fill("07700 900123")
    grounds = page.get_by_role("group", name="Ground for removing the pupil from roll")
    sessions_recorded = page.get_by_label("Every session since the pupil’s last attendance is recorded as G, N or O")
    expect(sessions_recorded).to_be_hidden()  # the ground's own question shows once the ground is chosen
    grounds.get_by_label("Absent for 20 continuous school days").check()
    sessions_recorded.check()
    fill_date(page, "Date of last attendance", last_attended)
    fill_date(page, "Proposed removal date", today)
    page.get_by_role("group", name="Where has the pupil gone?").get_by_label("Not known", exact=True).check()
    page.get_by_role("group", name="How do you know where the pupil is?").get_by_label(
        "The pupil has not been located").check()
    for _, label in ACTIONS:
        page.get_by_label(label).fill("Done: no answer")
    page.get_by_role("group", name="What did you find?").get_by_label("Property empty – no signs of occupancy").check()
    fill_date(page, "Date of the visit", last_attended)
    page.get_by_label("Details of the visit").fill("Curtains drawn, post piling up behind the door.")
    page.get_by_role("button", name="Send the request").click()

    # Too early: she is told the date the ground becomes possible.
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Amelia has missed 10 school days since their last attendance on "
                                    f"{long_date(last_attended)}")
    expect(summary).to_contain_text(f"you can send this request from {long_date(day_20)}, with a removal date "
                                    f"from {long_date(removal_from)}")
    assert_accessible(page)
    assert RemovalFromRollRequest.objects.get().status == RemovalStatus.DRAFT
    expect(page.get_by_label("First name")).to_have_value("Amelia")  # nothing typed is lost

    # Amelia is at Harbour Academy: Grace changes the ground and gives its URN.
    grounds.get_by_label("Registered at another school").check()
    page.get_by_role("group", name="Does a school attendance order name your school for this pupil?").get_by_label(
        "No").check()
    expect(page.get_by_role("combobox", name="New school")).to_be_hidden()
    page.get_by_role("group", name="Where has the pupil gone?").get_by_label("A new school").check()
    page.get_by_role("combobox", name="New school").fill("116302")
    page.get_by_role("group", name="How do you know where the pupil is?").get_by_label(
        "The new school has confirmed the pupil’s enrolment").check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amelia Nowak")
    removal = RemovalFromRollRequest.objects.get()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"Request {removal.reference} sent")
    expect(page.get_by_text("Waiting for our decision")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Priya finds it in the removal requests and asks Oak a question before deciding.
    sign_in(page, "priya@example.test", PASSWORD, check_accessibility=True)
    page.get_by_role("link", name="Removal requests").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Removal from roll requests")
    assert_accessible(page)
    page.get_by_role("link", name=removal.reference).click()
    expect(page.get_by_text("9(1)(a) Registered at another school", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask the school a question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask the school a question")
    page.get_by_role("button", name="Ask the school a question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your question for the school")
    assert_accessible(page)
    page.get_by_label("What do you need to know?").fill("Has Harbour Academy confirmed Amelia’s place in writing?")
    # GOV.UK's character count says, as she types, how much room is left.
    expect(page.locator(".govuk-character-count__status").first).to_have_text("You have 4,944 characters remaining")
    page.get_by_role("button", name="Ask the school a question").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your question has been sent to Oak Primary School")
    expect(page.get_by_text("Waiting for Oak Primary School to answer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to removal from roll requests").click()
    expect(page.locator("#waiting-for-schools")).to_contain_text("Waiting for the school")
    assert_accessible(page)
    priyas_session = page.context.cookies()  # Priya stays signed in at her own desk
    page.context.clear_cookies()

    # Grace sees the question on her dashboard, with a form to answer it there; she answers on the request.
    sign_in(page, "grace@example.test", PASSWORD)
    page.get_by_role("link", name="School dashboard").first.click()
    banner = page.locator("[aria-labelledby=to-do-title]")  # what the LA needs from Oak
    expect(banner).to_contain_text("Has Harbour Academy confirmed Amelia’s place in writing?")
    expect(banner.get_by_label("Your answer")).to_be_visible()
    assert_accessible(page)
    banner.get_by_role("link", name="See the request").click()
    page.get_by_role("button", name="Send your answer").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your answer to the CME team’s question")
    assert_accessible(page)
    page.get_by_label("Your answer").fill("Yes: Harbour’s admissions officer e-mailed us today.")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your answer has been sent to the CME team")
    expect(page.get_by_text("Waiting for our decision")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Priya sees the answer, back at the top of her queue, and agrees.
    page.context.add_cookies(priyas_session)
    page.goto("/")
    page.get_by_role("link", name="Removal requests").first.click()
    expect(page.locator("#removal-requests")).to_contain_text("The school answered")
    page.get_by_role("link", name=removal.reference).click()
    expect(page.get_by_text("Yes: Harbour’s admissions officer e-mailed us today.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Agree: lawful removal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agree: lawful removal from roll")
    assert_accessible(page)
    page.get_by_label("A note for the school (optional)").fill("Harbour Academy confirmed Amelia is on roll.")
    page.get_by_role("button", name="Agree: lawful removal from roll").click()
    expect(page.locator(".govuk-notification-banner--success").first).to_contain_text("Lawful removal agreed")
    assert_accessible(page)
    sign_out(page)

    # Grace sees the decision and the CTF destination.
    sign_in(page, "grace@example.test", PASSWORD)
    page.get_by_role("link", name="School dashboard").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("School dashboard")
    expect(page.locator("#removal-requests")).to_contain_text("CTF destination 8524102")
    assert_accessible(page)
    page.get_by_role("link", name=removal.reference).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"you may delete Amelia Nowak from the admission register on {long_date(today)}")
    expect(page.locator(".app-ctf-destination")).to_have_text("8524102")
    expect(page.get_by_text("Send the CTF to Harbour Academy, DfE number 852/4102")).to_be_visible()
    expect(page.get_by_text("Harbour Academy confirmed Amelia is on roll.")).to_be_visible()
    assert_accessible(page)
    assert RemovalFromRollRequest.objects.get().status == RemovalStatus.AGREED


def test_the_other_portal_pages_are_accessible_with_their_errors_reports_and_choices(
    page, transactional_db, settings, tmp_path
):
    """Grace reports a missing pupil and reads her next steps, sends a new
    pupil with a mistake, uploads a file with a bad row; Priya checks the
    match it makes, and decides on a request whose destination is unknown."""
    from datetime import date

    from referrals.tests.factories import RemovalRequestFactory, unknown_destination_answers
    from tracking.tests.factories import CaseFactory, ChildFactory

    demo_terms.seed(io.StringIO())
    schooldays.forget_calendars()
    load_deletion_grounds()
    home = LocalAuthorityFactory(code=settings.CME_LA_CODE, name=settings.CME_LA_NAME)
    oak = SchoolFactory(name="Oak Primary School", urn="116100", la=home)
    grace = SchoolMembershipFactory(school=oak, user__email="grace@example.test", user__first_name="Grace",
                                    user__last_name="Adeyemi").user
    UserFactory(role=Role.CME_OFFICER, email="priya@example.test", first_name="Priya", last_name="Shah")
    CaseFactory(child=ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1)))
    unknown = RemovalRequestFactory(requested_by=grace, submitted=True, answers=unknown_destination_answers(
        first_name="Bea", last_name="Kowalczyk"))
    from django.utils import timezone

    today = timezone.localdate()

    sign_in(page, "grace@example.test", PASSWORD)
    page.goto("/referrals/school/missing-pupil/")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    page.get_by_label("First name").fill("Amelia")
    page.get_by_label("Last name").fill("Nowak")
    fill_date(page, "Date of birth", date(2015, 5, 4))
    fill_date(page, "Date of last attendance", schooldays.calendar_for(oak).add_school_days(today, -3))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="What to do next, by when")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Continue to the referral").click()
    expect(page).to_have_title(TITLE)

    page.goto("/referrals/new-pupils/new/")
    page.get_by_label("First name").fill("Kacper")
    page.get_by_label("Last name").fill("Nowak")
    fill_date(page, "Date of birth", date(2016, 9, 1))
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date the pupil was added to your admission register")
    assert_accessible(page)
    fill_date(page, "Date added to your admission register", today)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Thank you. New pupil notice")).to_be_visible()
    assert_accessible(page)

    csv = tmp_path / "new-pupils.csv"
    added = today.strftime("%d/%m/%Y")
    csv.write_text(f"First name,Last name,Date of birth,Date added to register\nLena,Popescu,03/03/2017,{added}\n"
                   f"Tyler,Price,,{added}\n", encoding="utf-8")
    page.goto("/referrals/new-pupils/upload/")
    assert_accessible(page)
    page.get_by_label("Upload a CSV file").set_input_files(str(csv))
    page.get_by_role("button", name="Upload and send").click()
    expect(page.locator("#rejected-rows")).to_contain_text("Enter the pupil’s date of birth")
    assert_accessible(page)
    page.get_by_role("link", name="School dashboard").first.click()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "priya@example.test", PASSWORD)
    page.goto("/referrals/new-pupils/matches/")
    expect(page.locator("#admission-matches")).to_contain_text("Kacper Nowak")
    assert_accessible(page)
    page.get_by_role("button", name="Located – enrolled").click()
    expect(page.get_by_text("is located – enrolled at Oak Primary School")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/referrals/removals/{unknown.pk}/not-lawful/")
    page.get_by_role("button", name="Not lawful: the pupil remains on roll").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    page.goto(f"/referrals/removals/{unknown.pk}/agree/")
    expect(page.get_by_role("group", name="Which child’s record is this pupil?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("None of these: create a new record").check()
    page.get_by_role("button", name="Agree: lawful removal from roll").click()
    expect(page.locator(".govuk-notification-banner--success").first).to_contain_text("now holds case CASE-")
    assert_accessible(page)
