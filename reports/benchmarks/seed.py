"""Seed a local authority at scale, with bulk inserts, for the return benchmark.

The data is made to look like a year of a large LA's work: 250,000 children of
all ages (some with a recorded year group, a few out of phase), 25,000 cases
opened over three years with their timeline (opened, category changes,
enquiries, notes, located, closed, failed to track), risk factors with
periods, and failed-to-track alerts. Rows are made with ``bulk_create`` and
timestamps are set as they would have been, so the as-at queries see real
history. Deterministic: the same seed gives the same data.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from cme.schooldays.age import nc_year, year_group_offset
from tracking.models import (
    Case, CaseEvent, Category, Child, ChildAlert, EventKind, FlagKind, Outcome, Status, VulnerabilityFlag,
)

BATCH = 2000
BENCHMARK_MARK = "return-benchmark"

CATEGORY_WEIGHTS = [
    (Category.LEAVER_DESTINATION_UNKNOWN, 30), (Category.CME_OTHER, 18), (Category.IN_YEAR_PROCESSING, 8),
    (Category.IN_YEAR_UNDER_OFFER, 6), (Category.IN_YEAR_FAILED_TO_REGISTER, 6),
    (Category.FAILED_TO_START_RECEPTION, 6), (Category.FAILED_TO_TRANSFER_SECONDARY, 5),
    (Category.FAILED_TO_TRANSFER_JUNIOR, 3), (Category.DEFERRED_ENTRY, 3), (Category.PERMANENTLY_EXCLUDED, 5),
    (Category.SEND_WITHOUT_PLACE, 6), (Category.LOOKED_AFTER_WITHOUT_PROVISION, 4),
]
# How a case ended up (or has not yet): weights.
FATES = [("open", 14), ("ftt_pending", 2), ("located", 6), ("closed", 70), ("ftt", 3), ("reopened", 5)]
LOCATED = [Outcome.ENROLLED] * 6 + [Outcome.OTHER_LA] * 2 + [Outcome.ABROAD, Outcome.EHE, Outcome.ALTERNATIVE_PROVISION]
FLAG_KINDS = [FlagKind.CHILD_PROTECTION, FlagKind.CHILD_IN_NEED, FlagKind.YOUTH_OFFENDING, FlagKind.LOOKED_AFTER,
              FlagKind.EHCP, FlagKind.SEN_SUPPORT, FlagKind.PREVIOUSLY_CME, FlagKind.GRT]


@contextmanager
def _timestamps_as_given(*fields):
    """Let bulk_create keep the historical timestamps we give (not "now")."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f, _ in saved:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def _at(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60))))


