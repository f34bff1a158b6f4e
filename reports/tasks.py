"""Background jobs for the monthly return.

``make_monthly_return`` runs every day from Celery beat; it acts only on the
last working day of a month (July to September excepted, see
``reports.schedule``), and is idempotent: running it twice, or again after
a worker restart redelivers it (``CELERY_TASK_ACKS_LATE`` and
``CELERY_TASK_REJECT_ON_WORKER_LOST`` are on for every task), makes one
draft and sends one e-mail.
"""

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import schedule, services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_monthly_return(on=None):
    """Make the month's draft return if today (or ``on``, an ISO date) calls for one.

    Returns the new return's id, or None when there was nothing to do.
    """
    today = date.fromisoformat(on) if on else timezone.localdate()
    as_at = schedule.return_day_to_act_on(today)
    if as_at is None:
        return None
    monthly_return = services.generate_scheduled_return(as_at=as_at)
    return monthly_return.pk if monthly_return else None
