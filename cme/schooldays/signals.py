"""Any change to calendars, terms or closure days, however made (services, the
admin site, a shell), tells the school-day service to rebuild its calendars."""

from django.db.models.signals import post_delete, post_save

from .models import Calendar, ClosureDay, Term
from .selectors import calendars_changed


def _changed(sender, **kwargs):
    calendars_changed()


def connect():
    for model in (Calendar, Term, ClosureDay):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"schooldays-{model.__name__}-{signal is post_save}")
