"""The moment a return is "as at": the end of a day, in the service's time zone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cme.schooldays.age import school_year_label, school_year_of

from .ages import BirthRange, csa_births, reception_intake_births


class AsAt:
    """Everything the measures need to know about one as-at date.

    ``cutoff`` is midnight at the start of the next day: an event counts as
    "at or before the end of D" when it happened before ``cutoff``.
    """

    def __init__(self, on: date):
        if isinstance(on, datetime):
            raise TypeError("A return is as at a date, not a date and time")
        self.on = on
        self.cutoff = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
        self.school_year = school_year_of(on)
        self.csa: BirthRange = csa_births(on)
        self.reception: BirthRange = reception_intake_births(self.school_year)
        self.previous_reception: BirthRange = reception_intake_births(self.school_year - 1)

    def __repr__(self):
        return f"AsAt({self.on.isoformat()})"

    def __eq__(self, other):
        return isinstance(other, AsAt) and other.on == self.on

    def __hash__(self):
        return hash(self.on)

    def year_label(self, offset: int = 0) -> str:
        """``year_label(-1)`` is the school year before this one, e.g. "2024/25"."""
        return school_year_label(self.school_year + offset)

    def school_year_dates(self, offset: int = 0) -> tuple[date, date]:
        start = self.school_year + offset
        return date(start, 9, 1), date(start + 1, 8, 31)
