"""The rules a removal-from-roll request must keep before it can be sent
(Pupil Registration Regulations 2024, reg. 9; DESIGN.md section 3).

Grace at Oak Primary asks to remove Amelia. The 20-continuous-school-days
ground is counted on Oak's own calendar and refused before day 20 with the
date it becomes possible; a removal is never back-dated; home education
needs the parent's written notice; a new school must be a known open school.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cme.schooldays import services as calendar_services
from cme.schooldays.deadlines import leave_of_absence_return_by, removal_possible_from
from cme.schooldays.demo_terms import la_calendar
from cme.schooldays.models import DeletionGround
from referrals import removal_rules
from referrals.models import (
    CTF_OUTSIDE_MAINTAINED, CTF_UNKNOWN, Destination, LocatedBecause, RemovalFromRollRequest, ctf_destination_for,
)
from referrals.removal_rules import removal_problems
from referrals.tests.factories import enquiry_answers, ground, removal_answers
from tracking.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

LAST_ATTENDED = date(2026, 2, 27)  # a Friday in the spring term
DAY_20 = date(2026, 3, 27)  # 2 March is day 1; four full weeks later
DAY_AFTER_20 = date(2026, 3, 28)  # the ground is met at the end of day 20: removal from the next day on


def request_for(school, **answers):
    return RemovalFromRollRequest(school=school, **removal_answers(**{"last_attendance_date": date(2026, 3, 2), **answers}))


def twenty_days(school, **answers):
    return request_for(school, **{
        "ground": ground(DeletionGround.TWENTY_SCHOOL_DAYS), "absence_codes_confirmed": True,
        "last_attendance_date": LAST_ATTENDED, "destination": Destination.UNKNOWN,
        "located_because": LocatedBecause.NOT_LOCATED, "attendance_order_names_school": None,
        **enquiry_answers(), **answers,
    })


def messages(problems):
    return [problem.message for problem in problems]


def test_grace_asks_on_day_13_and_is_told_the_20_day_ground_is_possible_from_28_march(
    oak_primary, deletion_grounds, la_term_dates
):
    today = date(2026, 3, 18)
    request = twenty_days(oak_primary, proposed_removal_date=today)
    problems = removal_problems(request, today)
    assert [(p.field, p.message) for p in problems] == [(
        "ground",
        "Amelia has missed 13 school days since their last attendance on 27 February 2026, counted on Oak Primary "
        "School’s calendar. This ground needs 20 continuous school days of absence and is met at the end of the "
        "20th, 27 March 2026: you can send this request from 27 March 2026, with a removal date from 28 March 2026",
    )]


def test_on_day_20_grace_may_send_the_request_but_only_with_a_removal_date_after_it(
    oak_primary, deletion_grounds, la_term_dates
):
    """The ground is met only at the end of the 20th school day
    (deadlines.removal_possible_from): a removal on day 20 itself would be early."""
    on_day_20 = twenty_days(oak_primary, proposed_removal_date=DAY_20)
    assert [(p.field, p.message) for p in removal_problems(on_day_20, DAY_20)] == [(
        "proposed_removal_date",
        "This ground is met only at the end of Amelia’s 20th continuous school day of absence, 27 March 2026: you "
        "can remove them under it from 28 March 2026",
    )]
    assert removal_problems(twenty_days(oak_primary, proposed_removal_date=DAY_AFTER_20), DAY_20) == []


def test_the_days_are_counted_on_the_schools_own_calendar(oak_primary, elm_academy, deletion_grounds, la_term_dates):
    """Oak Primary closes for an INSET day on 10 March; Elm Academy does not.
    Oak's 20th school day of absence falls after the Easter holiday."""
    calendar_services.save_school_year(
        by=None, school_year=2025, terms=[], closures=[(date(2026, 3, 10), "INSET day")],
        school_urn=oak_primary.urn, school_name=oak_primary.name,
    )
    today = date(2026, 3, 27)
    assert removal_problems(twenty_days(elm_academy, proposed_removal_date=DAY_AFTER_20), today) == []
    oak = messages(removal_problems(twenty_days(oak_primary, proposed_removal_date=DAY_AFTER_20), today))
    assert len(oak) == 1 and "missed 19 school days" in oak[0]
    assert oak[0].endswith("you can send this request from 13 April 2026, with a removal date from 14 April 2026")


def test_a_date_the_calendar_has_no_term_dates_for_is_explained_not_guessed(oak_primary, deletion_grounds, la_term_dates):
    request = twenty_days(oak_primary, last_attendance_date=date(2019, 1, 10), proposed_removal_date=date(2026, 3, 18))
    [problem] = removal_problems(request, date(2026, 3, 18))
    assert problem.field == "last_attendance_date"
    assert problem.message.startswith("We cannot count school days for the date of last attendance (10 January 2019): "
                                      "the calendar has term dates for 2024/25 to 2027/28 only")


def test_ground_i_needs_the_absence_codes_confirmed(oak_primary, deletion_grounds, la_term_dates):
    request = twenty_days(oak_primary, proposed_removal_date=DAY_AFTER_20, absence_codes_confirmed=False)
    assert messages(removal_problems(request, DAY_20)) == [
        "Confirm that every session since the last attendance is recorded as G, N or O"]


