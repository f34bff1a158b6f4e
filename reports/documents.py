"""The return's PDF (WeasyPrint, from an HTML template with its own print CSS)
and CSV (one row per measure), and the weekly caseload report PDF."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cme.pdf import write_pdf
from cme.spreadsheet import safe_cell, safe_row

from . import charts

CSV_HEADER = [
    "As at", "Version", "Status", "Section", "Measure key", "Measure", "Number", "Counted in total", "Commentary",
]


def return_context(monthly_return) -> dict:
    figures = monthly_return.get_figures()
    return {
        "monthly_return": monthly_return,
        "figures": figures,
        "sections": commented_sections(figures, monthly_return.commentary),
        "running_totals_chart": charts.running_totals_chart(figures.running_totals),
        "category_chart": charts.category_chart(figures.by_category),
        "la_name": settings.CME_LA_NAME,
        "total": figures.value("total"),
        "total_including_historical": figures.value("total_including_historical"),
    }


def commented_sections(figures, commentary):
    """(section, commentary) pairs for the measures table."""
    return [(section, (commentary or {}).get(section.key, "")) for section in figures.sections]


def render_return_pdf(monthly_return) -> bytes:
    context = return_context(monthly_return) | {"printed_at": timezone.now()}
    title = f"{settings.CME_LA_NAME} · CME tracking return as at {monthly_return.as_at:%-d %B %Y}"
    if monthly_return.version > 1:
        title += f" · version {monthly_return.version}"
    return write_pdf(render_to_string("reports/pdf/return.html", context), running_title=title,
                     draft=monthly_return.is_draft)


def render_return_csv(monthly_return) -> str:
    """One row per measure, with its section's commentary. (Stored as UTF-8 with
    a byte-order mark, so that Excel reads the dashes and names correctly.)"""
    figures = monthly_return.get_figures()
    commentary = monthly_return.commentary or {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for section, figure in figures.all_figures():
        writer.writerow([
            figures.as_at.isoformat(), monthly_return.version, monthly_return.get_status_display(),
            section.title, figure.key, figure.label, figure.value,
            "yes" if figure.in_total else "no", safe_cell(commentary.get(section.key, "")),
        ])
    return out.getvalue()


DFE_CSV_HEADER = ["As at", "Census", "Figure", "Breakdown", "Group", "Number"]


def render_dfe_collection_csv(figures) -> str:
    """The DfE collection's figures, one row per number (each breakdown cell, and
    the two totals), in the order of the page. UTF-8 with a byte-order mark, for Excel."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(DFE_CSV_HEADER)
    census = figures.census.label if figures.census else "Not a census day"
    for figure, breakdown, group, number in figures.rows():
        writer.writerow(safe_row([figures.on.isoformat(), census, figure, breakdown, group, number]))
    return "\ufeff" + out.getvalue()


def render_caseload_pdf(*, groups, today, user) -> bytes:
    html = render_to_string("reports/pdf/caseload.html", {
        "groups": groups, "today": today, "printed_at": timezone.now(), "printed_by": user,
        "la_name": settings.CME_LA_NAME,
        "case_count": sum(len(group.cases) for group in groups),
    })
    return write_pdf(html, running_title=f"{settings.CME_LA_NAME} · CME weekly caseload report · {today:%-d %B %Y}")
