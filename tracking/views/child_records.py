"""Changing the parts of a child's record: details, names, addresses, people,
school history, risk factors, siblings, and the failed-to-track alert."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from cme.accounts.access import la_staff_required, senior_officer_required
from cme.audit.services import log_access

from .. import services
from ..forms import (
    AddressForm, ChildDetailsForm, ClearAlertForm, ContactForm, EndFlagForm, EnrolmentForm, FlagForm,
    NameForm, SiblingChoiceForm, SiblingSearchForm,
)
from ..models import Child, ChildAlert
from ..selectors import search_children
from .common import form_page, get_child


@la_staff_required
def edit_child(request, pk):
    child = get_child(request, pk)
    return form_page(
        request, record=child, form_class=ChildDetailsForm, heading="Change the child’s details",
        initial=ChildDetailsForm.initial_for(child),
        save=lambda form: services.update_child(child, by=request.user, **form.cleaned_data),
        success="Details saved. A changed legal name is kept as a previous name",
    )


def _add_to_record(form_class, service, heading, success, **options):
    """A page that adds one thing to a child's record (a name, an address, a
    person, a school, a risk factor) through its service."""

    @la_staff_required
    def view(request, pk):
        child = get_child(request, pk)
        return form_page(
            request, record=child, form_class=form_class, heading=heading, success=success,
            save=lambda form: service(child, by=request.user, **form.cleaned_data), **options,
        )

    return view


add_name = _add_to_record(
    NameForm, services.add_name, "Add another name",
    lambda name: f"Name added: {name}. Searches now find the child by it",
)
add_address = _add_to_record(
    AddressForm, services.add_address, "Add an address",
    "Address added. The previous home address is kept in the history",
)
add_contact = _add_to_record(
    ContactForm, services.add_contact, "Add a parent, carer or contact", lambda contact: f"{contact.name} added",
)
add_enrolment = _add_to_record(
    EnrolmentForm, services.add_enrolment, "Add to the school history", "School history updated",
    error_field="school",
)
add_flag = _add_to_record(
    FlagForm, services.add_flag, "Add a risk factor",
    lambda flag: f"Risk factor added: {flag.get_kind_display()}. Open cases’ priority follows it",
    error_field="ends_on",
)


@la_staff_required
def edit_contact(request, pk, contact_pk):
    child = get_child(request, pk)
    contact = get_object_or_404(child.contacts, pk=contact_pk)
    return form_page(
        request, record=child, form_class=ContactForm, heading=f"Change {contact.name}’s details",
        initial={name: getattr(contact, name) for name in ContactForm.FIELDS},
        save=lambda form: services.update_contact(contact, by=request.user, **form.cleaned_data),
        success=lambda saved: f"{saved.name}’s details saved",
    )


@la_staff_required
def end_flag(request, pk, flag_pk):
    child = get_child(request, pk)
    flag = get_object_or_404(child.flags, pk=flag_pk)
    return form_page(
        request, record=child, form_class=EndFlagForm, heading=f"End “{flag.get_kind_display()}”",
        save=lambda form: services.end_flag(flag, by=request.user, ends_on=form.cleaned_data["ends_on"]),
        success=lambda saved: f"{saved.get_kind_display()}: ended on {saved.ends_on:%-d %B %Y}",
        error_field="ends_on",
    )


@la_staff_required
def add_sibling(request, pk):
    """Find the brother or sister by name, then choose which child it is."""
    child = get_child(request, pk)
    search = SiblingSearchForm(request.GET or None)
    candidates = []
    if search.is_bound and search.is_valid():
        outcome = search_children(request.user, name=search.cleaned_data["name"], limit=10)
        linked = {s.pk for s in child.siblings.all()} | {child.pk}
        candidates = [r.child for r in outcome.results if r.child.pk not in linked]
        log_access(request, "search", object_type="sibling_search", child_id=child.pk,
                   terms={"name": search.cleaned_data["name"]}, result_count=len(candidates))
    choice = SiblingChoiceForm(request.POST if request.method == "POST" else None,
                               candidates=candidates or _posted_candidate(request, child))
    if request.method == "POST" and choice.is_valid():
        other = get_object_or_404(Child.objects.visible_to(request.user), pk=choice.cleaned_data["sibling"])
        try:
            services.link_siblings(child, other, by=request.user)
        except services.ServiceError as error:
            choice.add_error("sibling", str(error))
        else:
            messages.success(request, f"{other.full_name} linked as a brother or sister")
            return redirect("tracking:child_detail", child.pk)
    return render(request, "tracking/add_sibling.html", {
        "child": child, "search": search, "choice": choice, "searched": search.is_bound,
        "candidates": candidates, "forms_list": [search, choice] if choice.is_bound else [search],
        "has_errors": bool(search.errors or choice.errors),
    })


def _posted_candidate(request, child):
    """On POST, the chosen child is the only candidate the choice is checked against."""
    if request.method != "POST":
        return []
    try:
        pk = int(request.POST.get("sibling", ""))
    except ValueError:
        return []
    return list(Child.objects.visible_to(request.user).filter(pk=pk).exclude(pk=child.pk))


@senior_officer_required
def clear_alert(request, pk, alert_pk):
    child = get_child(request, pk)
    alert = get_object_or_404(ChildAlert.objects.filter(child=child, is_active=True), pk=alert_pk)
    return form_page(
        request, record=child, form_class=ClearAlertForm, heading=f"Clear the “{alert.get_kind_display()}” alert",
        submit="Clear the alert",
        save=lambda form: services.clear_alert(alert, by=request.user, reason=form.cleaned_data["reason"]),
        success="Alert cleared. Senior officers will no longer be told when this child reappears",
        error_field="reason",
    )