def _assert_school_day_rule(rule, start_field, start, days, wait, offset):
    """A school-day ground (h or i) on the LA calendar, whatever the dates:
    refused before its last school day, saying the day the request may be
    sent and the first removal date; from that day on, the removal date must
    be after it; then nothing is refused."""
    calendar = la_calendar()
    today = start + timedelta(days=wait)
    last_day = calendar.add_school_days(start, days)
    first_removal = last_day + timedelta(days=1)
    proposed = last_day + timedelta(days=offset)
    school = SchoolFactory.build(name="Oak Primary School", urn="116100")
    request = RemovalFromRollRequest(first_name="Amelia", school=school, proposed_removal_date=proposed,
                                     **{start_field: start})
    original = removal_rules._calendar_for
    removal_rules._calendar_for = lambda school: calendar
    try:
        problem = rule(request, today)
    finally:
        removal_rules._calendar_for = original
    if calendar.school_days_between(start, today) < days:
        assert problem.field == "ground"
        assert problem.message.endswith(f"from {last_day:%-d %B %Y}, with a removal date from "
                                        f"{first_removal:%-d %B %Y}")
    elif proposed <= last_day:
        assert problem.field == "proposed_removal_date"
        assert problem.message.endswith(f"from {first_removal:%-d %B %Y}")
    else:
        assert problem is None
    return last_day, calendar


@settings(max_examples=60, deadline=None)
@given(last=st.dates(date(2024, 9, 1), date(2027, 6, 30)), wait=st.integers(0, 60), offset=st.integers(-4, 4))
def test_the_20_day_ground_is_refused_until_day_20_and_removal_waits_for_the_day_after(last, wait, offset):
    """The 20th school day after the last attendance is removal_possible_from's day."""
    day_20, calendar = _assert_school_day_rule(removal_rules.twenty_day_problem, "last_attendance_date", last, 20,
                                               wait, offset)
    assert day_20 == removal_possible_from(last, calendar)


def leave_of_absence(school, **answers):
    """Amelia went on an authorised leave of absence that ended on Friday 6 March 2026."""
    return request_for(school, **{
        "ground": ground(DeletionGround.LEAVE_OF_ABSENCE), "leave_of_absence_end_date": date(2026, 3, 6),
        "last_attendance_date": date(2026, 2, 20), "destination": Destination.UNKNOWN,
        "located_because": LocatedBecause.NOT_LOCATED, "attendance_order_names_school": None,
        **enquiry_answers(), **answers,
    })


def test_ground_h_needs_the_date_the_leave_of_absence_ended(oak_primary, deletion_grounds, la_term_dates):
    today = date(2026, 3, 25)
    request = leave_of_absence(oak_primary, leave_of_absence_end_date=None, proposed_removal_date=today)
    assert [(p.field, p.message) for p in removal_problems(request, today)] == [
        ("leave_of_absence_end_date", "Enter the date the leave of absence ended")]


def test_ground_h_is_refused_until_10_school_days_after_the_leave_have_passed(
    oak_primary, deletion_grounds, la_term_dates
):
    """The leave ended on Friday 6 March; the 10th school day after it is
    Friday 20 March, counted on Oak's calendar. Grace asks on 13 March."""
    early = date(2026, 3, 13)
    request = leave_of_absence(oak_primary, proposed_removal_date=early)
    assert [(p.field, p.message) for p in removal_problems(request, early)] == [(
        "ground",
        "Amelia’s leave of absence ended on 6 March 2026: 5 school days have passed since, counted on Oak Primary "
        "School’s calendar. This ground needs them not to have returned within 10 school days of the end of the "
        "leave and is met at the end of the 10th, 20 March 2026: you can send this request from 20 March 2026, "
        "with a removal date from 21 March 2026",
    )]
    day_10 = date(2026, 3, 20)
    request.proposed_removal_date = day_10
    assert messages(removal_problems(request, day_10)) == [
        "This ground is met only at the end of Amelia’s 10th school day after their leave of absence, 20 March "
        "2026: you can remove them under it from 21 March 2026"]
    request.proposed_removal_date = date(2026, 3, 23)
    assert removal_problems(request, day_10) == []


def test_ground_h_counts_the_10_days_on_the_schools_own_calendar(oak_primary, deletion_grounds, la_term_dates):
    """An INSET day at Oak on 16 March pushes the 10th school day to Monday 23 March."""
    calendar_services.save_school_year(
        by=None, school_year=2025, terms=[], closures=[(date(2026, 3, 16), "INSET day")],
        school_urn=oak_primary.urn, school_name=oak_primary.name,
    )
    today = date(2026, 3, 20)
    request = leave_of_absence(oak_primary, proposed_removal_date=date(2026, 3, 23))
    [message] = messages(removal_problems(request, today))
    assert message.endswith("you can send this request from 23 March 2026, with a removal date from 24 March 2026")


