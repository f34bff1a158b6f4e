"""Demo monthly returns: the last few months' returns, published, so the
running totals table and the trend charts have a history.

They are real returns: each is worked out from the demo cases as they stood
on that month's return day (the tracking demo dates its cases' histories),
generated and published by the demo manager. Idempotent: a month that has a
return already is left alone.
"""

from datetime import date

from django.utils import timezone

from cme.accounts.models import Role, User

from . import schedule, services
from .models import MonthlyReturn

DEMO_MANAGER = "manager@demo-council.test"
COMMENTARY = {
    "total": "Demo return: the figures are worked out from the demo cases as they stood on this date.",
}


def previous_return_days(today: date, count: int) -> list[date]:
    """The last ``count`` return days before ``today``'s month, oldest first."""
    days, year, month = [], today.year, today.month
    while len(days) < count:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        day = schedule.return_day(year, month)
        if day is not None:
            days.append(day)
    return sorted(days)


def seed(stdout, months=6):
    manager = (
        User.objects.filter(email=DEMO_MANAGER).first()
        or User.objects.filter(role=Role.SENIOR_OFFICER, is_active=True).order_by("pk").first()
    )
    if manager is None:
        stdout.write("Monthly returns: no senior officer to publish them; skipped.")
        return
    made = 0
    for as_at in previous_return_days(timezone.localdate(), months):
        if MonthlyReturn.objects.filter(month=as_at.replace(day=1)).exists():
            continue
        monthly_return = services.generate_return(as_at=as_at, by=manager)
        services.update_commentary(monthly_return, by=manager, commentary=COMMENTARY)
        services.publish_return(monthly_return, by=manager)
        made += 1
    stdout.write(f"Monthly returns: {MonthlyReturn.objects.published().count()} published ({made} new).")
