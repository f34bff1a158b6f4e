"""The removal request form asks what each ground needs, and no more.

Grace at Oak Primary fills in the form: the leave-of-absence date sits under
ground (h), the school attendance order question is answered for grounds
(a), (c) and (f), a ground with no destination takes "Not applicable" (or no
answer at all), and home education can name the day it starts.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Destination, RemovalFromRollRequest, RemovalStatus
from referrals.tests.factories import RemovalRequestFactory, ground

pytestmark = pytest.mark.django_db


def _date(name, value):
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def pupil(**more):
    today = timezone.localdate()
    return {
        "first_name": "Amelia", "last_name": "Nowak", **_date("date_of_birth", date(2015, 5, 4)),
        "address_line_1": "12 Church Road", "address_postcode": "SO15 2AB", "parent_name": "Joanna Nowak",
        "contact_phone": "07700 900123", **_date("last_attendance_date", today - timedelta(days=3)),
        **_date("proposed_removal_date", today), **more,
    }


@pytest.fixture
def draft(grace_at_oak, deletion_grounds):
    return RemovalRequestFactory(requested_by=grace_at_oak, answers={})


def post(client, grace, removal, data):
    client.force_login(grace)
    return client.post(reverse("referrals:removal_edit", args=[removal.pk]), data)


def test_grace_tells_us_amelia_has_died_without_a_destination_or_enquiries(client, grace_at_oak, draft):
    response = post(client, grace_at_oak, draft, pupil(ground=str(ground("died").pk)))
    assert response.status_code == 302, response.content.decode()
    draft.refresh_from_db()
    assert draft.status == RemovalStatus.SUBMITTED
    assert draft.destination == Destination.NOT_APPLICABLE and draft.located_because == ""


def test_the_form_offers_not_applicable_and_says_which_grounds_it_is_for(client, grace_at_oak, draft):
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_edit", args=[draft.pk])).content.decode()
    assert "Not applicable: this ground has no destination" in page
    assert "For grounds 9(1)(b), (k) and (l) only" in page
    assert "Does a school attendance order name your school for this pupil?" in page
    assert "Date the leave of absence ended" in page and "Date home education starts (optional)" in page


def test_ground_a_without_the_attendance_order_answer_is_refused_and_links_to_the_question(
    client, grace_at_oak, harbour_academy, draft
):
    response = post(client, grace_at_oak, draft, pupil(
        ground=str(ground("registered-elsewhere").pk), destination=Destination.NEW_SCHOOL,
        destination_school=harbour_academy.urn, located_because="school_confirmed"))
    page = response.content.decode()
    assert response.status_code == 200
    assert ('href="#id_attendance_order_names_school_0"' in page
            and "Select yes if a school attendance order names your school for the pupil, or no if not" in page)
    response = post(client, grace_at_oak, draft, pupil(
        ground=str(ground("registered-elsewhere").pk), destination=Destination.NEW_SCHOOL,
        destination_school=harbour_academy.urn, located_because="school_confirmed",
        attendance_order_names_school="yes"))
    assert "A school attendance order names Oak Primary School for Amelia" in response.content.decode()
    assert RemovalFromRollRequest.objects.get().status == RemovalStatus.DRAFT
    response = post(client, grace_at_oak, draft, pupil(
        ground=str(ground("registered-elsewhere").pk), destination=Destination.NEW_SCHOOL,
        destination_school=harbour_academy.urn, located_because="school_confirmed",
        attendance_order_names_school="no"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.attendance_order_names_school is False


def test_a_draft_keeps_the_leave_date_only_while_the_ground_is_h(client, grace_at_oak, draft):
    leave = ground("not-returned-after-leave")
    post(client, grace_at_oak, draft, {"ground": str(leave.pk), **_date("leave_of_absence_end_date", date(2026, 3, 6)),
                                       "save_as_draft": "1"})
    draft.refresh_from_db()
    assert draft.leave_of_absence_end_date == date(2026, 3, 6)
    page = client.get(reverse("referrals:removal_edit", args=[draft.pk])).content.decode()
    assert 'name="leave_of_absence_end_date_0" value="6"' in page
    post(client, grace_at_oak, draft, {"ground": str(ground("moved-away").pk),
                                       **_date("leave_of_absence_end_date", date(2026, 3, 6)), "save_as_draft": "1"})
    draft.refresh_from_db()
    assert draft.leave_of_absence_end_date is None


def test_the_ehe_start_date_is_saved_with_the_notice_and_shown_to_the_officer(
    client, grace_at_oak, priya_officer, draft
):
    today = timezone.localdate()
    starts = today + timedelta(days=14)
    response = post(client, grace_at_oak, draft, pupil(
        ground=str(ground("home-education").pk), attendance_order_names_school="no", destination=Destination.EHE,
        located_because="ehe_notice", **_date("ehe_notice_date", today), **_date("ehe_start_date", starts),
        **_date("proposed_removal_date", today)))
    assert (f"The parent’s notice says home education starts on {starts:%-d %B %Y}, and takes effect then"
            in response.content.decode())
    response = post(client, grace_at_oak, draft, pupil(
        ground=str(ground("home-education").pk), attendance_order_names_school="no", destination=Destination.EHE,
        located_because="ehe_notice", **_date("ehe_notice_date", today), **_date("ehe_start_date", starts),
        **_date("proposed_removal_date", starts)))
    assert response.status_code == 302
    client.force_login(priya_officer)
    page = client.get(reverse("referrals:removal_detail", args=[draft.pk])).content.decode()
    assert f"home education starts on {starts:%-d %B %Y}" in page
