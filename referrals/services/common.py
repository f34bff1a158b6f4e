"""What every referral service shares: the error, the timeline entry, the e-mail to the referrer."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cme.accounts.tasks import send_email
from cme.schooldays.identifiers import InvalidIdentifier, validate_upn

from ..models import ReferralEvent


class ServiceError(Exception):
    """A write was refused; the message says what to do instead."""


def checked_upn(answers):
    """The answers with a UPN given checked and written as a UPN is (refused with what is wrong)."""
    if answers.get("upn"):
        try:
            answers["upn"] = validate_upn(answers["upn"])
        except InvalidIdentifier as error:
            raise ServiceError(error.message)
    return answers


def record_event(referral, by, kind, summary, text="", **data):
    """Add an entry to the referral's timeline (for LA staff)."""
    return ReferralEvent.objects.create(
        referral=referral, kind=kind, occurred_at=timezone.now(), created_by=by, summary=summary[:300],
        text=text, status_after=referral.status, data=data,
    )


def email_sender(record, *, to, page, see, subject, body):
    """E-mail the person who sent a referral or request about it. No child's
    name goes in an e-mail: the reference and a link to the signed-in page
    (``page``, a URL name) are enough."""
    footer = (
        f"\n\n{see} (you will need to sign in):\n{settings.SITE_URL}{reverse(page, args=[record.pk])}"
        f"\n\nChildren Missing Education team, {settings.CME_LA_NAME}"
    )
    send_email.delay_on_commit([to.email], f"{subject} – {record.reference}", body + footer)


def email_referrer(referral, subject, body):
    email_sender(referral, to=referral.referrer, page="referrals:my_referral",
                 see="See the referral and any messages from us", subject=subject, body=body)
