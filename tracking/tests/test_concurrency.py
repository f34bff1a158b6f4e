"""Two officers acting on one case at the same moment: only one move wins.

Row locking is what makes this true, and SQLite has no row locks (it
serialises whole-database writes instead), so this runs on PostgreSQL — as
CI does on every push.
"""

import threading

import pytest
from django.db import connection, connections

from tracking import workflow
from tracking.models import CaseEvent, Outcome, Status
from tracking.tests.factories import CaseFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this"),
]


def _someone_waits_for_a_lock(timeout=5.0):
    ticker = threading.Event()
    for _ in range(int(timeout / 0.05)):
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
        ticker.wait(0.05)
    return False


def test_two_officers_locating_the_same_case_at_once_do_not_both_succeed(priya_officer, tom_officer, monkeypatch):
    case = CaseFactory()
    inside, proceed = threading.Event(), threading.Event()
    original = workflow._check_location

    def slow_guard(case, by, details):
        inside.set()
        proceed.wait(timeout=10)
        return original(case, by, details)

    transitions = [
        t if t.name != "locate" else type(t)(**{**t.__dict__, "guard": slow_guard})
        for t in workflow.CASE_WORKFLOW.transitions
    ]
    monkeypatch.setattr(workflow.CASE_WORKFLOW, "transitions", transitions)

    results = {}

    def attempt(who, outcome, details):
        try:
            workflow.transition(case.__class__.objects.get(pk=case.pk), "locate", who, outcome=outcome, details=details)
            results[who.first_name] = "done"
        except workflow.TransitionRefused as refused:
            results[who.first_name] = refused.errors[0]
        finally:
            connections.close_all()

    first = threading.Thread(target=attempt, args=(priya_officer, Outcome.OTHER_LA, "Hampshire confirmed"))
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=attempt, args=(tom_officer, Outcome.ABROAD, "Poland"))
    second.start()
    _someone_waits_for_a_lock()
    proceed.set()
    first.join(20)
    second.join(20)

    assert results["Priya"] == "done"
    assert "while the status is “Located”" in results["Tom"]
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Status.LOCATED, Outcome.OTHER_LA)
    assert case.events.filter(kind=CaseEvent.Kind.STATUS).count() == 1
