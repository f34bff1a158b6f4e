"""The rules under the referral pages: what a referral must say, who may move
it where, how its clock counts, and how its reference is given."""

import threading
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import OperationalError, connection, connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cme.accounts.models import Role
from cme.schooldays.demo_terms import la_calendar
from referrals import sla
from referrals.completeness import missing_answers
from referrals.models import ACTIONS, ReferralStatus
from referrals.references import next_reference
from referrals.tests.factories import ReferralFactory
from referrals.workflow import REFERRAL_WORKFLOW, referral_priority
from tracking.models import FlagKind, Priority

CALENDAR = la_calendar()


# --- what a referral must say --------------------------------------------------

@pytest.mark.django_db
def test_a_school_referral_needs_every_action_outcome_and_the_home_visit(grace_at_oak):
    blank = {name: "" for name, _ in ACTIONS} | {"home_visit_outcome": "", "home_visit_date": None}
    referral = ReferralFactory(referrer=grace_at_oak, answers=blank)
    assert [m.message for m in missing_answers(referral)] == [
        *[f"Enter the outcome of ‘{label}’" for _, label in ACTIONS],
        "Select what you found on the home visit",
        "Enter the date of the home visit",
    ]


@pytest.mark.django_db
def test_a_partner_referral_needs_only_the_children_the_concern_question_and_a_contact(nadia_partner):
    referral = ReferralFactory(referrer=nadia_partner, children=[dict(first_name="Kacper", last_name="Nowak")],
                               answers={"child_protection_concern": None, "address_line_1": "", "address_postcode": ""})
    assert [m.message for m in missing_answers(referral)] == ["Select yes if there is a child protection concern"]


@pytest.mark.django_db
def test_a_referral_without_children_cannot_be_sent(nadia_partner):
    referral = ReferralFactory(referrer=nadia_partner, children=[])
    assert [m.step for m in missing_answers(referral)] == ["children"]


@pytest.mark.parametrize("flags, concern, priority", [
    ([], False, Priority.STANDARD),
    ([FlagKind.YOUNG_CARER], False, Priority.HIGH),
    ([FlagKind.CHILD_PROTECTION], False, Priority.ACT_TODAY),
    ([], True, Priority.ACT_TODAY),
    ([FlagKind.SEN_SUPPORT, FlagKind.GRT], None, Priority.HIGH),
])
def test_priority_follows_the_risk_factors_and_a_child_protection_concern(flags, concern, priority):
    assert referral_priority(SimpleNamespace(risk_flags=flags, child_protection_concern=concern)) == priority


# --- who may move a referral where ------------------------------------------------

OFFICERS = {Role.CME_OFFICER, Role.SENIOR_OFFICER}
REFERRERS = {Role.SCHOOL_USER, Role.PARTNER}
WHO_MAY = {
    "submit": REFERRERS,
    "request_info": OFFICERS,
    "provide_info": REFERRERS,
    "accept": OFFICERS,
    "not_cme": OFFICERS,
    "duplicate": OFFICERS,
}


@pytest.mark.parametrize("name", sorted(WHO_MAY))
@pytest.mark.parametrize("role", list(Role))
def test_the_transition_table_says_who_may(name, role):
    [transition] = [t for t in REFERRAL_WORKFLOW.transitions if t.name == name]
    assert (role in transition.roles) == (role in WHO_MAY[name])


def test_a_decision_can_be_made_while_waiting_for_the_referrer_but_not_after_another():
    for name in ("accept", "not_cme", "duplicate"):
        assert REFERRAL_WORKFLOW.find(ReferralStatus.INFO_REQUESTED, name)
        for decided in (ReferralStatus.ACCEPTED, ReferralStatus.NOT_CME, ReferralStatus.DUPLICATE):
            assert REFERRAL_WORKFLOW.find(decided, name) is None


@pytest.mark.django_db
def test_only_the_person_who_started_a_referral_can_send_it(grace_at_oak, oak_primary):
    from referrals import services
    from referrals.workflow import TransitionRefused
    from tracking.tests.factories import SchoolMembershipFactory

    referral = ReferralFactory(referrer=grace_at_oak)
    colleague = SchoolMembershipFactory(school=oak_primary).user
    with pytest.raises(TransitionRefused):
        services.submit_referral(referral, by=colleague)


