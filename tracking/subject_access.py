"""A subject access export: everything held about one child, for a senior
officer answering a request under UK GDPR Article 15.

Other apps add what they hold about the child (referrals, removal requests,
new-pupil notices) by answering ``subject_access_sections``.
"""

from django.db.models import Prefetch
from django.dispatch import Signal
from django.utils import timezone

from .models import Case, CaseEvent, ChildAlert, Enrolment, VulnerabilityFlag

#: Receivers return a list of (section title, list of rows as dicts) for ``child``.
subject_access_sections = Signal()


def _value(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if not isinstance(value, (int, float, bool)) else value


def _row(obj, fields, labels=None):
    labels = labels or {}
    row = {}
    for name in fields:
        model_field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if model_field.choices and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        row[labels.get(name, str(model_field.verbose_name).capitalize())] = _value(value)
    return row


def _event_row(event):
    row = {
        "When": _value(event.occurred_at), "What": event.get_kind_display(), "Summary": event.summary,
        "Details": event.text, "Recorded by": _value(event.created_by),
    }
    for part, fields in (
        ("enquiry", ["agency", "person", "method", "made_on", "outcome", "follow_up_on"]),
        ("home_visit", ["visited_on", "outcome", "details", "visiting_officers", "address"]),
        ("document", ["original_name", "content_type", "size", "description"]),
    ):
        detail = getattr(event, part, None) if hasattr(event, part) else None
        if detail is not None:
            row.update(_row(detail, fields))
    return row


def collect(child):
    """Every record about ``child`` as titled sections of rows."""
    child = type(child).objects.prefetch_related(
        "names", "addresses", "contacts", "siblings",
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("school")),
        Prefetch("flags", queryset=VulnerabilityFlag.objects.order_by("starts_on")),
        Prefetch("alerts", queryset=ChildAlert.objects.order_by("raised_at")),
        Prefetch("cases", queryset=Case.objects.select_related("assigned_officer", "outcome_school", "last_known_school")
                 .prefetch_related(Prefetch("events", queryset=CaseEvent.objects.select_related(
                     "created_by", "enquiry", "home_visit", "document").order_by("occurred_at", "id")))
                 .order_by("opened_on", "pk")),
    ).get(pk=child.pk)
    sections = [
        ("Child", [_row(child, ["first_name", "middle_names", "last_name", "preferred_first_name",
                                "preferred_last_name", "date_of_birth", "sex", "upn", "ethnicity",
                                "first_language", "recorded_year_group", "recorded_year_group_on", "created_at"])]),
        ("Names", [_row(n, ["kind", "first_name", "last_name", "created_at"]) for n in child.names.all()]),
        ("Addresses", [_row(a, ["kind", "line_1", "line_2", "town", "postcode", "phone", "lived_from", "lived_to",
                                "source"]) for a in child.addresses.all()]),
        ("Contacts", [_row(c, ["name", "relationship", "has_parental_responsibility", "lives_with_child", "phone",
                               "email", "notes"]) for c in child.contacts.all()]),
        ("Siblings", [{"Name": s.full_name, "Date of birth": _value(s.date_of_birth)} for s in child.siblings.all()]),
        ("Schools", [{"School": str(e), "From": _value(e.on_roll_from), "To": _value(e.on_roll_to),
                      "Year group": e.get_year_group_display(), "Leaving reason": e.leaving_reason}
                     for e in child.enrolments.all()]),
        ("Risk factors", [_row(f, ["kind", "starts_on", "ends_on", "note"]) for f in child.flags.all()]),
        ("Alerts", [_row(a, ["kind", "raised_at", "is_active", "cleared_at", "cleared_reason"]) for a in child.alerts.all()]),
    ]
    for case in child.cases.all():
        sections.append((f"Case {case.reference}", [{
            "Category": case.get_category_display(), "Status": case.get_status_display(),
            "Outcome": case.get_outcome_display(), "Opened": _value(case.opened_on),
            "Located": _value(case.located_on), "Closed": _value(case.closed_on),
            "Officer": _value(case.assigned_officer), "Where found": _value(case.outcome_school),
            "Outcome details": case.outcome_details,
        }]))
        sections.append((f"Case {case.reference}: timeline", [_event_row(e) for e in case.events.all()]))
    for _receiver, extra in subject_access_sections.send(sender=type(child), child=child):
        sections.extend(extra or [])
    return child, sections


def as_json(child):
    child, sections = collect(child)
    return {
        "exported_at": timezone.now().isoformat(),
        "child_record": child.pk,
        "sections": [{"title": title, "rows": rows} for title, rows in sections],
    }
