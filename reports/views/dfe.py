"""The DfE children missing education collection: the termly figures as at a
census day (or any day), on a page and as a CSV. Numbers only, no names."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cme.accounts.access import report_roles_required
from cme.audit.services import log_access

from .. import documents, selectors
from ..forms import CensusDateForm
from ..measures.census import census_days_up_to, latest_census_day

#: How many census days the page offers to choose from: the latest six, two school years' worth.
RECENT_CENSUS_DAYS = 6


def _as_at(request):
    """(form, date): the date asked for in the query string, or the latest census
    day if none was; the date is ``None`` if what was typed is not a date we can use."""
    if any(f"on_{part}" in request.GET for part in range(3)):
        form = CensusDateForm(request.GET)
        return form, (form.cleaned_data["on"] if form.is_valid() else None)
    return CensusDateForm(), latest_census_day(timezone.localdate()).on


def date_query(on) -> str:
    """The query string that asks for the figures as at ``on``."""
    return f"on_0={on.day}&on_1={on.month}&on_2={on.year}"


@report_roles_required
def dfe_collection(request):
    form, on = _as_at(request)
    recent = census_days_up_to(timezone.localdate(), RECENT_CENSUS_DAYS)
    return render(request, "reports/dfe_collection.html", {
        "form": form,
        "figures": selectors.dfe_collection(on) if on else None,
        "query": date_query(on) if on else "",
        "census_days": [(day, date_query(day.on)) for day in recent],
    })


@report_roles_required
def dfe_collection_csv(request):
    form, on = _as_at(request)
    if on is None:  # the page says what is wrong with the date
        return redirect(f"{reverse('reports:dfe_collection')}?{request.GET.urlencode()}")
    figures = selectors.dfe_collection(on)
    log_access(request, "download", object_type="dfe_collection", object_id=on.isoformat(), format="csv",
               census=figures.census.label if figures.census else "")
    response = HttpResponse(documents.render_dfe_collection_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cme-dfe-collection-{on:%Y-%m-%d}.csv"'
    response["Cache-Control"] = "no-store"
    return response
