"""The signed-in person's notifications."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cme.accounts.access import la_staff_required

from .. import selectors, services
from ..models import Notification


@la_staff_required
def notifications(request):
    page = Paginator(selectors.notifications_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "tracking/notifications.html", {
        "page": page, "unread": selectors.unread_count(request.user),
    })


@la_staff_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)
    services.mark_notification_read(notification, by=request.user)
    messages.success(request, "Notification marked as read")
    return redirect("tracking:notifications")


@la_staff_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_notifications_read(by=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read")
    return redirect("tracking:notifications")
