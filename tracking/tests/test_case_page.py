"""The case page, and moving a case along the workflow from it."""

import pytest
from django.urls import reverse

from cme.audit.models import AccessLog
from tracking import services, workflow
from tracking.models import CaseEvent, ChildAlert, EnquiryMethod, Outcome, Status
from tracking.tests.factories import CaseFactory, complete_checklist

pytestmark = pytest.mark.django_db


def page_of(response):
    return response.content.decode()


def action_url(case, name):
    return reverse("tracking:case_transition", args=[case.pk, name])


def error_summary(response):
    page = page_of(response)
    assert "govuk-error-summary" in page, "no error summary"
    return page[page.index("govuk-error-summary"):page.index("</ul>", page.index("govuk-error-summary"))]


def test_the_case_page_shows_the_summary_the_child_and_the_actions_open_to_priya(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.get(reverse("tracking:case_detail", args=[amira_case.pk]))
    page = page_of(response)
    assert amira_case.reference in page and "Amira Khan" in page
    assert "Phone the parent" in page and "Oak Primary School" in page
    assert "Compulsory school age" in page
    assert [a.name for a in response.context["actions"]] == ["locate", "request_ftt", "close_without_locating"]
    assert action_url(amira_case, "locate") in page


def test_every_view_of_a_case_is_written_to_the_access_log(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    client.get(reverse("tracking:case_detail", args=[amira_case.pk]))
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_type, entry.object_id, entry.child_id) == (
        priya_officer, "view", "case", str(amira_case.pk), amira_case.child_id,
    )


def test_the_timeline_is_newest_first_and_filters_by_type(client, priya_officer, amira_case):
    services.record_enquiry(amira_case, by=priya_officer, agency="Child Health", method=EnquiryMethod.PHONE,
                            made_on=amira_case.opened_on, outcome="Not registered with a GP")
    services.add_note(amira_case, by=priya_officer, text="Sister at Elm says they went to Leicester")
    client.force_login(priya_officer)
    url = reverse("tracking:case_detail", args=[amira_case.pk])
    events = list(client.get(url).context["timeline"].object_list)
    assert [e.kind for e in events] == [CaseEvent.Kind.NOTE, CaseEvent.Kind.ENQUIRY, CaseEvent.Kind.OPENED]
    response = client.get(url, {"kind": CaseEvent.Kind.ENQUIRY})
    assert [e.kind for e in response.context["timeline"].object_list] == [CaseEvent.Kind.ENQUIRY]
    assert "Not registered with a GP" in page_of(response) and "Leicester" not in page_of(response)
    assert "Enquiry (1)" in page_of(response)


def test_priya_records_amira_enrolled_at_elm_academy_then_closes(client, priya_officer, amira_case, elm_academy):
    client.force_login(priya_officer)
    response = client.post(action_url(amira_case, "locate"), {
        "outcome": Outcome.ENROLLED, "school": f"Elm Academy (URN {elm_academy.urn})",
        "details": "Admissions officer at Elm confirmed she started on Monday",
    })
    assert response.status_code == 302
    amira_case.refresh_from_db()
    assert (amira_case.status, amira_case.outcome, amira_case.outcome_school) == (Status.LOCATED, Outcome.ENROLLED, elm_academy)
    follow = client.get(response.url)
    assert "The case is now “Located”" in page_of(follow)

    assert client.post(action_url(amira_case, "close"), {}).status_code == 302
    amira_case.refresh_from_db()
    assert amira_case.status == Status.CLOSED
    last = amira_case.events.filter(kind=CaseEvent.Kind.STATUS).first()
    assert last.created_by == priya_officer and last.status_after == Status.CLOSED


def test_locating_without_saying_where_is_refused_and_keeps_what_was_typed(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.post(action_url(amira_case, "locate"), {"details": "Seen in town by the school nurse"})
    assert response.status_code == 200
    assert "Select where the child has been found" in error_summary(response)
    assert "Seen in town by the school nurse" in page_of(response)
    assert response.context["form"]["details"].value() == "Seen in town by the school nurse"
    amira_case.refresh_from_db()
    assert amira_case.status == Status.OPEN


def test_enrolled_needs_a_school_and_an_unknown_school_is_named_in_the_error(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.post(action_url(amira_case, "locate"), {"outcome": Outcome.ENROLLED})
    assert "Select the school the child is enrolled at" in error_summary(response)
    response = client.post(action_url(amira_case, "locate"), {"outcome": Outcome.ENROLLED, "school": "Hogwarts"})
    assert "No school is called “Hogwarts”" in error_summary(response)


def test_closing_an_open_case_is_not_offered_and_a_forced_attempt_says_why(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.get(action_url(amira_case, "close"), follow=True)
    assert "That action is not available: the case is “Open”" in page_of(response)
    amira_case.refresh_from_db()
    assert amira_case.status == Status.OPEN


def test_asking_for_failed_to_track_sign_off_needs_every_step_answered(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.post(action_url(amira_case, "request_ftt"), {})
    assert "Answer every step of the failed-to-track checklist first. 16 not answered" in error_summary(response)
    amira_case.refresh_from_db()
    assert amira_case.status == Status.OPEN


def test_a_senior_officer_cannot_sign_off_a_closure_they_asked_for(client, sam_senior):
    case = CaseFactory(created_by=sam_senior, assigned_officer=sam_senior)
    complete_checklist(case, sam_senior)
    workflow.transition(case, "request_ftt", sam_senior)
    client.force_login(sam_senior)
    response = client.post(action_url(case, "sign_off_ftt"), {})
    assert "You asked for this sign-off, so another senior officer must give it" in error_summary(response)
    assert not ChildAlert.objects.exists()


def test_sam_signs_off_priyas_failed_to_track_closure_and_the_child_is_alerted(client, sam_senior, priya_officer):
    case = CaseFactory(awaiting_sign_off=True, created_by=priya_officer)
    client.force_login(priya_officer)
    assert client.get(reverse("tracking:case_detail", args=[case.pk])).context["actions"] == []
    client.force_login(sam_senior)
    response = client.post(action_url(case, "sign_off_ftt"), {"reason": "All 16 steps checked"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Status.CLOSED, Outcome.FAILED_TO_TRACK)
    assert ChildAlert.objects.get(child=case.child).is_active
    assert "CME – failed to track" in page_of(client.get(reverse("tracking:case_detail", args=[case.pk])))


def test_a_senior_officer_returns_a_request_with_what_else_to_do(client, sam_senior, priya_officer):
    case = CaseFactory(awaiting_sign_off=True, created_by=priya_officer)
    client.force_login(sam_senior)
    response = client.post(action_url(case, "return_ftt"), {})
    assert "Enter what else needs doing before sign-off" in error_summary(response)
    client.post(action_url(case, "return_ftt"), {"reason": "Ask the youth offending service again"})
    case.refresh_from_db()
    assert case.status == Status.OPEN
    assert case.events.first().text == "Ask the youth offending service again"


def test_closing_as_no_longer_of_compulsory_school_age_is_refused_for_a_child_of_that_age(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    response = client.post(action_url(amira_case, "close_without_locating"),
                           {"outcome": Outcome.CEASED_CSA, "reason": "Turned 16"})
    assert "Amira Khan is of compulsory school age until" in error_summary(response)


def test_a_closed_case_is_reopened_with_a_reason(client, priya_officer):
    case = CaseFactory(closed=True)
    client.force_login(priya_officer)
    response = client.post(action_url(case, "reopen"), {})
    assert "Enter why the case is being reopened" in error_summary(response)
    client.post(action_url(case, "reopen"), {"reason": "Not at the new school after all"})
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_an_unknown_action_is_not_found(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    assert client.get(action_url(amira_case, "delete")).status_code == 404


def test_sign_off_is_offered_only_once_the_checklist_is_complete(client, priya_officer, amira_case):
    client.force_login(priya_officer)
    request_ftt = reverse("tracking:case_transition", args=[amira_case.pk, "request_ftt"])
    page = client.get(reverse("tracking:case_detail", args=[amira_case.pk])).content.decode()
    assert request_ftt not in page and "answer every step of the checklist first" in page
    complete_checklist(amira_case, priya_officer)
    assert request_ftt in client.get(reverse("tracking:case_detail", args=[amira_case.pk])).content.decode()
