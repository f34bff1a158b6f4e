"""Who sees which removal request and new-pupil notice. Grace works at Oak
Primary, Mark at Elm Academy: every page of Oak's request or notice is a 404
to Mark (and to partners and report viewers), whatever the URL; the LA's
pages are a 404 to schools.
"""

import pytest
from django.urls import reverse

from referrals.tests.factories import (
    AdmissionNoticeFactory, ReferralFactory, RemovalRequestFactory, removal_answers,
)
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oaks(grace_at_oak, harbour_academy, deletion_grounds):
    """One of each of Oak Primary's records, and the URLs of each."""
    from datetime import date

    draft = RemovalRequestFactory(requested_by=grace_at_oak, answers={"first_name": "Tyler"})
    sent = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)
    CaseFactory(child=ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1)))
    notice = AdmissionNoticeFactory(notified_by=grace_at_oak, matched=True)
    notice_draft = AdmissionNoticeFactory(notified_by=grace_at_oak, draft=True, fields={"first_name": "Lena"})
    referral = ReferralFactory(referrer=grace_at_oak)
    return {
        "school": [
            reverse("referrals:removal_edit", args=[draft.pk]),
            reverse("referrals:removal_delete", args=[draft.pk]),
            reverse("referrals:removal_detail", args=[sent.pk]),
            reverse("referrals:admission_detail", args=[notice.pk]),
            reverse("referrals:admission_edit", args=[notice_draft.pk]),
            reverse("referrals:admission_delete", args=[notice_draft.pk]),
            reverse("referrals:missing_pupil_next_steps", args=[referral.pk]),
        ],
        "la": [
            reverse("referrals:removal_detail", args=[sent.pk]),
            reverse("referrals:removal_agree", args=[sent.pk]),
            reverse("referrals:removal_not_lawful", args=[sent.pk]),
            reverse("referrals:admission_detail", args=[notice.pk]),
            reverse("referrals:admission_match_confirm", args=[notice.matches.get().pk]),
            reverse("referrals:admission_match_reject", args=[notice.matches.get().pk]),
        ],
        "sent": sent, "notice": notice,
    }


def test_mark_at_elm_cannot_open_any_of_oaks_records(client, mark_at_elm, oaks):
    client.force_login(mark_at_elm)
    for url in oaks["school"] + oaks["la"]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_grace_opens_her_schools_records_but_not_the_las_pages(client, grace_at_oak, oaks):
    client.force_login(grace_at_oak)
    for url in oaks["school"]:
        assert client.get(url).status_code in (200, 302), url
    for url in oaks["la"][1:3] + oaks["la"][4:]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("referrals:removal_queue")).status_code == 404
    assert client.get(reverse("referrals:admission_matches")).status_code == 404


@pytest.mark.parametrize("person", ["nadia_partner", "raj_viewer"])
def test_partners_and_report_viewers_get_a_404_at_every_portal_url(client, oaks, person, request):
    client.force_login(request.getfixturevalue(person))
    for url in oaks["school"] + oaks["la"] + [
        reverse(f"referrals:{name}") for name in (
            "school_dashboard", "removal_start", "admission_start", "admission_upload", "missing_pupil",
            "removal_queue", "admission_matches")
    ]:
        assert client.get(url).status_code == 404, url


def test_the_la_sees_every_schools_requests_and_notices(client, priya_officer, mark_at_elm, oaks):
    client.force_login(priya_officer)
    for url in oaks["la"][:4]:
        assert client.get(url).status_code == 200, url


def test_a_school_user_who_has_left_oak_no_longer_sees_its_requests(client, grace_at_oak, oaks):
    grace_at_oak.school_memberships.all().delete()
    client.force_login(grace_at_oak)
    assert client.get(reverse("referrals:removal_detail", args=[oaks["sent"].pk])).status_code == 404
    assert client.get(reverse("referrals:admission_detail", args=[oaks["notice"].pk])).status_code == 404


def test_the_la_never_sees_a_schools_drafts(client, priya_officer, grace_at_oak, deletion_grounds):
    draft = RemovalRequestFactory(requested_by=grace_at_oak, answers={"first_name": "Tyler"})
    client.force_login(priya_officer)
    assert client.get(reverse("referrals:removal_detail", args=[draft.pk])).status_code == 404
