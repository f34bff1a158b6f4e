"""Writes to a case: opening it, who works it, what happens next, and the
timeline of enquiries, home visits and notes. Status changes are not here:
they go through ``tracking.workflow.transition``."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Case, Category, Enquiry, EventKind, HomeVisit, Priority, Status
from .base import ServiceError, _event
from .children import create_child, derived_priority


def add_timeline_event(case, *, by, kind, summary, text="", occurred_on=None, data=None):
    """For other apps (referrals, removal requests, admissions) to put their
    decisions on the case's timeline."""
    return _event(case, by, kind, summary, text, occurred_on, data=data or {})


@transaction.atomic
def open_case(*, child, category, by, opened_on=None, assigned_officer=None, next_action="",
              next_action_due=None, last_known_school=None, summary="", text=""):
    """Open a case for a child, or refuse if the child already has one open."""
    existing = Case.objects.select_for_update().filter(child=child).active().first()
    if existing:
        raise ServiceError(f"{child.full_name} already has an open case, {existing.reference}")
    opened_on = opened_on or timezone.localdate()
    last_closed = Case.objects.filter(child=child, closed_on__isnull=False).order_by("-closed_on").first()
    if last_closed and opened_on < last_closed.closed_on:
        # Two cases for one child at once would count them twice in the monthly return.
        raise ServiceError(
            f"The case cannot open before {child.full_name}’s last case ({last_closed.reference}) "
            f"closed on {last_closed.closed_on:%-d %B %Y}"
        )
    case = Case(
        child=child, category=category, opened_on=opened_on,
        assigned_officer=assigned_officer, next_action=next_action, next_action_due=next_action_due,
        last_known_school=last_known_school, priority=derived_priority(child), created_by=by,
    )
    try:
        with transaction.atomic():
            case._history_user = by  # named in the change history
            case.save()
    except IntegrityError:
        raise ServiceError(f"{child.full_name} already has an open case")
    _event(
        case, by, EventKind.OPENED, summary or f"Case opened: {Category(category).label}", text,
        # A case opened on an earlier date (a referral received last week) is on
        # the timeline, and in the monthly return's history, from that date.
        occurred_on=case.opened_on if case.opened_on < timezone.localdate() else None,
        status_after=Status.OPEN, category_after=category,
        data={"assigned_officer": assigned_officer.pk if assigned_officer else None},
    )
    return case


@transaction.atomic
def change_category(case, *, by, category, reason):
    if not reason:
        raise ServiceError("Enter why the category is changing")
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.category == category:
        return case
    previous = case.category
    case.category = category
    case._history_user = by  # named in the change history
    case.save(update_fields=["category", "updated_at"])
    _event(case, by, EventKind.CATEGORY, f"Category changed to {Category(category).label}", reason,
           status_after=case.status, category_after=category,
           data={"from": previous, "to": category, "outcome": case.outcome})
    return case


@transaction.atomic
def assign(case, *, by, officer):
    if officer is not None and not officer.is_la_staff:
        raise ServiceError("Cases can only be assigned to local authority staff")
    case = Case.objects.select_for_update().get(pk=case.pk)
    previous = case.assigned_officer
    case.assigned_officer = officer
    case._history_user = by  # named in the change history
    case.save(update_fields=["assigned_officer", "updated_at"])
    summary = f"Assigned to {officer}" if officer else "No longer assigned to anyone"
    _event(case, by, EventKind.ASSIGNMENT, summary,
           data={"from": previous.pk if previous else None, "to": officer.pk if officer else None})
    return case


@transaction.atomic
def override_priority(case, *, by, priority, reason):
    if not reason:
        raise ServiceError("Enter why the priority is being changed")
    case = Case.objects.select_for_update().get(pk=case.pk)
    previous = case.priority
    case.priority = priority
    case.priority_overridden = True
    case.priority_override_reason = reason
    case._history_user = by  # named in the change history
    case.save(update_fields=["priority", "priority_overridden", "priority_override_reason", "updated_at"])
    _event(case, by, EventKind.PRIORITY, f"Priority set to {Priority(priority).label}", reason,
           data={"from": previous, "to": priority})
    return case


@transaction.atomic
def clear_priority_override(case, *, by):
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.priority = derived_priority(case.child)
    case.priority_overridden = False
    case.priority_override_reason = ""
    case._history_user = by  # named in the change history
    case.save(update_fields=["priority", "priority_overridden", "priority_override_reason", "updated_at"])
    _event(case, by, EventKind.PRIORITY, f"Priority set from risk factors: {Priority(case.priority).label}")
    return case


@transaction.atomic
def set_next_action(case, *, by, action, due=None):
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.next_action = action
    case.next_action_due = due
    case._history_user = by  # named in the change history
    case.save(update_fields=["next_action", "next_action_due", "updated_at"])
    when = f", due {due:%-d %B %Y}" if due else ""
    _event(case, by, EventKind.NEXT_ACTION, f"Next action: {action}{when}"[:300] if action else "Next action cleared",
           data={"due": due.isoformat() if due else None})
    return case


@transaction.atomic
def record_enquiry(case, *, by, agency, method, made_on, outcome, person="", follow_up_on=None):
    event = _event(case, by, EventKind.ENQUIRY, f"Enquiry of {agency}", outcome, made_on)
    Enquiry.objects.create(event=event, agency=agency, person=person, method=method, made_on=made_on,
                           outcome=outcome, follow_up_on=follow_up_on)
    return event


@transaction.atomic
def record_home_visit(case, *, by, visited_on, outcome, details, visiting_officers, address=""):
    event = _event(case, by, EventKind.HOME_VISIT, f"Home visit: {HomeVisit.Outcome(outcome).label}", details, visited_on)
    HomeVisit.objects.create(event=event, visited_on=visited_on, outcome=outcome, details=details,
                             visiting_officers=visiting_officers, address=address)
    return event


def add_note(case, *, by, text):
    if not text.strip():
        raise ServiceError("Enter the note")
    first_line = text.strip().splitlines()[0]
    return _event(case, by, EventKind.NOTE, f"Note: {first_line}"[:300], text)


@transaction.atomic
def create_child_with_case(*, by, category, child, assigned_officer=None, last_known_school=None,
                           next_action="", next_action_due=None, text=""):
    """A child the LA has just heard of (a phone call, an e-mail): create the
    record and open its case together, or neither. ``child`` holds the
    keyword arguments of ``create_child``."""
    new_child = create_child(by=by, **child)
    return open_case(
        child=new_child, category=category, by=by, assigned_officer=assigned_officer,
        last_known_school=last_known_school, next_action=next_action, next_action_due=next_action_due,
        summary=f"Case opened: {Category(category).label} (new record)", text=text,
    )
