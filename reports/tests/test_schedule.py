"""When the monthly return is made: the last working day of each month, not July to September."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core import mail
from hypothesis import given
from hypothesis import strategies as st

from reports import schedule
from reports.models import MonthlyReturn
from reports.tasks import make_monthly_return

from .conftest import on

YEAR_2027 = [date(2027, 1, 1) + timedelta(days=n) for n in range(365)]
#: A reporting year: October 2026 to September 2027 (nine returns, October to June).
REPORTING_YEAR = [date(2026, 10, 1) + timedelta(days=n) for n in range(365)]


@pytest.mark.parametrize("year, month, expected, why", [
    (2027, 1, date(2027, 1, 29), "31 January 2027 is a Sunday"),
    (2027, 5, date(2027, 5, 28), "31 May 2027 is the spring bank holiday"),
    (2029, 3, date(2029, 3, 29), "30 March 2029 is Good Friday and the 31st a Saturday"),
    (2023, 12, date(2023, 12, 29), "30 and 31 December 2023 are a weekend"),
    (2026, 12, date(2026, 12, 31), "31 December 2026 is a Thursday"),
    (2026, 6, date(2026, 6, 30), "30 June 2026 is a Tuesday"),
    (2021, 12, date(2021, 12, 31), "a Friday, though the 27th and 28th were bank holidays"),
])
def test_the_return_day_is_the_last_working_day(year, month, expected, why):
    assert schedule.return_day(year, month) == expected, why


@pytest.mark.parametrize("month", [7, 8, 9])
def test_there_is_no_return_in_july_august_or_september(month):
    assert schedule.return_day(2027, month) is None
    assert not any(schedule.is_return_day(day) for day in YEAR_2027 if day.month == month)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))
def test_each_eligible_month_has_exactly_one_return_day_and_it_is_a_working_day(day):
    days = [day.replace(day=1) + timedelta(days=n) for n in range(31)]
    return_days = [d for d in days if d.month == day.month and schedule.is_return_day(d)]
    if day.month in (7, 8, 9):
        assert return_days == []
    else:
        assert len(return_days) == 1
        (only,) = return_days
        assert only.weekday() < 5 and not schedule.is_bank_holiday(only)
        assert all(not schedule.is_working_day(d) for d in days if d > only and d.month == day.month)


def test_after_a_missed_run_the_job_still_acts_on_the_return_day_for_a_week():
    assert schedule.return_day_to_act_on(date(2027, 1, 29)) == date(2027, 1, 29)
    assert schedule.return_day_to_act_on(date(2027, 2, 1)) == date(2027, 1, 29)
    assert schedule.return_day_to_act_on(date(2027, 2, 5)) == date(2027, 1, 29)
    assert schedule.return_day_to_act_on(date(2027, 2, 6)) is None
    assert schedule.return_day_to_act_on(date(2027, 1, 28)) is None


@pytest.mark.django_db
def test_run_every_day_for_a_year_the_job_makes_exactly_one_draft_per_eligible_month(
    sam_senior, django_capture_on_commit_callbacks,
):
    """The clock is frozen at 7pm on every day from 1 October 2026 to 30 September
    2027 and the daily job runs."""
    acted_on = []
    for day in REPORTING_YEAR:
        with on(day, hour=19), django_capture_on_commit_callbacks(execute=True):
            if make_monthly_return.delay().get() is not None:
                acted_on.append(day)

    expected = [
        date(2026, 10, 30), date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 29), date(2027, 2, 26),
        date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 28), date(2027, 6, 30),
    ]
    assert acted_on == expected
    returns = MonthlyReturn.objects.order_by("as_at")
    assert [r.as_at for r in returns] == expected
    assert Counter(r.month for r in returns) == Counter(d.replace(day=1) for d in expected)
    assert all(r.is_draft and r.generated_by is None and r.pdf for r in returns)
    # One e-mail to the senior officers per draft, with a link to it.
    assert len(mail.outbox) == len(expected)
    assert all(m.to == [sam_senior.email] for m in mail.outbox)
    assert f"/reports/returns/{returns[0].pk}/" in mail.outbox[0].body
