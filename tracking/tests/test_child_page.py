"""The child's record: seeing all of it, and changing it through the services."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cme.audit.models import AccessLog
from tracking import services
from tracking.models import (
    Address, Case, Category, Child, ChildAlert, ChildName, FlagKind, Notification, Priority, Status,
)
from tracking.selectors import search_children
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"tracking:{name}", args=args)


def dated(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def amira(amira_case, priya_officer, oak_primary):
    child = amira_case.child
    services.add_name(child, by=priya_officer, kind=ChildName.Kind.ALIAS, first_name="Ameera", last_name="Khan")
    services.add_address(child, by=priya_officer, line_1="4 Church Road", postcode="SO15 2AB", lived_from=date(2022, 5, 1))
    services.add_address(child, by=priya_officer, line_1="17 Mill Lane", postcode="SO16 4DE", lived_from=date(2025, 2, 1))
    services.add_contact(child, by=priya_officer, name="Saira Khan", relationship="Mother",
                         has_parental_responsibility=True, phone="07700 900123")
    services.add_enrolment(child, by=priya_officer, school=oak_primary, on_roll_from=date(2021, 9, 1),
                           on_roll_to=date(2026, 3, 20), year_group="4", leaving_reason="Stopped attending")
    services.add_flag(child, by=priya_officer, kind=FlagKind.CHILD_IN_NEED, starts_on=date(2025, 6, 1))
    sister = ChildFactory(first_name="Yasmin", last_name="Khan")
    services.link_siblings(child, sister, by=priya_officer)
    return child


def test_the_child_page_shows_the_whole_record_and_logs_the_view(client, priya_officer, amira, amira_case):
    client.force_login(priya_officer)
    response = client.get(url("child_detail", amira.pk))
    page = response.content.decode()
    for text in ["Amira Khan", "Also known as", "Ameera Khan", "17 Mill Lane", "4 Church Road", "Saira Khan",
                 "has parental responsibility", "07700 900123", "Yasmin Khan", "Oak Primary School", "Year 4",
                 "Child in need", "From 1 Jun 2025", amira_case.reference, "Compulsory school age"]:
        assert text in page, text
    assert response.context["last_known_address"].line_1 == "17 Mill Lane"
    entry = AccessLog.objects.get()
    assert (entry.action, entry.object_type, entry.child_id) == ("view", "child", amira.pk)


def test_changing_the_legal_name_keeps_the_old_one_and_search_still_finds_it(client, priya_officer, amira):
    client.force_login(priya_officer)
    response = client.post(url("child_edit", amira.pk), {
        "first_name": "Amira", "last_name": "Hussain", "sex": "F", **dated("date_of_birth", amira.date_of_birth),
    })
    assert response.status_code == 302
    amira.refresh_from_db()
    assert amira.last_name == "Hussain"
    assert amira.names.filter(kind=ChildName.Kind.PREVIOUS, last_name="Khan").exists()
    assert [r.child for r in search_children(priya_officer, name="Amira Khan").results] == [amira]


def test_a_wrong_upn_is_refused_with_what_is_wrong(client, priya_officer, amira):
    client.force_login(priya_officer)
    response = client.post(url("child_edit", amira.pk), {"first_name": "Amira", "last_name": "Khan", "sex": "F",
                                                         "upn": "A801200112001"})
    assert "The check letter should be M, not A" in response.content.decode()
    assert response.context["form"]["upn"].value() == "A801200112001"


def test_an_alias_makes_the_child_findable_by_it(client, priya_officer, amira):
    client.force_login(priya_officer)
    assert "Enter a first name or a last name" in client.post(url("child_add_name", amira.pk), {"kind": "alias"}).content.decode()
    client.post(url("child_add_name", amira.pk), {"kind": "alias", "first_name": "Mira", "last_name": "Qureshi"})
    assert [r.child for r in search_children(priya_officer, name="Qureshi").results] == [amira]


def test_a_new_home_address_keeps_the_old_one_as_history(client, priya_officer, amira):
    client.force_login(priya_officer)
    client.post(url("child_add_address", amira.pk), {"kind": "home", "line_1": "2 Dock Street", "town": "Demo City",
                                                     "postcode": "so14 3aa", **dated("lived_from", date(2026, 6, 1))})
    homes = {a.line_1: a for a in amira.addresses.filter(kind=Address.Kind.HOME)}
    assert homes["2 Dock Street"].postcode == "SO14 3AA" and homes["2 Dock Street"].lived_to is None
    assert homes["17 Mill Lane"].lived_to == date(2026, 6, 1)
    assert len(homes) == 3


def test_an_address_needs_something_to_find_it_by(client, priya_officer, amira):
    client.force_login(priya_officer)
    response = client.post(url("child_add_address", amira.pk), {"kind": "home", "phone": "0123"})
    assert "Enter the address, or at least the town or postcode" in response.content.decode()


def test_a_contact_is_added_and_changed(client, priya_officer, amira):
    client.force_login(priya_officer)
    client.post(url("child_add_contact", amira.pk), {"name": "Tariq Khan", "relationship": "Uncle", "email": "nope"})
    assert not amira.contacts.filter(name="Tariq Khan").exists()
    client.post(url("child_add_contact", amira.pk), {"name": "Tariq Khan", "relationship": "Uncle", "phone": "07700 900456"})
    tariq = amira.contacts.get(name="Tariq Khan")
    client.post(url("child_edit_contact", amira.pk, tariq.pk), {"name": "Tariq Khan", "relationship": "Uncle",
                                                              "lives_with_child": "on", "phone": "07700 900999"})
    tariq.refresh_from_db()
    assert (tariq.phone, tariq.lives_with_child) == ("07700 900999", True)


def test_school_history_needs_a_school_and_accepts_one_abroad(client, priya_officer, amira):
    client.force_login(priya_officer)
    response = client.post(url("child_add_enrolment", amira.pk), {})
    assert "Select the school, or enter its name if it is not in the list" in response.content.decode()
    client.post(url("child_add_enrolment", amira.pk), {"school_name": "Szkoła Podstawowa nr 5, Gdańsk"})
    assert amira.enrolments.filter(school_name="Szkoła Podstawowa nr 5, Gdańsk").exists()


def test_a_child_protection_plan_makes_the_open_case_act_today_until_it_ends(client, priya_officer, amira, amira_case):
    client.force_login(priya_officer)
    client.post(url("child_add_flag", amira.pk), {"kind": FlagKind.CHILD_PROTECTION, **dated("starts_on", date(2026, 1, 5))})
    amira_case.refresh_from_db()
    assert amira_case.priority == Priority.ACT_TODAY
    flag = amira.flags.get(kind=FlagKind.CHILD_PROTECTION)
    response = client.post(url("child_end_flag", amira.pk, flag.pk), dated("ends_on", date(2025, 1, 1)))
    assert "The end date must be on or after the start date" in response.content.decode()
    client.post(url("child_end_flag", amira.pk, flag.pk), dated("ends_on", date(2026, 2, 1)))
    amira_case.refresh_from_db()
    assert amira_case.priority == Priority.HIGH  # the child in need plan still applies


def test_a_brother_is_found_by_name_and_linked(client, priya_officer, amira):
    zain = ChildFactory(first_name="Zain", last_name="Khan")
    client.force_login(priya_officer)
    response = client.get(url("child_add_sibling", amira.pk), {"name": "Zane Khan"})
    assert [c.pk for c in response.context["candidates"]] == [zain.pk]
    response = client.post(url("child_add_sibling", amira.pk) + "?name=Zane+Khan", {"sibling": zain.pk})
    assert response.status_code == 302
    assert zain in amira.siblings.all() and amira in zain.siblings.all()


def test_a_new_child_from_a_phone_call_warns_of_a_likely_match_first(client, priya_officer, amira):
    client.force_login(priya_officer)
    details = {"first_name": "Ameera", "last_name": "Khan", "sex": "F", **dated("date_of_birth", amira.date_of_birth),
               "category": Category.CME_OTHER, "assigned_officer": priya_officer.pk, "postcode": "SO16 4DE"}
    response = client.post(url("child_create"), details)
    assert response.status_code == 200
    assert [c.child for c in response.context["candidates"]][0] == amira
    assert "We may already know this child" in response.content.decode()
    assert Child.objects.count() == 2  # Amira and her sister: nothing created

    response = client.post(url("child_create"), {**details, "confirm_new": "on"})
    assert response.status_code == 302
    new = Child.objects.get(first_name="Ameera")
    case = Case.objects.get(child=new)
    assert (case.status, case.assigned_officer, case.category) == (Status.OPEN, priya_officer, Category.CME_OTHER)
    assert new.addresses.get().postcode == "SO16 4DE"


def test_a_new_record_for_a_failed_to_track_child_tells_the_senior_officers(client, priya_officer, sam_senior):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior,
                       child__first_name="Kacper", child__last_name="Nowak").child
    client.force_login(priya_officer)
    client.post(url("child_create"), {"first_name": "Kacper", "last_name": "Nowak", "sex": "M",
                                      **dated("date_of_birth", lost.date_of_birth), "category": Category.CME_OTHER,
                                      "confirm_new": "on"})
    assert Notification.objects.filter(recipient=sam_senior, child=lost).exists()


def test_a_second_case_cannot_be_opened_while_one_is_open(client, priya_officer, amira, amira_case):
    client.force_login(priya_officer)
    response = client.post(url("child_open_case", amira.pk), {"category": Category.CME_OTHER})
    assert f"Amira Khan already has an open case, {amira_case.reference}" in response.content.decode()


def test_a_case_is_opened_for_a_known_child(client, priya_officer):
    child = CaseFactory(closed=True).child
    client.force_login(priya_officer)
    response = client.post(url("child_open_case", child.pk), {"category": Category.IN_YEAR_FAILED_TO_REGISTER,
                                                              "assigned_officer": priya_officer.pk})
    case = Case.objects.get(child=child, status=Status.OPEN)
    assert response.url == url("case_detail", case.pk)


def test_a_senior_officer_clears_the_alert_of_a_child_who_is_found(client, sam_senior, tom_officer):
    helen = sam_senior.__class__.objects.create_user("helen@example.test", role=sam_senior.role)
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=helen)
    alert = ChildAlert.objects.get(child=lost.child)
    client.force_login(sam_senior)
    response = client.post(url("child_clear_alert", lost.child.pk, alert.pk), {})
    assert "Enter why the alert is no longer needed" in response.content.decode()
    client.post(url("child_clear_alert", lost.child.pk, alert.pk), {"reason": "On roll at Eastleigh Academy"})
    alert.refresh_from_db()
    assert not alert.is_active and alert.cleared_reason == "On roll at Eastleigh Academy"
    assert lost.events.first().summary == "Alert cleared: CME – failed to track"


def test_a_year_group_recorded_last_school_year_moves_up_and_stays_in_phase(client, priya_officer):
    # Year 5 by age in 2025/26 and Year 6 in 2026/27; recorded as Year 5 in June 2026.
    child = ChildFactory(date_of_birth=date(2016, 1, 10), recorded_year_group="5",
                         recorded_year_group_on=date(2026, 6, 20))
    with time_machine.travel(date(2026, 11, 30)):
        client.force_login(priya_officer)
        page = client.get(url("child_detail", child.pk)).content.decode()
        assert "On their education record: Year 6 (recorded as Year 5 on 20 June 2026)" in page
        assert "Out of phase" not in page
        form = client.get(url("child_edit", child.pk)).context["form"]
        assert form.initial["recorded_year_group"] == "6"  # what an officer confirms or corrects is this year's


def test_a_year_group_changed_by_an_officer_is_recorded_as_of_today_and_can_be_out_of_phase(client, priya_officer):
    child = ChildFactory(first_name="Amira", last_name="Khan", date_of_birth=date(2016, 1, 10),
                         recorded_year_group="5", recorded_year_group_on=date(2026, 6, 20))
    with time_machine.travel(date(2026, 11, 30)):
        client.force_login(priya_officer)
        client.post(url("child_edit", child.pk), {
            "first_name": "Amira", "last_name": "Khan", "sex": "U", "recorded_year_group": "5",
            **dated("date_of_birth", child.date_of_birth),
        })
        child.refresh_from_db()
        assert (child.recorded_year_group, child.recorded_year_group_on) == ("5", date(2026, 11, 30))
        assert child.year_group_offset == -1 and child.is_out_of_phase()
        page = client.get(url("child_detail", child.pk)).content.decode()
        assert "On their education record: Year 5" in page and "Out of phase" in page
