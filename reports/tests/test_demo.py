import io
from datetime import date

import pytest

from cme.accounts import demo as accounts_demo
from reports import demo
from reports.models import MonthlyReturn

pytestmark = pytest.mark.django_db


def test_previous_return_days_skip_july_to_september():
    assert demo.previous_return_days(date(2026, 11, 15), 3) == [date(2026, 5, 29), date(2026, 6, 30), date(2026, 10, 30)]


def test_the_demo_publishes_earlier_returns_once_however_often_it_runs():
    out = io.StringIO()
    accounts_demo.seed(out)
    demo.seed(out, months=2)
    demo.seed(out, months=2)

    returns = MonthlyReturn.objects.order_by("as_at")
    assert returns.count() == 2
    assert all(r.status == "published" and r.published_by.email == demo.DEMO_MANAGER for r in returns)
    assert returns.last().get_figures().running_totals[0].as_at == returns.first().as_at
    assert "2 published (0 new)" in out.getvalue()
