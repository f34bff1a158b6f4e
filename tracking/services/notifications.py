"""A person's in-app notifications: read, or all read."""

from django.utils import timezone

from ..models import Notification
from .base import ServiceError


def mark_notification_read(notification, *, by):
    if notification.recipient_id != by.pk:
        raise ServiceError("You can only mark your own notifications as read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_notifications_read(*, by):
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
