"""The referrer's progress update after 10 school days (Redcar & Cleveland
CME process 2020, step 2), with the clock frozen around the February 2026
half term (Spring 1 ends Friday 13 February, Spring 2 starts Monday 23rd).

Grace's referral arrives on Monday 9 February. Counting school days, the
10th is Monday 2 March: four days before the half term, none during it,
six after. Counting calendar days would have e-mailed her on 19 February.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from referrals import services
from referrals.models import ProgressUpdate, ReferralEventKind
from referrals.tasks import send_progress_updates
from referrals.tests.factories import ReferralFactory
from tracking import workflow as case_workflow
from tracking.models import Outcome

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def on(time_machine, day, month):
    time_machine.move_to(datetime(2026, month, day, 7, 30, tzinfo=LONDON))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily job as beat would; return the e-mails it sent."""

    def run_job():
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            send_progress_updates.delay()
        return mail.outbox[before:]

    return run_job


def accept(referral, officer):
    referral_child = referral.children.get()
    services.create_child_from_referral(referral_child, by=officer)
    services.accept_referral(referral, by=officer, categories={referral_child.pk: "other"})
    referral_child.refresh_from_db()
    return referral_child


@pytest.fixture
def graces_referral(grace_at_oak, la_term_dates, time_machine):
    on(time_machine, 9, 2)
    return ReferralFactory(referrer=grace_at_oak, submitted=True)


def test_the_update_comes_after_ten_school_days_not_ten_calendar_days(graces_referral, grace_at_oak, time_machine, run):
    for day, month in [(10, 2), (13, 2), (19, 2), (20, 2), (23, 2), (27, 2)]:
        on(time_machine, day, month)
        assert run() == [], f"nothing is due on {day}/{month}"

    on(time_machine, 2, 3)
    [email] = run()
    assert email.to == [grace_at_oak.email]
    assert graces_referral.reference in email.subject
    assert "It is 10 school days since we received your referral on 9 February 2026" in email.body
    assert graces_referral.events.filter(kind=ReferralEventKind.PROGRESS_UPDATE).count() == 1


def test_it_is_sent_exactly_once_however_often_the_job_runs(graces_referral, time_machine, run):
    on(time_machine, 2, 3)
    assert len(run()) == 1
    assert run() == []
    on(time_machine, 3, 3)
    assert run() == []
    assert list(ProgressUpdate.objects.values_list("milestone", flat=True)) == [10]


def test_a_job_that_missed_days_sends_only_the_latest_milestone(graces_referral, time_machine, run):
    on(time_machine, 16, 3)  # 20 school days; the job did not run on 2 March
    [email] = run()
    assert "It is 20 school days" in email.body
    on(time_machine, 17, 3)
    assert run() == []


def test_an_unresolved_referral_gets_another_update_every_ten_school_days(graces_referral, time_machine, run):
    on(time_machine, 2, 3)
    assert len(run()) == 1
    on(time_machine, 13, 3)
    assert run() == []
    on(time_machine, 16, 3)
    [email] = run()
    assert "It is 20 school days" in email.body


def test_days_waiting_for_the_referrer_do_not_count(graces_referral, grace_at_oak, priya_officer, time_machine, run):
    on(time_machine, 11, 2)
    services.request_information(graces_referral, by=priya_officer, message="Which school is the sister at?")
    on(time_machine, 24, 2)
    services.answer_request(graces_referral, by=grace_at_oak, answer="Elm Academy")
    # Waiting from 11 to 24 February cost 12, 13, 23 and 24 February: four school days.
    for day in (2, 3, 4, 5):
        on(time_machine, day, 3)
        assert run() == [], f"nothing is due on {day}/3"
    on(time_machine, 6, 3)
    assert len(run()) == 1


def test_nothing_is_sent_while_we_wait_for_the_referrer(graces_referral, priya_officer, time_machine, run):
    on(time_machine, 11, 2)
    services.request_information(graces_referral, by=priya_officer, message="Which school is the sister at?")
    for day in (2, 16, 30):
        on(time_machine, day, 3)
        assert run() == []


def test_no_update_once_the_child_is_found(graces_referral, priya_officer, time_machine, run):
    on(time_machine, 12, 2)
    referral_child = accept(graces_referral, priya_officer)
    case_workflow.transition(referral_child.case, "locate", priya_officer, outcome=Outcome.OTHER_LA,
                             details="Hampshire's CME officer confirmed the family arrived")
    on(time_machine, 2, 3)
    assert run() == []


def test_an_accepted_referral_still_being_looked_into_gets_its_update(graces_referral, priya_officer, time_machine, run):
    on(time_machine, 12, 2)
    referral_child = accept(graces_referral, priya_officer)
    on(time_machine, 2, 3)
    [email] = run()
    assert "We accepted it and are still looking for the child" in email.body


def test_no_update_for_a_referral_that_is_not_a_cme_case(graces_referral, priya_officer, time_machine, run):
    on(time_machine, 10, 2)
    services.decide_not_cme(graces_referral, by=priya_officer, reason="attendance",
                            redirected_to="An attendance matter for Oak Primary")
    on(time_machine, 2, 3)
    assert run() == []


def test_missing_term_dates_are_reported_not_silently_skipped(grace_at_oak, sam_senior, django_capture_on_commit_callbacks):
    """A referral received in a year with no term dates loaded cannot be counted
    in school days: the senior officers are told to add them."""
    import time_machine

    from referrals.tasks import send_progress_updates

    with time_machine.travel(date(2029, 3, 1)):
        referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    with time_machine.travel(date(2029, 4, 2)), django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        assert send_progress_updates() == 0
    [warning] = [m for m in mail.outbox if "Term dates are missing" in m.subject]
    assert sam_senior.email in warning.to and referral.reference in warning.body
