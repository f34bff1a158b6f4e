"""What a removal-from-roll request must say before it can be sent, and
before a CME officer can agree it.

One place for the rules: the form checks them when the school presses
"Send", the workflow refuses to send a request that breaks any of them,
whatever page it came from, and checks them again on the day an officer
agrees (``agreement_problems``: a school closes, a ground is switched off).
Sources: Pupil Registration Regulations 2024, reg. 9 (the grounds; "must
not be back-dated"; ground (h)'s 10 school days after a leave of absence
and ground (i)'s 20 continuous school days, each counted on the school's own
calendar; ground (f)'s written notice, which takes effect on the date it
names; grounds (a), (c) and (f) not while a school attendance order names
the school); DESIGN.md section 3, "Leaver / removal from roll"; Southampton
CME policy 2024-25, Appendix 1.

Grounds (h) and (i) are met only at the *end* of their last school day
(``deadlines.leave_of_absence_return_by``, ``deadlines.removal_possible_from``).
The school may send its request on that day, so that the CME team can
decide in time, but the proposed removal date must be after it: from the
next calendar day on.
"""

import copy
from dataclasses import dataclass
from datetime import timedelta

from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import (
    continuous_school_days_absent, leave_of_absence_return_by, removal_possible_from,
)
from cme.schooldays.models import DeletionGround

from .completeness import action_message
from .models import (
    ACTIONS, ATTENDANCE_ORDER_GROUNDS, NO_DESTINATION_GROUNDS, Destination, LocatedBecause, ctf_school_code,
    is_independent,
)


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


def removal_date_on(request, today):
    """The removal date allowed if the request is agreed ``today``: the
    proposed date, or today if that has passed — never back-dated."""
    if request.proposed_removal_date is None:
        return today
    return max(request.proposed_removal_date, today)


def _pupil(request):
    return request.first_name.strip() or "The pupil"


def _possessive(request):
    name = request.first_name.strip()
    return f"{name}’s" if name else "The pupil’s"


def _school_day_ground(request, today, *, last_day, counted, so_far, needs, nth, last_day_is):
    """Grounds (h) and (i): refused before their last school day; on it and
    after, the proposed removal date must be from the next day on."""
    first_removal = last_day + timedelta(days=1)
    if today < last_day:
        return Problem(
            "ground",
            f"{so_far(counted)}, counted on {request.school.name}’s calendar. This ground needs {needs} and is "
            f"met at the end of the {nth}, {_date(last_day)}: you can send this request from "
            f"{_date(last_day)}, with a removal date from {_date(first_removal)}",
        )
    if request.proposed_removal_date and request.proposed_removal_date < first_removal:
        return Problem(
            "proposed_removal_date",
            f"This ground is met only at the end of {request.first_name.strip() or 'the pupil'}’s {last_day_is}, "
            f"{_date(last_day)}: you can remove them under it from {_date(first_removal)}",
        )
    return None


def twenty_day_problem(request, today):
    """Ground 9(1)(i): refused before the 20th continuous school day of
    absence, counted on the school's calendar; the removal date must be after it."""
    calendar = _calendar_for(request.school)
    try:
        day_20 = removal_possible_from(request.last_attendance_date, calendar)
        missed = continuous_school_days_absent(request.last_attendance_date, min(today, day_20), calendar)
    except DateOutsideCalendar as error:
        return Problem("last_attendance_date", outside_calendar_message(error, "date of last attendance"))
    return _school_day_ground(
        request, today, last_day=day_20, counted=missed,
        so_far=lambda n: (f"{_pupil(request)} has missed {n} school day{'s' if n != 1 else ''} since their last "
                          f"attendance on {_date(request.last_attendance_date)}"),
        needs="20 continuous school days of absence", nth="20th", last_day_is="20th continuous school day of absence",
    )


