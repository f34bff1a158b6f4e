"""The "CME – failed to track" alert: telling senior officers when a child
the LA could not find turns up again.

Southampton CME policy 2024/25: an alert is added so that "if the child
becomes known in the future to any colleagues, the Senior CME Officer be
alerted". Every path by which a child reappears calls ``child_reappeared``:
a new record that matches, a referral matched or accepted, a new-pupil
notice, an import, a search that finds them. Each event notifies each senior
officer once (in the app and by e-mail), however often it is raised.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse

from cme.accounts.models import Role, User
from cme.accounts.tasks import send_email

from .models import ChildAlert, Notification


def active_alert(child):
    return ChildAlert.objects.filter(child=child, is_active=True, kind=ChildAlert.Kind.FAILED_TO_TRACK).first()


def child_reappeared(child, *, how, event_key, by=None, case=None):
    """Notify the senior officers that an alerted child has reappeared.

    ``how`` completes "… has reappeared: <how>", e.g. "a referral from Oak
    Primary School was accepted". ``event_key`` identifies the event, so a
    retried or repeated call notifies no one twice. Returns how many people
    were newly notified (0 when the child has no active alert).
    """
    alert = active_alert(child)
    if alert is None:
        return 0
    link = reverse("tracking:child_detail", args=[child.pk])
    message = f"{child.full_name} (failed to track) has reappeared: {how}"
    notified = []
    for senior in User.objects.filter(role=Role.SENIOR_OFFICER, is_active=True):
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=senior, child=child, case=case, message=message[:500], link=link,
                    event_key=f"ftt:{child.pk}:{event_key}"[:200],
                )
        except IntegrityError:
            continue  # this person was already told of this event
        notified.append(senior.email)
    if notified:
        from django.conf import settings

        body = (
            f"{message}.\n\nThe child was closed as failed to track. Check the record and decide "
            f"whether to reopen the case:\n{settings.SITE_URL}{link}\n\n"
            "Children Missing Education"
        )
        send_email.delay_on_commit(notified, "A failed-to-track child has reappeared", body)
    return len(notified)


def check_new_child_against_alerts(child, *, by):
    """A new record that looks like an alerted child counts as a reappearance."""
    from .matching import find_candidates

    if not child.date_of_birth and not child.upn:
        return 0
    told = 0
    for candidate in find_candidates(
        first_name=child.first_name, last_name=child.last_name, date_of_birth=child.date_of_birth,
        upn=child.upn, exclude_ids=[child.pk], only_alerted=True,
    ):
        if candidate.is_strong:
            told += child_reappeared(
                candidate.child, how=f"a new record was created for {child.full_name} that may be the same child",
                event_key=f"new-child:{child.pk}", by=by,
            )
    return told
