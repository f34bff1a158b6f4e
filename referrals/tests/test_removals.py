"""Removal from roll: Grace at Oak Primary asks, Priya (CME officer) decides.

Lawful removal agreed tells the school it may delete the pupil and which
CTF destination to use; with the destination unknown, the CME team holds a
"leaver – destination unknown" case — exactly one, however often the
request is agreed or sent. Not lawful keeps the pupil on roll, with a reason
the school sees.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from cme.audit.models import AccessLog
from referrals import services
from referrals.models import RemovalFromRollRequest, RemovalStatus
from referrals.tests.factories import (
    RemovalRequestFactory, removal_answers, unknown_destination_answers,
)
from referrals.workflow.removals import TransitionRefused
from tracking.models import Case, Category, EventKind, Notification
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amelia_moving_to_harbour(grace_at_oak, harbour_academy, deletion_grounds):
    return RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)


@pytest.fixture
def bea_gone_nobody_knows_where(grace_at_oak, deletion_grounds):
    return RemovalRequestFactory(
        requested_by=grace_at_oak, submitted=True,
        answers=unknown_destination_answers(first_name="Bea", last_name="Kowalczyk", date_of_birth=date(2014, 2, 3)),
    )


def test_grace_sends_a_request_and_is_told_its_reference_by_email(
    grace_at_oak, harbour_academy, deletion_grounds, django_capture_on_commit_callbacks
):
    removal = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy))
    with django_capture_on_commit_callbacks(execute=True):
        services.send_removal(removal, by=grace_at_oak)
    assert removal.status == RemovalStatus.SUBMITTED
    assert removal.reference.startswith(f"RFR-{timezone.localdate().year}-")
    [email] = mail.outbox
    assert email.to == [grace_at_oak.email] and removal.reference in email.subject
    assert "Amelia" not in email.body  # no pupil's name in an e-mail
    assert removal.events.get().summary == "Request received from Oak Primary School: 9(1)(a) Registered at another school"


def test_priya_agrees_and_grace_sees_the_decision_and_the_new_schools_ctf_destination(
    client, grace_at_oak, priya_officer, amelia_moving_to_harbour
):
    client.force_login(priya_officer)
    response = client.post(reverse("referrals:removal_agree", args=[amelia_moving_to_harbour.pk]),
                           {"la_enquiries": "", "message": "Harbour Academy confirmed by phone."})
    assert response.status_code == 302
    amelia_moving_to_harbour.refresh_from_db()
    assert amelia_moving_to_harbour.status == RemovalStatus.AGREED
    assert amelia_moving_to_harbour.ctf_destination == "8524102"
    assert amelia_moving_to_harbour.case is None and Case.objects.count() == 0  # the school knows where she is

    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_detail", args=[amelia_moving_to_harbour.pk])).content.decode()
    today = timezone.localdate()
    assert f"you may delete Amelia Nowak from the admission register on {today.day} {today:%B %Y}" in page
    assert "8524102" in page and "Send the CTF to Harbour Academy, DfE number 852/4102" in page
    assert "Harbour Academy confirmed by phone." in page


def test_an_unknown_destination_opens_exactly_one_leaver_case_with_the_request_on_its_timeline(
    client, priya_officer, bea_gone_nobody_knows_where
):
    removal = bea_gone_nobody_knows_where
    client.force_login(priya_officer)
    url = reverse("referrals:removal_agree", args=[removal.pk])
    form = client.get(url).content.decode()
    assert "None of these: create a new record" in form
    first = client.post(url, {"child": "new", "la_enquiries": "Child health and admissions: nothing."})
    second = client.post(url, {"child": "new", "la_enquiries": "Child health and admissions: nothing."})  # double click
    assert first.status_code == second.status_code == 302
    services.agree_removal(removal, by=priya_officer, create_child=True)  # and again, by the service

    case = Case.objects.get()
    removal.refresh_from_db()
    assert removal.case == case and removal.la_holds_case and removal.ctf_destination == "XXXXXXX"
    assert case.category == Category.LEAVER_DESTINATION_UNKNOWN and case.assigned_officer == priya_officer
    assert case.child.first_name == "Bea" and case.last_known_school.name == "Oak Primary School"
    removal_events = case.events.filter(kind=EventKind.REMOVAL)
    assert removal_events.count() == 1
    assert removal_events.get().summary.startswith(f"Removal from roll {removal.reference} (Oak Primary School): "
                                                   "Lawful removal agreed. CTF destination XXXXXXX")
    assert removal.events.filter(kind="decision").count() == 1
    assert removal.events.get(kind="case").summary == f"A CME case opened, {case.reference}, for Bea Kowalczyk"


def test_a_second_request_for_the_same_pupil_joins_her_case_rather_than_opening_another(
    grace_at_oak, priya_officer, bea_gone_nobody_knows_where
):
    services.agree_removal(bea_gone_nobody_knows_where, by=priya_officer, create_child=True)
    bea_gone_nobody_knows_where.refresh_from_db()
    again = RemovalRequestFactory(
        requested_by=grace_at_oak, submitted=True,
        answers=unknown_destination_answers(first_name="Bea", last_name="Kowalczyk", date_of_birth=date(2014, 2, 3)),
    )
    services.agree_removal(again, by=priya_officer, child=bea_gone_nobody_knows_where.child)
    assert Case.objects.count() == 1
    assert again.case == bea_gone_nobody_knows_where.case
    assert again.events.get(kind="case").summary.startswith("Added to the open CME case")


def test_sending_the_same_pupil_twice_while_the_first_waits_is_refused(
    grace_at_oak, amelia_moving_to_harbour, harbour_academy
):
    again = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy))
    with pytest.raises(TransitionRefused) as refused:
        services.send_removal(again, by=grace_at_oak)
    assert refused.value.errors == [
        f"You have already asked to remove Amelia Nowak ({amelia_moving_to_harbour.reference}): we will decide on "
        "that request"]
    # The database says so too, whatever the code in front of it does.
    with pytest.raises(IntegrityError), transaction.atomic():
        RemovalFromRollRequest.objects.filter(pk=again.pk).update(status=RemovalStatus.SUBMITTED, reference="RFR-X")


def test_a_double_click_on_send_sends_once(client, grace_at_oak, harbour_academy, deletion_grounds):
    removal = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy))
    client.force_login(grace_at_oak)
    url = reverse("referrals:removal_edit", args=[removal.pk])
    data = {"first_name": "Amelia", "last_name": "Nowak"}  # what the page posts is re-read; the draft has the rest
    client.post(url, {**_form_data(removal), **data})
    second = client.post(url, {**_form_data(removal), **data})
    assert second.status_code == 302 and second["Location"] == reverse("referrals:removal_detail", args=[removal.pk])
    assert RemovalFromRollRequest.objects.get().status == RemovalStatus.SUBMITTED


def _form_data(removal):
    """What the request form posts for a saved draft."""
    data = {}
    for name in ("first_name", "last_name", "upn", "year_group", "address_line_1", "address_town",
                 "address_postcode", "parent_name", "parent_relationship", "contact_phone", "destination",
                 "located_because"):
        data[name] = getattr(removal, name)
    for name in ("date_of_birth", "last_attendance_date", "proposed_removal_date"):
        value = getattr(removal, name)
        data.update({f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year})
    data["ground"] = str(removal.ground_id)
    data["attendance_order_names_school"] = {True: "yes", False: "no"}.get(removal.attendance_order_names_school, "")
    data["destination_school"] = removal.destination_school.urn if removal.destination_school_id else ""
    return data


def test_a_child_with_a_failed_to_track_alert_reappearing_is_told_to_the_senior_officers(
    grace_at_oak, priya_officer, sam_senior, deletion_grounds
):
    lost = ChildFactory(first_name="Bea", last_name="Kowalczyk", date_of_birth=date(2014, 2, 3))
    CaseFactory(child=lost, failed_to_track=True, failed_to_track__signed_off_by=sam_senior)
    removal = RemovalRequestFactory(
        requested_by=grace_at_oak, submitted=True,
        answers=unknown_destination_answers(first_name="Bea", last_name="Kowalczyk", date_of_birth=date(2014, 2, 3)),
    )
    services.agree_removal(removal, by=priya_officer, child=lost)
    [notice] = Notification.objects.filter(recipient=sam_senior, child=lost)
    assert f"removal from roll request {removal.reference} from Oak Primary School was agreed" in notice.message
    assert removal.case.child == lost and removal.case.category == Category.LEAVER_DESTINATION_UNKNOWN


def test_agreeing_without_choosing_the_childs_record_says_what_to_do(client, priya_officer, bea_gone_nobody_knows_where):
    client.force_login(priya_officer)
    response = client.post(reverse("referrals:removal_agree", args=[bea_gone_nobody_knows_where.pk]), {})
    assert response.status_code == 200
    assert ("Choose Bea Kowalczyk’s record, or create a new one: the local authority will hold a CME case for them"
            in response.content.decode())
    assert Case.objects.count() == 0


def test_ground_i_needs_the_local_authoritys_enquiries_before_agreeing(
    grace_at_oak, priya_officer, deletion_grounds, la_term_dates, time_machine
):
    from cme.schooldays.models import DeletionGround
    from referrals.tests.factories import ground

    time_machine.move_to(date(2026, 3, 27))
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(
        ground=ground(DeletionGround.TWENTY_SCHOOL_DAYS), absence_codes_confirmed=True,
        last_attendance_date=date(2026, 2, 27), proposed_removal_date=date(2026, 3, 28),
        home_visit_date=date(2026, 3, 20)))
    with pytest.raises(TransitionRefused) as refused:
        services.agree_removal(removal, by=priya_officer, create_child=True)
    assert refused.value.errors[0].startswith("Enter the enquiries the local authority has made")
    services.agree_removal(removal, by=priya_officer, create_child=True, la_enquiries="Child health: no trace.")
    assert removal.la_enquiries == "Child health: no trace." and removal.case is not None


def test_the_cme_team_can_confirm_a_destination_the_school_could_not(grace_at_oak, priya_officer, harbour_academy,
                                                                     deletion_grounds):
    from referrals.models import Destination, LocatedBecause

    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=removal_answers(
        harbour_academy, located_because=LocatedBecause.OTHER, evidence_details="The mother told the class teacher."))
    services.agree_removal(removal, by=priya_officer, destination_confirmed=True)
    assert removal.destination == Destination.NEW_SCHOOL and removal.destination_confirmed_by_la
    assert removal.case is None and Case.objects.count() == 0


def test_not_lawful_keeps_the_pupil_on_roll_and_grace_sees_why(client, grace_at_oak, priya_officer,
                                                               amelia_moving_to_harbour):
    client.force_login(priya_officer)
    client.post(reverse("referrals:removal_not_lawful", args=[amelia_moving_to_harbour.pk]),
                {"reason": "Harbour Academy has no record of Amelia: keep her on roll and call us."})
    amelia_moving_to_harbour.refresh_from_db()
    assert amelia_moving_to_harbour.status == RemovalStatus.NOT_LAWFUL
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_detail", args=[amelia_moving_to_harbour.pk])).content.decode()
    assert "Not lawful: Amelia Nowak remains on roll." in page
    assert "Harbour Academy has no record of Amelia: keep her on roll and call us." in page
    assert "CTF destination" not in page


def test_not_lawful_needs_a_reason(client, priya_officer, amelia_moving_to_harbour):
    client.force_login(priya_officer)
    response = client.post(reverse("referrals:removal_not_lawful", args=[amelia_moving_to_harbour.pk]), {"reason": ""})
    assert "Enter why the removal is not lawful: the school will see it" in response.content.decode()
    amelia_moving_to_harbour.refresh_from_db()
    assert amelia_moving_to_harbour.status == RemovalStatus.SUBMITTED


def test_only_cme_officers_decide(alex_admin, amelia_moving_to_harbour):
    with pytest.raises(TransitionRefused) as refused:
        services.agree_removal(amelia_moving_to_harbour, by=alex_admin)
    assert refused.value.errors == ["Only a CME officer can decide whether a removal from roll is lawful"]


def test_the_decision_is_on_the_requests_timeline_for_the_la_but_not_shown_to_the_school(
    client, grace_at_oak, priya_officer, bea_gone_nobody_knows_where
):
    services.agree_removal(bea_gone_nobody_knows_where, by=priya_officer, create_child=True,
                           la_enquiries="Checked child health: no trace.")
    client.force_login(priya_officer)
    officer_page = client.get(reverse("referrals:removal_detail", args=[bea_gone_nobody_knows_where.pk])).content.decode()
    assert "Timeline" in officer_page and "The local authority’s enquiries: Checked child health: no trace." in officer_page
    assert bea_gone_nobody_knows_where.case.reference in officer_page
    client.force_login(grace_at_oak)
    school_page = client.get(reverse("referrals:removal_detail", args=[bea_gone_nobody_knows_where.pk])).content.decode()
    assert "Timeline" not in school_page and bea_gone_nobody_knows_where.case.reference not in school_page
    assert "the CME team now holds the case" in school_page and "XXXXXXX" in school_page


def test_every_view_of_a_request_page_is_logged(client, grace_at_oak, priya_officer, amelia_moving_to_harbour):
    for user in (grace_at_oak, priya_officer):
        client.force_login(user)
        client.get(reverse("referrals:removal_detail", args=[amelia_moving_to_harbour.pk]))
    logged = AccessLog.objects.filter(object_type="removal_request", object_id=str(amelia_moving_to_harbour.pk))
    assert {entry.user for entry in logged} == {grace_at_oak, priya_officer}


def test_a_draft_is_saved_with_what_is_typed_and_nothing_more(client, grace_at_oak, deletion_grounds):
    client.force_login(grace_at_oak)
    start = client.post(reverse("referrals:removal_start"))
    removal = RemovalFromRollRequest.objects.get()
    assert start["Location"] == reverse("referrals:removal_edit", args=[removal.pk])
    response = client.post(start["Location"], {"first_name": "Amelia", "save_as_draft": "1"})
    assert response["Location"] == reverse("referrals:school_dashboard")
    removal.refresh_from_db()
    assert removal.first_name == "Amelia" and removal.status == RemovalStatus.DRAFT
    dashboard = client.get(reverse("referrals:school_dashboard")).content.decode()
    assert "Your request to remove Amelia from roll has not been sent" in dashboard


def test_sending_an_empty_request_lists_every_answer_needed_and_keeps_what_was_typed(
    client, grace_at_oak, deletion_grounds
):
    client.force_login(grace_at_oak)
    client.post(reverse("referrals:removal_start"))
    removal = RemovalFromRollRequest.objects.get()
    response = client.post(reverse("referrals:removal_edit", args=[removal.pk]),
                           {"first_name": "Amelia", "upn": "A80120011200"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "A UPN is 13 characters; you entered 12" in page
    assert 'value="Amelia"' in page


def test_a_date_outside_the_calendar_is_a_message_not_an_error_page(client, grace_at_oak, deletion_grounds,
                                                                    la_term_dates):
    from cme.schooldays.models import DeletionGround

    client.force_login(grace_at_oak)
    client.post(reverse("referrals:removal_start"))
    removal = RemovalFromRollRequest.objects.get()
    twenty = DeletionGround.objects.twenty_school_days()
    today = timezone.localdate()
    response = client.post(reverse("referrals:removal_edit", args=[removal.pk]), {
        "ground": str(twenty.pk), "last_attendance_date_0": "10", "last_attendance_date_1": "1",
        "last_attendance_date_2": "2001", "proposed_removal_date_0": today.day,
        "proposed_removal_date_1": today.month, "proposed_removal_date_2": today.year,
    })
    assert response.status_code == 200
    assert "We cannot count school days for the date of last attendance (10 January 2001)" in response.content.decode()


def test_the_queue_lists_requests_waiting_longest_first(client, priya_officer, grace_at_oak, mark_at_elm,
                                                        harbour_academy, deletion_grounds):
    first = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)
    second = RemovalRequestFactory(requested_by=mark_at_elm, submitted=True, answers=removal_answers(
        harbour_academy, first_name="Tyler", last_name="Price"))
    RemovalFromRollRequest.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    client.force_login(priya_officer)
    page = client.get(reverse("referrals:removal_queue")).content.decode()
    assert page.index(first.reference) < page.index(second.reference)
    assert "Elm Academy" in page and "Due now" in page


def test_only_staff_of_a_school_start_a_request_for_it(nadia_partner, mark_at_elm, oak_primary):
    with pytest.raises(services.ServiceError, match="Only school staff ask to remove a pupil from roll"):
        services.start_removal(by=nadia_partner)
    with pytest.raises(services.ServiceError, match="You can only ask to remove a pupil from a school you work at"):
        services.start_removal(by=mark_at_elm, school=oak_primary)
    with pytest.raises(services.ServiceError, match="Select the school the pupil is on roll at"):
        services.start_removal(by=UserFactory(role=Role.SCHOOL_USER))
    assert not RemovalFromRollRequest.objects.exists()


def test_grace_deletes_a_draft_she_no_longer_needs_but_not_a_sent_request(client, grace_at_oak,
                                                                         amelia_moving_to_harbour):
    draft = RemovalRequestFactory(requested_by=grace_at_oak, answers={"first_name": "Tyler"})
    client.force_login(grace_at_oak)
    url = reverse("referrals:removal_delete", args=[draft.pk])
    assert "Are you sure you want to delete this draft request?" in client.get(url).content.decode()
    assert client.post(url)["Location"] == reverse("referrals:removal_start")
    assert not RemovalFromRollRequest.objects.filter(pk=draft.pk).exists()
    sent = client.post(reverse("referrals:removal_delete", args=[amelia_moving_to_harbour.pk]))
    assert sent["Location"] == reverse("referrals:removal_detail", args=[amelia_moving_to_harbour.pk])
    assert RemovalFromRollRequest.objects.filter(pk=amelia_moving_to_harbour.pk).exists()


_ANSWER = st.text(max_size=30) | st.sampled_from(["", "0", "-1", "99999999", "116302", "agreed", "new_school", "x" * 400])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from([
    "first_name", "upn", "ground", "destination", "destination_school", "located_because", "home_visit_outcome",
    "last_attendance_date_0", "last_attendance_date_2", "proposed_removal_date_1", "ehe_notice_date_2",
    "year_group", "absence_codes_confirmed", "save_as_draft",
]), _ANSWER, max_size=8))
def test_whatever_grace_types_the_request_form_answers_with_a_page_not_an_error(client, grace_at_oak, deletion_grounds,
                                                                             data):
    removal = RemovalRequestFactory(requested_by=grace_at_oak, answers={})
    client.force_login(grace_at_oak)
    data = {key: value.replace("\x00", "") for key, value in data.items()}
    response = client.post(reverse("referrals:removal_edit", args=[removal.pk]), data)
    assert response.status_code in (200, 302)


def test_staff_of_two_schools_choose_which_one_the_request_is_for(client, grace_at_oak, elm_academy, deletion_grounds):
    from tracking.tests.factories import SchoolMembershipFactory

    SchoolMembershipFactory(user=grace_at_oak, school=elm_academy)
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_start")).content.decode()
    assert "Which school is this for?" in page
    assert "Select the school" in client.post(reverse("referrals:removal_start")).content.decode()
    response = client.post(reverse("referrals:removal_start"), {"school": elm_academy.pk})
    removal = RemovalFromRollRequest.objects.get()
    assert removal.school == elm_academy
    assert response["Location"] == reverse("referrals:removal_edit", args=[removal.pk])
