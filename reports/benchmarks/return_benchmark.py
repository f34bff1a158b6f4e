"""How long a monthly return takes for a large local authority.

Seeds (with bulk inserts) an LA of 250,000 children and 25,000 cases with
their history, then generates the return as at today through the service the
pages and the job use — measures, running totals, PDF and CSV — and prints
the time, the number of queries and the ratio to the 10-second target. It
also times the DfE children missing education collection's figures as at the
latest census day.

Run it on a scratch database, never a real one::

    DATABASE_URL=sqlite:////tmp/cme-bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/cme-bench.sqlite3 python manage.py benchmark_return

Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cme.accounts.models import Role, User
from tracking.models import Case, CaseEvent, Child, VulnerabilityFlag

from .. import measures, services
from ..measures import dfe
from ..measures.census import latest_census_day
from .seed import BENCHMARK_MARK, seed

TARGET_SECONDS = 10.0
MANAGER_EMAIL = "benchmark.manager@example.invalid"


class NotAScratchDatabase(Exception):
    pass


@dataclass
class Timing:
    seconds: float
    queries: int


def timed(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function(*args, **kwargs)
        seconds = time.perf_counter() - started
    return result, Timing(seconds, len(queries.captured_queries))


def prepare(*, children, cases, stdout):
    """Seed the data unless this database already holds exactly the benchmark's."""
    ours = Child.objects.filter(last_name=BENCHMARK_MARK).count()
    others = Child.objects.exclude(last_name=BENCHMARK_MARK).exists()
    if others:
        raise NotAScratchDatabase(
            "This database holds children that the benchmark did not make. "
            "Run it on a scratch database (DATABASE_URL=...), never on real data."
        )
    if ours:
        stdout.write(f"Reusing the {ours:,} benchmark children already seeded.")
        return None
    counts, timing = timed(seed, children=children, cases=cases, stdout=stdout)
    stdout.write(f"Seeded in {timing.seconds:.1f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    return counts


def run(*, children=250_000, cases=25_000, stdout):
    prepare(children=children, cases=cases, stdout=stdout)
    manager, _ = User.objects.get_or_create(
        email=MANAGER_EMAIL, defaults={"role": Role.SENIOR_OFFICER, "first_name": "Benchmark", "last_name": "Manager"},
    )
    today = timezone.localdate()
    stdout.write(
        f"{connection.vendor}: {Child.objects.count():,} children, {Case.objects.count():,} cases, "
        f"{CaseEvent.objects.count():,} timeline events, {VulnerabilityFlag.objects.count():,} risk factors."
    )
    figures, measures_only = timed(measures.compute, today)
    _, past = timed(measures.compute, today - timedelta(days=180))
    census = latest_census_day(today)
    collection, dfe_timing = timed(dfe.compute, census.on)
    monthly_return, whole = timed(services.generate_return, as_at=today, by=manager)
    ratio = whole.seconds / TARGET_SECONDS
    stdout.write(f"Measures as at {today:%-d %B %Y}: {measures_only.seconds:.2f} s, {measures_only.queries} queries "
                 f"(total CME {figures.value('total'):,}).")
    stdout.write(f"Measures as at 180 days ago: {past.seconds:.2f} s, {past.queries} queries.")
    stdout.write(
        f"DfE collection figures, {census.label} ({census.on:%-d %B %Y}): {dfe_timing.seconds:.2f} s, "
        f"{dfe_timing.queries} queries (CME on the day {collection.on_census_date:,}, "
        f"at any point {collection.at_any_point:,})."
    )
    stdout.write(
        f"Whole return (measures, running totals, PDF, CSV, saved): {whole.seconds:.2f} s, {whole.queries} queries; "
        f"{ratio:.2f} of the {TARGET_SECONDS:.0f}-second target."
    )
    return {"measures": measures_only, "past": past, "dfe": dfe_timing, "return": whole, "ratio": ratio,
            "return_id": monthly_return.pk}
