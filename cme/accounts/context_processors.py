from django.conf import settings

from .navigation import items_for


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.CME_SERVICE_NAME,
        "service_phase": settings.CME_PHASE,
        "la_name": settings.CME_LA_NAME,
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE,
        "navigation": items_for(user, request.path) if user is not None else [],
    }
