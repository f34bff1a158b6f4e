"""My caseload and the team caseload (the weekly caseload meeting)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from cme.accounts.access import la_staff_required

from .. import selectors
from ..forms import TeamCaseloadFilterForm
from ..forms.common import OfficerField
from .common import today

PER_PAGE = 50
TEAM_PER_PAGE = 100


@la_staff_required
def my_caseload(request):
    on = today()
    page = Paginator(selectors.my_caseload(request.user, on), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "tracking/my_caseload.html", {"page": page, "today": on})


@la_staff_required
def team_caseload(request):
    on = today()
    form = TeamCaseloadFilterForm(
        request.GET or None,
        officers=list(OfficerField().queryset),
        schools=list(selectors.schools_with_active_cases()),
    )
    filters = selectors.TeamFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.TeamFilters(**form.cleaned_data)
    is_filtered = filters != selectors.TeamFilters()
    cases = selectors.team_cases(request.user, on, filters)
    page = Paginator(selectors.team_caseload(cases, on), TEAM_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "tracking/team_caseload.html", {
        "filter_form": form, "page": page, "today": on, "is_filtered": is_filtered,
        "totals": selectors.officer_totals(cases, on),
    })
