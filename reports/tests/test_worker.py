"""A real Celery worker, taking the job off Redis, makes a return end to end.

Skipped without CELERY_BROKER_URL; CI runs it on Redis. The worker runs in a
thread of this process (``celery.contrib.testing``), so it shares the test
database, the private storage folder and Django's in-memory outbox; the jobs
still travel through the broker, as in production: the return job, then the
e-mail job it queues once its transaction commits.
"""

import time

import pytest
from django.core import mail

from cme.accounts.tasks import send_email
from reports.models import MonthlyReturn
from reports.tasks import make_monthly_return
from tests.test_celery_worker import BROKER, real_worker  # noqa: F401 - the same real worker on Redis

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not BROKER,
        reason="needs Redis: run with CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (CI does)",
    ),
]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish in time"
        time.sleep(0.1)


def test_a_worker_on_redis_makes_the_january_return_and_emails_the_managers(
    real_worker, transactional_db, helen_manager,
):
    # Results are not needed: we watch the database and the outbox, as a person would.
    make_monthly_return.delay(on="2026-01-30")
    wait_for(lambda: len(mail.outbox) == 1)

    monthly_return = MonthlyReturn.objects.get()
    assert monthly_return.as_at.isoformat() == "2026-01-30" and monthly_return.is_draft
    with monthly_return.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with monthly_return.csv.open("rb") as csv:
        assert csv.readline().startswith("\ufeffAs at,Version,Status,Section".encode())
    assert mail.outbox[0].to == [helen_manager.email]
    assert f"/reports/returns/{monthly_return.pk}/" in mail.outbox[0].body

    # Delivered again (as after a worker restart): nothing more is made or sent.
    # The worker takes one job at a time, in order, so once the marker e-mail
    # queued after it has arrived, the repeated job has run.
    make_monthly_return.delay(on="2026-01-30")
    send_email.delay(["marker@example.test"], "Marker", "Queued after the repeat")
    wait_for(lambda: len(mail.outbox) == 2)
    assert [m.subject for m in mail.outbox][1] == "Marker"
    assert MonthlyReturn.objects.count() == 1
