from urllib.parse import urlsplit

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms

from cme.forms import limit_text_lengths


class GovukFormMixin:
    """Render with the GOV.UK template pack; the page template owns the <form> tag."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        limit_text_lengths(self)


class LoginForm(GovukFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    error_messages = {
        "invalid_login": "Enter the email address and password of your account. "
        "Both are case sensitive except the email address.",
        "inactive": "This account has been switched off. Ask your administrator to restore it.",
    }


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    def save(self, **kwargs):
        # The link points at the service's own address (SITE_URL), never at
        # whatever Host header the request that asked for it carried.
        site = urlsplit(settings.SITE_URL)
        kwargs.update(domain_override=site.netloc, use_https=site.scheme == "https")
        return super().save(**kwargs)

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass


class TwoFactorCodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none",
            "class": "govuk-input govuk-input--width-10",
        }),
    )


class TwoFactorSetupForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Enter the 6-digit code your app shows",
        max_length=10,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false",
            "class": "govuk-input govuk-input--width-5",
        }),
    )
