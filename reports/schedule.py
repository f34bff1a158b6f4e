"""When the monthly return is due: pure functions of a date, no database.

The Southampton CME policy (2021) produces tracking data "at the end of every
month, other than July, August and September". We take the end of the month
to be its **last working day**: the last weekday that is not an English bank
holiday (``holidays`` package, ``GB``/``ENG``, through
``cme.schooldays.calendar``). School holidays do not matter: the LA's
officers work through them.

The daily job asks ``return_day_to_act_on(today)``. On a return day that is
today; for a few days afterwards it is still that day, so that a job missed
while the worker was down (or queued just before midnight and run just
after) still makes the month's return, as at the right date. The job itself
does nothing if that return exists, so running it every day is safe.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from cme.schooldays.age import school_year_of
from cme.schooldays.calendar import english_bank_holidays

#: Months with no return (Southampton CME policy 2021: not July, August or September).
MONTHS_WITHOUT_RETURN = frozenset({7, 8, 9})
#: How many days after a return day a missed run still makes that return.
CATCH_UP_DAYS = 7


def is_bank_holiday(day: date) -> bool:
    return day in english_bank_holidays([school_year_of(day)])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def last_working_day(year: int, month: int) -> date:
    day = date(year, month, calendar.monthrange(year, month)[1])
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def return_day(year: int, month: int) -> date | None:
    """The day the month's return is made as at, or None for July to September."""
    if month in MONTHS_WITHOUT_RETURN:
        return None
    return last_working_day(year, month)


def is_return_day(day: date) -> bool:
    """Is ``day`` the day a monthly return is due?"""
    return return_day(day.year, day.month) == day


def return_day_to_act_on(today: date, catch_up_days: int = CATCH_UP_DAYS) -> date | None:
    """The return day the daily job should make sure of: the latest return day
    on or before ``today``, if it is at most ``catch_up_days`` ago."""
    for back in range(catch_up_days + 1):
        day = today - timedelta(days=back)
        if is_return_day(day):
            return day
    return None
