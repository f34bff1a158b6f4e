from .models import AccessLog
from .services import log_access


class RefusedAccessLogMiddleware:
    """Record every 404 a signed-in person gets.

    Pages answer 404 both for records that do not exist and for records the
    person may not see (another school's pupil), so a run of these is what
    guessing other schools' record numbers looks like. One insert, only on
    the 404 path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code == 404 and user is not None and user.is_authenticated:
            match = getattr(request, "resolver_match", None)
            kwargs = dict(match.kwargs) if match else {}
            log_access(
                request, AccessLog.Action.DENIED,
                object_type=match.view_name if match else "",
                object_id=kwargs.get("pk", ""),
                **{k: str(v) for k, v in kwargs.items() if k != "pk"},
            )
        return response


class NoStoreForSignedInMiddleware:
    """Pages seen while signed in hold children's details: tell browsers and
    proxies not to keep them (a shared school PC's Back button or cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
