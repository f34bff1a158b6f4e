from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import two_factor


@receiver(user_logged_in)
def remember_whether_two_factor_applies(sender, request, user, **kwargs):
    # Decided once at sign-in, so page views pay no query for it.
    if request is not None and hasattr(request, "session"):
        request.session[two_factor.APPLIES_KEY] = two_factor.applies_to(user)
