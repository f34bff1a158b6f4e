import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts import demo
from cme.accounts.demo import DEMO_PASSWORD


def seed():
    demo.seed(io.StringIO())

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_one_user_of_each_role_and_demo_authenticators():
    seed()
    seed()
    from cme.accounts.models import Role, User

    assert {u.role for u in User.objects.all()} == set(Role.values)
    assert User.objects.filter(email="officer@demo-council.test").count() == 1
    assert TOTPDevice.objects.filter(user__email="officer@demo-council.test").count() == 1
    assert not TOTPDevice.objects.filter(user__email="school@oak-primary.test").exists()


def test_a_demo_officer_signs_in_with_the_printed_code(client, capsys):
    seed()
    call_command("demo_code", "officer@demo-council.test")
    code = capsys.readouterr().out.strip()
    client.post(reverse("login"), {"username": "officer@demo-council.test", "password": DEMO_PASSWORD})
    response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response["Location"] == reverse("home")


def test_demo_code_refuses_real_accounts(priya_officer):
    TOTPDevice.objects.create(user=priya_officer, name="Authenticator app", confirmed=True)
    with pytest.raises(CommandError, match="no demo authenticator"):
        call_command("demo_code", priya_officer.email)


def test_seed_demo_refuses_a_real_deployment(settings):
    settings.CME_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="Demo data is not allowed here"):
        call_command("seed_demo")


def test_a_reset_demo_authenticator_is_not_brought_back(priya_officer):
    from cme.accounts import two_factor
    from cme.accounts.models import User

    seed()
    officer = User.objects.get(email="officer@demo-council.test")
    two_factor.reset(officer)
    seed()
    assert not TOTPDevice.objects.filter(user=officer).exists()
