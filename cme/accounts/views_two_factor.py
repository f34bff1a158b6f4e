"""The second sign-in step: setting up an authenticator app, entering codes."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import two_factor
from .forms import TwoFactorCodeForm, TwoFactorSetupForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


@login_required
def setup(request):
    if two_factor.has_confirmed_device(request.user) and not two_factor.is_verified(request):
        # Replacing an authenticator needs the current one first.
        return redirect(f"{reverse('two_factor_verify')}?next={_next_url(request)}")
    device = two_factor.pending_device(request.user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_device(request, form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", "The code is not right. Check the time on your phone is correct, then enter the newest code")
        else:
            request.session["new_recovery_codes"] = codes
            return redirect(f"{reverse('two_factor_recovery_codes')}?next={_next_url(request)}")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#0b0c0c", omitsize=False)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(request, "registration/two_factor_setup.html", {
        "form": form, "qr_svg": qr, "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request), "required": two_factor.is_required(request.user),
    })


@login_required
def verify(request):
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", "The code is not right or has already been used. Enter the newest code from your app")
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def recovery_codes(request):
    codes = request.session.pop("new_recovery_codes", None)
    if codes is None:
        return redirect("two_factor_settings")
    return render(request, "registration/two_factor_recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@login_required
def settings_page(request):
    return render(request, "registration/two_factor_settings.html", {
        "enabled": two_factor.has_confirmed_device(request.user),
        "required": two_factor.is_required(request.user),
    })


@login_required
@require_POST
def regenerate_recovery_codes(request):
    if not (two_factor.has_confirmed_device(request.user) and two_factor.is_verified(request)):
        messages.error(request, "Set up an authenticator app first")
        return redirect("two_factor_settings")
    request.session["new_recovery_codes"] = two_factor.new_recovery_codes(request.user)
    return redirect("two_factor_recovery_codes")


@login_required
def keepalive(request):
    """Touched by the idle-timeout warning's "Stay signed in" button; any request
    renews the session (SESSION_SAVE_EVERY_REQUEST)."""
    return JsonResponse({"expires_in": request.session.get_expiry_age()})
