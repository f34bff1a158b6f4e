"""Monthly returns: the list, generate now, a return, its commentary, publishing, downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cme.accounts.access import report_roles_required, service_managers_required
from cme.audit.services import log_access
from cme.forms import GovukForm
from cme.workflow import TransitionRefused

from .. import selectors, services, workflow
from ..charts import category_chart, running_totals_chart
from ..forms import CommentaryForm, GenerateReturnForm

DOWNLOADS = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


@report_roles_required
def index(request):
    page = Paginator(selectors.returns_for(request.user), 25).get_page(request.GET.get("page"))
    form = None
    if request.user.can_manage_service:
        form = GenerateReturnForm(initial={"as_at": timezone.localdate()})
    return render(request, "reports/index.html", {"page": page, "form": form, "today": timezone.localdate()})


@service_managers_required
@require_http_methods(["GET", "POST"])
def generate(request):
    form = GenerateReturnForm(request.POST or None, initial={"as_at": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            monthly_return = services.generate_return(
                as_at=form.cleaned_data["as_at"], by=request.user,
                correction_reason=form.cleaned_data["correction_reason"],
            )
        except services.ReturnRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            what = "correction" if monthly_return.is_correction else "draft return"
            messages.success(request, f"The {what} as at {monthly_return.as_at:%-d %B %Y} is ready to check")
            return redirect("reports:return_detail", pk=monthly_return.pk)
    return render(request, "reports/generate.html", {"form": form})


@report_roles_required
def return_detail(request, pk):
    monthly_return = selectors.return_for(request.user, pk)
    figures = monthly_return.get_figures()
    return render(request, "reports/return_detail.html", {
        "monthly_return": monthly_return,
        "figures": figures,
        "sections": [(s, (monthly_return.commentary or {}).get(s.key, "")) for s in figures.sections],
        "can_manage": request.user.can_manage_service,
        "can_publish": bool(workflow.available_transitions(monthly_return, request.user)),
        "drill_down": request.user.is_la_staff,
        "running_totals_chart": running_totals_chart(figures.running_totals),
        "category_chart": category_chart(figures.by_category),
        "events": monthly_return.events.select_related("by"),
    })


def _draft_or_redirect(request, pk):
    monthly_return = selectors.return_for(request.user, pk)
    if not monthly_return.is_draft:
        messages.info(request, f"{monthly_return} is published, so it cannot change. To correct it, generate a correction.")
        return monthly_return, redirect("reports:return_detail", pk=pk)
    return monthly_return, None


@service_managers_required
@require_http_methods(["GET", "POST"])
def edit_commentary(request, pk):
    monthly_return, gone = _draft_or_redirect(request, pk)
    if gone:
        return gone
    sections = monthly_return.get_figures().sections
    form = CommentaryForm(request.POST or None, sections=sections, initial=monthly_return.commentary)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_commentary(monthly_return, by=request.user, commentary=form.cleaned_data)
        except services.ReturnRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, "Commentary saved")
            return redirect("reports:return_detail", pk=pk)
    return render(request, "reports/commentary.html", {"form": form, "monthly_return": monthly_return})


@service_managers_required
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    monthly_return, gone = _draft_or_redirect(request, pk)
    if gone:
        return gone
    # A confirmation: no fields, so a refusal is shown as the form's error.
    form = GovukForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.publish_return(monthly_return, by=request.user)
        except TransitionRefused as refused:
            for error in refused.errors:
                form.add_error(None, error)
        else:
            messages.success(request, f"{monthly_return} is published")
            return redirect("reports:return_detail", pk=pk)
    return render(request, "reports/publish.html", {
        "monthly_return": monthly_return, "form": form, "total": monthly_return.get_figures().value("total"),
    })


@report_roles_required
def download(request, pk, fmt):
    if fmt not in DOWNLOADS:
        raise Http404("No such format")
    monthly_return = selectors.return_for(request.user, pk)
    stored = getattr(monthly_return, fmt)
    if not stored:
        raise Http404("This return has no file yet")
    log_access(request, "download", object_type="monthly_return", object_id=monthly_return.pk,
               format=fmt, as_at=monthly_return.as_at.isoformat(), version=monthly_return.version,
               status=monthly_return.status)
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=monthly_return.file_name(fmt),
                            content_type=DOWNLOADS[fmt])
    response["Cache-Control"] = "no-store"
    return response
