import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo local authority: schools, one user of each role, and "
        "whatever demo data each app provides. Safe to run more than once."
    )

    def handle(self, *args, **options):
        if not settings.CME_ALLOW_DEMO_DATA:
            raise CommandError(
                "Demo data is not allowed here: it creates accounts with published passwords, "
                "including an administrator. Set ALLOW_DEMO_DATA=true only on a demonstration system."
            )
        # Each app may have a ``demo`` module with ``seed(stdout)``; they run in
        # INSTALLED_APPS order, which is also the order the apps depend on each other.
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
