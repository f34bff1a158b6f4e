"""Who sees which referral. Another school's or another partner's referral is
a 404 at every URL; the LA's pages are a 404 to referrers; what the LA
writes for itself never reaches the referrer.

Grace works at Oak Primary, Mark at Elm Academy; Nadia and Owen are partner
professionals at different organisations.
"""

import pytest
from django.urls import reverse

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from referrals import services
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from tracking import services as tracking_services
from tracking.models import SchoolMembership
from tracking.tests.factories import SchoolMembershipFactory

pytestmark = pytest.mark.django_db


def referrer_urls(referral):
    """Every URL a referrer may use about one referral (draft or sent)."""
    child = referral.children.first()
    pk = referral.pk
    return [
        reverse("referrals:my_referral", args=[pk]),
        reverse("referrals:sent", args=[pk]),
        reverse("referrals:check", args=[pk]),
        reverse("referrals:delete_draft", args=[pk]),
        reverse("referrals:children", args=[pk]),
        reverse("referrals:child_add", args=[pk]),
        reverse("referrals:child_edit", args=[pk, child.pk]),
        reverse("referrals:child_remove", args=[pk, child.pk]),
        *[reverse("referrals:step", args=[pk, slug])
          for slug in ("school", "family", "attendance", "risk", "actions", "home-visit", "referrer")],
    ]


def officer_urls(referral):
    child = referral.children.first()
    pk = referral.pk
    return [
        reverse("referrals:referral_detail", args=[pk]),
        reverse("referrals:accept", args=[pk]),
        reverse("referrals:request_info", args=[pk]),
        reverse("referrals:not_cme", args=[pk]),
        reverse("referrals:duplicate", args=[pk]),
        reverse("referrals:message_referrer", args=[pk]),
        reverse("referrals:match_child", args=[pk, child.pk]),
        reverse("referrals:create_child", args=[pk, child.pk]),
        reverse("referrals:unmatch_child", args=[pk, child.pk]),
    ]


@pytest.mark.parametrize("sent", [False, True], ids=["draft", "sent"])
def test_mark_at_elm_cannot_open_graces_referral_from_oak_at_any_url(client, grace_at_oak, mark_at_elm, sent):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=sent)
    client.force_login(mark_at_elm)
    for url in referrer_urls(referral) + officer_urls(referral):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"text": "x", "parent_name": "x"}).status_code == 404, url
    assert referral.reference is None or referral.reference not in client.get(reverse("referrals:my_referrals")).content.decode()


@pytest.mark.parametrize("sent", [False, True], ids=["draft", "sent"])
def test_owen_cannot_open_nadias_referral_at_any_url(client, nadia_partner, owen_partner, sent):
    referral = ReferralFactory(referrer=nadia_partner, submitted=sent)
    client.force_login(owen_partner)
    for url in referrer_urls(referral) + officer_urls(referral):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"text": "x", "parent_name": "x"}).status_code == 404, url
    assert "Kacper Nowak" not in client.get(reverse("referrals:my_referrals")).content.decode()


def test_graces_colleague_at_oak_sees_what_oak_sent_but_not_her_draft(client, grace_at_oak, oak_primary):
    colleague = SchoolMembershipFactory(school=oak_primary).user
    sent = ReferralFactory(referrer=grace_at_oak, submitted=True)
    draft = ReferralFactory(referrer=grace_at_oak)
    client.force_login(colleague)
    assert client.get(reverse("referrals:my_referral", args=[sent.pk])).status_code == 200
    assert sent.reference in client.get(reverse("referrals:my_referrals")).content.decode()
    assert client.get(reverse("referrals:check", args=[draft.pk])).status_code == 404
    assert list(Referral.objects.visible_to(colleague)) == [sent]


def test_someone_who_has_left_oak_no_longer_sees_what_they_sent_from_it(client, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    SchoolMembership.objects.filter(user=grace_at_oak).delete()
    client.force_login(grace_at_oak)
    assert client.get(reverse("referrals:my_referral", args=[referral.pk])).status_code == 404


@pytest.mark.parametrize("who", ["grace_at_oak", "nadia_partner", "raj_viewer"])
def test_the_triage_pages_are_not_found_for_people_outside_the_cme_team(client, request, who, nadia_partner):
    referral = ReferralFactory(referrer=nadia_partner, submitted=True)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("referrals:triage_queue")).status_code == 404
    for url in officer_urls(referral):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["priya_officer", "raj_viewer", "alex_admin"])
def test_the_referral_form_is_for_schools_and_partners(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("referrals:start")).status_code == 404
    assert client.get(reverse("referrals:my_referrals")).status_code == 404


def test_the_la_sees_every_sent_referral_and_no_drafts(grace_at_oak, nadia_partner, priya_officer):
    sent = [ReferralFactory(referrer=grace_at_oak, submitted=True), ReferralFactory(referrer=nadia_partner, submitted=True)]
    ReferralFactory(referrer=nadia_partner)
    assert set(Referral.objects.visible_to(priya_officer)) == set(sent)
    assert list(Referral.objects.visible_to(UserFactory(role=Role.REPORT_VIEWER))) == []


def test_the_referrer_never_sees_the_las_case_notes_or_timeline(client, grace_at_oak, priya_officer):
    referral = ReferralFactory(referrer=grace_at_oak, accepted=True, by=priya_officer)
    case = referral.children.get().case
    tracking_services.add_note(case, by=priya_officer, text="Mother known to police; do not visit alone")
    services.send_message(referral, by=priya_officer, text="Thank you, we have opened a case.")
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:my_referral", args=[referral.pk])).content.decode()
    assert "Accepted – we are looking for this child" in page
    assert "Thank you, we have opened a case." in page
    assert "do not visit alone" not in page
    assert case.reference not in page
    assert "Priya" not in page  # the team speaks as the team


def test_the_referrer_sees_plain_words_for_each_status(client, grace_at_oak, priya_officer):
    expected = {
        ReferralFactory(referrer=grace_at_oak, submitted=True): "Received",
        ReferralFactory(referrer=grace_at_oak, info_requested=True, by=priya_officer): "We need more information",
        ReferralFactory(referrer=grace_at_oak, accepted=True, by=priya_officer): "Accepted – we are looking for this child",
        ReferralFactory(referrer=grace_at_oak, not_cme=True, by=priya_officer): "Not a CME case",
    }
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:my_referrals")).content.decode()
    for referral, words in expected.items():
        row = page[page.index(referral.reference):]
        row = row[:row.index("</tr>")]
        assert words in row, referral.reference


def test_my_referrals_costs_the_same_queries_for_5_or_30_referrals(client, grace_at_oak, priya_officer, django_assert_num_queries):
    def make(n):
        for i in range(n):
            ReferralFactory(referrer=grace_at_oak, submitted=True, accepted=i % 3 == 0, by=priya_officer)

    client.force_login(grace_at_oak)
    make(5)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as at_five:
        client.get(reverse("referrals:my_referrals"))
    make(25)
    with django_assert_num_queries(len(at_five)):
        response = client.get(reverse("referrals:my_referrals"))
    assert len(response.context["page"].object_list) == 30


def test_someone_who_has_left_a_school_cannot_send_its_draft(grace_at_oak):
    from referrals import workflow
    from tracking.models import SchoolMembership

    draft = ReferralFactory(referrer=grace_at_oak)
    SchoolMembership.objects.filter(user=grace_at_oak).delete()
    with pytest.raises(workflow.TransitionRefused, match="no longer act for"):
        workflow.transition(draft, "submit", grace_at_oak)
