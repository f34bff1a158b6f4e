"""Reference numbers people can say on the phone: CME-2026-00042."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ReferenceSequence


def next_reference(prefix, on=None):
    """The next reference for ``prefix`` in the year of ``on`` (today by default).

    The first statement is the ``UPDATE`` that takes the number, so the
    database orders concurrent callers (a row lock on PostgreSQL, the write
    lock on SQLite) and each gets its own number. Call it inside the
    transaction that saves the reference: if that rolls back, so does the
    number, and the next caller gets it — no gaps, and never a repeat.
    """
    year = (on or timezone.localdate()).year
    sequence = ReferenceSequence.objects.filter(prefix=prefix, year=year)
    with transaction.atomic():
        if not sequence.update(last_number=F("last_number") + 1):
            try:
                with transaction.atomic():
                    ReferenceSequence.objects.create(prefix=prefix, year=year, last_number=1)
            except IntegrityError:  # someone else created this year's row a moment ago
                sequence.update(last_number=F("last_number") + 1)
        number = sequence.values_list("last_number", flat=True).get()
    return f"{prefix}-{year}-{number:05d}"
