"""Background work for referrals, run daily by Celery beat.

Add to ``CELERY_BEAT_SCHEDULE`` in settings::

    "referral-progress-updates": {
        "task": "referrals.tasks.send_progress_updates",
        "schedule": crontab(minute=30, hour=7, day_of_week="mon-fri"),
    },
"""

import logging

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import selectors, sla
from .models import ProgressUpdate, ReferralEventKind, ReferralStatus
from .services import email_referrer, record_event

logger = logging.getLogger(__name__)


@shared_task
def send_progress_updates():
    """E-mail each referrer whose referral is unresolved after 10 school days
    (and again after each further 10), counted on the LA calendar without
    the days spent waiting for the referrer (Redcar & Cleveland CME process
    2020, step 2).

    Idempotent: each milestone is recorded, with a unique constraint, before
    its e-mail is queued, so however often this runs (or runs at once on two
    workers) a referrer hears once per milestone. A job that missed some days
    sends only the latest milestone reached.
    """
    today = timezone.localdate()
    sent, uncounted = 0, []
    for referral in selectors.referrals_owed_progress_updates():
        if referral.is_resolved or referral.is_paused:
            continue
        days = sla.school_days_open(referral, today)
        if days is None and referral.received_on:
            uncounted.append(referral.reference)
            continue
        reached = sla.milestone(days)
        if reached == 0:
            continue
        already = {update.milestone for update in referral.progress_updates.all()}
        if reached in already:
            continue
        try:
            with transaction.atomic():
                ProgressUpdate.objects.create(referral=referral, milestone=reached)
                _send_progress_update(referral, reached)
        except IntegrityError:
            continue  # another run recorded this milestone a moment ago
        sent += 1
    logger.info("Progress updates sent: %s", sent)
    if uncounted:
        _warn_no_term_dates(uncounted, today)
    return sent


def _warn_no_term_dates(references, today):
    """Progress updates count school days; without term dates for this year
    nobody would be told anything. Say so, once a day, to those who can fix it."""
    from cme.accounts.models import Role, User
    from cme.accounts.tasks import send_email

    logger.warning("No term dates loaded for %s: progress updates for %s cannot be counted", today, references)
    to = list(User.objects.filter(role__in=[Role.SENIOR_OFFICER, Role.ADMINISTRATOR], is_active=True)
              .values_list("email", flat=True))
    if to:
        send_email.delay_on_commit(
            to, "Term dates are missing: referral progress updates have stopped",
            f"The school calendar has no term dates for {today:%-d %B %Y}, so the service cannot count the "
            f"10 school days after which referrers are sent a progress update. {len(references)} referral(s) "
            f"are waiting: {', '.join(references[:20])}.\n\nAdd this school year's term dates under Term dates.",
        )


def _send_progress_update(referral, days):
    if referral.status == ReferralStatus.ACCEPTED:
        where = "We accepted it and are still looking for the child."
    else:
        where = "A CME officer is still looking into it."
    record_event(
        referral, None, ReferralEventKind.PROGRESS_UPDATE,
        f"Progress update e-mailed to the referrer after {days} school days", milestone=days,
    )
    email_referrer(
        referral, "Progress update on your referral",
        f"It is {days} school days since we received your referral on {referral.received_on:%-d %B %Y}. "
        f"{where} Our enquiries are not finished yet; we will tell you when they are.\n\n"
        "If you learn anything new about the child or the family, please tell us by replying on the referral page.",
    )


@shared_task
def match_admission_notices(notice_ids):
    """Check new-pupil notices against the children the CME team is looking
    for. Queued when the notices are sent; each notice is matched once
    however often this runs (``services.match_admission_notice``)."""
    from .services import match_admission_notice

    proposed = 0
    for notice_id in notice_ids:
        proposed += len(match_admission_notice(notice_id))
    logger.info("New pupil notices matched: %s notices, %s matches proposed", len(notice_ids), proposed)
    return proposed
