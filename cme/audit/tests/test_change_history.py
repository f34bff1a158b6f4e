"""Field-level history of children, cases and users: who changed what, when."""

import pytest
from django.urls import reverse

from cme.accounts.models import Role
from cme.audit.history import changes
from cme.schooldays.identifiers import upn_check_letter
from tracking import services
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


def test_a_child_record_shows_who_changed_which_field(client, priya_officer, sam_senior):
    child = ChildFactory(first_name="Kacper", last_name="Nowak", upn="")
    upn = upn_check_letter("801200112001") + "801200112001"
    services.update_child(child, by=priya_officer, upn=upn)
    [latest, *_] = changes(child)
    assert latest.kind == "Changed" and latest.who == priya_officer
    assert ("UPN", "—", upn) in latest.fields

    client.force_login(sam_senior)
    page = client.get(reverse("tracking:child_detail", args=[child.pk])).content.decode()
    assert "Change history" in page and f"UPN: — → {upn}" in page


def test_a_case_reassignment_names_both_officers(priya_officer, tom_officer, sam_senior, client):
    case = CaseFactory(assigned_officer=priya_officer)
    services.assign(case, by=sam_senior, officer=tom_officer)
    [latest, *_] = changes(case)
    assert ("Assigned officer", str(priya_officer), str(tom_officer)) in latest.fields


def test_the_history_costs_the_same_queries_however_long(priya_officer, tom_officer, sam_senior, django_assert_num_queries):
    case = CaseFactory(assigned_officer=priya_officer)
    services.assign(case, by=sam_senior, officer=tom_officer)
    with django_assert_num_queries(2):
        changes(case)
    for _ in range(10):
        services.assign(case, by=sam_senior, officer=priya_officer)
        services.assign(case, by=sam_senior, officer=tom_officer)
    with django_assert_num_queries(2):
        assert len(changes(case)) >= 20


def test_a_role_change_is_recorded_with_who_made_it(client, alex_admin, priya_officer):
    from cme.audit.history import changes as history_of

    alex_admin.is_staff = alex_admin.is_superuser = True
    alex_admin.save()
    client.force_login(alex_admin)
    data = {
        "email": priya_officer.email, "first_name": "Priya", "last_name": "Shah", "role": Role.SENIOR_OFFICER,
        "organisation": "", "job_title": "", "phone": "", "is_active": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
    }
    response = client.post(reverse("admin:accounts_user_change", args=[priya_officer.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [latest, *_] = history_of(priya_officer)
    assert latest.who == alex_admin
    assert ("Role", "CME officer", "Senior CME officer or manager") in latest.fields


def test_a_status_change_through_the_workflow_names_who_made_it(priya_officer):
    from tracking import workflow
    from tracking.models import Outcome

    case = CaseFactory()
    workflow.transition(case, "locate", priya_officer, outcome=Outcome.OTHER_LA, details="Hampshire confirmed")
    [latest, *_] = changes(case)
    assert latest.who == priya_officer
    assert ("Status", "Open", "Located") in latest.fields
