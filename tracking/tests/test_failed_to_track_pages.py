"""The failed-to-track checklist, the sign-off queue, the yearly re-checks and
the senior officers' notifications."""

from datetime import date

import pytest
from django.urls import reverse

from cme.audit.models import AccessLog
from tracking import services, workflow
from tracking.models import ChecklistAnswer, Notification, RecheckTask, Status
from tracking.tests.factories import CaseFactory, complete_checklist

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"tracking:{name}", args=args)


def test_the_checklist_shows_each_step_and_how_many_are_answered(client, priya_officer, amira_case):
    steps = list(services.active_checklist_steps())
    services.answer_checklist_step(amira_case, by=priya_officer, step=steps[0], answer=ChecklistAnswer.Answer.DONE,
                                   done_on=date(2026, 3, 2), outcome="Last school had no forwarding address")
    client.force_login(priya_officer)
    page = client.get(url("case_checklist", amira_case.pk)).content.decode()
    assert "1 of 16 answered" in page
    assert "Last school had no forwarding address" in page
    assert "Enquiries of Child Health" in page
    assert url("case_transition", amira_case.pk, "request_ftt") not in page
    assert AccessLog.objects.get().detail == {"page": "tracking:case_checklist"}


def test_a_step_is_answered_done_with_a_date_and_what_it_found(client, priya_officer, amira_case):
    step = services.active_checklist_steps().first()
    client.force_login(priya_officer)
    response = client.post(url("case_checklist_step", amira_case.pk, step.pk), {"answer": "done"})
    page = response.content.decode()
    assert "Enter the date this step was done" in page and "Enter what this step found" in page
    response = client.post(url("case_checklist_step", amira_case.pk, step.pk), {
        "answer": "done", "done_on_0": "2", "done_on_1": "3", "done_on_2": "2026", "outcome": "No trace",
    })
    assert response.status_code == 302
    answer = ChecklistAnswer.objects.get()
    assert (answer.answer, answer.done_on, answer.outcome, answer.answered_by) == ("done", date(2026, 3, 2), "No trace", priya_officer)


def test_a_step_that_does_not_apply_needs_a_reason(client, priya_officer, amira_case):
    step = services.active_checklist_steps().last()
    client.force_login(priya_officer)
    response = client.post(url("case_checklist_step", amira_case.pk, step.pk), {"answer": "na"})
    assert "Enter why this step does not apply" in response.content.decode()
    client.post(url("case_checklist_step", amira_case.pk, step.pk), {"answer": "na", "not_applicable_reason": "No CP concerns"})
    assert ChecklistAnswer.objects.get().not_applicable_reason == "No CP concerns"


def test_when_every_step_is_answered_priya_can_ask_for_sign_off(client, priya_officer, amira_case):
    complete_checklist(amira_case, priya_officer)
    client.force_login(priya_officer)
    page = client.get(url("case_checklist", amira_case.pk)).content.decode()
    assert "16 of 16 answered" in page
    assert url("case_transition", amira_case.pk, "request_ftt") in page
    client.post(url("case_transition", amira_case.pk, "request_ftt"), {})
    amira_case.refresh_from_db()
    assert amira_case.status == Status.FAILED_TO_TRACK


def test_the_checklist_cannot_be_changed_once_sign_off_is_asked_for(client, priya_officer):
    case = CaseFactory(awaiting_sign_off=True)
    step = services.active_checklist_steps().first()
    client.force_login(priya_officer)
    response = client.post(url("case_checklist_step", case.pk, step.pk), {"answer": "na", "not_applicable_reason": "x"},
                           follow=True)
    assert "The checklist can only be changed while the case is open" in response.content.decode()
    assert not case.checklist.answers.filter(not_applicable_reason="x").exists()


def test_the_sign_off_queue_lists_requests_and_senior_officers_are_offered_sign_off(client, priya_officer, sam_senior):
    waiting = CaseFactory(awaiting_sign_off=True, created_by=priya_officer)
    CaseFactory()
    client.force_login(priya_officer)
    response = client.get(url("sign_off_queue"))
    assert [c.pk for c in response.context["cases"]] == [waiting.pk]
    assert "Read the checklist" in response.content.decode()
    client.force_login(sam_senior)
    assert "Check and sign off" in client.get(url("sign_off_queue")).content.decode()
    assert url("case_transition", waiting.pk, "sign_off_ftt") in client.get(url("case_checklist", waiting.pk)).content.decode()


def test_the_yearly_recheck_is_recorded_once_on_the_failed_to_track_case(client, sam_senior, priya_officer):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior)
    task = RecheckTask.objects.create(child=lost.child, year=2026, due_on=date(2026, 10, 1))
    client.force_login(priya_officer)
    assert lost.child.full_name in client.get(url("recheck_tasks")).content.decode()
    response = client.post(url("recheck_task", task.pk), {})
    assert "Enter what the re-check found" in response.content.decode()
    client.post(url("recheck_task", task.pk), {"outcome": "GIAP and the Lost Pupil Database: no trace"})
    task.refresh_from_db()
    assert task.done_by == priya_officer and task.outcome == "GIAP and the Lost Pupil Database: no trace"
    assert lost.events.first().summary == "Yearly re-check 2026 recorded"
    assert client.get(url("recheck_task", task.pk)).status_code == 404  # no longer to do


@pytest.fixture
def reappeared(sam_senior):
    from tracking.alerts import child_reappeared

    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior,
                       child__first_name="Kacper", child__last_name="Nowak").child
    child_reappeared(lost, how="a referral from Oak Primary School was accepted", event_key="referral:1")
    return lost


def test_sam_sees_an_unread_notification_and_marks_it_read(client, sam_senior, reappeared):
    client.force_login(sam_senior)
    assert "You have 1 unread notification" in client.get(url("team_caseload")).content.decode()
    page = client.get(url("notifications")).content.decode()
    assert "Kacper Nowak (failed to track) has reappeared: a referral from Oak Primary School was accepted" in page
    assert url("child_detail", reappeared.pk) in page
    notification = Notification.objects.get(recipient=sam_senior)
    client.post(url("notification_read", notification.pk))
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "unread notification" not in client.get(url("team_caseload")).content.decode()


def test_mark_all_as_read(client, sam_senior, reappeared):
    from tracking.alerts import child_reappeared

    child_reappeared(reappeared, how="searched for", event_key="search:2")
    client.force_login(sam_senior)
    response = client.post(url("notifications_read_all"), follow=True)
    assert "2 notifications marked as read" in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_officers_are_not_shown_the_senior_officers_banner(client, priya_officer, reappeared):
    Notification.objects.create(recipient=priya_officer, message="Hello", event_key="x")
    client.force_login(priya_officer)
    assert "unread notification" not in client.get(url("my_caseload")).content.decode()


def test_a_senior_officer_can_act_from_the_checklist_page(client, sam_senior, priya_officer):
    case = CaseFactory(awaiting_sign_off=True, created_by=priya_officer)
    client.force_login(sam_senior)
    client.post(url("case_transition", case.pk, "sign_off_ftt"), {})
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert "Signed off by Sam Okafor" in client.get(url("case_checklist", case.pk)).content.decode()
    assert [t.name for t in workflow.available_transitions(case, sam_senior)] == ["reopen"]
