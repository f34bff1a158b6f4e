"""Reads for new-pupil notices and their matches, from ``visible_to(user)``."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from tracking.models import Case

from ..models import AdmissionMatch, AdmissionNotice, AdmissionStatus, MatchStatus


def visible_notices(user):
    return AdmissionNotice.objects.visible_to(user)


def _matches():
    return Prefetch("matches", queryset=AdmissionMatch.objects.select_related("child", "case", "decided_by"))


def notice_for(user, pk):
    queryset = visible_notices(user).select_related("school", "notified_by", "child")
    if user.is_la_staff:
        queryset = queryset.prefetch_related(_matches())
    return get_object_or_404(queryset, pk=pk)


def notice_draft_for(user, pk):
    return get_object_or_404(visible_notices(user).filter(status=AdmissionStatus.DRAFT).select_related("school"), pk=pk)


def notice_drafts(user):
    return list(visible_notices(user).filter(status=AdmissionStatus.DRAFT).select_related("school")
                .order_by("admitted_on", "pk"))


def proposed_matches(user):
    """Matches waiting for an officer, on cases still open, oldest notice first."""
    if not user.is_la_staff:
        return AdmissionMatch.objects.none()
    return (
        AdmissionMatch.objects.filter(status=MatchStatus.PROPOSED, case__in=Case.objects.active())
        .select_related("notice__school", "child", "case")
        .order_by("notice__sent_at", "notice_id", "-score", "pk")
    )


def match_for_officer(user, pk):
    if not user.is_la_staff:
        return get_object_or_404(AdmissionMatch.objects.none(), pk=pk)
    return get_object_or_404(AdmissionMatch.objects.select_related("notice__school", "child", "case"), pk=pk)
