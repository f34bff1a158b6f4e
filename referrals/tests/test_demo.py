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
