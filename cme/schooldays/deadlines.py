"""Statutory and policy timescales, each stated once with its source.

School-day timescales are counted with a ``SchoolCalendar`` (the school's
own, or the LA's): the day the clock starts is *not* counted, so "within 10
school days of 3 March" is ``calendar.add_school_days(3 March, 10)``. A date
outside the calendar's loaded years raises ``DateOutsideCalendar``; load
the next year's term dates rather than guess.

Calendar-day timescales need no calendar: "within 5 days of 3 March" is
8 March.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from .calendar import SchoolCalendar

__all__ = [
    "ADMISSION_OUTCOME_TO_LA",
    "CONTINUOUS_ABSENCE_FOR_REMOVAL",
    "IN_YEAR_OUTCOME_TO_PARENTS",
    "IN_YEAR_START",
    "LEAVE_OF_ABSENCE_RETURN",
    "LIVERPOOL_TIMELINE_SOURCE",
    "LOST_PUPIL_CTF",
    "NEW_PUPIL_NOTICE",
    "REFERRER_PROGRESS_UPDATE",
    "TIMESCALES",
    "Timescale",
    "TimelineStep",
    "Unit",
    "admission_outcome_to_la_due",
    "continuous_school_days_absent",
    "due_date",
    "in_year_outcome_to_parents_due",
    "in_year_start_due",
    "leave_of_absence_return_by",
    "liverpool_missing_pupil_timeline",
    "lost_pupil_ctf_due",
    "new_pupil_notice_due",
    "progress_update_due",
    "removal_possible_from",
]

PUPIL_REGISTRATION_REGS = "School Attendance (Pupil Registration) (England) Regulations 2024"


class Unit(Enum):
    """What a timescale is counted in."""

    SCHOOL_DAYS = "school days"
    CALENDAR_DAYS = "calendar days"


@dataclass(frozen=True)
class Timescale:
    """One timescale: how long, counted from when, and who says so."""

    name: str
    amount: int
    unit: Unit
    counted_from: str
    source: str
    note: str = ""

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value} from {self.counted_from}"


CONTINUOUS_ABSENCE_FOR_REMOVAL = Timescale(
    name="Continuous absence before removal from roll (ground (i))",
    amount=20,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the last day the pupil attended",
    source=f"{PUPIL_REGISTRATION_REGS}, reg. 9(1)(i)",
    note=(
        "Every session coded G, N or O; no reasonable grounds to think the pupil is ill or "
        "kept away by an unavoidable cause; and the school and the LA have jointly made "
        "reasonable enquiries and failed to find the pupil. Removal must not be back-dated."
    ),
)

REFERRER_PROGRESS_UPDATE = Timescale(
    name="Progress update to the referrer",
    amount=10,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the day the CME referral was received",
    source="Redcar & Cleveland CME process 2020, step 2",
    note="The process says 'within a 10 day period'; we count school days.",
)

LOST_PUPIL_CTF = Timescale(
    name="Common Transfer File to the Lost Pupil Database",
    amount=15,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the day the pupil stopped being registered at the school",
    source="Education (Pupil Information) (England) Regulations 2005, reg. 9; DfE CTF guidance",
    note=(
        "Destination XXXXXXX when unknown, MMMMMMM when abroad or outside maintained "
        "education. Maintained schools must; academies are asked to."
    ),
)

NEW_PUPIL_NOTICE = Timescale(
    name="School tells the LA about a new pupil",
    amount=5,
    unit=Unit.CALENDAR_DAYS,
    counted_from="the day the pupil's name was added to the admission register",
    source=f"{PUPIL_REGISTRATION_REGS}, reg. 13",
    note=(
        "Not needed for pupils joining the most junior year group at the start of the "
        "school year unless the LA asks."
    ),
)

IN_YEAR_START = Timescale(
    name="Pupil on roll after an in-year school place offer",
    amount=10,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the day the school place was offered",
    source="Havering CME policy 2023-24, para. 4.3",
)

ADMISSION_OUTCOME_TO_LA = Timescale(
    name="Admission authority tells the LA of an in-year application and its outcome",
    amount=2,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the day of the outcome",
    source="School Admissions Code (2021), in-year admissions (quoted in Southampton CME policy 2024-25)",
    note=(
        "'As soon as reasonably practicable, but should aim to be within two school days': "
        "a target, not a legal limit."
    ),
)

IN_YEAR_OUTCOME_TO_PARENTS = Timescale(
    name="Parents told in writing of the outcome of an in-year application",
    amount=15,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the day the application was received",
    source="School Admissions Code (2021), in-year admissions (quoted in Southampton CME policy 2024-25)",
    note="Should aim for 10 school days; must be within 15.",
)

LEAVE_OF_ABSENCE_RETURN = Timescale(
    name="Return after a leave of absence (ground (h))",
    amount=10,
    unit=Unit.SCHOOL_DAYS,
    counted_from="the last day of the leave of absence",
    source=f"{PUPIL_REGISTRATION_REGS}, reg. 9(1)(h)",
    note="The ground also needs the school and the LA to have tried to find out why the pupil has not returned.",
)

#: Every timescale, for the rules page and configuration screens.
TIMESCALES: tuple[Timescale, ...] = (
    CONTINUOUS_ABSENCE_FOR_REMOVAL,
    REFERRER_PROGRESS_UPDATE,
    LOST_PUPIL_CTF,
    NEW_PUPIL_NOTICE,
    IN_YEAR_START,
    ADMISSION_OUTCOME_TO_LA,
    IN_YEAR_OUTCOME_TO_PARENTS,
    LEAVE_OF_ABSENCE_RETURN,
)


def due_date(timescale: Timescale, start: date, calendar: SchoolCalendar | None = None) -> date:
    """The last day of ``timescale`` counted from ``start`` (``start`` not counted).

    School-day timescales need a ``calendar``; calendar-day ones ignore it.
    """
    if timescale.unit is Unit.CALENDAR_DAYS:
        return start + timedelta(days=timescale.amount)
    if calendar is None:
        raise TypeError(f"'{timescale.name}' is counted in school days: pass a SchoolCalendar")
    return calendar.add_school_days(start, timescale.amount)


def removal_possible_from(last_attendance: date, calendar: SchoolCalendar) -> date:
    """The day the pupil completes 20 continuous school days of absence.

    Absence starts on the first school day after ``last_attendance``; this
    returns the 20th such day. The ground in reg. 9(1)(i) is met only at the
    end of that day (all its sessions missed), and only if the other
    conditions hold (see ``CONTINUOUS_ABSENCE_FOR_REMOVAL.note``).
    """
    return due_date(CONTINUOUS_ABSENCE_FOR_REMOVAL, last_attendance, calendar)


def continuous_school_days_absent(last_attendance: date, on: date, calendar: SchoolCalendar) -> int:
    """School days missed from the day after ``last_attendance`` up to and including ``on``.

    Assumes every session since was missed (the caller knows the
    attendance codes); 0 if ``on`` is not after ``last_attendance``.
    """
    return max(0, calendar.school_days_between(last_attendance, on))


def progress_update_due(received_on: date, calendar: SchoolCalendar) -> date:
    """When the referrer is owed a progress update if enquiries are not complete."""
    return due_date(REFERRER_PROGRESS_UPDATE, received_on, calendar)


def lost_pupil_ctf_due(left_on: date, calendar: SchoolCalendar) -> date:
    """When the school's CTF to the Lost Pupil Database is due."""
    return due_date(LOST_PUPIL_CTF, left_on, calendar)


