"""Every write a user can cause to children and cases.

Each function takes the acting user as ``by``, does its whole write in one
transaction, and records what it did on the case's timeline. Status changes
go through ``tracking.workflow.transition``; nothing here assigns ``status``.
"""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import names
from .models import (
    Address, Case, CaseDocument, CaseEvent, Category, ChecklistAnswer, ChecklistStep,
    Child, ChildName, Contact, Enquiry, EventKind, FailedToTrackChecklist, FlagKind,
    HomeVisit, NameToken, Priority, Status, VulnerabilityFlag,
)


class ServiceError(Exception):
    """A write was refused; the message says what to do instead."""


# --- children --------------------------------------------------------------

def index_names(child):
    """Rebuild the search keys for every name the child has had."""
    NameToken.objects.filter(child=child).delete()
    rows = []
    all_names = [(child.first_name, child.last_name), (child.preferred_first_name, child.preferred_last_name)]
    all_names += [(n.first_name, n.last_name) for n in child.names.all()]
    seen = set()
    for first, last in all_names:
        for part, text in ((NameToken.Part.FIRST, first), (NameToken.Part.LAST, last)):
            for word in names.search_words(text):
                if (part, word) in seen:
                    continue
                seen.add((part, word))
                token, phonetic, skeleton = names.keys(word)
                rows.append(NameToken(child=child, part=part, token=token, phonetic=phonetic, skeleton=skeleton))
    for word in names.words(child.middle_names):
        if (NameToken.Part.FIRST, word) not in seen:
            seen.add((NameToken.Part.FIRST, word))
            rows.append(NameToken(child=child, part=NameToken.Part.FIRST, token=word,
                                  phonetic=names.phonetic(word), skeleton=names.skeleton(word)))
    NameToken.objects.bulk_create(rows)


@transaction.atomic
def create_child(*, by, first_name, last_name, date_of_birth=None, **fields):
    """Create a child's record and its search keys.

    If the new record looks like a child the LA failed to track, the senior
    officers are told (``tracking.alerts``).
    """
    address = fields.pop("address", None)
    child = Child(first_name=first_name.strip(), last_name=last_name.strip(),
                  date_of_birth=date_of_birth, created_by=by, **fields)
    child.full_clean()
    child.save()
    ChildName.objects.create(child=child, kind=ChildName.Kind.LEGAL, first_name=child.first_name, last_name=child.last_name)
    index_names(child)
    if address:
        add_address(child, by=by, **address)
    from .alerts import check_new_child_against_alerts

    check_new_child_against_alerts(child, by=by)
    return child


@transaction.atomic
def update_child(child, *, by, **fields):
    """Change the child's details. A changed legal name is kept as a previous name."""
    old_first, old_last = child.first_name, child.last_name
    for field, value in fields.items():
        setattr(child, field, value)
    child.full_clean()
    child.save()
    if (old_first, old_last) != (child.first_name, child.last_name):
        ChildName.objects.create(child=child, kind=ChildName.Kind.PREVIOUS, first_name=old_first, last_name=old_last)
        ChildName.objects.create(child=child, kind=ChildName.Kind.LEGAL, first_name=child.first_name, last_name=child.last_name)
    index_names(child)
    return child


@transaction.atomic
def add_name(child, *, by, kind, first_name="", last_name=""):
    name = ChildName.objects.create(child=child, kind=kind, first_name=first_name.strip(), last_name=last_name.strip())
    index_names(child)
    return name


@transaction.atomic
def add_address(child, *, by, line_1="", line_2="", town="", postcode="", phone="",
                kind=Address.Kind.HOME, lived_from=None, source=""):
    """Add an address. The previous current home address is kept, marked as
    lived at until this one began — never overwritten."""
    if kind == Address.Kind.HOME:
        ended_on = lived_from or timezone.localdate()
        for previous in child.addresses.filter(kind=Address.Kind.HOME, lived_to__isnull=True):
            previous.lived_to = ended_on
            previous.save(update_fields=["lived_to"])
    return Address.objects.create(
        child=child, kind=kind, line_1=line_1, line_2=line_2, town=town, postcode=postcode,
        phone=phone, lived_from=lived_from, source=source,
    )


def add_contact(child, *, by, name, **fields):
    return Contact.objects.create(child=child, name=name, **fields)


def link_siblings(child, other, *, by):
    if child.pk == other.pk:
        raise ServiceError("A child cannot be their own sibling")
    child.siblings.add(other)


# --- risk and priority -----------------------------------------------------

RISK_FLAGS = frozenset(FlagKind.values)


def derived_priority(child, on=None):
    """Child protection means act today; any other risk factor raises priority."""
    on = on or timezone.localdate()
    active = {flag.kind for flag in child.flags.all() if flag.is_active(on)}
    if FlagKind.CHILD_PROTECTION in active:
        return Priority.ACT_TODAY
    if active & RISK_FLAGS:
        return Priority.HIGH
    return Priority.STANDARD


def refresh_priority(child):
    priority = derived_priority(child)
    Case.objects.active().filter(child=child, priority_overridden=False).exclude(priority=priority).update(priority=priority)


@transaction.atomic
def add_flag(child, *, by, kind, starts_on=None, ends_on=None, note=""):
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError("The end date must be on or after the start date")
    flag = VulnerabilityFlag.objects.create(
        child=child, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note, recorded_by=by
    )
    refresh_priority(child)
    return flag


