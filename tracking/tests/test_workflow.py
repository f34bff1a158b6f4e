"""The case workflow: who may move a case where, and what each move needs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tracking import services, workflow
from tracking.models import CaseEvent, ChecklistAnswer, ChildAlert, Outcome, Status
from tracking.tests.factories import CaseFactory, complete_checklist

pytestmark = pytest.mark.django_db


def test_an_officer_records_a_child_located_at_a_school_then_closes(priya_officer, oak_primary):
    case = CaseFactory()
    workflow.transition(case, "locate", priya_officer, outcome=Outcome.ENROLLED, school=oak_primary)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.outcome_school) == (Status.LOCATED, Outcome.ENROLLED, oak_primary)
    assert case.located_on == timezone.localdate()
    assert case.child.enrolments.get().school == oak_primary

    workflow.transition(case, "close", priya_officer)
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_on == timezone.localdate()
    events = list(case.events.filter(kind=CaseEvent.Kind.STATUS).order_by("id"))
    assert [e.status_after for e in events] == [Status.LOCATED, Status.CLOSED]
    assert all(e.created_by == priya_officer for e in events)
    assert "Oak Primary School" in events[0].summary


def test_locating_needs_an_outcome_and_for_enrolled_a_school(priya_officer):
    case = CaseFactory()
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.transition(case, "locate", priya_officer)
    assert refused.value.errors == ["Select where the child has been found"]
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.transition(case, "locate", priya_officer, outcome=Outcome.ENROLLED)
    assert refused.value.errors == ["Select the school the child is enrolled at"]
    case.refresh_from_db()
    assert case.status == Status.OPEN
    assert not case.events.filter(kind=CaseEvent.Kind.STATUS).exists()


def test_an_open_case_cannot_be_closed_without_an_outcome(priya_officer):
    case = CaseFactory()
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.transition(case, "close", priya_officer)
    assert "while the status is “Open”" in refused.value.errors[0]


def test_failed_to_track_needs_every_checklist_step_answered(priya_officer):
    case = CaseFactory()
    steps = list(services.active_checklist_steps())
    services.answer_checklist_step(case, by=priya_officer, step=steps[0], answer=ChecklistAnswer.Answer.NOT_APPLICABLE,
                                   not_applicable_reason="No previous school: arrived from abroad")
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.transition(case, "request_ftt", priya_officer)
    assert f"{len(steps) - 1} not answered" in refused.value.errors[0]
    assert steps[1].title in refused.value.errors[0]


def test_a_senior_officer_signs_off_failed_to_track_and_the_child_is_alerted(priya_officer, sam_senior):
    case = CaseFactory(created_by=priya_officer)
    complete_checklist(case, priya_officer)
    workflow.transition(case, "request_ftt", priya_officer)
    workflow.transition(case, "sign_off_ftt", sam_senior)
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Status.CLOSED, Outcome.FAILED_TO_TRACK)
    assert case.checklist.signed_off_by == sam_senior
    alert = ChildAlert.objects.get(child=case.child)
    assert alert.is_active and alert.kind == ChildAlert.Kind.FAILED_TO_TRACK


def test_an_officer_cannot_sign_off_failed_to_track(priya_officer, tom_officer):
    case = CaseFactory(awaiting_sign_off=True, created_by=priya_officer)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.transition(case, "sign_off_ftt", tom_officer)
    assert "Only a senior CME officer or manager" in refused.value.errors[0]


def test_a_senior_officer_cannot_sign_off_their_own_work(sam_senior):
    case = CaseFactory(created_by=sam_senior)
    complete_checklist(case, sam_senior)
    workflow.transition(case, "request_ftt", sam_senior)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.transition(case, "sign_off_ftt", sam_senior)
    assert refused.value.errors == ["You asked for this sign-off, so another senior officer must give it"]
    assert not ChildAlert.objects.exists()


def test_reopening_needs_a_reason_and_clears_the_outcome(priya_officer):
    case = CaseFactory(closed=True)
    with pytest.raises(workflow.TransitionRefused):
        workflow.transition(case, "reopen", priya_officer)
    workflow.transition(case, "reopen", priya_officer, reason="Family seen in the city by a health visitor")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == (Status.OPEN, "", None)
    assert case.events.first().text == "Family seen in the city by a health visitor"


def test_a_child_has_at_most_one_active_case(priya_officer):
    case = CaseFactory()
    with pytest.raises(services.ServiceError, match="already has an open case"):
        services.open_case(child=case.child, category=case.category, by=priya_officer)


def test_reopening_is_refused_when_the_child_has_another_open_case(priya_officer):
    old = CaseFactory(closed=True)
    CaseFactory(child=old.child, opened_on=timezone.localdate())
    with pytest.raises(workflow.TransitionRefused, match="already has an open case"):
        workflow.transition(old, "reopen", priya_officer, reason="Seen again")


def test_a_school_user_cannot_move_a_case(grace_at_oak):
    case = CaseFactory()
    with pytest.raises(workflow.TransitionRefused):
        workflow.transition(case, "locate", grace_at_oak, outcome=Outcome.OTHER_LA, details="x")


def test_closing_as_no_longer_of_csa_is_refused_for_a_child_of_csa(priya_officer):
    case = CaseFactory()
    with pytest.raises(workflow.TransitionRefused, match="is of compulsory school age until"):
        workflow.transition(case, "close_without_locating", priya_officer, outcome=Outcome.CEASED_CSA, reason="16")


def test_the_states_offered_follow_the_table(priya_officer, sam_senior):
    case = CaseFactory(awaiting_sign_off=True)
    assert [t.name for t in workflow.available_transitions(case, priya_officer)] == []
    assert [t.name for t in workflow.available_transitions(case, sam_senior)] == ["sign_off_ftt", "return_ftt"]


def test_only_a_senior_officer_can_close_a_case_as_opened_in_error(priya_officer, sam_senior):
    case = CaseFactory()
    with pytest.raises(workflow.TransitionRefused, match="Only a senior CME officer"):
        workflow.transition(case, "close_without_locating", priya_officer, outcome=Outcome.OPENED_IN_ERROR,
                            reason="Duplicate of another case")
    workflow.transition(case, "close_without_locating", sam_senior, outcome=Outcome.OPENED_IN_ERROR,
                        reason="Duplicate of another case")
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Status.CLOSED, Outcome.OPENED_IN_ERROR)


def test_not_located_after_all_removes_the_enrolment_the_location_added(priya_officer, oak_primary):
    case = CaseFactory()
    workflow.transition(case, "locate", priya_officer, outcome=Outcome.ENROLLED, school=oak_primary)
    assert case.child.enrolments.count() == 1
    workflow.transition(case, "not_located", priya_officer, reason="Oak says he never started")
    assert case.child.enrolments.count() == 0


def test_locating_a_failed_to_track_child_clears_their_alert(priya_officer, sam_senior):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior)
    again = CaseFactory(child=lost.child, opened_on=timezone.localdate())
    workflow.transition(again, "locate", priya_officer, outcome=Outcome.OTHER_LA, details="Hampshire confirmed")
    alert = ChildAlert.objects.get(child=lost.child)
    assert not alert.is_active and alert.cleared_at is not None
    assert "Located" in alert.cleared_reason


def test_a_new_case_cannot_open_before_the_last_one_closed(priya_officer):
    """Overlapping cases would count one child twice in the monthly return."""
    old = CaseFactory(closed=True)
    with pytest.raises(services.ServiceError, match="cannot open before"):
        services.open_case(child=old.child, category=old.category, by=priya_officer,
                           opened_on=old.closed_on - timedelta(days=3))
