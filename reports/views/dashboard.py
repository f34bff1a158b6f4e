"""The dashboard (figures now, trends), the drill-down to the cases behind a
figure, and the weekly caseload report."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cme.accounts.access import la_staff_required, report_roles_required
from cme.audit.services import log_access
from tracking.models import Category, Status

from .. import charts, documents, selectors


@report_roles_required
def dashboard(request):
    today = timezone.localdate()
    figures = selectors.live_figures(today)
    return render(request, "reports/dashboard.html", {
        "figures": figures,
        "today": today,
        "total": figures.value("total"),
        "total_including_historical": figures.value("total_including_historical"),
        "sections": [(section, "") for section in figures.sections],
        "drill_down": request.user.is_la_staff,
        "running_totals_chart": charts.running_totals_chart(figures.running_totals),
        "category_chart": charts.category_chart(figures.by_category),
    })


def _as_at(request):
    text = request.GET.get("as_at", "")
    if not text:
        return timezone.localdate()
    try:
        on = date.fromisoformat(text)
    except ValueError:
        raise Http404("Not a date")
    if on > timezone.localdate() or on.year < 1990:
        raise Http404("No figures for that date")
    return on


@la_staff_required
def drilldown(request, key):
    on = _as_at(request)
    cases = selectors.drilldown_cases(key, on)
    if cases is None:
        raise Http404("No such figure")
    label = selectors.figure_label(key, on)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    for case in page.object_list:
        case.status_at_label = Status(case.status_at).label if case.status_at else ""
        case.category_at_label = Category(case.category_at).label if case.category_at else ""
    log_access(request, "view", object_type="report_figure", object_id=key[:40], as_at=on.isoformat(),
               result_count=page.paginator.count)
    return render(request, "reports/drilldown.html", {
        "page": page, "key": key, "label": label, "as_at": on,
    })


@la_staff_required
def caseload_pdf(request):
    today = timezone.localdate()
    groups = selectors.caseload_by_officer(request.user, today)
    pdf = documents.render_caseload_pdf(groups=groups, today=today, user=request.user)
    log_access(request, "download", object_type="caseload_report", object_id=today.isoformat(),
               result_count=sum(len(g.cases) for g in groups))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cme-caseload-{today:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
