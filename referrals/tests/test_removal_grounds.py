"""The removal rules the legal review added (Pupil Registration Regulations
2024, reg. 9; DESIGN.md section 2).

Grace at Oak Primary asks to remove Amelia. A ground with no destination
(nursery, died, ceasing CSA) asks for none; a parent's notice naming a
future date takes effect then; grounds (a), (c) and (f) cannot be used while
a school attendance order names Oak; a new school without a complete CTF
code cannot be the destination; and on the day Priya agrees, the rules are
checked again with the removal date agreeing then allows.
"""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cme.schooldays.models import DeletionGround
from referrals import removal_rules
from referrals.models import Destination, LocatedBecause, RemovalFromRollRequest, ctf_destination_for, ctf_school_code
from referrals.removal_rules import removal_problems
from referrals.tests.factories import ground, removal_answers
from tracking.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def request_for(school, **answers):
    return RemovalFromRollRequest(school=school, **removal_answers(**{"last_attendance_date": date(2026, 3, 2), **answers}))


def messages(problems):
    return [problem.message for problem in problems]


# --- grounds with no destination: (b), (k), (l) ----------------------------------

def test_a_pupil_who_has_died_needs_no_destination_evidence_or_enquiries(oak_primary, deletion_grounds):
    """Grace tells us that Amelia has died: there is nobody to look for."""
    today = date(2026, 3, 18)
    request = request_for(oak_primary, ground=ground("died"), destination="", destination_school=None,
                          located_because="", proposed_removal_date=today)
    assert removal_problems(request, today) == []
    assert not removal_rules.enquiries_needed(request)


@pytest.mark.parametrize("kind", ["nursery-not-moving-to-reception", "died", "over-compulsory-school-age"])
def test_a_ground_with_no_destination_refuses_a_destination_and_takes_not_applicable(kind, oak_primary,
                                                                                    deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, ground=ground(kind), destination=Destination.UNKNOWN,
                          located_because=LocatedBecause.NOT_LOCATED, proposed_removal_date=today)
    assert messages(removal_problems(request, today)) == [
        f"You chose the ground ‘{request.ground.label}’, which has no destination: select ‘Not applicable’"]
    request.destination, request.located_because = Destination.NOT_APPLICABLE, ""
    assert removal_problems(request, today) == []


def test_not_applicable_is_only_for_the_grounds_with_no_destination(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, ground=ground(DeletionGround.MOVED_AWAY), destination=Destination.NOT_APPLICABLE,
                          located_because="", proposed_removal_date=today)
    assert messages(removal_problems(request, today)) == [
        "‘Not applicable’ is only for grounds 9(1)(b), (k) and (l), which have no destination: select where the "
        "pupil has gone"]


# --- elective home education: ground (f) ----------------------------------------

def home_education(school, **answers):
    return request_for(school, **{
        "ground": ground(DeletionGround.HOME_EDUCATION), "destination": Destination.EHE,
        "located_because": LocatedBecause.EHE_NOTICE, "ehe_notice_date": date(2026, 3, 16), **answers,
    })


