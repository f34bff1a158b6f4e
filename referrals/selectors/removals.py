"""Reads for removal-from-roll requests, from ``visible_to(user)``."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone

from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import lost_pupil_ctf_due
from tracking.matching import find_candidates

from ..models import CTF_OUTSIDE_MAINTAINED, CTF_UNKNOWN, RemovalFromRollRequest, RemovalStatus
from . import options_for

_RELATED = ("school", "ground", "destination_school", "destination_school__la", "requested_by")


def visible_removals(user):
    return RemovalFromRollRequest.objects.visible_to(user)


def removal_for(user, pk):
    """A request the user may see, with what its page shows, or 404."""
    return get_object_or_404(
        visible_removals(user)
        .select_related(*_RELATED, "school__la", "decided_by", "case", "child")
        .prefetch_related("events__created_by"),
        pk=pk,
    )


def removal_draft_for(user, pk):
    """A draft a school user may go on with (anyone at the school), or 404."""
    return get_object_or_404(
        visible_removals(user).filter(status=RemovalStatus.DRAFT).select_related(*_RELATED), pk=pk,
    )


def removal_drafts(user):
    return list(visible_removals(user).filter(status=RemovalStatus.DRAFT).select_related("school")
                .order_by("-updated_at"))


def removal_queue(user):
    """Requests waiting for a CME officer's decision, longest waiting first."""
    return (
        visible_removals(user).filter(status=RemovalStatus.SUBMITTED)
        .select_related(*_RELATED)
        .order_by("submitted_at", "pk")
    )


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
