"""Monthly returns as stored snapshots: generate, regenerate, comment, publish, correct."""

import codecs
import csv
import io
from datetime import date

import pytest
from django.db import IntegrityError
from pypdf import PdfReader

from cme.workflow import TransitionRefused
from reports import services
from reports.models import MonthlyReturn, MonthlyReturnEvent, ReturnIsPublished

from .conftest import AS_AT, on
from .history import EXPECTED

pytestmark = pytest.mark.django_db

LATER = date(2026, 3, 16)


def pdf_text(monthly_return):
    with monthly_return.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def csv_rows(monthly_return):
    with monthly_return.csv.open("rb") as f:
        raw = f.read()
    assert raw.startswith(codecs.BOM_UTF8)  # so that Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def generate(by, as_at=AS_AT, **kwargs):
    with on(LATER):
        return services.generate_return(as_at=as_at, by=by, **kwargs)


def test_helen_generates_the_january_return_and_it_stores_the_figures_pdf_and_csv(history, helen_manager):
    monthly_return = generate(helen_manager)

    assert monthly_return.is_draft and monthly_return.version == 1
    assert monthly_return.month == date(2026, 1, 1)
    assert monthly_return.generated_by == helen_manager
    figures = monthly_return.get_figures()
    assert {f.key: f.value for _, f in figures.all_figures()} == EXPECTED
    assert monthly_return.pdf.name.endswith(".pdf") and monthly_return.csv.name.endswith(".csv")
    assert [e.kind for e in monthly_return.events.all()] == [MonthlyReturnEvent.Kind.GENERATED]


def test_the_pdf_shows_every_figure_the_la_and_the_marking_on_every_page(history, helen_manager, settings):
    monthly_return = generate(helen_manager)
    reader, text = pdf_text(monthly_return)

    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE" in page
        assert f"Page {number} of {len(pages)}" in page
        assert "DRAFT" in page
    assert settings.CME_LA_NAME in pages[0]
    assert "Monthly tracking return as at 30 January 2026" in pages[0]
    words = " ".join(text.split())
    for _, figure in monthly_return.get_figures().all_figures():
        assert f"{figure.label} {figure.value}" in words, figure.label
    assert "Total CME including historical cases 28" in words
    assert "30 January 2026 27 28 1 1" in words  # the running totals row


def test_the_csv_has_one_row_per_measure_matching_the_stored_figures(history, helen_manager):
    monthly_return = generate(helen_manager)
    rows = csv_rows(monthly_return)
    figures = list(monthly_return.get_figures().all_figures())

    assert len(rows) == len(figures)
    for row, (section, figure) in zip(rows, figures):
        assert row["Measure key"] == figure.key
        assert row["Measure"] == figure.label
        assert int(row["Number"]) == figure.value
        assert row["Section"] == section.title
        assert row["As at"] == "2026-01-30"
        assert row["Counted in total"] == ("yes" if figure.in_total else "no")
    assert {row["Measure key"]: int(row["Number"]) for row in rows} == EXPECTED


def test_generating_the_month_again_replaces_the_draft_and_keeps_the_commentary(
    history, helen_manager, sam_senior, django_capture_on_commit_callbacks,
):
    first = generate(helen_manager, as_at=date(2026, 1, 15))
    with django_capture_on_commit_callbacks(execute=True):
        services.update_commentary(first, by=helen_manager, commentary={"transition": "Two Reception starters chased"})
    first.refresh_from_db()
    old_pdf = first.pdf.name
    storage = first.pdf.storage

    with on(LATER), django_capture_on_commit_callbacks(execute=True):
        second = services.generate_return(as_at=AS_AT, by=sam_senior)

    assert second.pk == first.pk
    assert MonthlyReturn.objects.count() == 1
    second.refresh_from_db()
    assert second.as_at == AS_AT and second.generated_by == sam_senior
    assert second.commentary == {"transition": "Two Reception starters chased"}
    assert second.get_figures().value("total") == EXPECTED["total"]
    # The replaced draft's files are removed once the new ones are recorded.
    assert not storage.exists(old_pdf)
    assert storage.exists(second.pdf.name) and storage.exists(second.csv.name)
    kinds = [e.kind for e in second.events.order_by("id")]
    assert kinds == ["generated", "commentary", "regenerated"]