# --- the clock -----------------------------------------------------------------------

@pytest.fixture
def pure_calendar(monkeypatch):
    monkeypatch.setattr(sla, "school_days_between", CALENDAR.school_days_between)


TERM_DAYS = st.dates(min_value=date(2024, 9, 2), max_value=date(2027, 7, 1))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=TERM_DAYS, gap=st.integers(0, 120), pause=st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_the_clock_counts_school_days_less_those_spent_waiting(pure_calendar, received, gap, pause):
    on = received + timedelta(days=gap)
    start, length = pause
    paused_from = received + timedelta(days=start)
    resumed = min(paused_from + timedelta(days=length), on)
    referral = SimpleNamespace(received_on=received, paused_on=None, pauses=[])
    everything = CALENDAR.school_days_between(received, on)
    assert sla.school_days_open(referral, on) == everything

    if paused_from < resumed:
        referral.pauses = [[paused_from.isoformat(), resumed.isoformat()]]
        waited = CALENDAR.school_days_between(paused_from, resumed)
        assert sla.school_days_open(referral, on) == everything - waited
    assert 0 <= sla.school_days_open(referral, on) <= everything


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=TERM_DAYS, gap=st.integers(0, 90))
def test_the_clock_never_runs_backwards_and_stops_while_paused(pure_calendar, received, gap):
    referral = SimpleNamespace(received_on=received, paused_on=None, pauses=[])
    days = [sla.school_days_open(referral, received + timedelta(days=d)) for d in range(gap + 1)]
    assert days == sorted(days)
    referral.paused_on = received + timedelta(days=gap)
    stopped = sla.school_days_open(referral, referral.paused_on)
    assert all(sla.school_days_open(referral, referral.paused_on + timedelta(days=d)) == stopped for d in range(30))


@given(st.integers(0, 400))
def test_milestones_are_each_ten_school_days(days):
    reached = sla.milestone(days)
    assert reached % 10 == 0 and reached <= days < reached + 10


def test_a_calendar_without_the_dates_gives_no_answer_rather_than_a_guess(monkeypatch):
    monkeypatch.setattr(sla, "school_days_between", CALENDAR.school_days_between)
    referral = SimpleNamespace(received_on=date(2031, 1, 6), paused_on=None, pauses=[])
    assert sla.school_days_open(referral, date(2031, 2, 6)) is None


# --- references -------------------------------------------------------------------------

@pytest.mark.django_db
def test_references_count_up_within_a_year_and_start_again_in_the_next():
    assert [next_reference("CME", on=date(2026, 12, 31)) for _ in range(3)] == [
        "CME-2026-00001", "CME-2026-00002", "CME-2026-00003"]
    assert next_reference("CME", on=date(2027, 1, 1)) == "CME-2027-00001"
    assert next_reference("RFR", on=date(2026, 12, 31)) == "RFR-2026-00001"
    assert next_reference("CME", on=date(2026, 6, 1)) == "CME-2026-00004"


@pytest.mark.django_db(transaction=True)
def test_two_people_sending_at_the_same_moment_never_get_the_same_reference():
    """Eight senders at once. PostgreSQL queues them on the row lock, so all
    eight get a number; SQLite's in-memory test database refuses a writer
    that collides ("database table is locked") instead of queuing it. Either
    way no number is given twice and none is skipped."""
    references, refused, start = [], [], threading.Barrier(8)

    def send():
        try:
            start.wait(5)
            references.append(next_reference("CME", on=date(2026, 3, 2)))
        except OperationalError as error:
            refused.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(references) == [f"CME-2026-{n:05d}" for n in range(1, len(references) + 1)]
    assert len(references) + len(refused) == 8
    if connection.vendor == "postgresql":
        assert len(references) == 8


@pytest.mark.django_db
def test_a_sent_referral_always_has_a_reference(nadia_partner):
    from django.db import IntegrityError

    referral = ReferralFactory(referrer=nadia_partner, submitted=True)
    with pytest.raises(IntegrityError):
        type(referral).objects.filter(pk=referral.pk).update(reference=None)
