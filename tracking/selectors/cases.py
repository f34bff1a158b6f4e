"""Reads for the case page: the case with what its summary shows, and its timeline."""

from django.db.models import Count

from ..models import Case, CaseDocument, CaseEvent, EventKind
from .caseload import with_active_flags


def cases_for_page(user, today):
    """Cases with everything the case page's summary and child panel show."""
    return with_active_flags(
        Case.objects.visible_to(user).select_related(
            "child", "assigned_officer", "last_known_school", "outcome_school", "created_by",
            "checklist__submitted_by", "checklist__signed_off_by",
        ),
        today,
    )


def timeline(case, kinds=()):
    """The case's events, newest first; only the given kinds if any are given."""
    events = CaseEvent.objects.filter(case=case).for_timeline()
    if kinds:
        events = events.filter(kind__in=kinds)
    return events


def timeline_kinds(case):
    """(kind, label, how many) for each kind of event on the case, in the order of ``EventKind``."""
    counts = dict(
        CaseEvent.objects.filter(case=case).order_by().values_list("kind").annotate(n=Count("pk"))
    )
    return [(kind, label, counts[kind]) for kind, label in EventKind.choices if kind in counts]


def other_cases(case):
    """The child's other cases, newest first."""
    return (
        Case.objects.filter(child_id=case.child_id).exclude(pk=case.pk)
        .select_related("assigned_officer").order_by("-opened_on", "-pk")
    )


def document_for_download(user, case_pk, document_pk):
    """The document, if the user may see its case; else None."""
    return (
        CaseDocument.objects.select_related("event__case")
        .filter(event__case__in=Case.objects.visible_to(user), event__case_id=case_pk, pk=document_pk)
        .first()
    )
