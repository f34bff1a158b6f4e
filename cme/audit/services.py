"""Writing the access log: one insert, no reads."""

from .models import AccessLog


def client_ip(request):
    # Behind a proxy, REMOTE_ADDR is the proxy; the deployment sets the
    # proxy to overwrite X-Forwarded-For, so its first address is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


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