def test_the_database_refuses_a_second_draft_for_a_month(history, helen_manager):
    first = generate(helen_manager)
    duplicate = MonthlyReturn(as_at=date(2026, 1, 29), version=2, figures=first.figures, generated_at=first.generated_at)
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_commentary_is_in_the_pdf_and_the_csv(history, helen_manager):
    monthly_return = generate(helen_manager)
    services.update_commentary(monthly_return, by=helen_manager, commentary={
        "leavers": "Omar's family confirmed in Portsmouth on 5 February.",
        "total": "=SUM(A1:A9) is not a formula here",
    })
    monthly_return.refresh_from_db()
    _, text = pdf_text(monthly_return)
    assert "Omar's family confirmed in Portsmouth on 5 February." in " ".join(text.split())
    rows = {row["Measure key"]: row for row in csv_rows(monthly_return)}
    assert rows["leavers_2025"]["Commentary"] == "Omar's family confirmed in Portsmouth on 5 February."
    # A cell a spreadsheet would run as a formula is written as text.
    assert rows["total"]["Commentary"] == "'=SUM(A1:A9) is not a formula here"


def test_commentary_for_a_section_the_return_does_not_have_is_refused(history, helen_manager):
    monthly_return = generate(helen_manager)
    with pytest.raises(services.ReturnRefused):
        services.update_commentary(monthly_return, by=helen_manager, commentary={"nonsense": "x"})


def test_helen_publishes_and_the_return_then_never_changes(history, helen_manager):
    monthly_return = generate(helen_manager)
    with on(LATER):
        services.publish_return(monthly_return, by=helen_manager)
    monthly_return.refresh_from_db()

    assert monthly_return.status == "published"
    assert monthly_return.published_by == helen_manager
    reader, text = pdf_text(monthly_return)
    assert "DRAFT" not in text
    assert "Published on 16 March 2026 by Helen Marsh" in " ".join(text.split())

    with pytest.raises(services.ReturnRefused):
        services.update_commentary(monthly_return, by=helen_manager, commentary={"total": "Changed"})
    with pytest.raises(TransitionRefused):
        services.publish_return(monthly_return, by=helen_manager)
    monthly_return.correction_reason = "sneaky"
    with pytest.raises(ReturnIsPublished):
        monthly_return.save()
    with pytest.raises(ReturnIsPublished):
        monthly_return.delete()


def test_a_published_month_is_corrected_by_a_new_version_with_a_reason(history, helen_manager):
    first = generate(helen_manager)
    with on(LATER):
        services.publish_return(first, by=helen_manager)

    with pytest.raises(services.ReturnRefused) as refused:
        generate(helen_manager)
    assert refused.value.field == "correction_reason"
    assert "To correct it, enter the reason for the correction" in refused.value.message

    correction = generate(helen_manager, correction_reason="Hugo's exclusion was recorded against the wrong date")
    assert correction.pk != first.pk
    assert correction.version == 2 and correction.is_draft
    assert correction.correction_reason == "Hugo's exclusion was recorded against the wrong date"
    # Regenerating the correction replaces it, keeping the reason.
    again = generate(helen_manager)
    assert again.pk == correction.pk and again.correction_reason == correction.correction_reason
    first.refresh_from_db()
    assert first.status == "published" and first.version == 1


def test_only_managers_generate_comment_and_publish(history, helen_manager, priya_officer, raj_viewer):
    with pytest.raises(services.ReturnRefused):
        generate(priya_officer)
    monthly_return = generate(helen_manager)
    with pytest.raises(services.ReturnRefused):
        services.update_commentary(monthly_return, by=raj_viewer, commentary={"total": "x"})
    with pytest.raises(TransitionRefused):
        services.publish_return(monthly_return, by=priya_officer)


def test_a_return_cannot_be_as_at_a_day_still_to_come(db, helen_manager):
    with on(AS_AT):
        with pytest.raises(services.ReturnRefused) as refused:
            services.generate_return(as_at=date(2026, 2, 2), by=helen_manager)
    assert refused.value.field == "as_at"


def test_the_running_totals_come_from_the_latest_published_version_of_each_earlier_month(db, helen_manager):
    with on(date(2025, 11, 28)):
        november = services.generate_return(as_at=date(2025, 11, 28), by=helen_manager)
        services.publish_return(november, by=helen_manager)
    with on(date(2025, 12, 31)):
        december = services.generate_return(as_at=date(2025, 12, 31), by=helen_manager)  # never published
    with on(date(2026, 1, 5)):
        correction = services.generate_return(as_at=date(2025, 11, 28), by=helen_manager, correction_reason="Fix")
        services.publish_return(correction, by=helen_manager)
    january = generate(helen_manager)

    rows = january.get_figures().running_totals
    assert [r.as_at for r in rows] == [date(2025, 11, 28), AS_AT]
    assert december.is_draft
