from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import ChildAlert, RecheckTask


@shared_task
def open_yearly_rechecks(year=None):
    """Open this year's re-check task for every failed-to-track child
    (Southampton CME policy: "on an annual basis check the child against
    datasets available to us"). Idempotent: one task per child per year."""
    today = timezone.localdate()
    year = year or today.year
    child_ids = (
        ChildAlert.objects.filter(is_active=True, kind=ChildAlert.Kind.FAILED_TO_TRACK)
        .values_list("child_id", flat=True).distinct()
    )
    existing = set(RecheckTask.objects.filter(year=year).values_list("child_id", flat=True))
    new = [RecheckTask(child_id=c, year=year, due_on=today) for c in child_ids if c not in existing]
    with transaction.atomic():
        RecheckTask.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
