"""The referral's clock: how long, in school days, the CME team has had it.

Redcar & Cleveland CME process 2020, step 2: "If enquiries are not completed
within a 10 day period the referring agency will receive a progress update"
(``cme.schooldays.deadlines.REFERRER_PROGRESS_UPDATE``; we count school
days). The clock starts on the day the referral is received (that day not
counted) and is counted on the local authority's calendar through the
school-day service. Days spent waiting for the referrer to answer a request
for more information do not count: the clock pauses on the day of the
request and resumes the day after the answer.

Pauses are stored as dates and counted when read, so a calendar that is
corrected later changes the answer, and a missing calendar year never stops
a referrer from answering.
"""

from datetime import date

from django.utils import timezone

from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import REFERRER_PROGRESS_UPDATE

#: School days between progress updates while the referral is unresolved.
PROGRESS_UPDATE_EVERY = REFERRER_PROGRESS_UPDATE.amount


def school_days_between(start, end):
    """School days after ``start`` up to and including ``end``, on the LA calendar."""
    from cme.schooldays.selectors import school_days_between as between

    return between(start, end)


def pause(referral, on):
    """Stop the clock from ``on`` (a request for more information)."""
    if referral.paused_on is None:
        referral.paused_on = on


def resume(referral, on):
    """Start the clock again after ``on`` (the referrer answered, or the officer decided)."""
    if referral.paused_on is not None:
        referral.pauses = list(referral.pauses) + [[referral.paused_on.isoformat(), on.isoformat()]]
        referral.paused_on = None


def _paused_days(referral, on):
    total = 0
    for start, end in referral.pauses:
        start, end = date.fromisoformat(start), min(date.fromisoformat(end), on)
        if end > start:
            total += school_days_between(start, end)
    if referral.paused_on and on > referral.paused_on:
        total += school_days_between(referral.paused_on, on)
    return total


def school_days_open(referral, on=None):
    """School days the CME team has had the referral by ``on`` (today), less
    the days spent waiting for the referrer; ``None`` if it was never
    received or the calendar has no term dates for the days in question."""
    if referral.received_on is None:
        return None
    on = on or timezone.localdate()
    if on <= referral.received_on:
        return 0
    try:
        return max(0, school_days_between(referral.received_on, on) - _paused_days(referral, on))
    except DateOutsideCalendar:
        return None


def milestone(days):
    """The progress-update milestone reached after ``days`` school days: 0, 10, 20, …"""
    if days is None:
        return 0
    return days // PROGRESS_UPDATE_EVERY * PROGRESS_UPDATE_EVERY
