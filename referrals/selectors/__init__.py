"""Reads for the referrals app. Views start here, from ``visible_to(user)``.

This module holds the referral reads; ``selectors.removals``,
``selectors.admissions`` and ``selectors.dashboard`` hold those of the
school portal."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from tracking.matching import find_candidates
from tracking.models import Case, ChildAlert, Priority

from .. import sla
from ..models import Referral, ReferralChild, ReferralStatus


def visible_referrals(user):
    return Referral.objects.visible_to(user)


def _children():
    return Prefetch("children", queryset=ReferralChild.objects.select_related("child", "case"))


def draft_for(user, pk):
    """A draft the user may go on editing, or 404."""
    return get_object_or_404(Referral.objects.drafts_of(user).select_related("school"), pk=pk)


def drafts_of(user):
    return list(Referral.objects.drafts_of(user).prefetch_related("children").order_by("-updated_at"))


def my_referrals(user):
    """What a referrer sees: their school's (or their own) referrals, newest first."""
    return (
        visible_referrals(user)
        .select_related("school", "referrer")
        .prefetch_related(_children())
        .order_by("-submitted_at", "-created_at")
    )


def referral_for_referrer(user, pk):
    return get_object_or_404(
        visible_referrals(user).select_related("school", "referrer").prefetch_related(
            _children(), Prefetch("messages", queryset=_messages())
        ),
        pk=pk,
    )


def _messages():
    from ..models import ReferralMessage

    return ReferralMessage.objects.select_related("sender").order_by("sent_at", "id")


@dataclass
class QueueRow:
    referral: Referral
    school_days: int | None  # None: the calendar does not cover it


def with_school_days(referrals, today=None):
    """Each referral with how many school days the CME team has had it."""
    return [QueueRow(r, sla.school_days_open(r, today)) for r in referrals]


def _queue(user, status):
    return (
        visible_referrals(user)
        .filter(status=status)
        .select_related("school", "referrer")
        .prefetch_related("children")
        .order_by("priority", "submitted_at", "pk")
    )


def triage_queue_referrals(user):
    """New referrals for the CME officers, highest priority first, then the
    longest waiting. A fixed number of queries however many there are."""
    return _queue(user, ReferralStatus.SUBMITTED)


def waiting_referrals(user):
    """Referrals waiting for the referrer to answer a question."""
    return _queue(user, ReferralStatus.INFO_REQUESTED)


def act_today_count(user):
    return triage_queue_referrals(user).filter(priority=Priority.ACT_TODAY).count()


def referral_for_officer(user, pk):
    return get_object_or_404(
        visible_referrals(user)
        .select_related("school", "referrer", "decided_by", "duplicate_of")
        .prefetch_related(
            _children(),
            Prefetch("messages", queryset=_messages()),
            "events__created_by",
            "duplicates",
        ),
        pk=pk,
    )


def referral_child_for_officer(user, referral_pk, child_pk):
    referral = get_object_or_404(visible_referrals(user), pk=referral_pk)
    return get_object_or_404(ReferralChild.objects.select_related("referral", "child"), referral=referral, pk=child_pk)


def find_by_reference(user, reference):
    reference = (reference or "").strip().upper()
    return visible_referrals(user).filter(reference=reference).select_related("duplicate_of").first()


@dataclass
class MatchOption:
    candidate: object  # tracking.matching.Candidate
    has_alert: bool
    active_case: Case | None

    @property
    def child(self):
        return self.candidate.child


def match_options(referral, referral_child):
    """Existing children who may be this one, best first, each with why.

    The names of the other children in the referral and the siblings it
    lists count as sibling evidence; the last known postcode as address
    evidence. Children already matched to someone else in the referral are
    left out.
    """
    others = [c for c in referral.children.all() if c.pk != referral_child.pk]
    sibling_names = [c.full_name for c in others] + referral.sibling_names
    candidates = find_candidates(
        first_name=referral_child.first_name, last_name=referral_child.last_name,
        date_of_birth=referral_child.date_of_birth, upn=referral_child.upn,
        postcode=referral.address_postcode, sibling_names=sibling_names,
        exclude_ids=[c.child_id for c in others if c.child_id],
    )
    return options_for(candidates)


def options_for(candidates):
    """Each candidate with whether they have a failed-to-track alert and their open case (two queries)."""
    ids = [c.child.pk for c in candidates]
    alerted = set(
        ChildAlert.objects.filter(child_id__in=ids, is_active=True, kind=ChildAlert.Kind.FAILED_TO_TRACK)
        .values_list("child_id", flat=True)
    )
    cases = {case.child_id: case for case in Case.objects.active().filter(child_id__in=ids)}
    return [MatchOption(c, c.child.pk in alerted, cases.get(c.child.pk)) for c in candidates]


def active_cases_for(children):
    """The open case of each matched child (child id → case), in one query."""
    ids = [c.child_id for c in children if c.child_id]
    return {case.child_id: case for case in Case.objects.active().filter(child_id__in=ids)}


def alerted_children(children):
    ids = [c.child_id for c in children if c.child_id]
    return set(
        ChildAlert.objects.filter(child_id__in=ids, is_active=True, kind=ChildAlert.Kind.FAILED_TO_TRACK)
        .values_list("child_id", flat=True)
    )


def referrals_owed_progress_updates():
    """Referrals whose clock may still be running: sent and not closed as
    not CME or duplicate. The task decides which have reached a milestone."""
    return (
        Referral.objects.filter(
            status__in=[ReferralStatus.SUBMITTED, ReferralStatus.INFO_REQUESTED, ReferralStatus.ACCEPTED]
        )
        .select_related("referrer", "school")
        .prefetch_related(_children(), "progress_updates")
    )