def new_pupil_notice_due(added_on: date) -> date:
    """The last day (fifth calendar day after) for telling the LA of a new pupil."""
    return due_date(NEW_PUPIL_NOTICE, added_on)


def in_year_start_due(offered_on: date, calendar: SchoolCalendar) -> date:
    """When a pupil offered an in-year place should be on roll (Havering)."""
    return due_date(IN_YEAR_START, offered_on, calendar)


def admission_outcome_to_la_due(decided_on: date, calendar: SchoolCalendar) -> date:
    """Target date for an admission authority to tell the LA an in-year outcome."""
    return due_date(ADMISSION_OUTCOME_TO_LA, decided_on, calendar)


def in_year_outcome_to_parents_due(received_on: date, calendar: SchoolCalendar) -> date:
    """Latest date for telling parents the outcome of an in-year application."""
    return due_date(IN_YEAR_OUTCOME_TO_PARENTS, received_on, calendar)


def leave_of_absence_return_by(leave_ends_on: date, calendar: SchoolCalendar) -> date:
    """The last school day a pupil can return after leave before ground (h) can apply."""
    return due_date(LEAVE_OF_ABSENCE_RETURN, leave_ends_on, calendar)


# -- Liverpool school timeline for a missing pupil ---------------------------

LIVERPOOL_TIMELINE_SOURCE = "Liverpool City Council CME policy 2016, paras 2.5 and 2.7"


@dataclass(frozen=True)
class TimelineStep:
    """One step of a school's timeline for a missing pupil.

    ``first_school_day`` and ``last_school_day`` number the school days of
    absence (day 1 is the first school day after the last attendance);
    ``first_day`` and ``last_day`` are their dates.
    """

    title: str
    first_school_day: int
    last_school_day: int
    first_day: date
    last_day: date
    what_to_do: str


_LIVERPOOL_STEPS: tuple[tuple[str, int, int, str], ...] = (
    (
        "Day 1",
        1,
        1,
        "Follow the school's attendance procedures, including first-day contact with the family. "
        "If there is concern that the child is at risk of harm, or reason to suspect they are a "
        "victim of crime, tell children's social care and/or the police immediately and inform the "
        "Education Welfare Service. If the child has a child protection plan or is looked after, "
        "tell their social worker as soon as no contact can be made.",
    ),
    (
        "Days 1 to 5",
        1,
        5,
        "The school makes all the enquiries it can to find out where the pupil is or why they are absent.",
    ),
    (
        "Days 6 to 19",
        6,
        19,
        "The pupil has been missing for 5 school days: the school contacts the Education Welfare "
        "Service and completes the missing pupil checklist.",
    ),
    (
        "Day 20",
        20,
        20,
        "If the pupil is still missing, the school reviews the case with the Education Welfare "
        "Service. If both have completed all their enquiries and the child is still untraced, the "
        "school completes a CME referral form and, with the Education Welfare Service's agreement, "
        "may remove the pupil from roll: record them as a leaver, send a Common Transfer File to the "
        "Lost Pupil Database (destination XXXXXXX), and send the pupil checklist and missing pupil "
        "form to the CME co-ordinator. The removal must not be back-dated to when enquiries began.",
    ),
)


def liverpool_missing_pupil_timeline(last_attendance: date, calendar: SchoolCalendar) -> list[TimelineStep]:
    """The Liverpool school timeline for a pupil missing since ``last_attendance``.

    Day 1 is the first school day after the last attendance. Steps overlap
    as in the policy (day 1 belongs to "Day 1" and "Days 1 to 5").
    """
    return [
        TimelineStep(
            title=title,
            first_school_day=first,
            last_school_day=last,
            first_day=calendar.add_school_days(last_attendance, first),
            last_day=calendar.add_school_days(last_attendance, last),
            what_to_do=what_to_do,
        )
        for title, first, last, what_to_do in _LIVERPOOL_STEPS
    ]
