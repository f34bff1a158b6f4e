"""The school-day service answers from the term dates in the database, quickly, and sees changes."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction

from cme.schooldays import selectors, services
from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.demo import ELM_ACADEMY_URN, OAK_PRIMARY_URN
from cme.schooldays.models import Calendar, ClosureDay, Term
from cme.schooldays.selectors import add_school_days, calendar_for, is_school_day, school_days_between

from .termdata import ELM, LA, OAK

OAK_PRIMARY = SimpleNamespace(urn=OAK_PRIMARY_URN, name="Oak Primary School")
ELM_ACADEMY = SimpleNamespace(urn=ELM_ACADEMY_URN, name="Elm Academy")
ASH_PRIMARY = SimpleNamespace(urn="116101", name="Ash Primary School")  # no calendar of its own

pytestmark = pytest.mark.usefixtures("demo_calendars")


def test_the_la_calendar_from_the_database_is_the_demo_calendar():
    assert calendar_for().school_days() == LA.school_days()
    assert calendar_for(None).school_years == (2022, 2023, 2024, 2025, 2026, 2027)


@pytest.mark.parametrize("school, expected", [(OAK_PRIMARY, OAK), (ELM_ACADEMY, ELM), (ASH_PRIMARY, LA)])
def test_a_school_gets_the_la_calendar_with_its_own_dates_laid_over(school, expected):
    assert calendar_for(school).school_days() == expected.school_days()
    assert calendar_for(school.urn).school_days() == expected.school_days()


@pytest.mark.parametrize(
    "school, on, expected",
    [
        (None, date(2025, 11, 3), True),  # first day of Autumn 2
        (OAK_PRIMARY, date(2025, 11, 3), False),  # Oak's INSET day
        (None, date(2025, 10, 27), False),  # half term
        (None, date(2026, 5, 4), False),  # early May bank holiday, in term
        (None, date(2023, 5, 8), False),  # coronation bank holiday, in term
        (None, date(2024, 4, 2), False),  # LA Easter holiday
        (ELM_ACADEMY, date(2024, 4, 2), True),  # Elm's own spring term runs through it
        (ELM_ACADEMY, date(2024, 4, 1), False),  # Easter Monday, even in Elm's term
    ],
)
def test_is_school_day(school, on, expected):
    assert is_school_day(on, school) is expected


def test_adding_and_counting_school_days_follow_the_documented_conventions():
    friday = date(2025, 10, 24)  # last day of Autumn 1 2025
    assert add_school_days(friday, 1) == date(2025, 11, 3)
    assert add_school_days(friday, 1, OAK_PRIMARY) == date(2025, 11, 4)  # 3 Nov is Oak's INSET day
    assert add_school_days(friday, 0) == friday
    assert add_school_days(date(2025, 11, 3), -1) == friday
    assert school_days_between(friday, date(2025, 11, 3)) == 1  # (start, end]: end counted
    assert school_days_between(date(2025, 11, 3), friday) == -1
    assert school_days_between(friday, add_school_days(friday, 20, ELM_ACADEMY), ELM_ACADEMY) == 20


def test_dates_outside_the_loaded_years_raise_the_documented_error():
    with pytest.raises(DateOutsideCalendar, match="2021/22"):
        is_school_day(date(2022, 3, 1))
    with pytest.raises(DateOutsideCalendar):
        add_school_days(date(2028, 7, 10), 20)  # runs past 31 August 2028


def test_with_no_term_dates_every_question_raises(db):
    Calendar.objects.all().delete()
    with pytest.raises(DateOutsideCalendar, match="no term dates are loaded"):
        is_school_day(date(2025, 11, 3))


def test_repeated_questions_are_answered_without_queries(django_assert_num_queries):
    with django_assert_num_queries(2):  # terms and closure days, once
        calendar_for()
    with django_assert_num_queries(0):
        for school in (None, OAK_PRIMARY, ELM_ACADEMY, ASH_PRIMARY, None, OAK_PRIMARY):
            add_school_days(date(2025, 9, 10), 20, school)
            school_days_between(date(2025, 9, 10), date(2025, 12, 1), school)
            is_school_day(date(2025, 9, 10), school)


def test_a_saved_change_is_seen_at_once(sam_senior, django_assert_num_queries):
    assert is_school_day(date(2025, 10, 27)) is False
    terms = [(t.name, t.start, t.end) for t in Term.objects.filter(calendar__school_urn="", school_year=2025)]
    terms = [(name, start, date(2025, 10, 31) if name == "Autumn 1" else end) for name, start, end in terms]
    services.save_school_year(by=sam_senior, school_year=2025, terms=terms, closures=[(date(2025, 9, 4), "INSET day")])

    assert is_school_day(date(2025, 10, 27)) is True
    assert is_school_day(date(2025, 9, 4)) is False
    assert is_school_day(date(2025, 9, 4), OAK_PRIMARY) is False  # LA closures apply to Oak too
    with django_assert_num_queries(0):
        is_school_day(date(2025, 10, 28))


def test_a_change_made_without_the_services_is_seen_too():
    assert is_school_day(date(2025, 9, 5), OAK_PRIMARY) is True
    ClosureDay.objects.create(calendar=Calendar.objects.get(school_urn=OAK_PRIMARY_URN), date=date(2025, 9, 5))
    assert is_school_day(date(2025, 9, 5), OAK_PRIMARY) is False
    assert is_school_day(date(2025, 9, 5)) is True


def test_a_rolled_back_change_leaves_nothing_behind():
    term = Term.objects.get(calendar__school_urn="", school_year=2025, name="Autumn 1")
    with pytest.raises(RuntimeError), transaction.atomic():
        term.end = date(2025, 10, 31)
        term.save()
        assert is_school_day(date(2025, 10, 27)) is True
        raise RuntimeError("rolled back")
    assert is_school_day(date(2025, 10, 27)) is False


class TestAnotherProcessesChange:
    """Processes share a version token in Django's cache; this process's own memory is checked against it."""

    @pytest.fixture
    def clock(self, monkeypatch):
        now = [1000.0]
        monkeypatch.setattr(selectors.time, "monotonic", lambda: now[0])
        return now

    def test_a_new_version_from_another_process_is_picked_up_after_a_moment(self, clock, django_assert_num_queries):
        calendar_for()
        cache.set(selectors.VERSION_KEY, "changed-by-another-process")
        with django_assert_num_queries(0):
            calendar_for()  # checked at most every VERSION_CHECK_SECONDS
        clock[0] += selectors.VERSION_CHECK_SECONDS + 1
        with django_assert_num_queries(2):
            calendar_for()
        clock[0] += selectors.VERSION_CHECK_SECONDS + 1
        with django_assert_num_queries(0):
            calendar_for()  # same version: nothing to rebuild

    def test_kept_calendars_are_rebuilt_after_max_age_even_without_a_shared_cache(
        self, clock, django_assert_num_queries
    ):
        calendar_for()
        clock[0] += selectors.MAX_AGE_SECONDS + 1
        with django_assert_num_queries(2):
            calendar_for()

    def test_a_lost_version_token_means_a_rebuild(self, clock, django_assert_num_queries):
        calendar_for()
        cache.delete(selectors.VERSION_KEY)
        clock[0] += selectors.VERSION_CHECK_SECONDS + 1
        with django_assert_num_queries(2):
            calendar_for()


def test_stored_dates_that_cannot_make_a_calendar_give_a_clear_error():
    # Only possible by going round the services and the admin site's checks.
    Term.objects.filter(calendar__school_urn="", school_year=2024).delete()
    with pytest.raises(selectors.CalendarDataError, match="missing for 2024/25"):
        calendar_for()
