import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo local authority: schools, one user of each role, and "
        "whatever demo data each app provides. Safe to run more than once."
    )

    def handle(self, *args, **options):
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
