"""New-pupil notices: Grace tells us Oak Primary has admitted Kacper; the CME
team is looking for a Kacper Nowak born the same day, so Priya is asked to
confirm. Confirming records the child located – enrolled at Oak and closes
the case; "not the same child" leaves it open.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cme.audit.models import AccessLog
from referrals import services
from referrals.models import AdmissionMatch, AdmissionNotice, AdmissionStatus, MatchStatus
from referrals.tests.factories import AdmissionNoticeFactory, notice_fields
from referrals.workflow.admissions import TransitionRefused
from tracking.models import EventKind, Notification, Outcome, Status
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kacpers_case(db):
    """The CME team is looking for Kacper Nowak, born 1 September 2016."""
    child = ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1))
    return CaseFactory(child=child, opened_on=timezone.localdate() - timedelta(days=30))


def _post(client, **fields):
    data = {"first_name": "", "last_name": "", "sex": "U", "year_group": "", "upn": "", "postcode": "",
            "previous_school": ""}
    for name, value in notice_fields(**fields).items():
        if value is None:
            continue
        if isinstance(value, date):
            data.update({f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year})
        else:
            data[name] = value
    return client.post(reverse("referrals:admission_start"), data)


def test_grace_tells_us_of_kacper_and_priya_is_asked_whether_he_is_the_child_we_are_looking_for(
    client, grace_at_oak, priya_officer, kacpers_case, django_capture_on_commit_callbacks
):
    client.force_login(grace_at_oak)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)
    notice = AdmissionNotice.objects.get()
    assert response["Location"] == reverse("referrals:admission_detail", args=[notice.pk])
    assert notice.status == AdmissionStatus.SENT and notice.reference.startswith("NPN-")
    assert notice.due_on == notice.admitted_on + timedelta(days=5) and not notice.sent_late
    [match] = AdmissionMatch.objects.all()
    assert match.case == kacpers_case and match.status == MatchStatus.PROPOSED
    assert "same date of birth" in match.reasons

    client.force_login(priya_officer)
    page = client.get(reverse("referrals:admission_matches")).content.decode()
    assert "Kacper Nowak" in page and kacpers_case.reference in page and "Same date of birth" in page


def test_confirming_records_the_child_located_enrolled_and_closes_the_case(
    client, grace_at_oak, priya_officer, kacpers_case, oak_primary
):
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True)
    match = notice.matches.get()
    client.force_login(priya_officer)
    response = client.post(reverse("referrals:admission_match_confirm", args=[match.pk]))
    client.post(reverse("referrals:admission_match_confirm", args=[match.pk]))  # a double click changes nothing
    assert response["Location"] == reverse("referrals:admission_matches")
    kacpers_case.refresh_from_db()
    assert kacpers_case.status == Status.CLOSED and kacpers_case.outcome == Outcome.ENROLLED
    assert kacpers_case.outcome_school == oak_primary and kacpers_case.located_on == notice.admitted_on
    assert kacpers_case.child.enrolments.get().school == oak_primary
    [event] = kacpers_case.events.filter(kind=EventKind.ADMISSION)
    assert event.summary == f"New pupil notice {notice.reference} from Oak Primary School: confirmed, located – enrolled"
    notice.refresh_from_db()
    assert notice.child == kacpers_case.child
    assert client.get(reverse("referrals:admission_matches")).content.decode().count("Located – enrolled") == 0


def test_not_the_same_child_leaves_the_case_open(client, grace_at_oak, priya_officer, kacpers_case):
    match = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True).matches.get()
    client.force_login(priya_officer)
    client.post(reverse("referrals:admission_match_reject", args=[match.pk]))
    match.refresh_from_db()
    kacpers_case.refresh_from_db()
    assert match.status == MatchStatus.REJECTED and match.decided_by == priya_officer
    assert kacpers_case.status == Status.OPEN
    assert kacpers_case.events.filter(kind=EventKind.ADMISSION).get().summary.endswith("not the same child")
    with pytest.raises(TransitionRefused):
        services.confirm_admission_match(match, by=priya_officer)


def test_only_children_with_open_cases_are_proposed(grace_at_oak):
    closed = CaseFactory(child=ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1)),
                         closed=True)
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True)
    assert not notice.matches.exists() and closed.status == Status.CLOSED
    notice.refresh_from_db()
    assert notice.matched_at is not None


def test_a_namesake_of_another_age_is_not_proposed(grace_at_oak):
    CaseFactory(child=ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2009, 1, 15)))
    assert not AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True).matches.exists()


def test_matching_runs_once_however_often_the_task_runs(grace_at_oak, kacpers_case):
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True)
    assert services.match_admission_notice(notice.pk) == []
    assert notice.matches.count() == 1


def test_a_failed_to_track_child_on_a_new_schools_register_is_told_to_the_senior_officers(
    grace_at_oak, sam_senior
):
    lost = ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1))
    CaseFactory(child=lost, failed_to_track=True, failed_to_track__signed_off_by=sam_senior)
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True)
    [told] = Notification.objects.filter(recipient=sam_senior, child=lost)
    assert f"new pupil notice {notice.reference} from Oak Primary School" in told.message
    services.match_admission_notice(notice.pk)
    assert Notification.objects.filter(recipient=sam_senior, child=lost).count() == 1


def test_telling_us_twice_about_the_same_admission_is_refused(client, grace_at_oak):
    first = AdmissionNoticeFactory(notified_by=grace_at_oak)
    client.force_login(grace_at_oak)
    response = _post(client)
    assert response.status_code == 200
    assert (f"You told us about Kacper Nowak joining on {first.admitted_on.day} {first.admitted_on:%B %Y} already "
            f"({first.reference}" in response.content.decode())
    assert AdmissionNotice.objects.count() == 1


def test_a_missing_date_of_birth_and_a_future_admission_date_are_explained(client, grace_at_oak):
    client.force_login(grace_at_oak)
    response = _post(client, date_of_birth=None, admitted_on=timezone.localdate() + timedelta(days=3))
    page = response.content.decode()
    assert "Enter the pupil’s date of birth" in page
    assert "must be today or in the past" in page
    assert not AdmissionNotice.objects.exists()


def test_a_draft_past_its_five_days_is_overdue_on_the_dashboard(client, grace_at_oak):
    admitted = timezone.localdate() - timedelta(days=8)
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, draft=True, fields={"admitted_on": admitted})
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:school_dashboard")).content.decode()
    due = admitted + timedelta(days=5)
    assert "Your new pupil notice about Kacper Nowak has not been sent" in page
    assert f"Overdue</strong> Your new pupil notice about Kacper Nowak has not been sent – due by {due.day} {due:%B %Y}" in page
    assert reverse("referrals:admission_edit", args=[notice.pk]) in page


def test_finishing_a_draft_sends_it(client, grace_at_oak):
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, draft=True, fields={"upn": ""})
    client.force_login(grace_at_oak)
    data = {"sex": "M", "year_group": "4", "upn": "", "postcode": "", "previous_school": "", "first_name": "Kacper",
            "last_name": "Nowak"}
    for name in ("date_of_birth", "admitted_on"):
        value = getattr(notice, name)
        data.update({f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year})
    response = client.post(reverse("referrals:admission_edit", args=[notice.pk]), data)
    notice.refresh_from_db()
    assert notice.status == AdmissionStatus.SENT
    assert response["Location"] == reverse("referrals:admission_detail", args=[notice.pk])


def test_viewing_a_notice_is_logged(client, grace_at_oak, priya_officer):
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak)
    client.force_login(priya_officer)
    client.get(reverse("referrals:admission_detail", args=[notice.pk]))
    assert AccessLog.objects.filter(object_type="admission_notice", object_id=str(notice.pk), user=priya_officer).exists()


def test_a_case_waiting_for_failed_to_track_sign_off_cannot_be_located_from_a_match(grace_at_oak, priya_officer):
    case = CaseFactory(child=ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1)),
                       awaiting_sign_off=True)
    match = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True).matches.get()
    with pytest.raises(TransitionRefused) as refused:
        services.confirm_admission_match(match, by=priya_officer)
    assert refused.value.errors[0].startswith(f"Case {case.reference} is waiting for failed-to-track sign-off")


def test_grace_deletes_a_draft_notice(client, grace_at_oak):
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, draft=True)
    client.force_login(grace_at_oak)
    response = client.post(reverse("referrals:admission_delete", args=[notice.pk]))
    assert response["Location"] == reverse("referrals:school_dashboard")
    assert not AdmissionNotice.objects.exists()
