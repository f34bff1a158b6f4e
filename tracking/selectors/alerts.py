"""Reads for notifications and the yearly re-checks of failed-to-track children."""

from ..models import Notification, RecheckTask


def notifications_for(user):
    """The person's notifications: unread first, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("child", "case")
        .order_by("read_at", "-created_at", "-pk")
    )


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def recheck_tasks(user, *, done=False):
    """Open (or, with ``done``, recorded) re-check tasks, due first."""
    if not user.is_la_staff:
        return RecheckTask.objects.none()
    tasks = RecheckTask.objects.select_related("child", "done_by").filter(done_at__isnull=not done)
    return tasks.order_by("-done_at") if done else tasks.order_by("due_on", "child__last_name", "pk")
