"""The daily job: idempotent, safe to run again after a worker restart."""

from datetime import date

import pytest
from django.core import mail

from cme.celery import app
from reports import services
from reports.models import MonthlyReturn
from reports.tasks import make_monthly_return

from .conftest import on

pytestmark = pytest.mark.django_db

RETURN_DAY = date(2026, 1, 30)


def run(day, callbacks, hour=19, **kwargs):
    with on(day, hour=hour), callbacks(execute=True):
        return make_monthly_return.delay(**kwargs).get()


def test_running_the_job_twice_on_the_return_day_makes_one_draft_and_one_email(
    sam_senior, django_capture_on_commit_callbacks,
):
    first = run(RETURN_DAY, django_capture_on_commit_callbacks)
    second = run(RETURN_DAY, django_capture_on_commit_callbacks, hour=20)

    assert first is not None and second is None
    assert MonthlyReturn.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "CME tracking return as at 30 January 2026: draft ready to check"
    assert "OFFICIAL-SENSITIVE" in mail.outbox[0].body


def test_a_run_missed_on_the_day_is_made_up_the_next_monday_as_at_the_return_day(
    sam_senior, django_capture_on_commit_callbacks,
):
    pk = run(date(2026, 2, 2), django_capture_on_commit_callbacks, hour=8)
    assert MonthlyReturn.objects.get(pk=pk).as_at == RETURN_DAY


def test_the_scheduled_draft_replaces_a_mid_month_draft_but_never_a_published_return(
    helen_manager, sam_senior, django_capture_on_commit_callbacks,
):
    with on(date(2026, 1, 15)):
        early = services.generate_return(as_at=date(2026, 1, 15), by=helen_manager)
    pk = run(RETURN_DAY, django_capture_on_commit_callbacks)
    assert pk == early.pk
    assert MonthlyReturn.objects.get(pk=pk).as_at == RETURN_DAY

    with on(date(2026, 2, 10)):
        february = services.generate_return(as_at=date(2026, 2, 10), by=helen_manager)
        services.publish_return(february, by=helen_manager)
    assert run(date(2026, 2, 27), django_capture_on_commit_callbacks) is None
    assert MonthlyReturn.objects.filter(month=date(2026, 2, 1)).count() == 1


def test_on_other_days_the_job_does_nothing(db, django_capture_on_commit_callbacks):
    assert run(date(2026, 1, 29), django_capture_on_commit_callbacks) is None
    assert run(date(2026, 8, 31), django_capture_on_commit_callbacks) is None
    assert MonthlyReturn.objects.count() == 0 and mail.outbox == []


def test_the_job_is_acknowledged_only_after_it_has_run():
    """If a worker dies mid-job the broker hands the job to another worker
    (acks late, reject on worker lost), which is safe because the job is idempotent."""
    assert make_monthly_return.acks_late is True
    assert make_monthly_return.reject_on_worker_lost is True
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_the_job_can_be_run_for_a_given_day(sam_senior, django_capture_on_commit_callbacks):
    pk = run(date(2026, 3, 16), django_capture_on_commit_callbacks, on="2026-01-30")
    assert MonthlyReturn.objects.get(pk=pk).as_at == RETURN_DAY
