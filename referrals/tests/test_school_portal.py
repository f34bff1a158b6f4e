"""The school portal: Grace's dashboard (what Oak Primary has sent, and what
the LA needs from it), "a pupil on roll is missing" with its next steps on
the day-1 to day-20 timeline, and pages that cost the same number of
queries at 10 rows and at 200.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cme.schooldays import services as calendar_services
from cme.schooldays.selectors import calendar_for
from referrals.models import (
    AdmissionMatch, AdmissionNotice, Destination, LocatedBecause, Referral, ReferralChild, RemovalFromRollRequest,
    RemovalMessage,
)
from referrals.tests.factories import ReferralFactory, RemovalRequestFactory, ground, removal_answers
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


# --- the dashboard -------------------------------------------------------------------

def test_grace_sees_what_oak_has_sent_and_what_we_need_from_her(
    client, grace_at_oak, mark_at_elm, harbour_academy, deletion_grounds
):
    asked = ReferralFactory(referrer=grace_at_oak, info_requested=True)
    sent = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)
    RemovalRequestFactory(requested_by=grace_at_oak, answers={"first_name": "Tyler"})
    elms = RemovalRequestFactory(requested_by=mark_at_elm, submitted=True, answers=removal_answers(
        harbour_academy, first_name="Hodan", last_name="Farah"))
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:school_dashboard")).content.decode()
    assert "You have 2 things to finish: 1 overdue or waiting for your answer" in page
    assert f"We have asked a question about referral {asked.reference} (Kacper Nowak)" in page
    assert reverse("referrals:my_referral", args=[asked.pk]) in page
    assert "Your request to remove Tyler from roll has not been sent" in page
    assert sent.reference in page and "Keep the pupil on roll until we decide" in page
    assert elms.reference not in page and "Hodan" not in page  # Elm Academy's are not Oak's


def test_an_agreed_request_tells_the_school_when_to_delete_and_the_ctf_destination(
    client, grace_at_oak, harbour_academy, deletion_grounds
):
    RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), agreed=True)
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:school_dashboard")).content.decode()
    today = timezone.localdate()
    assert f"Delete from roll on {today.day} {today:%b %Y} or later; CTF destination <strong>8524102</strong>" in page


#: Removal requests in turn: agreed; waiting for a decision; waiting for the school's answer to a
#: question; waiting for a decision after the school answered one.
REMOVAL_STATES = ("agreed", "submitted", "info_requested", "submitted")


def _fill_dashboard(user, school, count, start=0, officer=None):
    """``count`` sent referrals, removal requests (with questions and answers) and new-pupil notices from
    ``school`` (rows written directly: these tests are about reading them)."""
    now, today = timezone.now(), timezone.localdate()
    grounds = ground("registered-elsewhere")
    removals = RemovalFromRollRequest.objects.bulk_create([
        RemovalFromRollRequest(
            reference=f"RFR-2026-{n:05d}", status=REMOVAL_STATES[n % 4], school=school,
            requested_by=user, first_name=f"Pupil{n}", last_name="Nowak", date_of_birth=date(2015, 1, 1),
            ground=grounds, destination=Destination.UNKNOWN, located_because=LocatedBecause.NOT_LOCATED,
            proposed_removal_date=today, submitted_at=now, decided_at=now, ctf_destination="XXXXXXX")
        for n in range(start, start + count)
    ])
    RemovalMessage.objects.bulk_create([
        RemovalMessage(request=removal, sender=sender, from_la=from_la, text=text, sent_at=now)
        for n, removal in enumerate(removals, start) if n % 4 >= 2
        for sender, from_la, text in [(officer, True, f"Where has Pupil{n} gone?"), (user, False, "To Portugal.")][
            :1 if n % 4 == 2 else 2]
    ])
    AdmissionNotice.objects.bulk_create([
        AdmissionNotice(reference=f"NPN-2026-{n:05d}", status="sent", school=school, notified_by=user,
                        first_name=f"Pupil{n}", last_name="Nowak", date_of_birth=date(2016, 1, 1),
                        admitted_on=today - timedelta(days=n % 9), sent_at=now)
        for n in range(start, start + count)
    ])
    referrals = Referral.objects.bulk_create([
        Referral(reference=f"CME-2026-{n:05d}", status="submitted", referrer=user, referrer_kind="school",
                 school=school, submitted_at=now, received_on=today)
        for n in range(start, start + count)
    ])
    ReferralChild.objects.bulk_create([ReferralChild(referral=r, first_name="Child", last_name="Nowak") for r in referrals])


def test_the_dashboard_costs_the_same_queries_for_10_rows_and_200(
    client, grace_at_oak, oak_primary, deletion_grounds, django_assert_num_queries
):
    client.force_login(grace_at_oak)
    url = reverse("referrals:school_dashboard")
    _fill_dashboard(grace_at_oak, oak_primary, 10)
    with django_assert_num_queries(18):
        client.get(url)
    _fill_dashboard(grace_at_oak, oak_primary, 190, start=10)
    with django_assert_num_queries(18):
        page = client.get(url).content.decode()
    assert "The 20 most recent of 200." in page
    assert page.count("Where has Pupil") == 50  # each open question, with its answer form, in the banner


def test_the_removal_queue_costs_the_same_queries_for_10_rows_and_200(
    client, priya_officer, grace_at_oak, oak_primary, deletion_grounds, django_assert_num_queries
):
    client.force_login(priya_officer)
    url = reverse("referrals:removal_queue")
    _fill_dashboard(grace_at_oak, oak_primary, 20, officer=priya_officer)  # 10 to decide, 5 waiting for Oak, 5 decided
    calendar_for(oak_primary)  # the calendars are built once (two queries) and kept: not the queue's cost
    with django_assert_num_queries(9):
        client.get(url)
    _fill_dashboard(grace_at_oak, oak_primary, 380, start=20, officer=priya_officer)  # 200 to decide: a page of 50
    with django_assert_num_queries(9):
        page = client.get(url).content.decode()
    assert "Waiting for a decision (200)" in page and "Waiting for the school to answer (100)" in page
    assert page.count("The school answered") == 50  # the answered half of the 200 comes first


def test_the_officers_matches_cost_the_same_queries_for_10_rows_and_200(
    client, priya_officer, grace_at_oak, oak_primary, deletion_grounds, django_assert_num_queries
):
    def propose(count, start):
        _fill_dashboard(grace_at_oak, oak_primary, count, start)
        for notice in AdmissionNotice.objects.filter(first_name__in=[f"Pupil{n}" for n in range(start, start + count)]):
            case = CaseFactory(child=ChildFactory(first_name=notice.first_name, last_name="Nowak"))
            AdmissionMatch.objects.create(notice=notice, child=case.child, case=case, score=60,
                                          reasons=["first name the same", "last name the same"])

    client.force_login(priya_officer)
    url = reverse("referrals:admission_matches")
    propose(10, 0)
    with django_assert_num_queries(7):
        client.get(url)
    propose(190, 10)
    with django_assert_num_queries(7):
        page = client.get(url).content.decode()
    assert "Likely matches (200)" in page


# --- a pupil on roll is missing ------------------------------------------------------

def test_a_missing_pupil_starts_a_referral_for_her_and_shows_the_next_steps_on_oaks_calendar(
    client, grace_at_oak, oak_primary, la_term_dates, time_machine
):
    """Amelia last attended on Friday 27 February 2026; Oak closes for an INSET
    day on 10 March, so day 20 falls after the Easter holiday."""
    calendar_services.save_school_year(
        by=None, school_year=2025, terms=[], closures=[(date(2026, 3, 10), "INSET day")],
        school_urn=oak_primary.urn, school_name=oak_primary.name,
    )
    time_machine.move_to(date(2026, 3, 4))
    client.force_login(grace_at_oak)
    response = client.post(reverse("referrals:missing_pupil"), {
        "first_name": "Amelia", "last_name": "Nowak", "date_of_birth_0": "4", "date_of_birth_1": "5",
        "date_of_birth_2": "2015", "upn": "", "year_group": "5",
        "last_attendance_date_0": "27", "last_attendance_date_1": "2", "last_attendance_date_2": "2026",
    })
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:missing_pupil_next_steps", args=[referral.pk])
    assert referral.is_draft and referral.school == oak_primary and referral.last_attendance_date == date(2026, 2, 27)
    assert [(c.first_name, c.date_of_birth, c.year_group) for c in referral.children.all()] == [
        ("Amelia", date(2015, 5, 4), "5")]
    assert not RemovalFromRollRequest.objects.exists()  # she stays on roll

    page = client.get(response["Location"]).content.decode()
    assert "stays on your roll" in page
    assert "Day 1: Monday 2 March 2026" in page
    assert "Days 1 to 5: 2 March to 6 March 2026" in page
    assert "Days 6 to 19: 9 March to 27 March 2026" in page  # 10 March is Oak's INSET day
    assert "Day 20: Monday 13 April 2026" in page
    assert reverse("referrals:children", args=[referral.pk]) in page or reverse(
        "referrals:step", args=[referral.pk, "family"]) in page


def test_the_missing_pupil_form_says_what_is_missing(client, grace_at_oak):
    client.force_login(grace_at_oak)
    page = client.post(reverse("referrals:missing_pupil"), {"first_name": "Amelia"}).content.decode()
    assert "Enter the pupil’s last name" in page and "Enter the pupil’s date of birth" in page
    assert "Enter the date of last attendance" in page
    assert not Referral.objects.exists()


def test_next_steps_without_term_dates_say_so_rather_than_guess(client, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, answers={"last_attendance_date": date(2026, 3, 2)})
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:missing_pupil_next_steps", args=[referral.pk])).content.decode()
    assert "We cannot count school days for the date of last attendance: no term dates are loaded" in page
