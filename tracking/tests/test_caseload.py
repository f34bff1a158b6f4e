"""My caseload and the team caseload: what an officer takes to the weekly
caseload meeting."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from tracking import services
from tracking.models import Category, FlagKind, Priority
from tracking.tests.factories import CaseFactory, SchoolFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)


@pytest.fixture
def on_a_monday():
    with time_machine.travel(MONDAY, tick=False):
        yield MONDAY


def rows(response):
    return [case.child.first_name for case in response.context["page"].object_list]


def test_priya_sees_her_open_cases_overdue_first_then_by_priority(client, priya_officer, tom_officer, on_a_monday):
    CaseFactory(child__first_name="Later", assigned_officer=priya_officer, next_action="Visit",
                next_action_due=MONDAY + timedelta(days=3))
    CaseFactory(child__first_name="Overdue", assigned_officer=priya_officer, next_action="Chase school",
                next_action_due=MONDAY - timedelta(days=2))
    CaseFactory(child__first_name="Urgent", assigned_officer=priya_officer, child__flags=[FlagKind.CHILD_PROTECTION],
                next_action="Visit today", next_action_due=MONDAY + timedelta(days=5))
    CaseFactory(child__first_name="Toms", assigned_officer=tom_officer)
    CaseFactory(child__first_name="Finished", assigned_officer=priya_officer, closed=True)
    client.force_login(priya_officer)
    response = client.get(reverse("tracking:my_caseload"))
    assert rows(response) == ["Overdue", "Urgent", "Later"]
    page = response.content.decode()
    assert "Overdue</strong>" in page and "Act today" in page and "Child protection plan" in page


def test_the_age_of_a_case_is_counted_in_school_days(client, priya_officer, term_dates, on_a_monday):
    CaseFactory(assigned_officer=priya_officer, opened_on=date(2026, 11, 2))
    client.force_login(priya_officer)
    page = client.get(reverse("tracking:my_caseload")).content.decode()
    assert "10 school days" in page


def test_without_term_dates_the_age_is_shown_in_calendar_days_and_says_so(client, priya_officer, on_a_monday):
    CaseFactory(assigned_officer=priya_officer, opened_on=date(2026, 11, 2))
    client.force_login(priya_officer)
    page = client.get(reverse("tracking:my_caseload")).content.decode()
    assert "14 calendar days" in page
    assert "School days not known: term dates are not loaded" in page


def test_an_officer_with_no_cases_is_told_so(client, tom_officer):
    client.force_login(tom_officer)
    assert "You have no open cases" in client.get(reverse("tracking:my_caseload")).content.decode()


@pytest.fixture
def team(priya_officer, tom_officer, oak_primary, elm_academy, on_a_monday):
    return {
        "priya_late": CaseFactory(child__first_name="Aisha", assigned_officer=priya_officer,
                                  category=Category.LEAVER_DESTINATION_UNKNOWN, last_known_school=oak_primary,
                                  next_action="Phone", next_action_due=MONDAY - timedelta(days=1)),
        "priya_ok": CaseFactory(child__first_name="Bilal", assigned_officer=priya_officer,
                                category=Category.FAILED_TO_START_RECEPTION, last_known_school=elm_academy,
                                child__flags=[FlagKind.YOUNG_CARER]),
        "tom": CaseFactory(child__first_name="Chloe", assigned_officer=tom_officer, last_known_school=oak_primary,
                           child__flags=[FlagKind.CHILD_PROTECTION]),
        "nobody": CaseFactory(child__first_name="Dawid"),
        "closed": CaseFactory(child__first_name="Emma", assigned_officer=tom_officer, closed=True),
    }


def test_the_team_caseload_groups_active_cases_by_officer_with_totals(client, sam_senior, team):
    client.force_login(sam_senior)
    response = client.get(reverse("tracking:team_caseload"))
    assert rows(response) == ["Aisha", "Bilal", "Chloe", "Dawid"]
    totals = {(t["assigned_officer__first_name"], t["total"], t["overdue"], t["act_today"]) for t in response.context["totals"]}
    assert totals == {("Priya", 2, 1, 0), ("Tom", 1, 0, 1), (None, 1, 0, 0)}
    page = response.content.decode()
    assert "Not assigned" in page and "Emma" not in page


@pytest.mark.parametrize("query, expected", [
    ({"category": Category.FAILED_TO_START_RECEPTION}, ["Bilal"]),
    ({"officer": "none"}, ["Dawid"]),
    ({"flag": FlagKind.CHILD_PROTECTION}, ["Chloe"]),
    ({"flag": "any"}, ["Bilal", "Chloe"]),
    ({"overdue_only": "on"}, ["Aisha"]),
])
def test_the_team_caseload_filters(client, sam_senior, team, query, expected):
    client.force_login(sam_senior)
    assert rows(client.get(reverse("tracking:team_caseload"), query)) == expected


def test_the_team_caseload_filters_by_officer_and_school(client, sam_senior, team, priya_officer, oak_primary):
    client.force_login(sam_senior)
    response = client.get(reverse("tracking:team_caseload"), {"officer": priya_officer.pk, "school": oak_primary.pk})
    assert rows(response) == ["Aisha"]
    assert "Clear filters" in response.content.decode()


def test_an_ended_risk_factor_no_longer_counts(client, sam_senior, team, priya_officer):
    flag = team["priya_ok"].child.flags.get()
    services.end_flag(flag, by=priya_officer, ends_on=MONDAY - timedelta(days=1))
    client.force_login(sam_senior)
    assert rows(client.get(reverse("tracking:team_caseload"), {"flag": "any"})) == ["Chloe"]
    team["priya_ok"].refresh_from_db()
    assert team["priya_ok"].priority == Priority.STANDARD


def test_nonsense_in_the_filters_shows_every_case_rather_than_an_error(client, sam_senior, team):
    client.force_login(sam_senior)
    response = client.get(reverse("tracking:team_caseload"), {"officer": "999999", "school": "x", "category": "nope"})
    assert response.status_code == 200
    assert rows(response) == ["Aisha", "Bilal", "Chloe", "Dawid"]
    SchoolFactory()  # a school with no cases is not offered as a filter
    options = [label for _, label in client.get(reverse("tracking:team_caseload")).context["filter_form"].fields["school"].choices]
    assert options == ["All schools", "Elm Academy", "Oak Primary School"]
