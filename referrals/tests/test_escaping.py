"""What schools and partners type is shown as text on the officer's pages,
even where it becomes part of a question's wording."""

from datetime import date

import pytest
from django.urls import reverse

from referrals import services
from referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db
PAYLOAD = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'


def test_a_child_name_with_markup_is_escaped_in_the_accept_question(client, nadia_partner, priya_officer):
    referral = ReferralFactory(referrer=nadia_partner, submitted=True,
                               children=[dict(first_name=PAYLOAD, last_name="Nowak", date_of_birth=date(2015, 5, 4))])
    services.create_child_from_referral(referral.children.get(), by=priya_officer)
    client.force_login(priya_officer)
    page = client.get(reverse("referrals:accept", args=[referral.pk])).content.decode()
    assert PAYLOAD not in page
    assert "&lt;meta http-equiv=&quot;refresh&quot;" in page
