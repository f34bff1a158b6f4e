"""What a removal-from-roll request must say before it can be sent.

One place for the rules: the form checks them when the school presses
"Send", and the workflow refuses to send a request that breaks any of them,
whatever page it came from. Sources: Pupil Registration Regulations 2024,
reg. 9 (the grounds; "must not be back-dated"; ground (i)'s 20 continuous
school days, counted on the school's own calendar); DESIGN.md section 3,
"Leaver / removal from roll"; Southampton CME policy 2024-25, Appendix 1.
"""

from dataclasses import dataclass

from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import continuous_school_days_absent, removal_possible_from
from cme.schooldays.models import DeletionGround

from .models import ACTIONS, Destination, LocatedBecause
from .completeness import action_message


@dataclass(frozen=True)
class Problem:
    field: str  # the form field the message belongs to
    message: str


def _date(value):
    return f"{value:%-d %B %Y}"


def _calendar_for(school):
    from cme.schooldays.selectors import calendar_for

    return calendar_for(school)


def outside_calendar_message(error, what):
    """A date the school's calendar cannot count: say which dates it has."""
    if error.first_year is None:
        return (f"We cannot count school days for the {what}: no term dates are loaded. "
                "Ask the CME team to add the term dates")
    from cme.schooldays.age import school_year_label

    return (f"We cannot count school days for the {what} ({_date(error.date)}): the calendar has term dates "
            f"for {school_year_label(error.first_year)} to {school_year_label(error.last_year)} only. "
            "Check the date, or ask the CME team to add the term dates")


def twenty_day_problem(request, today):
    """Ground 9(1)(i): refused before the 20th continuous school day of absence,
    with the date it becomes possible (counted on the school's calendar)."""
    calendar = _calendar_for(request.school)
    try:
        possible = removal_possible_from(request.last_attendance_date, calendar)
        missed = continuous_school_days_absent(request.last_attendance_date, min(today, possible), calendar)
    except DateOutsideCalendar as error:
        return Problem("last_attendance_date", outside_calendar_message(error, "date of last attendance"))
    if today >= possible:
        return None
    pupil = request.first_name.strip() or "The pupil"
    return Problem(
        "ground",
        f"{pupil} has missed {missed} school day{'s' if missed != 1 else ''} since their last attendance on "
        f"{_date(request.last_attendance_date)}, counted on {request.school.name}’s calendar. This ground needs "
        f"20 continuous school days of absence: you can ask to remove them under it from "
        f"{_date(possible)}",
    )


def _required(request):
    checks = [
        ("first_name", request.first_name.strip(), "Enter the pupil’s first name"),
        ("last_name", request.last_name.strip(), "Enter the pupil’s last name"),
        ("date_of_birth", request.date_of_birth, "Enter the pupil’s date of birth"),
        ("address_line_1", request.address_line_1.strip(), "Enter the first line of the pupil’s address"),
        ("address_postcode", request.address_postcode.strip(), "Enter the postcode of the pupil’s address"),
        ("parent_name", request.parent_name.strip(), "Enter the name of the parent or carer the pupil lived with"),
        ("contact_phone", request.contact_phone.strip(), "Enter a contact number for the family"),
        ("ground", request.ground_id, "Select the ground for removing the pupil from roll"),
        ("last_attendance_date", request.last_attendance_date, "Enter the date of last attendance"),
        ("proposed_removal_date", request.proposed_removal_date, "Enter the proposed removal date"),
        ("destination", request.destination, "Select where the pupil has gone"),
        ("located_because", request.located_because, "Select how you know where the pupil is"),
    ]
    return [Problem(field, message) for field, given, message in checks if not given]


def _dates(request, today):
    if request.proposed_removal_date and request.proposed_removal_date < today:
        yield Problem("proposed_removal_date",
                      "The proposed removal date must be today or later: a removal from roll cannot be back-dated")
    if request.last_attendance_date and request.last_attendance_date > today:
        yield Problem("last_attendance_date", "The date of last attendance must be today or in the past")
    if (request.last_attendance_date and request.proposed_removal_date
            and request.proposed_removal_date < request.last_attendance_date):
        yield Problem("proposed_removal_date",
                      f"The proposed removal date must be after the date of last attendance "
                      f"({_date(request.last_attendance_date)})")


def _ground(request, today):
    ground = request.ground
    if ground is None:
        return
    if not ground.is_active:
        yield Problem("ground", f"The ground ‘{ground.label}’ is no longer used: select another")
    if ground.kind == DeletionGround.TWENTY_SCHOOL_DAYS:
        if not request.absence_codes_confirmed:
            yield Problem("absence_codes_confirmed",
                          "Confirm that every session since the last attendance is recorded as G, N or O")
        if request.last_attendance_date and request.last_attendance_date <= today:
            problem = twenty_day_problem(request, today)
            if problem:
                yield problem
    if ground.kind == DeletionGround.REGISTERED_ELSEWHERE and request.destination not in ("", Destination.NEW_SCHOOL):
        yield Problem("destination", f"You chose the ground ‘{ground.label}’: select ‘A new school’ and give the school")
    if ground.kind == DeletionGround.HOME_EDUCATION and request.destination not in ("", Destination.EHE):
        yield Problem("destination", f"You chose the ground ‘{ground.label}’: select ‘Elective home education’")


def _destination(request, today):
    if request.destination == Destination.NEW_SCHOOL:
        school = request.destination_school
        if school is None:
            yield Problem("destination_school", "Enter the new school’s name or URN")
        elif not school.is_open:
            yield Problem("destination_school",
                          f"{school.name} (URN {school.urn}) is closed. Enter the school the pupil is registered at now")
        elif school.pk == request.school_id:
            yield Problem("destination_school", "Enter the pupil’s new school, not your own")
    elif request.destination == Destination.OTHER_LA and not request.destination_la.strip():
        yield Problem("destination_la", "Enter the local authority the pupil has moved to")
    elif request.destination == Destination.ABROAD and not request.destination_country.strip():
        yield Problem("destination_country", "Enter the country the pupil has moved to")
    elif request.destination == Destination.EHE:
        if not request.ehe_notice_date:
            yield Problem("ehe_notice_date", "Enter the date of the parent’s written notice of elective home education")
        elif request.ehe_notice_date > today:
            yield Problem("ehe_notice_date", "The date of the parent’s written notice must be today or in the past")
    if request.located_because == LocatedBecause.OTHER and not request.evidence_details.strip():
        yield Problem("evidence_details", "Enter how you know where the pupil is")


def enquiries_needed(request):
    """The school's enquiries and home visit are needed when the ground says
    so (grounds (h) and (i)) or when nobody knows where the pupil is."""
    ground_needs = bool(request.ground_id) and request.ground.needs_enquiries
    return (ground_needs or request.destination == Destination.UNKNOWN
            or request.located_because == LocatedBecause.NOT_LOCATED)


def _enquiries(request):
    if not enquiries_needed(request):
        return
    for name, label in ACTIONS:
        if not getattr(request, name).strip():
            yield Problem(name, action_message(label))
    if not request.home_visit_outcome:
        yield Problem("home_visit_outcome", "Select what you found on the home visit")
    if not request.home_visit_date:
        yield Problem("home_visit_date", "Enter the date of the home visit")
    if not request.home_visit_details.strip():
        yield Problem("home_visit_details", "Enter the details of the home visit")


def removal_problems(request, today):
    """Everything stopping the request being sent, in the order the form asks."""
    problems = _required(request)
    problems += list(_ground(request, today))
    problems += list(_dates(request, today))
    problems += list(_destination(request, today))
    problems += list(_enquiries(request))
    return problems
