"""Reads for removal-from-roll requests, from ``visible_to(user)``."""

from dataclasses import dataclass

from django.db.models import F, Max, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import lost_pupil_ctf_due
from tracking.matching import find_candidates

from ..models import CTF_OUTSIDE_MAINTAINED, CTF_UNKNOWN, RemovalFromRollRequest, RemovalMessage, RemovalStatus
from . import options_for

_RELATED = ("school", "ground", "destination_school", "destination_school__la", "requested_by")


def visible_removals(user):
    return RemovalFromRollRequest.objects.visible_to(user)


def removal_for(user, pk):
    """A request the user may see, with what its page shows, or 404."""
    return get_object_or_404(
        visible_removals(user)
        .select_related(*_RELATED, "school__la", "decided_by", "case", "child")
        .prefetch_related("events__created_by", Prefetch("messages", queryset=_thread())),
        pk=pk,
    )


def _thread():
    return RemovalMessage.objects.select_related("sender").order_by("sent_at", "id")


def removal_draft_for(user, pk):
    """A draft a school user may go on with (anyone at the school), or 404."""
    return get_object_or_404(
        visible_removals(user).filter(status=RemovalStatus.DRAFT).select_related(*_RELATED), pk=pk,
    )


def removal_drafts(user):
    return list(visible_removals(user).filter(status=RemovalStatus.DRAFT).select_related("school")
                .order_by("-updated_at"))


def removal_queue(user):
    """Requests waiting for a CME officer's decision: those the school has
    answered a question about first (the officer asked; the answer is back),
    oldest answer first; then the rest, longest waiting first."""
    return (
        visible_removals(user).filter(status=RemovalStatus.SUBMITTED)
        .select_related(*_RELATED)
        .annotate(answered_at=Max("messages__sent_at", filter=Q(messages__from_la=False)))
        .order_by(F("answered_at").asc(nulls_last=True), "submitted_at", "pk")
    )


@dataclass(frozen=True)
class WaitingRow:
    """A request waiting for the school's answer, and for how long."""

    removal: RemovalFromRollRequest
    asked_at: object  # when the open question was asked
    school_days: int | None  # school days since, on the school's calendar; None without term dates


def waiting_for_schools(user, today=None):
    """Requests whose school has a question to answer, asked longest ago first,
    each with the school days it has waited (on the school's own calendar)."""
    from cme.schooldays.selectors import school_days_between

    today = today or timezone.localdate()
    removals = (
        visible_removals(user).filter(status=RemovalStatus.INFO_REQUESTED)
        .select_related(*_RELATED)
        .annotate(asked_at=Max("messages__sent_at", filter=Q(messages__from_la=True)))
        .order_by("asked_at", "pk")
    )
    rows = []
    for removal in removals:
        asked_on = timezone.localdate(removal.asked_at) if removal.asked_at else today
        try:
            days = school_days_between(asked_on, today, school=removal.school)
        except DateOutsideCalendar:
            days = None
        rows.append(WaitingRow(removal, removal.asked_at, days))
    return rows


def recently_decided(user, limit=20):
    return list(
        visible_removals(user).filter(status__in=[RemovalStatus.AGREED, RemovalStatus.NOT_LAWFUL])
        .select_related(*_RELATED, "decided_by", "case").order_by("-decided_at", "-pk")[:limit]
    )


def child_options(request):
    """Children we know who may be this pupil, with their alerts and open cases."""
    return options_for(find_candidates(
        first_name=request.first_name, last_name=request.last_name, date_of_birth=request.date_of_birth,
        upn=request.upn, postcode=request.address_postcode,
    ))


@dataclass(frozen=True)
class CtfAdvice:
    """What the school is told to do with the Common Transfer File."""

    destination: str
    explanation: str
    lost_pupil_due: object = None  # the date the CTF to the Lost Pupil Database is due, if it goes there
    due_unknown: bool = False  # the calendar has no term dates to count the 15 school days on


def ctf_advice(request):
    """The CTF destination and, for the Lost Pupil Database, by when (15 school
    days from the removal date agreed, on the school's calendar)."""
    from cme.schooldays.selectors import calendar_for

    destination = request.ctf_advice_destination
    if request.has_no_destination:
        return CtfAdvice("", "This ground has no destination: there is no next school to send a CTF to, and the "
                             "pupil does not go to the Lost Pupil Database.")
    if destination == CTF_UNKNOWN:
        explanation = "The destination is not known: send the CTF to the Lost Pupil Database on School to School (S2S)."
    elif destination == CTF_OUTSIDE_MAINTAINED:
        explanation = ("The pupil has left maintained education in England (abroad, home education or an "
                       "independent school): send the CTF to the Lost Pupil Database on School to School (S2S).")
    else:
        school = request.destination_school
        return CtfAdvice(destination, f"Send the CTF to {school.name}, DfE number {school.dfe_number}, on School to School (S2S).")
    left_on = request.deletion_date or timezone.localdate()
    try:
        return CtfAdvice(destination, explanation, lost_pupil_ctf_due(left_on, calendar_for(request.school)))
    except DateOutsideCalendar:
        return CtfAdvice(destination, explanation, due_unknown=True)
