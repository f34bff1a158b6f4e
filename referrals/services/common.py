"""What every referral service shares: the error, the timeline entry, the e-mail to the referrer."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cme.accounts.tasks import send_email

from ..models import ReferralEvent


class ServiceError(Exception):
    """A write was refused; the message says what to do instead."""


def record_event(referral, by, kind, summary, text="", **data):
    """Add an entry to the referral's timeline (for LA staff)."""
    return ReferralEvent.objects.create(
        referral=referral, kind=kind, occurred_at=timezone.now(), created_by=by, summary=summary[:300],
        text=text, status_after=referral.status, data=data,
    )


def _link(name, referral):
    return f"{settings.SITE_URL}{reverse(name, args=[referral.pk])}"


def email_referrer(referral, subject, body):
    """E-mail the person who sent the referral. No child's name goes in an
    e-mail: the reference and a link to the signed-in page are enough."""
    footer = (
        f"\n\nSee the referral and any messages from us (you will need to sign in):\n"
        f"{_link('referrals:my_referral', referral)}\n\nChildren Missing Education team, {settings.CME_LA_NAME}"
    )
    send_email.delay_on_commit([referral.referrer.email], f"{subject} – {referral.reference}", body + footer)
