"""Retention and subject access reach the referrals app's records too."""

import json
from datetime import date

import pytest
from django.urls import reverse

from referrals.models import Referral, ReferralChild
from referrals.tests.factories import ReferralFactory
from tracking.models import Child
from tracking.retention import erase_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(grace_at_oak, priya_officer):
    return ReferralFactory(referrer=grace_at_oak, accepted=True, by=priya_officer)


def test_erasing_a_child_erases_the_referral_about_them(accepted, priya_officer):
    from tracking import workflow
    from tracking.models import Outcome

    child = accepted.children.get().child
    case = child.cases.get()
    workflow.transition(case, "locate", priya_officer, outcome=Outcome.OTHER_LA, details="Hampshire")
    workflow.transition(case, "close", priya_officer)
    erase_child(child, reason="test")
    assert not Child.objects.filter(pk=child.pk).exists()
    assert not Referral.objects.filter(pk=accepted.pk).exists()


def test_a_referral_about_two_children_keeps_the_other_child(grace_at_oak, priya_officer, sam_senior):
    referral = ReferralFactory(referrer=grace_at_oak, children=[
        dict(first_name="Kacper", last_name="Nowak", date_of_birth=date(2015, 5, 4)),
        dict(first_name="Zofia", last_name="Nowak", date_of_birth=date(2013, 2, 1)),
    ], accepted=True, by=priya_officer)
    kacper = referral.children.get(first_name="Kacper").child
    from tracking import workflow
    from tracking.models import Outcome

    case = kacper.cases.get()
    workflow.transition(case, "close_without_locating", sam_senior, outcome=Outcome.OPENED_IN_ERROR, reason="test")
    erase_child(kacper, reason="test")
    referral.refresh_from_db()
    assert [c.first_name for c in ReferralChild.objects.filter(referral=referral)] == ["Zofia"]


def test_the_subject_access_export_includes_referrals(client, accepted, sam_senior):
    child = accepted.children.get().child
    client.force_login(sam_senior)
    data = json.loads(client.get(reverse("tracking:child_export", args=[child.pk, "json"])).content)
    titles = [s["title"] for s in data["sections"]]
    assert f"Referral {accepted.reference}" in titles
    section = next(s for s in data["sections"] if s["title"] == f"Referral {accepted.reference}")
    assert section["rows"][0]["Name of the person with parental responsibility"] == "Joanna Nowak"
