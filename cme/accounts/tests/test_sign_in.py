import pytest
from django.core import mail
from django.urls import reverse

from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts import two_factor
from cme.accounts.models import Role
from cme.accounts.tests.factories import current_code
from cme.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# What each role's home page must offer, by the task title shown.
HOME_TASK = {
    Role.CME_OFFICER: "My caseload",
    Role.SENIOR_OFFICER: "Failed to track sign-off",
    Role.REPORT_VIEWER: "Reports",
    Role.SCHOOL_USER: "Ask to remove a pupil from roll",
    Role.PARTNER: "Tell us about a child missing education",
    Role.ADMINISTRATOR: "Users",
}


@pytest.mark.parametrize("role", Role.values)
def test_each_role_signs_in_with_their_email_and_lands_on_their_home_page(client, role):
    user = UserFactory(role=role, email="someone@example.test")
    response = client.post(
        reverse("login"), {"username": "Someone@Example.test", "password": PASSWORD}, follow=True
    )
    if two_factor.is_required(user):
        # Local authority staff set up an authenticator app before anything else.
        assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = client.post(reverse("two_factor_setup"), {"code": current_code(device), "next": "/"}, follow=True)
        assert "Save your recovery codes" in response.content.decode()
        response = client.get(reverse("home"))
    else:
        assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == user
    page = response.content.decode()
    assert Role(role).label in page
    assert HOME_TASK[role] in page
    assert "<title>Home – Children Missing Education</title>" in page


def test_a_wrong_password_is_explained_and_the_email_address_is_kept(client):
    UserFactory(email="priya@example.test")
    response = client.post(reverse("login"), {"username": "priya@example.test", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the email address and password of your account" in page
    assert 'value="priya@example.test"' in page
    assert page.count("<title>Error: Sign in") == 1


def test_empty_sign_in_lists_each_missing_field(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert 'href="#id_username">Enter your email address' in page
    assert 'href="#id_password">Enter your password' in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_ends_the_session(client, priya_officer):
    client.force_login(priya_officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="grace@example.test")
    client.post(reverse("password_reset"), {"email": "grace@example.test"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["grace@example.test"]
    link = next(line for line in message.body.splitlines() if "/password/reset/" in line)
    assert link.startswith("http://127.0.0.1:8000/password/reset/")  # SITE_URL, not the request's Host
    path = link.split("127.0.0.1:8000", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long new pass phrase 42", "new_password2": "a long new pass phrase 42"},
        follow=True,
    )
    assert "Your password has been changed" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("a long new pass phrase 42")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.test"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_password_change_refuses_a_short_password(client, priya_officer):
    client.force_login(priya_officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "at least 12 characters" in page
