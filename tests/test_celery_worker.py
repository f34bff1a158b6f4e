"""A real Celery worker, consuming from Redis, runs a task end to end.

The worker runs in a thread of this process (celery.contrib.testing), so it
shares the test database and Django's in-memory outbox; the task still travels
through the broker, exactly as in production.
"""

import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from cme.accounts.tasks import send_email
from cme.celery import app

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
    # Forget a backend cached by tasks that ran eagerly earlier in the run.
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    app.conf.task_always_eager = True


def test_a_task_queued_on_redis_is_run_by_a_worker(real_worker):
    result = send_email.delay(["grace@example.test"], "Referral received", "Reference CME-1")
    assert result.get(timeout=30) == 1
    assert [m.subject for m in mail.outbox] == ["Referral received"]
