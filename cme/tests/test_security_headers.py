"""The response headers and cookies every page carries (OWASP ASVS V14.4, V3.4)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_pages_cannot_be_framed_sniffed_or_leak_the_referrer(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_page_has_inline_script_or_style(client, priya_officer):
    client.force_login(priya_officer)
    for url in [reverse("login"), reverse("home"), reverse("tracking:school_list")]:
        page = client.get(url).content.decode()
        assert "<script>" not in page and "<script " not in page.replace('<script type="module" src=', "")
        assert " style=" not in page


def test_session_and_csrf_cookies_are_httponly_and_same_site(client, grace_at_oak):
    from cme.accounts.tests.factories import PASSWORD

    csrf = client.get(reverse("login")).cookies["csrftoken"]
    assert csrf["httponly"] is True and csrf["samesite"] == "Lax"
    response = client.post(reverse("login"), {"username": grace_at_oak.email, "password": PASSWORD})
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
    # Ends with the browser, and after 30 idle minutes on the server.
    assert session_cookie["expires"] == "" and session_cookie["max-age"] == ""


def test_with_https_on_cookies_are_secure_and_hsts_is_sent(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert client.get(reverse("login"))["Location"].startswith("https://")
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload" or \
        response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
    assert response.cookies["csrftoken"]["secure"] is True


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    import importlib

    import cme.settings as real

    importlib.reload(real)
    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
