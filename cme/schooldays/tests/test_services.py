"""Writing term dates: the services check the whole calendar before anything is kept."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from cme.schooldays import demo, services
from cme.schooldays.demo import ELM_ACADEMY_URN, OAK_PRIMARY_URN
from cme.schooldays.demo_terms import LA_TERMS
from cme.schooldays.models import Calendar, ClosureDay, Term
from cme.schooldays.selectors import calendar_for, is_school_day

pytestmark = pytest.mark.django_db

LA_2025 = [(t.name, t.start, t.end) for t in LA_TERMS if t.school_year == 2025]
LA_2026 = [(t.name, t.start, t.end) for t in LA_TERMS if t.school_year == 2026]


def stored():
    return (
        sorted(Term.objects.values_list("calendar__school_urn", "school_year", "name", "start", "end")),
        sorted(ClosureDay.objects.values_list("calendar__school_urn", "date", "reason")),
        sorted(Calendar.objects.values_list("pk", "school_urn", "name")),
    )


def test_the_first_year_makes_the_la_calendar(sam_senior):
    calendar = services.save_school_year(by=sam_senior, school_year=2025, terms=LA_2025)
    assert calendar.is_la_calendar and calendar.updated_by == sam_senior
    assert calendar_for().school_years == (2025,)


@pytest.mark.parametrize(
    "terms, closures, message",
    [
        ([("Autumn 1", date(2025, 9, 3), date(2025, 9, 1))], [], "must be the same as or after its first day"),
        ([("Autumn 1", date(2025, 8, 29), date(2025, 10, 24))], [], "must be in the 2025/26"),
        (LA_2025 + [("Autumn 1", date(2026, 7, 23), date(2026, 7, 24))], [], "Autumn 1 is given more than once"),
        (LA_2025, [(date(2026, 9, 1), "INSET day")], "Closure day 01/09/2026 must be in the 2025/26"),
        (LA_2025, [(date(2025, 9, 4), "INSET day"), (date(2025, 9, 4), "Polling day")], "given more than once"),
        (LA_2025, [(date(2025, 9, 4), "")], "Give a reason"),
        ([], [(date(2025, 9, 4), "INSET day")], "Enter term dates for 2025/26 before adding closure days"),
    ],
)
def test_a_wrong_year_is_refused(sam_senior, terms, closures, message):
    with pytest.raises(ValidationError, match=message):
        services.save_school_year(by=sam_senior, school_year=2025, terms=terms, closures=closures)
    assert not Term.objects.exists()


def test_a_gap_between_school_years_is_refused_and_nothing_changes(sam_senior):
    services.save_school_year(by=sam_senior, school_year=2024, terms=[("Autumn 1", date(2024, 9, 2), date(2024, 10, 25))])
    before = stored()
    with pytest.raises(ValidationError, match="Term dates are missing for 2025/26"):
        services.save_school_year(by=sam_senior, school_year=2026, terms=LA_2026)
    assert stored() == before


def test_a_year_we_do_not_hold_is_refused(sam_senior):
    with pytest.raises(ValidationError, match="from 2000 to 2098"):
        services.save_school_year(by=sam_senior, school_year=99999, terms=[])


class TestSchoolCalendars:
    @pytest.fixture(autouse=True)
    def la(self, sam_senior):
        services.save_school_year(by=sam_senior, school_year=2025, terms=LA_2025)

    def test_a_school_adds_its_own_inset_day_to_the_la_terms(self, alex_admin):
        services.save_school_year(
            by=alex_admin, school_year=2025, terms=[], closures=[(date(2025, 11, 3), "INSET day")],
            school_urn=OAK_PRIMARY_URN, school_name="Oak Primary School",
        )
        assert is_school_day(date(2025, 11, 3), OAK_PRIMARY_URN) is False
        assert is_school_day(date(2025, 11, 3)) is True
        assert Calendar.objects.get(school_urn=OAK_PRIMARY_URN).name == "Oak Primary School"

    def test_a_school_with_its_own_terms_replaces_the_la_year(self, alex_admin):
        services.save_school_year(
            by=alex_admin, school_year=2025, terms=[("Autumn 1", date(2025, 9, 8), date(2025, 10, 17))],
            school_urn=ELM_ACADEMY_URN,
        )
        assert is_school_day(date(2025, 9, 4), ELM_ACADEMY_URN) is False
        assert is_school_day(date(2025, 11, 3), ELM_ACADEMY_URN) is False  # only Autumn 1 given
        assert is_school_day(date(2025, 9, 4)) is True

    def test_a_school_calendar_that_would_leave_a_gap_is_refused(self, alex_admin):
        with pytest.raises(ValidationError, match="Elm Academy \\(URN 116300\\) has its own term dates"):
            services.save_school_year(
                by=alex_admin, school_year=2027, terms=[("Autumn 1", date(2027, 9, 1), date(2027, 10, 22))],
                school_urn=ELM_ACADEMY_URN, school_name="Elm Academy",
            )
        assert not Calendar.objects.filter(school_urn=ELM_ACADEMY_URN).exists()

    def test_a_malformed_urn_is_refused(self, alex_admin):
        with pytest.raises(ValidationError):
            services.save_school_year(by=alex_admin, school_year=2025, terms=[], school_urn="12AB")

    def test_removing_a_school_calendar_puts_the_school_back_on_la_dates(self, alex_admin):
        services.save_school_year(
            by=alex_admin, school_year=2025, terms=[], closures=[(date(2025, 11, 3), "INSET day")],
            school_urn=OAK_PRIMARY_URN,
        )
        services.delete_school_calendar(by=alex_admin, school_urn=OAK_PRIMARY_URN)
        assert is_school_day(date(2025, 11, 3), OAK_PRIMARY_URN) is True
        services.delete_school_calendar(by=alex_admin, school_urn="")  # never the LA's
        assert Calendar.objects.filter(school_urn="").exists()


def test_the_database_refuses_a_term_that_ends_before_it_starts(sam_senior):
    calendar = services.save_school_year(by=sam_senior, school_year=2025, terms=LA_2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(calendar=calendar, school_year=2025, name="Extra", start=date(2025, 12, 1), end=date(2025, 11, 1))


def test_the_database_allows_one_la_calendar_only(db):
    Calendar.objects.create(school_urn="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Calendar.objects.create(school_urn="")


def test_the_demo_seed_loads_every_demo_year_and_running_it_again_changes_nothing():
    demo.seed(io.StringIO())
    before = stored()
    out = io.StringIO()
    demo.seed(out)
    assert stored() == before
    assert calendar_for().school_years == (2022, 2023, 2024, 2025, 2026, 2027)
    assert "LA calendar 2022/23 to 2027/28" in out.getvalue()


def test_the_demo_seed_adds_missing_years_around_a_managers_own(sam_senior):
    own = [("Autumn 1", date(2025, 9, 4), date(2025, 10, 24))]
    services.save_school_year(by=sam_senior, school_year=2025, terms=own)
    demo.seed(io.StringIO())
    assert calendar_for().school_years == (2022, 2023, 2024, 2025, 2026, 2027)
    assert [(t.name, t.start, t.end) for t in Term.objects.filter(calendar__school_urn="", school_year=2025)] == own


class TestTheAdminSite:
    @pytest.fixture(autouse=True)
    def demo_calendars(self):
        demo.seed(io.StringIO())

    def inline_data(self, calendar, terms):
        data = {
            "name": calendar.name,
            "terms-TOTAL_FORMS": str(len(terms)), "terms-INITIAL_FORMS": "0",
            "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
        }
        for i, (year, name, start, end) in enumerate(terms):
            data.update({f"terms-{i}-school_year": year, f"terms-{i}-name": name, f"terms-{i}-start": start, f"terms-{i}-end": end})
        return data

    def test_an_administrator_gives_a_school_its_own_terms(self, admin_client):
        calendar = Calendar.objects.get(school_urn=ELM_ACADEMY_URN)
        url = reverse("admin:schooldays_calendar_change", args=[calendar.pk])
        assert admin_client.get(url).status_code == 200
        response = admin_client.post(url, self.inline_data(calendar, [(2025, "Autumn 1", "08/09/2025", "17/10/2025")]))
        assert response.status_code == 302
        assert is_school_day(date(2025, 9, 4), ELM_ACADEMY_URN) is False

    @pytest.mark.parametrize(
        "terms, message",
        [
            ([(2025, "Autumn 1", "08/09/2025", "01/09/2025")], "must be the same as or after its first day"),
            ([(2025, "Autumn 1", "08/09/2025", "17/10/2025"), (2025, "Autumn 2", "10/10/2025", "19/12/2025")],
             "Autumn 2 must start after Autumn 1 ends"),
            ([(2025, "Autumn 1", "08/09/2024", "17/10/2024")], "must be in the 2025/26"),
            ([(2029, "Autumn 1", "03/09/2029", "19/10/2029")], "Term dates are missing for 2028/29"),
        ],
    )
    def test_the_admin_site_keeps_the_calendar_rules(self, admin_client, terms, message):
        calendar = Calendar.objects.get(school_urn=ELM_ACADEMY_URN)
        before = stored()
        response = admin_client.post(
            reverse("admin:schooldays_calendar_change", args=[calendar.pk]), self.inline_data(calendar, terms)
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        assert stored() == before

    @pytest.mark.parametrize("model", ["calendar", "term", "closureday", "deletionground"])
    def test_every_list_opens(self, admin_client, model):
        assert admin_client.get(reverse(f"admin:schooldays_{model}_changelist")).status_code == 200

    def test_the_la_calendar_cannot_be_deleted_in_the_admin_site(self, admin_client):
        calendar = Calendar.objects.get(school_urn="")
        assert admin_client.get(reverse("admin:schooldays_calendar_delete", args=[calendar.pk])).status_code == 403