def test_ground_h_leave_dates_that_cannot_be_right_are_refused(oak_primary, deletion_grounds, la_term_dates):
    today = date(2026, 3, 25)
    future = leave_of_absence(oak_primary, leave_of_absence_end_date=date(2026, 3, 30), proposed_removal_date=today)
    assert messages(removal_problems(future, today)) == [
        "The date the leave of absence ended must be today or in the past"]
    before = leave_of_absence(oak_primary, leave_of_absence_end_date=date(2026, 2, 13), proposed_removal_date=today)
    assert messages(removal_problems(before, today)) == [
        "The leave of absence must end on or after the date of last attendance (20 February 2026)"]


@settings(max_examples=40, deadline=None)
@given(ended=st.dates(date(2024, 9, 1), date(2027, 6, 30)), wait=st.integers(0, 40), offset=st.integers(-3, 3))
def test_ground_h_is_refused_until_its_10th_school_day_whatever_the_dates(ended, wait, offset):
    """The 10th school day after the leave ended is leave_of_absence_return_by's day."""
    day_10, calendar = _assert_school_day_rule(removal_rules.leave_of_absence_problem, "leave_of_absence_end_date",
                                               ended, 10, wait, offset)
    assert day_10 == leave_of_absence_return_by(ended, calendar)


def test_a_removal_cannot_be_back_dated(oak_primary, harbour_academy, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, destination_school=harbour_academy, last_attendance_date=date(2026, 3, 2),
                          proposed_removal_date=date(2026, 3, 17))
    assert messages(removal_problems(request, today)) == [
        "The proposed removal date must be today or later: a removal from roll cannot be back-dated"]


def test_home_education_needs_the_date_of_the_parents_written_notice(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, ground=ground(DeletionGround.HOME_EDUCATION), destination=Destination.EHE,
                          located_because=LocatedBecause.EHE_NOTICE, proposed_removal_date=today,
                          attendance_order_names_school=False)
    assert messages(removal_problems(request, today)) == [
        "Enter the date of the parent’s written notice of elective home education"]
    request.ehe_notice_date = date(2026, 3, 16)
    assert removal_problems(request, today) == []


def test_the_new_school_must_be_a_known_open_school_other_than_our_own(oak_primary, deletion_grounds, home_la):
    today = date(2026, 3, 18)
    closed = SchoolFactory(name="Old Town Primary School", closed=True, la=home_la)
    request = request_for(oak_primary, destination_school=closed, proposed_removal_date=today)
    assert messages(removal_problems(request, today)) == [
        f"Old Town Primary School (URN {closed.urn}) is closed. Enter the school the pupil is registered at now"]
    request.destination_school = oak_primary
    assert messages(removal_problems(request, today)) == ["Enter the pupil’s new school, not your own"]
    request.destination_school = None
    assert messages(removal_problems(request, today)) == ["Enter the new school’s name or URN"]


def test_registered_at_another_school_needs_that_school_as_the_destination(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, destination=Destination.ABROAD, destination_country="Poland",
                          located_because=LocatedBecause.MOVED_OVERSEAS, proposed_removal_date=today)
    assert messages(removal_problems(request, today)) == [
        "You chose the ground ‘Registered at another school’: select ‘A new school’ and give the school"]


def test_not_knowing_where_the_pupil_is_needs_the_enquiries_and_a_home_visit(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, ground=ground(DeletionGround.MOVED_AWAY), destination=Destination.UNKNOWN,
                          located_because=LocatedBecause.NOT_LOCATED, proposed_removal_date=today)
    found = messages(removal_problems(request, today))
    assert "Enter the outcome of ‘Contact with parents or guardians by telephone’" in found
    assert "Select what you found on the home visit" in found
    assert len(found) == 11  # eight actions, and the home visit's outcome, date and details


def test_every_missing_answer_is_named(oak_primary, deletion_grounds):
    empty = RemovalFromRollRequest(school=oak_primary)
    assert messages(removal_problems(empty, date(2026, 3, 18))) == [
        "Enter the pupil’s first name", "Enter the pupil’s last name", "Enter the pupil’s date of birth",
        "Enter the first line of the pupil’s address", "Enter the postcode of the pupil’s address",
        "Enter the name of the parent or carer the pupil lived with", "Enter a contact number for the family",
        "Select the ground for removing the pupil from roll", "Enter the date of last attendance",
        "Enter the proposed removal date", "Select where the pupil has gone",
        "Select how you know where the pupil is",
    ]


@pytest.mark.parametrize("destination, school_type, expected", [
    (Destination.NEW_SCHOOL, "Academy sponsor led", "8524102"),
    (Destination.NEW_SCHOOL, "Other independent school", CTF_OUTSIDE_MAINTAINED),
    (Destination.ABROAD, None, CTF_OUTSIDE_MAINTAINED),
    (Destination.EHE, None, CTF_OUTSIDE_MAINTAINED),
    (Destination.OTHER_LA, None, CTF_UNKNOWN),
    (Destination.UNKNOWN, None, CTF_UNKNOWN),
])
def test_the_ctf_destination(destination, school_type, expected, home_la):
    school = SchoolFactory(establishment_number="4102", type_name=school_type, la=home_la) if school_type else None
    assert ctf_destination_for(destination, school) == expected

