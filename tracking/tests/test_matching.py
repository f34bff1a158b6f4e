"""Matching a name as it reaches us to the child we already know."""

from datetime import date

import pytest

from tracking import services
from tracking.matching import find_candidates
from tracking.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

DOB = date(2015, 3, 7)


@pytest.fixture
def known(db):
    """Children already on record, plus namesakes and same-birthday strangers."""
    children = {
        "muhammad": ChildFactory(first_name="Muhammad", last_name="Al-Sayed", date_of_birth=DOB),
        "zoe": ChildFactory(first_name="Zoë", last_name="Smith-Jones", date_of_birth=date(2016, 11, 2)),
        "aleksandr": ChildFactory(first_name="Aleksandr", last_name="Kowalczyk", date_of_birth=date(2014, 6, 20)),
        "aisha": ChildFactory(first_name="Ayesha", last_name="O'Brien", date_of_birth=date(2013, 1, 15)),
        "siobhan": ChildFactory(first_name="Siobhan", last_name="McDonald", date_of_birth=date(2012, 4, 9)),
    }
    # Strangers born the same day as Muhammad, with unrelated names.
    ChildFactory(first_name="Oliver", last_name="Brown", date_of_birth=DOB)
    ChildFactory(first_name="Amelia", last_name="Clarke", date_of_birth=DOB)
    return children


CASES = [
    # (as given, first, last, dob, expected child)
    ("transliteration", "Mohammed", "Al Sayed", DOB, "muhammad"),
    ("hyphen and diacritic", "Zoe", "Smith Jones", date(2016, 11, 2), "zoe"),
    ("transposed names", "Smith-Jones", "Zoe", date(2016, 11, 2), "zoe"),
    ("Slavic transliteration", "Alexander", "Kowalczyk", date(2014, 6, 20), "aleksandr"),
    ("spelling variant and apostrophe", "Aisha", "OBrien", date(2013, 1, 15), "aisha"),
    ("day and month swapped", "Siobhan", "MacDonald", date(2012, 9, 4), "siobhan"),
    ("no date of birth", "Muhamad", "Al-Sayed", None, "muhammad"),
]


@pytest.mark.parametrize("why, first, last, dob, expected", CASES, ids=[c[0] for c in CASES])
def test_the_known_child_is_the_top_candidate(known, why, first, last, dob, expected):
    candidates = find_candidates(first_name=first, last_name=last, date_of_birth=dob)
    assert candidates, f"nobody found for {first} {last}"
    assert candidates[0].child == known[expected]
    assert candidates[0].reasons


def test_the_reasons_say_why(known):
    [top, *_] = find_candidates(first_name="Siobhan", last_name="MacDonald", date_of_birth=date(2012, 9, 4))
    assert "date of birth with day and month swapped" in top.reasons
    assert "last name sounds alike" in top.reasons
    [top, *_] = find_candidates(first_name="Smith-Jones", last_name="Zoe", date_of_birth=date(2016, 11, 2))
    assert "first and last names transposed" in top.reasons


def test_children_sharing_only_a_date_of_birth_are_not_proposed(known):
    candidates = find_candidates(first_name="Kacper", last_name="Nowak", date_of_birth=DOB)
    assert candidates == []
    names = [c.child.first_name for c in find_candidates(first_name="Mohammed", last_name="Al Sayed", date_of_birth=DOB)]
    assert "Oliver" not in names and "Amelia" not in names


def test_a_upn_match_is_proposed_even_with_a_different_name(known):
    child = known["aisha"]
    child.upn = "A801200112001"
    child.save()
    [top] = find_candidates(first_name="Unknown", last_name="Person", upn="a801200112001")
    assert top.child == child and "same UPN" in top.reasons


def test_postcode_and_sibling_strengthen_a_name_match(known, priya_officer):
    muhammad = known["muhammad"]
    services.add_address(muhammad, by=priya_officer, line_1="4 Church Road", postcode="so15 2ab")
    sister = ChildFactory(first_name="Fatima", last_name="Al-Sayed")
    services.link_siblings(muhammad, sister, by=priya_officer)
    [top, *_] = find_candidates(first_name="Mohamed", last_name="Alsayed", postcode="SO15 2AB", sibling_names=["Fatima Al Sayed"])
    assert top.child == muhammad
    assert "has lived at SO15 2AB" in top.reasons
    assert "has a sibling called Fatima Al-Sayed" in top.reasons


def test_a_search_narrowed_to_open_cases_is_not_crowded_out(known):
    from tracking.tests.factories import CaseFactory

    # Many namesakes without cases, and one with an open case.
    for n in range(12):
        ChildFactory(first_name="Muhammad", last_name="Al-Sayed", date_of_birth=date(2010, 1, 1 + n))
    case = CaseFactory(child__first_name="Mohamed", child__last_name="Alsayed", child__date_of_birth=date(2011, 5, 5))
    found = find_candidates(first_name="Muhammad", last_name="Al Sayed", only_with_active_case=True, limit=3)
    assert [c.child for c in found] == [case.child]
