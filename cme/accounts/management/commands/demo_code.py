from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts.demo import DEMO_DEVICE_NAME


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (demo authenticators only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        device = TOTPDevice.objects.filter(user__email__iexact=email, name=DEMO_DEVICE_NAME, confirmed=True).first()
        if device is None:
            raise CommandError(f"{email} has no demo authenticator. Only seed_demo's accounts have one.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
