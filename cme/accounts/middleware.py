from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor

# Pages a signed-in person may open before passing the second step.
OPEN_PATHS = ("/sign-out/", "/two-factor/", "/static/", "/session/")


class TwoFactorMiddleware:
    """Send signed-in users who need two-factor authentication to set it up,
    or to enter a code, before anything else. Costs no query once the
    session is verified (the flag lives in the session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PATHS)
            and not two_factor.is_verified(request)
            and two_factor.applies_to_session(request)
        ):
            target = "two_factor_verify" if two_factor.has_confirmed_device(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
