import factory

from cme.accounts.models import Role, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    role = Role.CME_OFFICER
    password = factory.django.Password(PASSWORD)

    class Params:
        officer = factory.Trait(role=Role.CME_OFFICER)
        senior = factory.Trait(role=Role.SENIOR_OFFICER)
        viewer = factory.Trait(role=Role.REPORT_VIEWER)
        school_user = factory.Trait(role=Role.SCHOOL_USER)
        partner = factory.Trait(role=Role.PARTNER, organisation="Demo Community Health")
        administrator = factory.Trait(role=Role.ADMINISTRATOR, is_staff=True)


def current_code(device):
    """The code an authenticator app would show for this device right now."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def two_factor_device(user):
    """A confirmed authenticator for ``user``, as if they had set it up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
