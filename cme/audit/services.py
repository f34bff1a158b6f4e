"""Writing the access log: one insert, no reads."""

import ipaddress

from django.conf import settings

from .models import AccessLog


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address the request came from, as evidence in the access log.

    X-Forwarded-For is believed only behind our own proxy (BEHIND_PROXY), and
    then only its last hop, the one that proxy added: anything before it was
    written by the client and could name anyone."""
    if settings.BEHIND_PROXY:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return _valid_ip(forwarded[-1])
    return _valid_ip(request.META.get("REMOTE_ADDR"))


def log_access(request, action, *, object_type="", object_id="", child_id=None, **detail):
    user = request.user if request.user.is_authenticated else None
    return AccessLog.objects.create(
        user=user,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        child_id=child_id,
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
        detail=detail,
    )
