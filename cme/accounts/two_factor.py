"""Two-factor authentication with time-based codes (TOTP) and recovery codes.

Required for everyone who works for the local authority (their accounts
reach every child's record); optional for school staff and partners, who
may switch it on. Built on django-otp: a confirmed ``TOTPDevice`` for the
authenticator app, and a ``StaticDevice`` holding ten single-use recovery
codes.
"""

import secrets

from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import LA_STAFF_ROLES, REPORT_ROLES

RECOVERY_CODE_COUNT = 10
# Set in the (server-side) session when the second step is passed; the
# session is flushed at sign-out, so each sign-in asks again.
SESSION_KEY = "two_factor_verified_user"
TWO_FACTOR_ROLES = LA_STAFF_ROLES | REPORT_ROLES


def is_required(user):
    """Council roles, and any account that can open the admin site."""
    return user.role in TWO_FACTOR_ROLES or user.is_staff or user.is_superuser


def has_confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def applies_to(user):
    """Whether this user must pass the second step at sign-in."""
    return is_required(user) or has_confirmed_device(user)


APPLIES_KEY = "two_factor_applies"


def applies_to_session(request):
    """Whether this request's user must have passed the second step.

    Decided from the role on every request (so someone promoted to a council
    role mid-session is asked at once); only the optional case, which needs a
    query, is remembered in the session from sign-in.
    """
    if is_required(request.user):
        return True
    if APPLIES_KEY not in request.session:
        request.session[APPLIES_KEY] = applies_to(request.user)
    return request.session[APPLIES_KEY]


def is_verified(request):
    return request.session.get(SESSION_KEY) == request.user.pk


def mark_verified(request):
    request.session[SESSION_KEY] = request.user.pk


def pending_device(user):
    """The unconfirmed authenticator being set up, created on first ask."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def normalise_code(code):
    return "".join((code or "").split()).replace("-", "").lower()


@transaction.atomic
def confirm_device(request, code):
    """Confirm the pending authenticator with a code from it; returns the new
    recovery codes, or None if the code is wrong."""
    device = pending_device(request.user)
    if not device.verify_token(normalise_code(code)):
        return None
    TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    mark_verified(request)
    request.session[APPLIES_KEY] = True
    return new_recovery_codes(request.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with ten new single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request, code):
    """Check an authenticator or recovery code and mark the session verified."""
    device = match_token(request.user, normalise_code(code))
    if device is None:
        return False
    mark_verified(request)
    return True


@transaction.atomic
def reset(user):
    """An administrator's reset (a lost phone): the user is signed out
    everywhere and sets up a new authenticator at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_sessions(user)


def end_sessions(user):
    """Sign ``user`` out of every session (database-backed sessions)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    user_id = str(user.pk)
    ended = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(session_key__in=ended).delete()
