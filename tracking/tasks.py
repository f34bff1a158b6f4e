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


@shared_task
def apply_retention():
    """Monthly: report children past retention, and erase them when the
    council has switched erasing on (CME_RETENTION_ERASE)."""
    from django.conf import settings

    from .retention import RetentionRule, children_past_retention, erase_child

    rule = RetentionRule.from_settings()
    due = list(children_past_retention(timezone.localdate(), rule))
    if settings.CME_RETENTION_ERASE:
        for child in due:
            erase_child(child, reason=f"past retention (age {rule.age})")
    return {"past_retention": len(due), "erased": len(due) if settings.CME_RETENTION_ERASE else 0}
