"""Charts are drawn on the server as SVG, from the same numbers as their tables."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from reports import charts
from reports.measures import RunningTotal


@pytest.mark.parametrize("largest, axis", [(0, (1, 1)), (3, (3, 1)), (7, (8, 2)), (10, (10, 2)), (210, (250, 50)),
                                           (27, (30, 10)), (1234, (1500, 500))])
def test_the_value_axis_has_round_steps(largest, axis):
    assert charts.nice_axis(largest) == axis


@given(st.integers(min_value=0, max_value=10**7))
def test_the_axis_always_reaches_the_largest_value_in_at_most_five_steps(largest):
    top, step = charts.nice_axis(largest)
    assert top >= largest and top % step == 0 and top // step <= 5


def test_the_running_totals_chart_plots_every_return_and_names_each_series():
    rows = [RunningTotal(date(2026, m, 28), cme=m * 10, cme_including_historical=m * 11, ehe=m, yos=1)
            for m in range(1, 7)]
    chart = charts.running_totals_chart(rows)
    svg = render_to_string("reports/charts/line_chart.svg.html", {"chart": chart})

    assert [s.name for s in chart.series] == [
        "CME", "CME including historical", "Electively home educated", "Open to youth offending service",
    ]
    assert [p.value for p in chart.series[0].points] == [10, 20, 30, 40, 50, 60]
    # Higher values are higher on the page (smaller y).
    ys = [p.y for p in chart.series[0].points]
    assert ys == sorted(ys, reverse=True)
    assert 'role="img"' in svg and "<title id=\"running-totals-chart-title\">Running totals</title>" in svg
    assert "60 children missing education, 66 including historical cases" in svg
    assert "style=" not in svg  # the Content Security Policy forbids inline styles
    for label in ("Jan 26", "Jun 26", "CME including historical"):
        assert label in svg
