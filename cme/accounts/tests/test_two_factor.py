"""Two-factor authentication and lockout: the second step at sign-in."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts import two_factor
from cme.accounts.models import Role
from cme.accounts.tests.factories import PASSWORD, UserFactory, current_code, two_factor_device

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_an_officer_with_an_authenticator_must_enter_a_code_before_seeing_anything(client):
    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test")
    device = two_factor_device(priya)
    sign_in(client, "priya@example.test")
    response = client.get(reverse("tracking:school_list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('two_factor_verify')}?next=/schools/"

    wrong = client.post(reverse("two_factor_verify"), {"code": "000000", "next": "/schools/"})
    assert "The code is not right" in wrong.content.decode()
    # django-otp throttles guessing: after a wrong code the next try must wait a moment.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        ok = client.post(reverse("two_factor_verify"), {"code": current_code(device), "next": "/schools/"})
    assert ok["Location"] == "/schools/"
    assert client.get(reverse("tracking:school_list")).status_code == 200


def test_a_recovery_code_works_once(client):
    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test")
    two_factor_device(priya)
    [code, *_] = two_factor.new_recovery_codes(priya)
    sign_in(client, "priya@example.test")
    assert client.post(reverse("two_factor_verify"), {"code": code})["Location"] == reverse("home")
    client.post(reverse("logout"))
    sign_in(client, "priya@example.test")
    again = client.post(reverse("two_factor_verify"), {"code": code})
    assert again.status_code == 200 and "already been used" in again.content.decode()


def test_setting_up_gives_ten_single_use_recovery_codes(client):
    UserFactory(role=Role.SENIOR_OFFICER, email="sam@example.test")
    sign_in(client, "sam@example.test")
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "<svg" in page and "Key:" in page
    device = TOTPDevice.objects.get(user__email="sam@example.test", confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": current_code(device)}, follow=True)
    assert len(response.context["codes"]) == 10
    assert StaticToken.objects.filter(device__user__email="sam@example.test").count() == 10
    device.refresh_from_db()
    assert device.confirmed


def test_someone_who_only_knows_the_password_cannot_replace_the_authenticator(client):
    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test")
    two_factor_device(priya)
    sign_in(client, "priya@example.test")
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.post(reverse("two_factor_new_recovery_codes"))["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=priya).count() == 1


def test_school_staff_need_no_second_step_unless_they_switch_it_on(client, grace_at_oak):
    sign_in(client, grace_at_oak.email)
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    two_factor_device(grace_at_oak)
    sign_in(client, grace_at_oak.email)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))


def test_an_administrator_reset_makes_the_user_set_up_again(client):
    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test")
    two_factor_device(priya)
    two_factor.new_recovery_codes(priya)
    two_factor.reset(priya)
    assert not TOTPDevice.objects.filter(user=priya).exists()
    sign_in(client, "priya@example.test")
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_setup"))


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, settings):
    UserFactory(role=Role.SCHOOL_USER, email="grace@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "grace@example.test", "wrong").status_code == 200
    locked = sign_in(client, "grace@example.test", "wrong")
    assert locked.status_code == 429
    assert "You have tried to sign in too many times" in locked.content.decode()
    assert "blocked for 15 minutes" in locked.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, "grace@example.test").status_code == 429


def test_the_lockout_is_per_account_not_per_office(client, settings):
    UserFactory(role=Role.SCHOOL_USER, email="grace@example.test")
    UserFactory(role=Role.SCHOOL_USER, email="mark@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "grace@example.test", "wrong")
    assert sign_in(client, "mark@example.test")["Location"] == reverse("home")


def test_changing_password_signs_out_every_other_session(client, priya_officer):
    from django.test import Client

    other_device = Client()
    other_device.force_login(priya_officer)
    client.force_login(priya_officer)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "a brand new pass phrase 7", "new_password2": "a brand new pass phrase 7",
    })
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert other_device.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_an_administrator_resets_two_factor_in_the_admin_and_it_is_logged(client, alex_admin):
    from cme.audit.models import AccessLog

    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test")
    two_factor_device(priya)
    alex_admin.is_staff = alex_admin.is_superuser = True
    alex_admin.save()
    client.force_login(alex_admin)
    response = client.post(reverse("admin:accounts_user_changelist"),
                           {"action": "reset_two_factor", "_selected_action": [priya.pk]}, follow=True)
    assert "Two-factor authentication reset for 1 account(s)." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=priya).exists()
    entry = AccessLog.objects.get(action="account")
    assert (entry.user, entry.object_id) == (alex_admin, str(priya.pk))


def test_changing_the_capitals_of_the_address_does_not_dodge_the_lockout(client, settings):
    UserFactory(role=Role.SCHOOL_USER, email="grace@example.test")
    spellings = ["grace@example.test", "Grace@example.test", "GRACE@example.test", "grace@EXAMPLE.test",
                 "gRace@example.test", " grace@example.test"]
    for spelling in spellings[: settings.AXES_FAILURE_LIMIT]:
        sign_in(client, spelling, "wrong")
    assert sign_in(client, "GrAcE@Example.Test").status_code == 429


def test_someone_promoted_to_a_council_role_is_asked_for_a_code_at_once(client, grace_at_oak):
    sign_in(client, grace_at_oak.email)
    assert client.get(reverse("home")).status_code == 200
    grace_at_oak.role = Role.CME_OFFICER
    grace_at_oak.save()
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_setup"))


def test_a_staff_account_needs_two_factor_whatever_its_role(client, grace_at_oak):
    grace_at_oak.is_staff = True
    grace_at_oak.save()
    sign_in(client, grace_at_oak.email)
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor_setup"))


def test_a_reset_signs_the_person_out_everywhere(client):
    priya = UserFactory(role=Role.CME_OFFICER, email="priya@example.test")
    client.force_login(priya)
    assert client.get(reverse("home")).status_code == 200
    two_factor.reset(priya)
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
