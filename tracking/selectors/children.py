"""Reads for the child page: the whole record, preloaded."""

from django.db.models import Prefetch

from ..models import (
    Address, Case, Child, ChildAlert, Enrolment, FlagKind, RecheckTask, VulnerabilityFlag,
)

#: Risk factors that mean two officers visit (Southampton CME policy 2021:
#: "two to visit" where the address or family is not known to us "or where
#: other safety concerns have been flagged").
SAFETY_FLAGS = frozenset({FlagKind.CHILD_PROTECTION, FlagKind.CHILD_IN_NEED, FlagKind.LOOKED_AFTER,
                          FlagKind.YOUTH_OFFENDING})


def children_for_page(user):
    """Children with every part of the record the child page shows."""
    return Child.objects.visible_to(user).prefetch_related(
        "names",
        "addresses",
        "contacts",
        Prefetch("siblings", queryset=Child.objects.prefetch_related(
            Prefetch("cases", queryset=Case.objects.active(), to_attr="active_cases"),
        )),
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("school")),
        Prefetch("flags", queryset=VulnerabilityFlag.objects.select_related("recorded_by")),
        Prefetch("cases", queryset=Case.objects.select_related("assigned_officer").order_by("-opened_on", "-pk")),
        Prefetch("alerts", queryset=ChildAlert.objects.select_related("raised_by", "case"), to_attr="all_alerts"),
        Prefetch("recheck_tasks", queryset=RecheckTask.objects.select_related("done_by").order_by("-year")),
    )


def two_to_visit_reasons(child, today):
    """Why two officers should make a home visit to this child's family, if they should."""
    reasons = []
    addresses = list(child.addresses.all())
    if not any(a.kind == Address.Kind.HOME for a in addresses):
        reasons.append("we have no home address for the family")
    if not child.contacts.exists():
        reasons.append("we know no parent or carer")
    flags = {f.get_kind_display() for f in child.flags.all() if f.kind in SAFETY_FLAGS and f.is_active(today)}
    if flags:
        reasons.append("of safety concerns: " + ", ".join(sorted(flags)).lower())
    return reasons
