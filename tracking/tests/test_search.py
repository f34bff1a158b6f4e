"""Finding a child by any name (misspelt, transliterated, the start of it),
date of birth, UPN or postcode; and what a search of a failed-to-track child sets off."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from cme.audit.models import AccessLog
from tracking import services
from tracking.models import ChildName, Notification
from tracking.selectors import search_children
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db

DOB = date(2015, 3, 7)


@pytest.fixture
def children(priya_officer):
    known = {
        "muhammad": ChildFactory(first_name="Muhammad", last_name="Al-Sayed", date_of_birth=DOB, upn="M801200112001"),
        "zoe": ChildFactory(first_name="Zoë", last_name="Smith-Jones", date_of_birth=date(2016, 11, 2)),
        "kacper": ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2014, 6, 20)),
        "aisha": ChildFactory(first_name="Ayesha", last_name="O'Brien", date_of_birth=date(2013, 1, 15)),
        "siobhan": ChildFactory(first_name="Siobhan", last_name="McDonald", date_of_birth=date(2012, 4, 9)),
        "mohammed": ChildFactory(first_name="Mohammed", last_name="Hussain", date_of_birth=date(2011, 2, 2)),
        "oliver": ChildFactory(first_name="Oliver", last_name="Brown", date_of_birth=DOB),
    }
    services.add_address(known["kacper"], by=priya_officer, line_1="3 Dock Road", postcode="SO14 3AB")
    services.add_name(known["siobhan"], by=priya_officer, kind=ChildName.Kind.ALIAS, first_name="Shiv", last_name="Ward")
    return known


def found(user, **terms):
    return [r.child for r in search_children(user, **terms).results]


@pytest.mark.parametrize("typed, expected", [
    ("Mohamed Alsayed", "muhammad"),
    ("Muhamad Al Sayed", "muhammad"),
    ("Zoe Smith Jones", "zoe"),
    ("Kacpar Nowack", "kacper"),
    ("Aisha OBrien", "aisha"),
    ("Siobhan MacDonald", "siobhan"),
    ("Shiv Ward", "siobhan"),
    ("Nowak Kacper", "kacper"),
])
def test_a_misspelt_or_transliterated_name_finds_the_child_first(priya_officer, children, typed, expected):
    assert found(priya_officer, name=typed)[0] == children[expected]


def test_the_start_of_a_name_finds_children(priya_officer, children):
    assert found(priya_officer, name="Kac") == [children["kacper"]]
    assert found(priya_officer, name="Mo") == [children["mohammed"]]
    assert found(priya_officer, name="Al") == [children["muhammad"]]


def test_the_exact_spelling_ranks_above_a_sound_alike(priya_officer, children):
    results = search_children(priya_officer, name="Mohammed").results
    assert [r.child for r in results[:2]] == [children["mohammed"], children["muhammad"]]
    assert results[1].reasons == ["“mohammed” sounds like the name “muhammad”"]


def test_a_date_of_birth_picks_out_the_right_namesake(priya_officer, children):
    assert found(priya_officer, name="Mohammed", date_of_birth=DOB)[0] == children["muhammad"]
    assert found(priya_officer, date_of_birth=DOB) == [children["muhammad"], children["oliver"]]
    assert found(priya_officer, date_of_birth=date(2015, 7, 3)) == [children["muhammad"], children["oliver"]]


def test_a_upn_finds_the_child_whatever_the_name(priya_officer, children):
    assert found(priya_officer, upn="m801 2001 12001") == [children["muhammad"]]
    assert found(priya_officer, name="Kacper", upn="M801200112001")[0] == children["muhammad"]


def test_a_postcode_finds_whoever_has_lived_there(priya_officer, children):
    assert found(priya_officer, postcode="so14 3ab") == [children["kacper"]]
    assert found(priya_officer, postcode="SO14") == [children["kacper"]]
    assert found(priya_officer, postcode="SO99 9ZZ") == []


def test_nothing_is_found_for_people_outside_the_la(grace_at_oak, children):
    assert found(grace_at_oak, name="Kacper") == []


def test_the_search_page_shows_cases_and_logs_the_search(client, priya_officer, children):
    case = CaseFactory(child=children["kacper"], assigned_officer=priya_officer)
    client.force_login(priya_officer)
    response = client.get(reverse("tracking:child_search"), {"name": "Kacpar", "postcode": "SO14 3AB"})
    page = response.content.decode()
    assert "Kacper Nowak" in page and case.reference in page and "“kacpar” sounds like the name “kacper”" in page
    entry = AccessLog.objects.get()
    assert entry.action == "search" and entry.detail == {
        "terms": {"name": "Kacpar", "postcode": "SO14 3AB"}, "result_count": 1,
    }


def test_an_empty_search_asks_for_something_to_search_by(client, priya_officer):
    client.force_login(priya_officer)
    response = client.get(reverse("tracking:child_search"), {"name": "", "upn": ""})
    assert "Enter a name, date of birth, UPN or postcode" in response.content.decode()
    assert not AccessLog.objects.exists()


def test_a_mistyped_date_of_birth_is_explained(client, priya_officer):
    client.force_login(priya_officer)
    response = client.get(reverse("tracking:child_search"), {"date_of_birth_0": "31", "date_of_birth_1": "2",
                                                             "date_of_birth_2": "2015"})
    assert "Date of birth must be a real date" in response.content.decode()


def test_finding_a_failed_to_track_child_tells_the_senior_officers_once_a_day_per_officer(
        client, priya_officer, tom_officer, sam_senior, django_capture_on_commit_callbacks):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior,
                       child__first_name="Kacper", child__last_name="Nowak").child
    with time_machine.travel(date(2026, 11, 16), tick=False):
        client.force_login(priya_officer)
        with django_capture_on_commit_callbacks(execute=True):
            page = client.get(reverse("tracking:child_search"), {"name": "Kacper Nowak"}).content.decode()
            client.get(reverse("tracking:child_search"), {"name": "Nowak"})
        assert "CME – failed to track" in page
        assert Notification.objects.filter(child=lost).count() == 1
        assert "found by a search by Priya Shah" in Notification.objects.get().message
        assert len(mail.outbox) == 1

        client.force_login(tom_officer)
        client.get(reverse("tracking:child_search"), {"name": "Kacper"})
        assert Notification.objects.filter(child=lost).count() == 2
    with time_machine.travel(date(2026, 11, 17), tick=False):
        client.force_login(priya_officer)
        client.get(reverse("tracking:child_search"), {"name": "Kacper"})
    assert Notification.objects.filter(child=lost).count() == 3
