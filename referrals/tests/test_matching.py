"""The officer's candidates for a child named in a referral.

Names reach the CME team misspelt, transliterated, hyphenated differently,
in the wrong order and with day and month swapped; the child we know must
still come top, and a stranger who merely shares a birthday must not be
proposed. The referral's own evidence counts too: the other children named
in it and the siblings it lists, and the last known postcode.
"""

from datetime import date

import pytest

from referrals.selectors import match_options
from referrals.tests.factories import ReferralFactory
from tracking import services as tracking_services
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db

DOB = date(2015, 3, 7)


@pytest.fixture
def known(db):
    children = {
        "muhammad": ChildFactory(first_name="Muhammad", last_name="Al-Sayed", date_of_birth=DOB),
        "zoe": ChildFactory(first_name="Zoë", last_name="Smith-Jones", date_of_birth=date(2016, 11, 2)),
        "aleksandr": ChildFactory(first_name="Aleksandr", last_name="Kowalczyk", date_of_birth=date(2014, 6, 20)),
        "aisha": ChildFactory(first_name="Ayesha", last_name="O'Brien", date_of_birth=date(2013, 1, 15)),
        "siobhan": ChildFactory(first_name="Siobhan", last_name="McDonald", date_of_birth=date(2012, 4, 9)),
        "jose": ChildFactory(first_name="José", last_name="Muñoz", date_of_birth=date(2014, 2, 28)),
    }
    # Strangers with the same birthdays and unrelated names.
    ChildFactory(first_name="Oliver", last_name="Brown", date_of_birth=DOB)
    ChildFactory(first_name="Amelia", last_name="Clarke", date_of_birth=date(2016, 11, 2))
    ChildFactory(first_name="Harry", last_name="Evans", date_of_birth=date(2012, 9, 4))
    return children


TABLE = [
    # (what went wrong, first name as referred, last name as referred, date of birth as referred, who it is)
    ("transposed first and last names", "Smith-Jones", "Zoe", date(2016, 11, 2), "zoe"),
    ("diacritics dropped", "Jose", "Munoz", date(2014, 2, 28), "jose"),
    ("diacritics added", "Zoë", "Smith-Jones", date(2016, 11, 2), "zoe"),
    ("hyphen as a space", "Zoe", "Smith Jones", date(2016, 11, 2), "zoe"),
    ("hyphen run together", "Muhammad", "Alsayed", DOB, "muhammad"),
    ("Arabic transliteration", "Mohammed", "Al Sayed", DOB, "muhammad"),
    ("another transliteration", "Mohamed", "El-Sayed", DOB, "muhammad"),
    ("Slavic transliteration", "Alexander", "Kowalczyk", date(2014, 6, 20), "aleksandr"),
    ("spelling variant and apostrophe", "Aisha", "OBrien", date(2013, 1, 15), "aisha"),
    ("day and month swapped", "Siobhan", "MacDonald", date(2012, 9, 4), "siobhan"),
    ("no date of birth at all", "Siobhan", "McDonald", None, "siobhan"),
]


def referral_for(first, last, dob, **answers):
    return ReferralFactory(children=[dict(first_name=first, last_name=last, date_of_birth=dob)], answers=answers,
                           submitted=True)


@pytest.mark.parametrize("why, first, last, dob, expected", TABLE, ids=[row[0] for row in TABLE])
def test_the_child_we_know_is_the_first_candidate(known, why, first, last, dob, expected):
    referral = referral_for(first, last, dob)
    options = match_options(referral, referral.children.get())
    assert options, f"nobody proposed for {first} {last} ({why})"
    assert options[0].child == known[expected]
    assert options[0].candidate.reasons


@pytest.mark.parametrize("why, first, last, dob, expected", TABLE, ids=[row[0] for row in TABLE])
def test_strangers_sharing_the_birthday_are_never_proposed(known, why, first, last, dob, expected):
    referral = referral_for(first, last, dob)
    names = {option.child.full_name for option in match_options(referral, referral.children.get())}
    assert not names & {"Oliver Brown", "Amelia Clarke", "Harry Evans"}


def test_a_child_we_do_not_know_gets_no_candidates_even_on_a_shared_birthday(known):
    referral = referral_for("Kacper", "Nowak", DOB)
    assert match_options(referral, referral.children.get()) == []


def test_the_day_and_month_swap_is_given_as_the_reason(known):
    referral = referral_for("Siobhan", "MacDonald", date(2012, 9, 4))
    [top, *_] = match_options(referral, referral.children.get())
    assert "date of birth with day and month swapped" in top.candidate.reasons


def test_a_sister_named_in_the_same_referral_and_the_postcode_strengthen_the_match(known, priya_officer):
    muhammad = known["muhammad"]
    fatima = ChildFactory(first_name="Fatima", last_name="Al-Sayed")
    tracking_services.link_siblings(muhammad, fatima, by=priya_officer)
    tracking_services.add_address(muhammad, by=priya_officer, line_1="4 Church Road", postcode="SO15 2AB")
    referral = ReferralFactory(
        submitted=True, answers={"address_postcode": "so15 2ab"},
        children=[dict(first_name="Mohamed", last_name="Alsayed", date_of_birth=None),
                  dict(first_name="Fatima", last_name="Al Sayed", date_of_birth=None)],
    )
    [top, *_] = match_options(referral, referral.children.get(first_name="Mohamed"))
    assert top.child == muhammad
    assert "has a sibling called Fatima Al-Sayed" in top.candidate.reasons
    assert "has lived at SO15 2AB" in top.candidate.reasons


def test_a_listed_sibling_counts_as_evidence_too(known, priya_officer):
    siobhan = known["siobhan"]
    tracking_services.link_siblings(siobhan, ChildFactory(first_name="Niamh", last_name="McDonald"), by=priya_officer)
    referral = ReferralFactory(submitted=True, children=[dict(first_name="Siobhan", last_name="Macdonald", date_of_birth=None)],
                               answers={"siblings": [{"name": "Niamh McDonald", "school": "Elm Academy"}]})
    [top, *_] = match_options(referral, referral.children.get())
    assert "has a sibling called Niamh McDonald" in top.candidate.reasons


def test_the_officer_is_shown_which_candidates_have_an_open_case_or_a_failed_to_track_alert(known, sam_senior):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior,
                       child=known["aleksandr"]).child
    open_case = CaseFactory(child=known["aisha"])
    referral = referral_for("Alexander", "Kowalczyk", date(2014, 6, 20))
    [top, *_] = match_options(referral, referral.children.get())
    assert top.child == lost and top.has_alert and top.active_case is None
    referral = referral_for("Aisha", "O'Brien", date(2013, 1, 15))
    [top, *_] = match_options(referral, referral.children.get())
    assert top.active_case == open_case and not top.has_alert


def test_a_record_already_matched_to_another_child_in_the_referral_is_not_offered_again(known, priya_officer):
    from referrals import services

    referral = ReferralFactory(submitted=True, children=[
        dict(first_name="Zoe", last_name="Smith-Jones", date_of_birth=date(2016, 11, 2)),
        dict(first_name="Zoe", last_name="Smith Jones", date_of_birth=None),
    ])
    first, second = referral.children.all()
    services.confirm_match(first, by=priya_officer, child=known["zoe"])
    assert known["zoe"] not in [o.child for o in match_options(referral, second)]
    with pytest.raises(services.ServiceError):
        services.confirm_match(second, by=priya_officer, child=known["zoe"])
