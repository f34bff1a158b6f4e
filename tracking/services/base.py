"""What every service shares: the refusal, and the timeline entry."""

from datetime import datetime, time

from django.utils import timezone

from ..models import CaseEvent


class ServiceError(Exception):
    """A write was refused; the message says what to do instead."""


def _event(case, by, kind, summary, text="", occurred_on=None, **extra):
    # Something that happened on an earlier day is placed at noon of that day;
    # something that happened today, at the moment it is recorded, so that the
    # timeline keeps today's events in the order they were done.
    occurred_at = (
        timezone.make_aware(datetime.combine(occurred_on, time(12)))
        if occurred_on and occurred_on != timezone.localdate() else timezone.now()
    )
    return CaseEvent.objects.create(
        case=case, kind=kind, occurred_at=occurred_at, created_by=by, summary=summary[:300], text=text, **extra
    )