def leave_of_absence_problem(request, today):
    """Ground 9(1)(h): refused until the 10 school days after the leave of
    absence ended have passed, counted on the school's calendar."""
    ended = request.leave_of_absence_end_date
    calendar = _calendar_for(request.school)
    try:
        day_10 = leave_of_absence_return_by(ended, calendar)
        passed = max(0, calendar.school_days_between(ended, min(today, day_10)))
    except DateOutsideCalendar as error:
        return Problem("leave_of_absence_end_date",
                       outside_calendar_message(error, "date the leave of absence ended"))
    return _school_day_ground(
        request, today, last_day=day_10, counted=passed,
        so_far=lambda n: (f"{_possessive(request)} leave of absence ended on {_date(ended)}: {n} school "
                          f"day{'s have' if n != 1 else ' has'} passed since"),
        needs="them not to have returned within 10 school days of the end of the leave", nth="10th",
        last_day_is="10th school day after their leave of absence",
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
        # Grounds with no destination (died, nursery, ceasing CSA) ask neither question.
        ("destination", request.destination or request.has_no_destination, "Select where the pupil has gone"),
        ("located_because", (request.located_because or request.has_no_destination
                             or request.destination == Destination.NOT_APPLICABLE),
         "Select how you know where the pupil is"),
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
    if ground.kind == DeletionGround.LEAVE_OF_ABSENCE:
        yield from _leave_of_absence(request, today)
    if ground.kind in ATTENDANCE_ORDER_GROUNDS:
        yield from _attendance_order(request, ground)
    yield from _ground_and_destination(request, ground)


def _leave_of_absence(request, today):
    ended, last = request.leave_of_absence_end_date, request.last_attendance_date
    if not ended:
        yield Problem("leave_of_absence_end_date", "Enter the date the leave of absence ended")
    elif ended > today:
        yield Problem("leave_of_absence_end_date", "The date the leave of absence ended must be today or in the past")
    elif last and ended < last:
        yield Problem("leave_of_absence_end_date", f"The leave of absence must end on or after the date of last "
                                                   f"attendance ({_date(last)})")
    else:
        problem = leave_of_absence_problem(request, today)
        if problem:
            yield problem


def _attendance_order(request, ground):
    """Grounds (a), (c) and (f) cannot be used while a school attendance order names the school."""
    if request.attendance_order_names_school is None:
        yield Problem("attendance_order_names_school",
                      "Select yes if a school attendance order names your school for the pupil, or no if not")
    elif request.attendance_order_names_school:
        yield Problem(
            "attendance_order_names_school",
            f"A school attendance order names {request.school.name} for {_pupil(request)}, so they cannot be removed "
            f"under ‘{ground.label}’ while it is in force. The local authority must first amend the order to name "
            "another school, or revoke it (grounds 9(1)(d) and (e))",
        )


def _ground_and_destination(request, ground):
    destination = request.destination
    if ground.kind == DeletionGround.REGISTERED_ELSEWHERE and destination not in ("", Destination.NEW_SCHOOL):
        yield Problem("destination", f"You chose the ground ‘{ground.label}’: select ‘A new school’ and give the school")
    if ground.kind == DeletionGround.HOME_EDUCATION and destination not in ("", Destination.EHE):
        yield Problem("destination", f"You chose the ground ‘{ground.label}’: select ‘Elective home education’")
    if destination == Destination.EHE and ground.kind != DeletionGround.HOME_EDUCATION:
        yield Problem("ground", "You chose elective home education as where the pupil has gone: select ground "
                                "9(1)(f), the parent’s written notice of elective home education")
    no_destination = ground.kind in NO_DESTINATION_GROUNDS
    if no_destination and destination not in ("", Destination.NOT_APPLICABLE):
        yield Problem("destination", f"You chose the ground ‘{ground.label}’, which has no destination: select "
                                     "‘Not applicable’")
    if not no_destination and destination == Destination.NOT_APPLICABLE:
        yield Problem("destination", "‘Not applicable’ is only for grounds 9(1)(b), (k) and (l), which have no "
                                     "destination: select where the pupil has gone")


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
        elif not is_independent(school) and not ctf_school_code(school):
            yield Problem("destination_school",
                          f"{school.name} (URN {school.urn}) has no establishment number in Get Information About "
                          "Schools, so a Common Transfer File cannot be addressed to it. Check it is the right "
                          "school; if it is, tell the CME team")
    elif request.destination == Destination.OTHER_LA and not request.destination_la.strip():
        yield Problem("destination_la", "Enter the local authority the pupil has moved to")
    elif request.destination == Destination.ABROAD and not request.destination_country.strip():
        yield Problem("destination_country", "Enter the country the pupil has moved to")
    elif request.destination == Destination.EHE:
        if not request.ehe_notice_date:
            yield Problem("ehe_notice_date", "Enter the date of the parent’s written notice of elective home education")
        elif request.ehe_notice_date > today:
            yield Problem("ehe_notice_date", "The date of the parent’s written notice must be today or in the past")
        starts = request.ehe_start_date
        if starts and request.ehe_notice_date and starts < request.ehe_notice_date:
            yield Problem("ehe_start_date",
                          "The date home education starts must be on or after the date of the parent’s notice")
        elif starts and request.proposed_removal_date and request.proposed_removal_date < starts:
            yield Problem("proposed_removal_date",
                          f"The parent’s notice says home education starts on {_date(starts)}, and takes effect "
                          f"then: the proposed removal date must be {_date(starts)} or later")
    if request.located_because == LocatedBecause.OTHER and not request.evidence_details.strip():
        yield Problem("evidence_details", "Enter how you know where the pupil is")


def enquiries_needed(request):
    """The school's enquiries and home visit are needed when the ground says
    so (grounds (h) and (i)) or when nobody knows where the pupil is; never
    for a ground with no destination."""
    if request.has_no_destination:
        return False  # died, nursery, ceasing CSA: nobody to look for
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


#: Questions added after requests were first sent. A sent request cannot
#: leave them unanswered, so an empty answer means the school was never
#: asked (sent before they existed): agreeing does not demand it.
LATER_QUESTIONS = ("attendance_order_names_school", "leave_of_absence_end_date")


def agreement_problems(request, today):
    """The rules again on the day a CME officer agrees, with the removal date
    that agreeing today allows (``removal_date_on``): the new school may have
    closed, the ground been switched off, the calendar changed."""
    allowed = copy.copy(request)
    allowed.proposed_removal_date = removal_date_on(request, today)
    never_asked = {name for name in LATER_QUESTIONS if getattr(request, name) is None}
    return [problem for problem in removal_problems(allowed, today) if problem.field not in never_asked]
