"""A real Celery worker, taking the job off Redis, makes a return end to end.

Skipped without CELERY_BROKER_URL; CI runs it on Redis. The worker runs in a
thread of this process (``celery.contrib.testing``), so it shares the test
database, the private storage folder and Django's in-memory outbox; the jobs
still travel through the broker, as in production: the return job, then the
e-mail job it queues once its transaction commits.
"""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from cme.celery import app
from reports.models import MonthlyReturn
from reports.tasks import make_monthly_return

BROKER = os.environ.get("CELERY_BROKER_URL", "")

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not BROKER,
        reason="needs Redis: run with CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (CI does)",
    ),
]


@pytest.fixture
def real_worker():
    app.conf.task_always_eager = False
    app.conf.result_backend = BROKER
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    app.conf.task_always_eager = True


def test_a_worker_on_redis_makes_the_january_return_and_emails_the_managers(
    real_worker, transactional_db, helen_manager,
):
    pk = make_monthly_return.delay(on="2026-01-30").get(timeout=60)

    monthly_return = MonthlyReturn.objects.get(pk=pk)
    assert monthly_return.as_at.isoformat() == "2026-01-30" and monthly_return.is_draft
    with monthly_return.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with monthly_return.csv.open("rb") as csv:
        assert csv.readline().startswith(b"As at,Version,Status,Section")

    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [[helen_manager.email]]
    assert f"/reports/returns/{pk}/" in mail.outbox[0].body

    # Delivered again (as after a worker restart): nothing more is made or sent.
    assert make_monthly_return.delay(on="2026-01-30").get(timeout=60) is None
    assert MonthlyReturn.objects.count() == 1
    time.sleep(0.5)
    assert len(mail.outbox) == 1