def test_home_education_as_the_destination_needs_ground_f(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = home_education(oak_primary, ground=ground(DeletionGround.MOVED_AWAY), attendance_order_names_school=None,
                             proposed_removal_date=today)
    assert [(p.field, p.message) for p in removal_problems(request, today)] == [(
        "ground", "You chose elective home education as where the pupil has gone: select ground 9(1)(f), the "
                  "parent’s written notice of elective home education")]


def test_a_notice_naming_a_future_start_date_takes_effect_on_that_date(oak_primary, deletion_grounds):
    """Amelia's mother wrote on 16 March that home education starts after Easter, on 13 April."""
    today = date(2026, 3, 18)
    request = home_education(oak_primary, ehe_start_date=date(2026, 4, 13), proposed_removal_date=today)
    assert [(p.field, p.message) for p in removal_problems(request, today)] == [(
        "proposed_removal_date",
        "The parent’s notice says home education starts on 13 April 2026, and takes effect then: the proposed "
        "removal date must be 13 April 2026 or later")]
    request.proposed_removal_date = date(2026, 4, 13)
    assert removal_problems(request, today) == []
    assert request.destination_text == ("Elective home education: parent’s written notice dated 16 March 2026; "
                                        "home education starts on 13 April 2026")


def test_home_education_cannot_start_before_the_notice_was_written(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = home_education(oak_primary, ehe_start_date=date(2026, 3, 2), proposed_removal_date=today)
    assert [(p.field, p.message) for p in removal_problems(request, today)] == [
        ("ehe_start_date", "The date home education starts must be on or after the date of the parent’s notice")]


# --- school attendance orders: grounds (a), (c), (f) ------------------------------

@pytest.mark.parametrize("kind", [DeletionGround.REGISTERED_ELSEWHERE, "dual-registered-consent",
                                  DeletionGround.HOME_EDUCATION])
def test_grounds_a_c_and_f_ask_whether_an_attendance_order_names_the_school(kind, oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = home_education(oak_primary, ground=ground(kind), attendance_order_names_school=None,
                             proposed_removal_date=today)
    found = [(p.field, p.message) for p in removal_problems(request, today)]
    assert ("attendance_order_names_school",
            "Select yes if a school attendance order names your school for the pupil, or no if not") in found


def test_an_attendance_order_naming_the_school_rules_out_ground_a(oak_primary, harbour_academy, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, destination_school=harbour_academy, attendance_order_names_school=True,
                          proposed_removal_date=today)
    assert [(p.field, p.message) for p in removal_problems(request, today)] == [(
        "attendance_order_names_school",
        "A school attendance order names Oak Primary School for Amelia, so they cannot be removed under ‘Registered "
        "at another school’ while it is in force. The local authority must first amend the order to name another "
        "school, or revoke it (grounds 9(1)(d) and (e))")]
    request.attendance_order_names_school = False
    assert removal_problems(request, today) == []


def test_other_grounds_do_not_ask_about_attendance_orders(oak_primary, deletion_grounds):
    today = date(2026, 3, 18)
    request = request_for(oak_primary, ground=ground("died"), destination=Destination.NOT_APPLICABLE,
                          located_because="", attendance_order_names_school=None, proposed_removal_date=today)
    assert removal_problems(request, today) == []


# --- a CTF destination is never malformed -----------------------------------------

def test_a_new_school_with_no_establishment_number_cannot_be_the_destination(oak_primary, deletion_grounds, home_la):
    """GIAS allows a blank establishment number: the CTF would go to '852'."""
    today = date(2026, 3, 18)
    unnumbered = SchoolFactory(name="Quayside Free School", urn="149001", establishment_number="", dfe_number="",
                               la=home_la)
    request = request_for(oak_primary, destination_school=unnumbered, proposed_removal_date=today)
    assert [(p.field, p.message) for p in removal_problems(request, today)] == [(
        "destination_school",
        "Quayside Free School (URN 149001) has no establishment number in Get Information About Schools, so a "
        "Common Transfer File cannot be addressed to it. Check it is the right school; if it is, tell the CME team")]
    assert ctf_destination_for(Destination.NEW_SCHOOL, unnumbered) == ""


def test_a_complete_dfe_number_stands_in_for_a_missing_establishment_number(home_la):
    school = SchoolFactory(establishment_number="", dfe_number="852/4107", la=home_la)
    assert ctf_school_code(school) == "8524107"
    assert ctf_destination_for(Destination.NEW_SCHOOL, school) == "8524107"


@settings(max_examples=80, deadline=None)
@given(la_code=st.text("0123456789 /", max_size=4), number=st.text("0123456789 ", max_size=4),
       dfe=st.text("0123456789/ ", max_size=8))
def test_a_ctf_school_code_is_seven_digits_or_nothing(la_code, number, dfe):
    from tracking.models import LocalAuthority, School

    school = School(la=LocalAuthority(pk=1, code=la_code), establishment_number=number, dfe_number=dfe)
    code = ctf_school_code(school)
    assert code == "" or (len(code) == 7 and code.isdigit())


# --- the rules again when the CME officer agrees -------------------------------------

def test_agreeing_later_than_the_proposed_date_is_not_back_dating(oak_primary, harbour_academy, deletion_grounds):
    """Sent on 2 November with a removal date of 2 November, decided on 20
    November: the removal date allowed is 20 November, and nothing is refused."""
    request = request_for(oak_primary, destination_school=harbour_academy, last_attendance_date=date(2026, 10, 30),
                          proposed_removal_date=date(2026, 11, 2))
    assert removal_rules.removal_date_on(request, date(2026, 11, 20)) == date(2026, 11, 20)
    assert removal_rules.agreement_problems(request, date(2026, 11, 20)) == []
    assert removal_rules.removal_date_on(request, date(2026, 10, 31)) == date(2026, 11, 2)


def test_a_new_school_closed_since_the_request_was_sent_is_refused_on_agreement(
    oak_primary, harbour_academy, deletion_grounds
):
    request = request_for(oak_primary, destination_school=harbour_academy, proposed_removal_date=date(2026, 11, 2))
    harbour_academy.status = "Closed"
    assert messages(removal_rules.agreement_problems(request, date(2026, 11, 20))) == [
        "Harbour Academy (URN 116302) is closed. Enter the school the pupil is registered at now"]
