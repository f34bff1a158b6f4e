"""Writes to a child's record: names and their search keys, addresses,
contacts, siblings, school history and risk factors."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import names
from ..models import (
    Address, Case, Child, ChildName, Contact, Enrolment, FlagKind, NameToken, Priority,
    VulnerabilityFlag,
)
from .base import ServiceError

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
    child._history_user = by  # named in the change history
    child.save()
    ChildName.objects.create(child=child, kind=ChildName.Kind.LEGAL, first_name=child.first_name, last_name=child.last_name)
    index_names(child)
    if address:
        add_address(child, by=by, **address)
    from ..alerts import check_new_child_against_alerts

    check_new_child_against_alerts(child, by=by)
    return child


@transaction.atomic
def update_child(child, *, by, **fields):
    """Change the child's details. A changed legal name is kept as a previous name.
    A year group given is the one the child is in today."""
    old_first, old_last = child.first_name, child.last_name
    if "recorded_year_group" in fields:
        fields["recorded_year_group_on"] = timezone.localdate()
    for field, value in fields.items():
        setattr(child, field, value)
    child.full_clean()
    child._history_user = by  # named in the change history
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


def unlink_siblings(child, other, *, by):
    child.siblings.remove(other)


@transaction.atomic
def update_contact(contact, *, by, **fields):
    for field, value in fields.items():
        setattr(contact, field, value)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def add_enrolment(child, *, by, school=None, school_name="", on_roll_from=None, on_roll_to=None,
                  year_group="", leaving_reason=""):
    """Add a period on a school's roll to the child's school history."""
    if school is None and not school_name.strip():
        raise ServiceError("Select the school, or enter its name if it is not in the list")
    if on_roll_from and on_roll_to and on_roll_to < on_roll_from:
        raise ServiceError("The date the child left must be on or after the date they joined")
    return Enrolment.objects.create(
        child=child, school=school, school_name="" if school else school_name.strip(),
        on_roll_from=on_roll_from, on_roll_to=on_roll_to, year_group=year_group,
        leaving_reason=leaving_reason,
    )


def end_enrolment(child, *, by, school, on_roll_to, leaving_reason=""):
    """End the child's current period on ``school``'s roll on ``on_roll_to``
    (the removal date); earlier periods, and any starting after it, stay as
    they are. Returns how many periods were ended."""
    current = (
        child.enrolments.filter(school=school)
        .filter(Q(on_roll_to__isnull=True) | Q(on_roll_to__gt=on_roll_to))
        .filter(Q(on_roll_from__isnull=True) | Q(on_roll_from__lte=on_roll_to))
    )
    ended = 0
    for enrolment in current:
        enrolment.on_roll_to = on_roll_to
        enrolment.leaving_reason = enrolment.leaving_reason or leaving_reason
        enrolment.save(update_fields=["on_roll_to", "leaving_reason"])
        ended += 1
    return ended


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
