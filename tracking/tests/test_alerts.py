"""The failed-to-track alert fires to senior officers when the child reappears."""

import pytest
from django.core import mail

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from tracking import services
from tracking.alerts import child_reappeared
from tracking.models import Notification, RecheckTask
from tracking.tasks import open_yearly_rechecks
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost_child(sam_senior):
    case = CaseFactory(
        failed_to_track=True, failed_to_track__signed_off_by=sam_senior,
        child__first_name="Kacper", child__last_name="Nowak",
    )
    return case.child


def test_each_senior_officer_is_told_once_per_event(lost_child, sam_senior, django_capture_on_commit_callbacks):
    helen = UserFactory(role=Role.SENIOR_OFFICER, email="helen@example.test")
    UserFactory(role=Role.CME_OFFICER, email="officer@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        assert child_reappeared(lost_child, how="a referral was received", event_key="referral:1") == 2
        assert child_reappeared(lost_child, how="a referral was received", event_key="referral:1") == 0
    assert Notification.objects.filter(child=lost_child).count() == 2
    assert {n.recipient for n in Notification.objects.all()} == {sam_senior, helen}
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {sam_senior.email, "helen@example.test"}
    assert "Kacper Nowak (failed to track) has reappeared: a referral was received" in mail.outbox[0].body


def test_a_child_without_an_alert_notifies_nobody(sam_senior):
    child = ChildFactory()
    assert child_reappeared(child, how="searched for", event_key="search:1") == 0
    assert mail.outbox == []


def test_creating_a_new_record_for_the_same_child_raises_the_alert(lost_child, sam_senior, priya_officer):
    helen = UserFactory(role=Role.SENIOR_OFFICER)
    services.create_child(by=priya_officer, first_name="Kacper", last_name="Nowak", date_of_birth=lost_child.date_of_birth)
    assert Notification.objects.filter(child=lost_child, recipient=helen).exists()


def test_the_yearly_recheck_opens_one_task_per_failed_to_track_child(lost_child):
    ChildFactory()
    assert open_yearly_rechecks(year=2027) == 1
    assert open_yearly_rechecks(year=2027) == 0
    assert RecheckTask.objects.get().child == lost_child
