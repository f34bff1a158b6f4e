"""What the tracking views share: finding the record the user may see, and
the shape of a page that asks questions about one case or child."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from cme.audit.services import log_access

from ..forms import attach_service_error
from ..models import Case, Child
from ..services import ServiceError


def today():
    return timezone.localdate()


def get_case(request, pk):
    """The case, if this user may see it (otherwise 404), with the visit on the access log."""
    case = get_object_or_404(Case.objects.visible_to(request.user).select_related("child"), pk=pk)
    log_access(request, "view", object_type="case", object_id=case.pk, child_id=case.child_id,
               page=_page_name(request))
    return case


def get_child(request, pk):
    """The child, if this user may see them (otherwise 404), with the visit on the access log."""
    child = get_object_or_404(Child.objects.visible_to(request.user), pk=pk)
    log_access(request, "view", object_type="child", object_id=child.pk, child_id=child.pk,
               page=_page_name(request))
    return child


def _page_name(request):
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def form_page(request, *, record, form_class, save, success, heading, submit="Save",
              back=None, form_kwargs=None, initial=None, error_field=None, done=None,
              template="tracking/form_page.html", extra=None):
    """A page of questions about one case or child.

    GET shows the form; a valid POST calls ``save(form)`` (a service) and
    returns to ``back`` (or to ``done(result)``) with ``success`` in a banner. A refusal from the
    service is shown in the error summary (on ``error_field`` if given) with
    everything typed kept.
    """
    back = back or _record_url(record)
    form_kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES or None, **form_kwargs)
        if form.is_valid():
            try:
                result = save(form)
            except (ServiceError, ValidationError) as error:
                attach_service_error(form, error, error_field)
            else:
                messages.success(request, success(result) if callable(success) else success)
                return redirect(done(result) if done else back)
    else:
        form = form_class(initial=initial or {}, **form_kwargs)
    context = {
        "form": form, "heading": heading, "submit": submit, "back": back, "record": record,
        "case": record if isinstance(record, Case) else None,
        "child": record.child if isinstance(record, Case) else record,
        **(extra or {}),
    }
    return render(request, template, context)


def _record_url(record):
    if isinstance(record, Case):
        return reverse("tracking:case_detail", args=[record.pk])
    return reverse("tracking:child_detail", args=[record.pk])
