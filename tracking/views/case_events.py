"""Adding to a case's timeline, and changing who works it and what happens next."""

from cme.accounts.access import la_staff_required

from .. import selectors, services
from ..forms import (
    AssignForm, CategoryForm, EnquiryForm, HomeVisitForm, NextActionForm, NoteForm, PriorityForm,
)
from ..models import Address, Priority
from .common import form_page, get_case, today


@la_staff_required
def add_enquiry(request, pk):
    case = get_case(request, pk)
    return form_page(
        request, record=case, form_class=EnquiryForm, heading="Record an enquiry", submit="Save enquiry",
        initial={"made_on": today()},
        save=lambda form: services.record_enquiry(case, by=request.user, **form.cleaned_data),
        success=lambda event: f"{event.summary}: saved",
    )


@la_staff_required
def add_home_visit(request, pk):
    case = get_case(request, pk)
    child = case.child
    last_home = child.addresses.filter(kind=Address.Kind.HOME).first()
    return form_page(
        request, record=case, form_class=HomeVisitForm, heading="Record a home visit", submit="Save home visit",
        template="tracking/home_visit_form.html",
        initial={"visited_on": today(), "address": str(last_home) if last_home else ""},
        save=lambda form: services.record_home_visit(case, by=request.user, **form.cleaned_data),
        success=lambda event: f"{event.summary}: saved",
        extra={"two_to_visit": selectors.two_to_visit_reasons(child, today())},
    )


@la_staff_required
def add_note(request, pk):
    case = get_case(request, pk)
    return form_page(
        request, record=case, form_class=NoteForm, heading="Add a note", submit="Save note",
        save=lambda form: services.add_note(case, by=request.user, text=form.cleaned_data["text"]),
        success="Note saved", error_field="text",
    )


@la_staff_required
def set_next_action(request, pk):
    case = get_case(request, pk)
    return form_page(
        request, record=case, form_class=NextActionForm, heading="Change the next action", submit="Save next action",
        form_kwargs={"today": today()},
        initial={"action": case.next_action, "due": "date" if case.next_action_due else "",
                 "due_on": case.next_action_due},
        save=lambda form: services.set_next_action(
            case, by=request.user, action=form.cleaned_data["action"].strip(), due=form.cleaned_data["due_date"],
        ),
        success=lambda saved: (
            f"Next action: {saved.next_action}" + (f", due {saved.next_action_due:%-d %B %Y}" if saved.next_action_due else "")
            if saved.next_action else "Next action cleared"
        ),
    )


@la_staff_required
def assign(request, pk):
    case = get_case(request, pk)
    return form_page(
        request, record=case, form_class=AssignForm, heading="Change who works this case", submit="Save",
        initial={"officer": case.assigned_officer_id},
        save=lambda form: services.assign(case, by=request.user, officer=form.cleaned_data["officer"]),
        success=lambda saved: f"Assigned to {saved.assigned_officer}" if saved.assigned_officer else "No longer assigned to anyone",
        error_field="officer",
    )


@la_staff_required
def change_priority(request, pk):
    case = get_case(request, pk)
    derived = Priority(services.derived_priority(case.child))

    def save(form):
        choice = form.cleaned_data["priority"]
        if choice == PriorityForm.FROM_RISK:
            return services.clear_priority_override(case, by=request.user)
        return services.override_priority(case, by=request.user, priority=int(choice),
                                          reason=form.cleaned_data["reason"].strip())

    return form_page(
        request, record=case, form_class=PriorityForm, heading="Change the priority", submit="Save priority",
        form_kwargs={"derived": derived},
        initial={"priority": str(case.priority) if case.priority_overridden else PriorityForm.FROM_RISK,
                 "reason": case.priority_override_reason},
        save=save, success=lambda saved: f"Priority: {saved.get_priority_display()}", error_field="reason",
    )


@la_staff_required
def change_category(request, pk):
    case = get_case(request, pk)
    return form_page(
        request, record=case, form_class=CategoryForm, heading="Change the category", submit="Save category",
        initial={"category": case.category},
        save=lambda form: services.change_category(case, by=request.user, **form.cleaned_data),
        success=lambda saved: f"Category: {saved.get_category_display()}", error_field="reason",
    )
