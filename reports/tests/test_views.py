"""The reports pages: who may open what, and what each shows."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from cme.audit.models import AccessLog
from reports import services
from reports.models import MonthlyReturn
from tracking.models import Category

from .conftest import AS_AT, on

pytestmark = pytest.mark.django_db

LATER = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def in_march_2026():
    """The pages are used on 16 March 2026 (sessions time out, so the clock stays put)."""
    with on(LATER):
        yield


@pytest.fixture
def published(helen_manager):
    with on(date(2025, 12, 31)):
        monthly_return = services.generate_return(as_at=date(2025, 12, 31), by=helen_manager)
        return services.publish_return(monthly_return, by=helen_manager)


@pytest.fixture
def draft(helen_manager):
    with on(LATER):
        return services.generate_return(as_at=AS_AT, by=helen_manager)


def every_reports_url(monthly_return):
    pk = monthly_return.pk
    return [
        reverse("reports:index"), reverse("reports:generate"), reverse("reports:dashboard"),
        reverse("reports:return_detail", args=[pk]), reverse("reports:edit_commentary", args=[pk]),
        reverse("reports:publish", args=[pk]), reverse("reports:download", args=[pk, "pdf"]),
        reverse("reports:download", args=[pk, "csv"]), reverse("reports:drilldown", args=["total"]),
        reverse("reports:caseload_pdf"), reverse("reports:dfe_collection"), reverse("reports:dfe_collection_csv"),
    ]


def test_every_reports_url_is_a_404_for_school_staff_and_partners(
    client, grace_at_oak, nadia_partner, published, draft,
):
    from reports import urls

    urls_to_try = every_reports_url(published) + every_reports_url(draft)
    assert len({p.name for p in urls.urlpatterns}) == 11  # a new page must be added to every_reports_url
    for person in (grace_at_oak, nadia_partner):
        client.force_login(person)
        for url in urls_to_try:
            assert client.get(url).status_code == 404, (person, url)
            assert client.post(url, {"as_at_0": "30", "as_at_1": "1", "as_at_2": "2026"}).status_code == 404, url
    assert MonthlyReturn.objects.count() == 2


def test_signed_out_visitors_are_asked_to_sign_in(client, published):
    for url in every_reports_url(published):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


def test_officers_and_report_viewers_see_published_returns_only(client, priya_officer, raj_viewer, published, draft):
    for person in (priya_officer, raj_viewer):
        client.force_login(person)
        page = client.get(reverse("reports:index")).content.decode()
        assert "31 December 2025" in page and "30 January 2026" not in page
        assert "Generate a return now" not in page
        assert client.get(reverse("reports:return_detail", args=[published.pk])).status_code == 200
        assert client.get(reverse("reports:return_detail", args=[draft.pk])).status_code == 404
        assert client.get(reverse("reports:download", args=[draft.pk, "pdf"])).status_code == 404
        for managers_only in ("reports:edit_commentary", "reports:publish"):
            assert client.get(reverse(managers_only, args=[draft.pk])).status_code == 404
        assert client.get(reverse("reports:generate")).status_code == 404


def test_helen_generates_a_return_from_the_reports_page(client, helen_manager, history):
    client.force_login(helen_manager)
    assert "Generate a return now" in client.get(reverse("reports:index")).content.decode()

    with on(LATER):
        response = client.post(reverse("reports:generate"), {"as_at_0": "30", "as_at_1": "1", "as_at_2": "2026"})

    monthly_return = MonthlyReturn.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:return_detail", args=[monthly_return.pk])
    detail = client.get(response["Location"])
    page = detail.content.decode()
    assert detail.status_code == 200, detail.get("Location")
    assert "The draft return as at 30 January 2026 is ready to check" in page
    assert "Total CME" in page and "Edit commentary" in page and "Publish" in page


@pytest.mark.parametrize("day, month, year, message", [
    ("", "", "", "Enter the date the return is as at"),
    ("31", "2", "2026", "Date the return is as at must be a real date"),
    ("1", "1", "2099", "Date the return is as at must be today or in the past"),
    ("x", "1", "2026", "Date the return is as at must be a real date, using numbers only"),
])
def test_a_date_that_will_not_do_is_explained_and_what_was_typed_is_kept(client, helen_manager, day, month, year, message):
    client.force_login(helen_manager)
    response = client.post(reverse("reports:generate"), {"as_at_0": day, "as_at_1": month, "as_at_2": year,
                                                         "correction_reason": "Kept as typed"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert page.count(message) >= 2  # in the summary and by the field
    assert "Kept as typed" in page
    assert page.count('value="2099"') == (1 if year == "2099" else 0)
    assert MonthlyReturn.objects.count() == 0


def test_generating_a_published_month_without_a_reason_asks_for_one(client, helen_manager, published):
    client.force_login(helen_manager)
    with on(date(2026, 1, 2)):
        response = client.post(reverse("reports:generate"), {"as_at_0": "31", "as_at_1": "12", "as_at_2": "2025"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "To correct it, enter the reason for the correction" in page
    assert 'href="#id_correction_reason"' in page
    with on(date(2026, 1, 2)):
        client.post(reverse("reports:generate"), {"as_at_0": "31", "as_at_1": "12", "as_at_2": "2025",
                                                  "correction_reason": "A leaver was counted twice"})
    assert MonthlyReturn.objects.filter(version=2, correction_reason="A leaver was counted twice").exists()


def test_helen_edits_the_commentary_and_publishes(client, helen_manager, draft):
    client.force_login(helen_manager)
    url = reverse("reports:edit_commentary", args=[draft.pk])
    assert "Transition" in client.get(url).content.decode()
    response = client.post(url, {"transition": "Both Reception children have offers for after half term."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.commentary == {"transition": "Both Reception children have offers for after half term."}

    response = client.post(reverse("reports:publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_by == helen_manager
    # Published: the commentary page sends her back with an explanation, and nothing changes.
    response = client.post(url, {"transition": "Changed"}, follow=True)
    assert "is published, so it cannot change" in response.content.decode()
    draft.refresh_from_db()
    assert draft.commentary["transition"].startswith("Both Reception")


def test_commentary_that_is_too_long_is_explained_and_kept(client, helen_manager, draft):
    client.force_login(helen_manager)
    text = "x" * 2001
    response = client.post(reverse("reports:edit_commentary", args=[draft.pk]), {"leavers": text, "total": "Fine"})
    page = response.content.decode()
    assert "Commentary must be 2,000 characters or fewer" in page
    assert text in page and "Fine" in page


def test_downloads_are_checked_and_logged(client, raj_viewer, published):
    client.force_login(raj_viewer)
    response = client.get(reverse("reports:download", args=[published.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'filename="cme-tracking-return-2025-12-31.pdf"' in response["Content-Disposition"]

    response = client.get(reverse("reports:download", args=[published.pk, "csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row["Measure key"] for row in rows} >= {"total", "historical", "ehe"}
    assert client.get(reverse("reports:download", args=[published.pk, "xlsx"])).status_code == 404

    logged = AccessLog.objects.filter(user=raj_viewer, action="download", object_type="monthly_return")
    assert sorted(entry.detail["format"] for entry in logged) == ["csv", "pdf"]


def test_the_dashboard_drills_down_for_la_staff_and_shows_numbers_only_to_report_viewers(
    client, priya_officer, raj_viewer, history,
):
    client.force_login(priya_officer)
    with on(LATER):
        page = client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("reports:drilldown", args=["secondary"]) in page
    assert "<svg" in page and "Running totals" in page

    client.force_login(raj_viewer)
    with on(LATER):
        page = client.get(reverse("reports:dashboard")).content.decode()
    assert "/reports/dashboard/figures/" not in page
    assert "Rosa" not in page and "Example" not in page
    with on(LATER):
        assert client.get(reverse("reports:drilldown", args=["total"])).status_code == 404


def test_priya_opens_the_cases_behind_a_figure_and_it_is_logged(client, priya_officer, history):
    client.force_login(priya_officer)
    with on(LATER):
        response = client.get(reverse("reports:drilldown", args=["secondary"]), {"as_at": "2026-01-30"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Grace Example" in page and "Hugo Example" in page
    assert "Failed to transfer to secondary school" in page
    assert reverse("tracking:case_detail", args=[history.cases["Hugo"].pk]) in page
    entry = AccessLog.objects.get(user=priya_officer, object_type="report_figure")
    assert entry.object_id == "secondary" and entry.detail == {"as_at": "2026-01-30", "result_count": 2}


@pytest.mark.parametrize("key, query", [
    ("no_such_figure", {}), ("total", {"as_at": "30/01/2026"}), ("total", {"as_at": "2999-01-01"}),
    ("category:nonsense", {}),
])
def test_a_drill_down_that_does_not_exist_is_a_404(client, priya_officer, key, query):
    client.force_login(priya_officer)
    assert client.get(reverse("reports:drilldown", args=[key]), query).status_code == 404


def _seed(count):
    from reports.benchmarks.seed import seed

    seed(children=count * 3, cases=count, today=LATER, seed=count)


@pytest.mark.parametrize("cases", [10, 200])
def test_the_drill_down_costs_the_same_queries_for_10_or_200_cases(client, priya_officer, cases,
                                                                    django_assert_num_queries):
    _seed(cases)
    client.force_login(priya_officer)
    with on(LATER), django_assert_num_queries(8):
        response = client.get(reverse("reports:drilldown", args=["total"]))
    assert response.status_code == 200


@pytest.mark.parametrize("cases", [10, 200])
def test_the_dashboard_costs_the_same_queries_for_10_or_200_cases(client, priya_officer, cases,
                                                                   django_assert_num_queries):
    _seed(cases)
    client.force_login(priya_officer)
    with on(LATER), django_assert_num_queries(9):
        assert client.get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.parametrize("returns", [3, 40])
def test_the_reports_page_costs_the_same_queries_however_many_returns(client, raj_viewer, returns,
                                                                       django_assert_num_queries):
    from django.utils import timezone

    figures = {"format": 1, "as_at": "2020-01-31", "sections": [], "by_category": [], "running_totals": []}
    MonthlyReturn.objects.bulk_create(
        MonthlyReturn(as_at=date(2020 + n // 12, n % 12 + 1, 28), month=date(2020 + n // 12, n % 12 + 1, 1),
                      status="published", figures=figures, generated_at=timezone.now(), published_at=timezone.now())
        for n in range(returns)
    )
    client.force_login(raj_viewer)
    with django_assert_num_queries(7):
        assert client.get(reverse("reports:index")).status_code == 200


def test_the_weekly_caseload_report_lists_active_cases_by_officer_overdue_first(
    client, priya_officer, tom_officer, raj_viewer,
):
    from pypdf import PdfReader

    from tracking import services as tracking_services
    from tracking.tests.factories import CaseFactory

    with on(date(2026, 3, 2)):
        calm = CaseFactory(category=Category.CME_OTHER, assigned_officer=tom_officer, created_by=priya_officer,
                           next_action="Ring the family", next_action_due=date(2026, 3, 20))
        late = CaseFactory(category=Category.LEAVER_DESTINATION_UNKNOWN, assigned_officer=tom_officer,
                           created_by=priya_officer, next_action="Chase Portsmouth", next_action_due=date(2026, 3, 9))
        CaseFactory(category=Category.CME_OTHER, assigned_officer=None, created_by=priya_officer)
        CaseFactory(category=Category.CME_OTHER, assigned_officer=priya_officer, created_by=priya_officer,
                    closed=True)
        tracking_services.set_next_action(calm, by=priya_officer, action="Ring the family", due=date(2026, 3, 20))
    client.force_login(priya_officer)
    with on(LATER):
        response = client.get(reverse("reports:caseload_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Weekly caseload report" in text and "OFFICIAL-SENSITIVE" in text and "Page 1 of" in text
    assert f"{tom_officer.get_full_name()}: 2 cases, 1 overdue" in text
    assert text.index(late.reference) < text.index(calm.reference)
    assert "Not assigned: 1 case" in text
    assert AccessLog.objects.filter(user=priya_officer, object_type="caseload_report", action="download").exists()

    client.force_login(raj_viewer)
    assert client.get(reverse("reports:caseload_pdf")).status_code == 404


@pytest.mark.parametrize("regenerations", [0, 3])
def test_a_return_page_costs_the_same_queries_however_long_its_history(
    client, helen_manager, regenerations, django_assert_num_queries,
):
    monthly_return = services.generate_return(as_at=AS_AT, by=helen_manager)
    for _ in range(regenerations):
        services.generate_return(as_at=AS_AT, by=helen_manager)
    client.force_login(helen_manager)
    with django_assert_num_queries(7):
        assert client.get(reverse("reports:return_detail", args=[monthly_return.pk])).status_code == 200


def test_a_return_without_its_documents_cannot_be_published_and_helen_is_told_why(client, helen_manager, draft):
    MonthlyReturn.objects.filter(pk=draft.pk).update(pdf="")
    client.force_login(helen_manager)
    response = client.post(reverse("reports:publish", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "generate it again, then publish" in page
    assert "<title>Error: " in page
    draft.refresh_from_db()
    assert draft.is_draft
