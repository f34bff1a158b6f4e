from .models import AccessLog


def access_log(*, user_id=None, child_id=None, object_type="", action="", since=None, until=None):
    """Access log entries, newest first, filtered; each row brings its user."""
    entries = AccessLog.objects.select_related("user").order_by("-at", "-id")
    if user_id:
        entries = entries.filter(user_id=user_id)
    if child_id:
        entries = entries.filter(child_id=child_id)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if action:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries
