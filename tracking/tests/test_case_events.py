"""Adding to a case's timeline, and changing who works it and what happens next."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from tracking.models import Address, CaseEvent, Category, EnquiryMethod, FlagKind, HomeVisitOutcome, Priority
from tracking import services
from tracking.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)


def url(name, case):
    return reverse(f"tracking:{name}", args=[case.pk])


def dated(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_priya_records_an_enquiry_with_who_how_when_and_what_they_said(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    made_on = amira_case.opened_on
    response = client.post(url("case_enquiry", amira_case), {
        "agency": "Child Health", "person": "Records clerk", "method": EnquiryMethod.PHONE,
        **dated("made_on", made_on), "outcome": "Registered with a GP in Leicester since March",
        **dated("follow_up_on", made_on + timedelta(days=10)),
    })
    assert response.status_code == 302
    event = amira_case.events.get(kind=CaseEvent.Kind.ENQUIRY)
    assert (event.enquiry.agency, event.enquiry.method, event.enquiry.made_on) == ("Child Health", "phone", made_on)
    assert event.created_by == priya_officer and event.occurred_at.date() == made_on
    page = client.get(url("case_detail", amira_case)).content.decode()
    assert "Registered with a GP in Leicester since March" in page


def test_an_enquiry_without_its_details_says_what_is_missing(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.post(url("case_enquiry", amira_case), {"agency": "Child Health", "made_on_0": "31", "made_on_1": "2", "made_on_2": "2026"})
    page = response.content.decode()
    for message in ["Select how the enquiry was made", "Date of the enquiry must be a real date", "Enter what the enquiry found"]:
        assert message in page
    assert response.context["form"]["agency"].value() == "Child Health"
    assert not amira_case.events.filter(kind=CaseEvent.Kind.ENQUIRY).exists()


def test_the_home_visit_form_reminds_of_two_to_visit_when_the_family_is_not_known(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    page = client.get(url("case_home_visit", amira_case)).content.decode()
    assert "Two officers should visit this family" in page
    assert "we have no home address for the family" in page


def test_priya_records_a_home_visit_with_one_of_the_five_outcomes(client, priya_officer, amira_case):
    services.add_address(amira_case.child, by=priya_officer, line_1="4 Church Road", postcode="SO15 2AB")
    client.force_login(priya_officer)
    form = client.get(url("case_home_visit", amira_case)).context["form"]
    assert form.initial["address"] == "4 Church Road, SO15 2AB"
    response = client.post(url("case_home_visit", amira_case), {
        **dated("visited_on", amira_case.opened_on), "outcome": HomeVisitOutcome.NEIGHBOUR_CONFIRMS_LEFT,
        "details": "Neighbour at no. 6 saw a removal van on Saturday", "visiting_officers": "Priya Shah and Joe Bloggs",
        "address": "4 Church Road, SO15 2AB",
    })
    assert response.status_code == 302
    visit = amira_case.events.get(kind=CaseEvent.Kind.HOME_VISIT).home_visit
    assert visit.outcome == HomeVisitOutcome.NEIGHBOUR_CONFIRMS_LEFT and visit.visiting_officers == "Priya Shah and Joe Bloggs"


def test_a_note_cannot_be_blank(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    assert "Enter the note" in client.post(url("case_note", amira_case), {"text": "  "}).content.decode()
    client.post(url("case_note", amira_case), {"text": "Mum called back\nWill bring her in on Monday"})
    assert amira_case.events.get(kind=CaseEvent.Kind.NOTE).summary == "Note: Mum called back"


@pytest.fixture
def on_a_monday():
    with time_machine.travel(MONDAY, tick=False):
        yield MONDAY


def test_the_next_action_can_be_due_in_a_number_of_school_days(client, priya_officer, amira_case, term_dates, on_a_monday):
    client.force_login(priya_officer)
    response = client.post(url("case_next_action", amira_case),
                           {"action": "Chase Child Health", "due": "days", "school_days": "10"})
    assert response.status_code == 302
    amira_case.refresh_from_db()
    assert (amira_case.next_action, amira_case.next_action_due) == ("Chase Child Health", date(2026, 11, 30))
    assert amira_case.events.filter(kind=CaseEvent.Kind.NEXT_ACTION).first().summary == \
        "Next action: Chase Child Health, due 30 November 2026"


def test_without_term_dates_the_next_action_needs_a_date_and_says_why(client, priya_officer, amira_case, on_a_monday):
    client.force_login(priya_officer)
    response = client.post(url("case_next_action", amira_case),
                           {"action": "Chase Child Health", "due": "days", "school_days": "10"})
    page = response.content.decode()
    assert "which has no term dates" in page and "Enter the due date instead" in page
    response = client.post(url("case_next_action", amira_case),
                           {"action": "Chase Child Health", "due": "date", **dated("due_on", date(2026, 12, 1))})
    assert response.status_code == 302
    amira_case.refresh_from_db()
    assert amira_case.next_action_due == date(2026, 12, 1)


def test_a_next_action_needs_a_due_choice_and_clearing_it_is_allowed(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    assert "Select when the next action is due" in client.post(url("case_next_action", amira_case), {"action": "Visit"}).content.decode()
    client.post(url("case_next_action", amira_case), {"action": "", "due": "none"})
    amira_case.refresh_from_db()
    assert (amira_case.next_action, amira_case.next_action_due) == ("", None)


def test_the_case_is_given_to_tom(client, priya_officer, tom_officer, amira_case):
    client.force_login(priya_officer)
    client.post(url("case_assign", amira_case), {"officer": tom_officer.pk})
    amira_case.refresh_from_db()
    assert amira_case.assigned_officer == tom_officer
    assert amira_case.events.first().summary == "Assigned to Tom Brennan"


def test_a_school_user_is_not_offered_as_the_officer(client, priya_officer, grace_at_oak, amira_case):
    client.force_login(priya_officer)
    response = client.post(url("case_assign", amira_case), {"officer": grace_at_oak.pk})
    assert "Select a valid choice" in response.content.decode()


def test_a_priority_set_by_hand_needs_a_reason_and_can_go_back_to_the_risk_factors(client, priya_officer):
    case = CaseFactory(child__flags=[FlagKind.YOUNG_CARER])
    client.force_login(priya_officer)
    response = client.post(url("case_priority", case), {"priority": str(Priority.ACT_TODAY.value)})
    assert "Enter why the priority is being changed" in response.content.decode()
    client.post(url("case_priority", case), {"priority": str(Priority.ACT_TODAY.value), "reason": "Police concern"})
    case.refresh_from_db()
    assert (case.priority, case.priority_overridden, case.priority_override_reason) == (Priority.ACT_TODAY, True, "Police concern")
    client.post(url("case_priority", case), {"priority": "risk"})
    case.refresh_from_db()
    assert (case.priority, case.priority_overridden) == (Priority.HIGH, False)


def test_the_category_changes_with_a_reason_and_is_kept_on_the_timeline(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.post(url("case_category", amira_case), {"category": Category.IN_YEAR_UNDER_OFFER})
    assert "Enter why the category is changing" in response.content.decode()
    client.post(url("case_category", amira_case), {"category": Category.IN_YEAR_UNDER_OFFER, "reason": "Place offered at Elm"})
    event = amira_case.events.first()
    assert (event.kind, event.category_after, event.text) == (CaseEvent.Kind.CATEGORY, Category.IN_YEAR_UNDER_OFFER, "Place offered at Elm")


def test_the_home_address_prefilled_is_the_latest(client, priya_officer, amira_case):
    child = amira_case.child
    services.add_address(child, by=priya_officer, line_1="1 Old Road", postcode="SO15 1AA", lived_from=date(2020, 1, 1))
    services.add_address(child, by=priya_officer, line_1="9 New Road", postcode="SO16 9ZZ", lived_from=date(2025, 1, 1))
    assert child.addresses.filter(kind=Address.Kind.HOME, lived_to__isnull=True).count() == 1
    client.force_login(priya_officer)
    assert client.get(url("case_home_visit", amira_case)).context["form"].initial["address"] == "9 New Road, SO16 9ZZ"