@transaction.atomic
def end_flag(flag, *, by, ends_on):
    if flag.starts_on and ends_on < flag.starts_on:
        raise ServiceError("The end date must be on or after the start date")
    flag.ends_on = ends_on
    flag.save(update_fields=["ends_on"])
    refresh_priority(flag.child)
    return flag


# --- cases -----------------------------------------------------------------

def _event(case, by, kind, summary, text="", occurred_on=None, **extra):
    occurred_at = (
        timezone.make_aware(datetime.combine(occurred_on, time(12)))
        if occurred_on else timezone.now()
    )
    return CaseEvent.objects.create(
        case=case, kind=kind, occurred_at=occurred_at, created_by=by, summary=summary[:300], text=text, **extra
    )


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
    case = Case(
        child=child, category=category, opened_on=opened_on or timezone.localdate(),
        assigned_officer=assigned_officer, next_action=next_action, next_action_due=next_action_due,
        last_known_school=last_known_school, priority=derived_priority(child), created_by=by,
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise ServiceError(f"{child.full_name} already has an open case")
    _event(
        case, by, EventKind.OPENED, summary or f"Case opened: {Category(category).label}", text,
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
    case.save(update_fields=["category", "updated_at"])
    _event(case, by, EventKind.CATEGORY, f"Category changed to {Category(category).label}", reason,
           status_after=case.status, category_after=category, data={"from": previous, "to": category})
    return case


@transaction.atomic
def assign(case, *, by, officer):
    if officer is not None and not officer.is_la_staff:
        raise ServiceError("Cases can only be assigned to local authority staff")
    case = Case.objects.select_for_update().get(pk=case.pk)
    previous = case.assigned_officer
    case.assigned_officer = officer
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
    case.save(update_fields=["priority", "priority_overridden", "priority_override_reason", "updated_at"])
    _event(case, by, EventKind.PRIORITY, f"Priority set from risk factors: {Priority(case.priority).label}")
    return case


@transaction.atomic
def set_next_action(case, *, by, action, due=None):
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.next_action = action
    case.next_action_due = due
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


# --- documents -------------------------------------------------------------

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Allowed types, recognised by their first bytes, not by the name the user gave.
SIGNATURES = [
    (b"%PDF-", "application/pdf", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG image"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG image"),
    (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
]
ALLOWED_DESCRIPTION = "a PDF, Word document (.docx), JPEG or PNG"


def sniff_document(uploaded):
    """The content type of an upload, judged by its content; or ValidationError."""
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"The file must be smaller than {MAX_DOCUMENT_BYTES // (1024 * 1024)}MB")
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty")
    head = uploaded.read(8)
    uploaded.seek(0)
    for magic, content_type, _label in SIGNATURES:
        if head.startswith(magic):
            if magic == b"PK\x03\x04" and not _is_docx(uploaded):
                break
            return content_type
    raise ValidationError(f"The selected file must be {ALLOWED_DESCRIPTION}")


def _is_docx(uploaded):
    import zipfile

    try:
        with zipfile.ZipFile(uploaded) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)


@transaction.atomic
def upload_document(case, *, by, uploaded, description=""):
    content_type = sniff_document(uploaded)
    original = (uploaded.name or "document").replace("/", "_").replace("\\", "_")[-200:]
    event = _event(case, by, EventKind.DOCUMENT, f"Document added: {original}", description)
    document = CaseDocument(event=event, original_name=original, content_type=content_type,
                            size=uploaded.size, description=description)
    document.file.save(original, uploaded, save=False)
    document.save()
    return document


# --- failed to track -------------------------------------------------------

def checklist_for(case):
    checklist, _ = FailedToTrackChecklist.objects.get_or_create(case=case)
    return checklist


@transaction.atomic
def answer_checklist_step(case, *, by, step, answer, done_on=None, outcome="", not_applicable_reason=""):
    if case.status != Status.OPEN:
        raise ServiceError("The checklist can only be changed while the case is open")
    errors = []
    if answer == ChecklistAnswer.Answer.DONE:
        if not done_on:
            errors.append("Enter the date this step was done")
        if not outcome.strip():
            errors.append("Enter what this step found")
    elif answer == ChecklistAnswer.Answer.NOT_APPLICABLE:
        if not not_applicable_reason.strip():
            errors.append("Enter why this step does not apply")
    else:
        errors.append("Select whether this step was done or does not apply")
    if errors:
        raise ServiceError(". ".join(errors))
    checklist = checklist_for(case)
    answer_row, _ = ChecklistAnswer.objects.update_or_create(
        checklist=checklist, step=step,
        defaults=dict(answer=answer, done_on=done_on if answer == ChecklistAnswer.Answer.DONE else None,
                      outcome=outcome if answer == ChecklistAnswer.Answer.DONE else "",
                      not_applicable_reason=not_applicable_reason if answer != ChecklistAnswer.Answer.DONE else "",
                      answered_by=by),
    )
    label = "done" if answer == ChecklistAnswer.Answer.DONE else "not applicable"
    _event(case, by, EventKind.CHECKLIST, f"Checklist: {step.title} – {label}",
           outcome or not_applicable_reason, data={"step": step.pk, "answer": answer})
    return answer_row


def active_checklist_steps():
    return ChecklistStep.objects.filter(is_active=True).order_by("order", "id")
