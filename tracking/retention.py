"""How long children's records are kept, and erasing them when that ends.

The rule (UK GDPR Article 5(1)(e), storage limitation; set in settings so
each council applies its own retention schedule): a child's record is kept
until their ``CME_RETENTION_AGE``-th birthday (default 25), and a record with
no date of birth for ``CME_RETENTION_YEARS_WITHOUT_DOB`` years (default 7)
after its last case closed (or, if it never had a case, after it was
created) — never while a case is open.

Erasing removes the child and everything about them: names and search keys,
addresses, contacts, risk factors, enrolments, cases with their timelines
and uploaded files, alerts, notifications, re-checks and change history.
Other apps remove their own records about the child when ``child_erasing``
is sent (referrals: referrals, removal requests, new-pupil notices). The
access log keeps one "erased" entry per child: the record number and why,
no personal data.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.dispatch import Signal

from cme.audit.models import AccessLog

from .models import Case, CaseDocument, Child

#: Sent inside the erasing transaction, before the child's rows go: receivers
#: delete their own records about ``child``.
child_erasing = Signal()


@dataclass
class RetentionRule:
    age: int
    years_without_dob: int

    @classmethod
    def from_settings(cls):
        return cls(age=settings.CME_RETENTION_AGE, years_without_dob=settings.CME_RETENTION_YEARS_WITHOUT_DOB)


def _years_before(on, years):
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def children_past_retention(on: date, rule: RetentionRule | None = None):
    """Children whose records should no longer be kept on ``on``."""
    rule = rule or RetentionRule.from_settings()
    active = Case.objects.filter(child=OuterRef("pk")).active()
    born_before = _years_before(on, rule.age)  # reached the age on or before ``on``
    closed_before = _years_before(on, rule.years_without_dob)
    any_case = Case.objects.filter(child=OuterRef("pk"))
    return (
        Child.objects.annotate(
            has_active_case=Exists(active), has_case=Exists(any_case), last_closed=Max("cases__closed_on"),
        )
        .filter(has_active_case=False)
        .filter(
            Q(date_of_birth__lte=born_before)
            | Q(date_of_birth__isnull=True, last_closed__lte=closed_before)
            | Q(date_of_birth__isnull=True, has_case=False, created_at__date__lte=closed_before)
        )
        .order_by("pk")
    )


@transaction.atomic
def erase_child(child, *, by=None, reason):
    """Erase every record about one child. Returns the number of rows removed."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    if Case.objects.filter(child=child).active().exists():
        raise ValueError(f"Child {child.pk} has an open case and cannot be erased")
    child_erasing.send(sender=Child, child=child, by=by)
    files = list(CaseDocument.objects.filter(event__case__child=child).values_list("file", flat=True))
    case_ids = list(child.cases.values_list("pk", flat=True))
    child.siblings.clear()
    removed, _ = Case.objects.filter(pk__in=case_ids).delete()
    count, _ = Child.objects.filter(pk=child.pk).delete()
    # Last, because deleting writes a final "deleted" version of each.
    Case.history.model.objects.filter(id__in=case_ids).delete()
    Child.history.model.objects.filter(id=child.pk).delete()
    AccessLog.objects.create(
        user=by, action=AccessLog.Action.ERASED, object_type="child", object_id=str(child.pk),
        child_id=child.pk, detail={"reason": reason, "cases": len(case_ids)},
    )
    storage = CaseDocument._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files if name])
    return removed + count