def seed(*, children=250_000, cases=25_000, today=None, seed=8, stdout=None):
    """Insert the children, cases, events, flags and alerts. Returns the counts inserted."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    say = stdout.write if stdout else (lambda *_: None)
    counts = {}
    with transaction.atomic(), _timestamps_as_given(
        Case._meta.get_field("created_at"), ChildAlert._meta.get_field("raised_at"),
    ):
        say(f"Children: {children:,}")
        first_id = (Child.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        batch = []
        for n in range(children):
            dob = today - timedelta(days=rng.randrange(0, 19 * 365))
            recorded, recorded_on, offset = "", None, None
            if rng.random() < 0.4 and 4 * 365 < (today - dob).days < 16 * 365:
                year = nc_year(dob, today)
                recorded, recorded_on = year.value, today
                if rng.random() < 0.03:  # out of phase
                    recorded = "R" if year.value != "R" else "1"
                offset = year_group_offset(dob, recorded, today)  # bulk_create skips Child.save
            batch.append(Child(
                first_name=f"Child{n}", last_name=BENCHMARK_MARK, date_of_birth=dob, sex=rng.choice("FMU"),
                recorded_year_group=recorded, recorded_year_group_on=recorded_on, year_group_offset=offset,
            ))
            if len(batch) == BATCH:
                Child.objects.bulk_create(batch)
                batch = []
        Child.objects.bulk_create(batch)
        child_ids = list(Child.objects.filter(id__gte=first_id).values_list("id", flat=True))
        counts["children"] = len(child_ids)

        say(f"Cases: {cases:,}, with their timelines")
        categories = [c for c, w in CATEGORY_WEIGHTS for _ in range(w)]
        fates = [f for f, w in FATES for _ in range(w)]
        case_children = rng.sample(child_ids, cases)
        plans = []
        case_rows = []
        for child_id in case_children:
            opened = today - timedelta(days=rng.randrange(0, 3 * 365))
            category = rng.choice(categories)
            fate = rng.choice(fates)
            status, outcome, closed_on, located_on = Status.OPEN, "", None, None
            if fate in ("closed", "ftt", "located"):
                located_on = min(today, opened + timedelta(days=rng.randrange(5, 120)))
            if fate == "closed":
                status, outcome, closed_on = Status.CLOSED, rng.choice(LOCATED), located_on
            elif fate == "ftt":
                status, outcome, closed_on = Status.CLOSED, Outcome.FAILED_TO_TRACK, located_on
            elif fate == "located":
                status, outcome = Status.LOCATED, rng.choice(LOCATED)
            elif fate == "ftt_pending":
                status = Status.FAILED_TO_TRACK
            case_rows.append(Case(
                child_id=child_id, category=category, status=status, outcome=outcome, opened_on=opened,
                located_on=located_on if status != Status.OPEN else None, closed_on=closed_on,
                created_at=_at(opened, rng),
            ))
            plans.append((fate, category, opened, located_on, outcome))
        Case.objects.bulk_create(case_rows, batch_size=BATCH)
        counts["cases"] = len(case_rows)

        events, alerts = [], []
        for case, (fate, category, opened, located_on, outcome) in zip(case_rows, plans):
            day = opened
            events.append(CaseEvent(case_id=case.pk, kind=EventKind.OPENED, occurred_at=case.created_at,
                                    summary="Case opened", status_after=Status.OPEN, category_after=category))
            if rng.random() < 0.1:
                earlier = rng.choice([c for c in Category.values if c != category])
                events[-1].category_after = earlier
                day = day + timedelta(days=rng.randrange(1, 10))
                events.append(CaseEvent(case_id=case.pk, kind=EventKind.CATEGORY, occurred_at=_at(min(day, today), rng),
                                        summary="Category changed", status_after=Status.OPEN, category_after=category,
                                        data={"from": earlier, "to": category}))
            for _ in range(rng.randrange(1, 4)):
                day = min(today, day + timedelta(days=rng.randrange(1, 15)))
                events.append(CaseEvent(case_id=case.pk, kind=EventKind.ENQUIRY, occurred_at=_at(day, rng),
                                        summary="Enquiry of a school"))
            if fate in ("closed", "located", "ftt", "ftt_pending", "reopened"):
                end = located_on or min(today, day + timedelta(days=20))
                if fate in ("ftt", "ftt_pending"):
                    events.append(CaseEvent(case_id=case.pk, kind=EventKind.STATUS, occurred_at=_at(end, rng),
                                            summary="Ask for failed-to-track sign-off", status_after=Status.FAILED_TO_TRACK,
                                            category_after=category, data={"transition": "request_ftt"}))
                if fate == "ftt":
                    events.append(CaseEvent(case_id=case.pk, kind=EventKind.STATUS, occurred_at=_at(end, rng),
                                            summary="Signed off", status_after=Status.CLOSED, category_after=category,
                                            data={"transition": "sign_off_ftt", "outcome": Outcome.FAILED_TO_TRACK}))
                    alerts.append(ChildAlert(child_id=case.child_id, case_id=case.pk, kind=ChildAlert.Kind.FAILED_TO_TRACK,
                                             raised_at=_at(end, rng)))
                if fate in ("closed", "located", "reopened"):
                    located_outcome = outcome or rng.choice(LOCATED)
                    events.append(CaseEvent(case_id=case.pk, kind=EventKind.STATUS, occurred_at=_at(end, rng),
                                            summary="Located", status_after=Status.LOCATED, category_after=category,
                                            data={"transition": "locate", "outcome": located_outcome}))
                    if fate == "closed":
                        events.append(CaseEvent(case_id=case.pk, kind=EventKind.STATUS,
                                                occurred_at=_at(min(today, end + timedelta(days=3)), rng),
                                                summary="Closed", status_after=Status.CLOSED, category_after=category,
                                                data={"transition": "close", "outcome": located_outcome}))
                    if fate == "reopened":
                        events.append(CaseEvent(case_id=case.pk, kind=EventKind.STATUS,
                                                occurred_at=_at(min(today, end + timedelta(days=7)), rng),
                                                summary="Not located after all", status_after=Status.OPEN,
                                                category_after=category, data={"transition": "not_located"}))
            events.append(CaseEvent(case_id=case.pk, kind=EventKind.NOTE, occurred_at=_at(day, rng), summary="Note"))
        CaseEvent.objects.bulk_create(events, batch_size=BATCH)
        ChildAlert.objects.bulk_create(alerts, batch_size=BATCH)
        counts["events"], counts["alerts"] = len(events), len(alerts)

        say("Risk factors")
        flags = []
        for child_id in rng.sample(child_ids, min(len(child_ids), children // 10)):
            starts = today - timedelta(days=rng.randrange(0, 5 * 365))
            ends = starts + timedelta(days=rng.randrange(30, 900)) if rng.random() < 0.5 else None
            flags.append(VulnerabilityFlag(child_id=child_id, kind=rng.choice(FLAG_KINDS), starts_on=starts, ends_on=ends))
        VulnerabilityFlag.objects.bulk_create(flags, batch_size=BATCH)
        counts["flags"] = len(flags)
    return counts
