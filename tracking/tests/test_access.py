"""Every page of the tracking app is for the local authority's staff. School
staff, partners and report viewers get "Page not found" on every one, GET or
POST, so they never learn that a child or case exists."""

import pytest
from django.urls import reverse

from tracking import services, urls
from tracking.models import ChildAlert, FlagKind, Notification, RecheckTask
from tracking.tests.conftest import pdf_file
from tracking.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ["grace_at_oak", "mark_at_elm", "nadia_partner", "owen_partner", "raj_viewer"]
POST_ONLY = {"notification_read", "notifications_read_all"}
SENIOR_ONLY = {"child_clear_alert", "child_export"}


@pytest.fixture
def everything(amira_case, priya_officer, sam_senior, private_storage):
    """A record behind every URL: a case with a document, a contact and a risk
    factor; a failed-to-track child with an alert, a re-check and a notification."""
    child = amira_case.child
    document = services.upload_document(amira_case, by=priya_officer, uploaded=pdf_file())
    contact = services.add_contact(child, by=priya_officer, name="Saira Khan", relationship="Mother")
    flag = services.add_flag(child, by=priya_officer, kind=FlagKind.YOUNG_CARER)
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior)
    alert = ChildAlert.objects.get(child=lost.child)
    recheck = RecheckTask.objects.create(child=lost.child, year=2026, due_on=lost.closed_on)
    notification = Notification.objects.create(recipient=sam_senior, child=lost.child, message="Seen", event_key="x")
    step = services.active_checklist_steps().first()
    case, child_pk = amira_case.pk, child.pk
    return {
        "school_list": [], "my_caseload": [], "team_caseload": [], "sign_off_queue": [], "recheck_tasks": [],
        "child_search": [], "child_create": [], "notifications": [], "notifications_read_all": [],
        "case_detail": [case], "case_transition": [case, "locate"], "case_enquiry": [case],
        "case_home_visit": [case], "case_note": [case], "case_next_action": [case], "case_assign": [case],
        "case_priority": [case], "case_category": [case], "case_document_upload": [case],
        "case_document": [case, document.pk], "case_checklist": [case], "case_checklist_step": [case, step.pk],
        "recheck_task": [recheck.pk], "child_detail": [child_pk], "child_open_case": [child_pk],
        "child_edit": [child_pk], "child_add_name": [child_pk], "child_add_address": [child_pk],
        "child_add_contact": [child_pk], "child_edit_contact": [child_pk, contact.pk],
        "child_add_enrolment": [child_pk], "child_add_flag": [child_pk], "child_end_flag": [child_pk, flag.pk],
        "child_add_sibling": [child_pk], "child_clear_alert": [lost.child.pk, alert.pk],
        "notification_read": [notification.pk], "child_export": [child_pk, "json"],
    }


def every_url(everything):
    return [(name, reverse(f"tracking:{name}", args=args)) for name, args in everything.items()]


def test_the_list_of_pages_here_is_every_page_of_the_app(everything):
    assert set(everything) == {pattern.name for pattern in urls.urlpatterns}


@pytest.mark.parametrize("person", OUTSIDERS)
def test_people_outside_the_local_authority_get_not_found_on_every_page(client, request, person, everything):
    client.force_login(request.getfixturevalue(person))
    for name, url in every_url(everything):
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name


def test_an_officer_reaches_every_page_except_a_senior_officers(client, priya_officer, everything):
    client.force_login(priya_officer)
    for name, url in every_url(everything):
        expected = 405 if name in POST_ONLY else 404 if name in SENIOR_ONLY else 200
        assert client.get(url).status_code == expected, name


def test_a_senior_officer_clears_alerts_but_not_another_persons_notifications(client, sam_senior, priya_officer, everything):
    client.force_login(sam_senior)
    assert client.get(reverse("tracking:child_clear_alert", args=everything["child_clear_alert"])).status_code == 200
    client.force_login(priya_officer)
    assert client.post(reverse("tracking:notification_read", args=everything["notification_read"])).status_code == 404
    assert Notification.objects.get().read_at is None


def test_signed_out_people_are_asked_to_sign_in(client, everything):
    for name, url in every_url(everything):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def test_an_administrator_keeps_the_checklist_steps_and_schools_but_not_the_case_records(admin_client, everything):
    from django.contrib import admin

    for model in ["checkliststep", "school", "localauthority", "schoolmembership"]:
        assert admin_client.get(reverse(f"admin:tracking_{model}_changelist")).status_code == 200
    registered = {model._meta.model_name for model in admin.site._registry if model._meta.app_label == "tracking"}
    assert not registered & {"child", "case", "caseevent", "casedocument"}


def test_every_page_about_a_child_or_case_is_on_the_access_log(client, priya_officer, everything):
    """Not only the main pages: the forms about a child or case show their details too."""
    from cme.audit.models import AccessLog

    client.force_login(priya_officer)
    for name, url in every_url(everything):
        args = everything[name]
        if not args or name in SENIOR_ONLY | POST_ONLY | {"recheck_task"}:
            continue
        before = AccessLog.objects.count()
        client.get(url)
        assert AccessLog.objects.count() > before, f"{name} is not logged"
