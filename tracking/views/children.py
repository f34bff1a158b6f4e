"""The child page, creating a child, and opening a case for a known child."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cme.accounts.access import la_staff_required
from cme.audit import history
from cme.audit.services import log_access

from .. import services
from ..forms import NewChildForm, OpenCaseForm, attach_service_error
from ..matching import find_candidates
from ..models import Address
from ..selectors import children_for_page
from .common import form_page, get_child, today


@la_staff_required
def child_detail(request, pk):
    child = get_object_or_404(children_for_page(request.user), pk=pk)
    log_access(request, "view", object_type="child", object_id=child.pk, child_id=child.pk)
    on = today()
    cases = list(child.cases.all())
    addresses = list(child.addresses.all())
    return render(request, "tracking/child_detail.html", {
        "child": child, "today": on,
        "cases": cases, "active_case": next((c for c in cases if not c.is_closed), None),
        "active_alerts": [a for a in child.all_alerts if a.is_active],
        "earlier_alerts": [a for a in child.all_alerts if not a.is_active],
        "addresses": addresses, "last_known_address": last_known_address(addresses),
        "flags": list(child.flags.all()),
        "changes": history.changes(child),
    })


def last_known_address(addresses):
    """The current home address; failing that, the newest address of any kind."""
    current = [a for a in addresses if a.kind == Address.Kind.HOME and a.lived_to is None]
    pool = current or addresses
    return max(pool, key=lambda a: (a.lived_from or a.created_at.date(), a.created_at), default=None)


@la_staff_required
def child_create(request):
    """Record a child the LA has just heard of and open the case to find them,
    after showing any existing records that may be the same child."""
    form = NewChildForm(request.POST if request.method == "POST" else None,
                        initial={"assigned_officer": request.user.pk})
    candidates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        candidates = find_candidates(
            first_name=data["first_name"], last_name=data["last_name"], date_of_birth=data["date_of_birth"],
            upn=data["upn"], postcode=data.get("postcode", ""),
        )
        if candidates and not data["confirm_new"]:
            form.add_error("confirm_new", "Check whether the child is already known. If none of the records "
                                          "below is the same child, say so to create a new record")
        else:
            try:
                case = services.create_child_with_case(
                    by=request.user, child=form.child_fields(), category=data["category"],
                    assigned_officer=data["assigned_officer"], last_known_school=data["last_known_school"],
                    text=data["text"],
                )
            except (services.ServiceError, ValidationError) as error:
                attach_service_error(form, error)
            else:
                messages.success(request, f"{case.child.full_name} recorded and case {case.reference} opened")
                return redirect("tracking:case_detail", case.pk)
    return render(request, "tracking/child_create.html", {"form": form, "candidates": candidates})


@la_staff_required
def open_case(request, pk):
    child = get_child(request, pk)
    return form_page(
        request, record=child, form_class=OpenCaseForm, heading="Open a case", submit="Open case",
        initial={"assigned_officer": request.user.pk},
        save=lambda form: services.open_case(child=child, by=request.user, **form.cleaned_data),
        success=lambda case: f"Case {case.reference} opened",
        done=lambda case: reverse("tracking:case_detail", args=[case.pk]),
    )
