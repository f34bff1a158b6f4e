from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins made over HTTP.

    Sign-ins without a request (management commands, the test client's
    ``login``) have no client to lock out, so they skip the check rather than
    fail; every sign-in through the web pages has a request and is checked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials):
    """The account a sign-in attempt is for, as the lockout counts it: the
    address as sign-in matches it (any capitalisation, spaces trimmed), so
    'Grace@School' and 'grace@school' share one count of failures."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = getattr(request, "POST", {}).get("username")
    return (username or "").strip().lower()
