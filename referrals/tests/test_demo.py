"""The demo referrals load once, in every state, from the demo referrers."""

import io
from collections import Counter

import pytest

from cme.accounts import demo as accounts_demo
from referrals import demo
from referrals.models import Referral, ReferralStatus
from tracking.demo import schools as school_demo

pytestmark = pytest.mark.django_db


def test_sixty_demo_referrals_in_every_state_and_loading_again_adds_none(la_term_dates):
    out = io.StringIO()
    accounts_demo.seed(out)
    school_demo.seed(out)
    demo.seed(out)
    statuses = Counter(Referral.objects.values_list("status", flat=True))
    assert sum(statuses.values()) == 60
    assert set(statuses) == set(ReferralStatus.values)
    assert {r.referrer.email for r in Referral.objects.select_related("referrer")} == {
        demo.GRACE, demo.MARK, demo.NADIA, demo.OWEN}
    accepted = Referral.objects.filter(status=ReferralStatus.ACCEPTED).prefetch_related("children")
    assert all(child.case_id for referral in accepted for child in referral.children.all())
    assert Referral.objects.filter(status=ReferralStatus.SUBMITTED, child_protection_concern=True).exists()

    demo.seed(out)
    assert Referral.objects.count() == 60
    assert "Referrals: already loaded (60)." in out.getvalue()


def test_the_demo_removal_requests_and_new_pupil_notices_are_in_every_state_and_load_once(
    la_term_dates, deletion_grounds
):
    from referrals.models import AdmissionMatch, AdmissionNotice, MatchStatus, RemovalFromRollRequest, RemovalStatus
    from tracking.models import Category
    from tracking.tests.factories import CaseFactory, ChildFactory

    out = io.StringIO()
    accounts_demo.seed(out)
    school_demo.seed(out)
    for first, last in (("Amelia", "Nowak"), ("Kacper", "Lewandowski")):  # children the CME team is looking for
        CaseFactory(child=ChildFactory(first_name=first, last_name=last))
    demo.seed(out)
    removals = RemovalFromRollRequest.objects.all()
    assert set(removals.values_list("status", flat=True)) == set(RemovalStatus.values)
    held = removals.filter(la_holds_case=True)
    assert held.count() == 2 and all(r.case.category == Category.LEAVER_DESTINATION_UNKNOWN for r in held)
    assert {r.ctf_destination for r in removals.filter(status="agreed")} == {"8524102", "MMMMMMM", "XXXXXXX"}
    assert set(AdmissionNotice.objects.values_list("status", flat=True)) == {"draft", "sent"}
    assert set(AdmissionMatch.objects.values_list("status", flat=True)) == set(MatchStatus.values)

    counts = (removals.count(), AdmissionNotice.objects.count())
    demo.seed(out)
    assert (RemovalFromRollRequest.objects.count(), AdmissionNotice.objects.count()) == counts
    assert "Removal requests: already loaded" in out.getvalue()
