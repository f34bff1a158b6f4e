"""The benchmark runs, refuses real data, and shows the return's (and the DfE
collection's) queries do not grow with the data."""

import io

import pytest
from django.core.management import CommandError, call_command

from tracking.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def bench(children, cases):
    out = io.StringIO()
    call_command("benchmark_return", children=children, cases=cases, stdout=out)
    return out.getvalue()


def queries_in(output, line_start):
    line = next(line for line in output.splitlines() if line.startswith(line_start))
    return int(line.split(" queries")[0].rsplit(" ", 1)[-1])


#: Measures (3), running totals (1), locking the month (1), the return and its history (2), savepoints (2).
WHOLE_RETURN_QUERIES = 9


@pytest.mark.parametrize("children, cases", [(60, 20), (1500, 400)])
def test_the_return_costs_the_same_queries_for_a_small_and_a_larger_la(children, cases):
    output = bench(children, cases)
    assert "Ratio to the 10-second target" in output
    assert f"{children:,} children, {cases:,} cases" in output
    assert queries_in(output, "Measures as at") == 3
    assert queries_in(output, "DfE collection figures") == 2
    assert queries_in(output, "Whole return") == WHOLE_RETURN_QUERIES


def test_the_benchmark_refuses_a_database_with_real_children():
    ChildFactory(first_name="Real", last_name="Child")
    with pytest.raises(CommandError, match="never on real data"):
        bench(10, 5)
