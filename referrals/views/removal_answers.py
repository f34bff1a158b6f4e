"""A removal request's answers as GOV.UK summary lists (``answers.html``)."""

from django.utils import timezone

from cme.schooldays.age import csa_note
from tracking.models import HomeVisitOutcome

from ..models import Destination, LocatedBecause
from ..removal_rules import enquiries_needed
from .answers import NOT_GIVEN, Row, Section


def _date(value):
    return f"{value:%-d %B %Y}" if value else ""


def _row(key, lines):
    return Row(key, [line for line in lines if line] or [NOT_GIVEN])


def _ground_rows(removal):
    rows = [_row("Ground", [f"{removal.ground.code} {removal.ground.label}" if removal.ground_id else "",
                            "Every session coded G, N or O: confirmed by the school"
                            if removal.absence_codes_confirmed else ""])]
    if removal.leave_of_absence_end_date:
        rows.append(_row("Date the leave of absence ended", [_date(removal.leave_of_absence_end_date)]))
    if removal.attendance_order_names_school is not None:
        rows.append(_row("A school attendance order names the school",
                         ["Yes" if removal.attendance_order_names_school else "No"]))
    rows.append(_row("Date of last attendance", [_date(removal.last_attendance_date)]))
    rows.append(_row("Proposed removal date", [_date(removal.proposed_removal_date)]))
    if removal.removal_date:
        rows.append(_row("Removal date agreed", [_date(removal.removal_date)]))
    return rows


def removal_sections(removal, today=None):
    pupil = [f"Born {_date(removal.date_of_birth)}" if removal.date_of_birth else "",
             csa_note(removal.date_of_birth, today or timezone.localdate()) if removal.date_of_birth else "",
             f"UPN {removal.upn}" if removal.upn else "",
             removal.get_year_group_display() if removal.year_group else ""]
    sections = [
        Section("The pupil", [
            _row("Name", [removal.pupil_name]),
            _row("Details", pupil),
            _row("Address", [removal.address_line_1, removal.address_line_2, removal.address_town,
                             removal.address_postcode]),
            _row("Parent or carer the pupil lived with", [removal.parent_name, removal.parent_relationship]),
            _row("Contact number", [removal.contact_phone]),
        ]),
        Section("The ground and dates", _ground_rows(removal)),
        Section("Where the pupil has gone", [
            _row("Destination", [removal.destination_text]),
            _row("New address", [removal.new_address]),
            _row("How the school knows", [
                LocatedBecause(removal.located_because).label if removal.located_because else "",
                removal.evidence_details,
            ] if removal.destination != Destination.NOT_APPLICABLE else ["Not needed: the ground has no destination"]),
        ]),
    ]
    if enquiries_needed(removal) or any(outcome for _, outcome in removal.actions) or removal.home_visit_outcome:
        sections.append(Section("The school’s enquiries", [_row(label, [outcome]) for label, outcome in removal.actions]))
        outcome = HomeVisitOutcome(removal.home_visit_outcome).label if removal.home_visit_outcome else ""
        sections.append(Section("Home visit", [
            _row("What was found", [outcome]),
            _row("Date of the visit", [_date(removal.home_visit_date)]),
            _row("Details", [removal.home_visit_details]),
        ]))
    if removal.additional_comments:
        sections.append(Section("Anything else", [_row("From the school", [removal.additional_comments])]))
    return sections
