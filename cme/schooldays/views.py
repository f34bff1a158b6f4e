"""The term-dates pages, for senior officers, managers and administrators (everyone else: 404)."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cme.accounts.access import service_managers_required

from . import selectors, services
from .age import school_year_label, school_year_of
from .calendar import DateOutsideCalendar
from .forms import SchoolYearDates, TermDatesUploadForm
from .models import is_valid_school_year


def _year_page(school_year: int) -> str:
    return f"{reverse('schooldays:term_dates')}?year={school_year}"


def _chosen_year(value: str | None, default: int) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return default
    return year if is_valid_school_year(year) else default


def _year_choices(loaded: list[int], chosen: int, this_year: int) -> list[tuple[int, str]]:
    years = set(loaded) | {chosen, this_year}
    if loaded:
        years |= {loaded[0] - 1, loaded[-1] + 1}
    return [(year, school_year_label(year)) for year in sorted(y for y in years if is_valid_school_year(y))]


@service_managers_required
def term_dates(request):
    this_year = school_year_of(date.today())
    loaded = selectors.school_years_with_terms()
    year = _chosen_year(request.GET.get("year"), this_year)
    terms = selectors.terms_in_year(year)
    calendar_problem = ""
    school_days = {}
    try:
        calendar = selectors.calendar_for(None)
        school_days = {term.pk: calendar.school_days_in(term.start, term.end) for term in terms}
    except (selectors.CalendarDataError, DateOutsideCalendar) as error:
        calendar_problem = str(error)
    return render(
        request,
        "schooldays/term_dates.html",
        {
            "year": year,
            "year_label": school_year_label(year),
            "year_choices": _year_choices(loaded, year, this_year),
            "terms": [(term, school_days.get(term.pk)) for term in terms],
            "closures": selectors.closures_in_year(year),
            "bank_holidays": selectors.bank_holidays_in_year(year),
            "la_calendar": selectors.la_calendar(),
            "school_calendars": selectors.school_calendars(),
            "loaded_label": (
                f"{school_year_label(loaded[0])} to {school_year_label(loaded[-1])}" if loaded else ""
            ),
            "calendar_problem": calendar_problem,
        },
    )


@service_managers_required
def edit_year(request, school_year: int):
    if not is_valid_school_year(school_year):
        raise Http404("No such school year")
    page = SchoolYearDates(
        school_year,
        data=request.POST if request.method == "POST" else None,
        terms=selectors.terms_in_year(school_year),
        closures=selectors.closures_in_year(school_year),
    )
    if request.method == "POST" and page.is_valid():
        try:
            services.save_school_year(
                by=request.user,
                school_year=school_year,
                terms=page.terms_form.terms(),
                closures=page.closures_formset.closures(),
            )
        except ValidationError as error:
            page.add_error(error)
        else:
            messages.success(request, f"Term dates for {page.label} saved")
            return redirect(_year_page(school_year))
    return render(
        request,
        "schooldays/edit_year.html",
        {"page": page, "year": school_year, "has_errors": page.has_errors},
    )


@service_managers_required
def import_term_dates(request):
    result = None
    if request.method == "POST":
        form = TermDatesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.import_term_dates(by=request.user, upload=form.cleaned_data["file"])
            if result.saved:
                years = sorted(result.terms_by_year())
                labels = ", ".join(school_year_label(y) for y in years)
                messages.success(request, f"Term dates imported for {labels}")
                return redirect(_year_page(years[0]))
            for error in result.errors:
                form.add_error("file", error)
            if result.rejected_rows:
                count = len(result.rejected_rows)
                form.add_error(
                    "file",
                    f"{count} row{'s' if count != 1 else ''} of the file {'have' if count != 1 else 'has'} "
                    "problems. Nothing was imported: correct the file and upload it again",
                )
    else:
        form = TermDatesUploadForm()
    return render(request, "schooldays/import.html", {"form": form, "result": result})


def _csv_cell(value: str) -> str:
    # A spreadsheet would run a cell starting with one of these as a formula.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


@service_managers_required
def export_term_dates(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="term-dates.csv"'
    writer = csv.writer(response)
    writer.writerow(["school_year", "name", "start", "end"])
    for term in selectors.la_terms_for_export():
        writer.writerow(
            [school_year_label(term.school_year), _csv_cell(term.name), f"{term.start:%d/%m/%Y}", f"{term.end:%d/%m/%Y}"]
        )
    return response
