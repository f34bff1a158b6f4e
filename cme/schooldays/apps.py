from django.apps import AppConfig


class SchooldaysConfig(AppConfig):
    name = "cme.schooldays"
    label = "schooldays"
    verbose_name = "School days and statutory rules"

    def ready(self):
        from . import signals

        signals.connect()
