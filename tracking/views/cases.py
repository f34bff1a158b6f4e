"""The case page, and the workflow's actions on a case."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cme.accounts.access import la_staff_required
from cme.audit import history
from cme.audit.services import log_access

from .. import selectors, workflow
from ..forms import TimelineFilterForm, TransitionForm
from ..models import Status
from .common import get_case, today

TIMELINE_PER_PAGE = 25


@la_staff_required
def case_detail(request, pk):
    on = today()
    case = get_object_or_404(selectors.cases_for_page(request.user, on), pk=pk)
    log_access(request, "view", object_type="case", object_id=case.pk, child_id=case.child_id)
    kinds = selectors.timeline_kinds(case)
    filter_form = TimelineFilterForm(request.GET or None, kinds=kinds)
    chosen = filter_form.kinds() if filter_form.is_bound else []
    timeline = Paginator(selectors.timeline(case, chosen), TIMELINE_PER_PAGE).get_page(request.GET.get("page"))
    show_checklist = case.status in (Status.OPEN, Status.FAILED_TO_TRACK) or hasattr(case, "checklist")
    return render(request, "tracking/case_detail.html", {
        "case": case, "child": case.child, "today": on,
        "actions": workflow.available_transitions(case, request.user),
        "timeline": timeline, "filter_form": filter_form, "chosen_kinds": chosen,
        "checklist": selectors.checklist_progress(case) if show_checklist else None,
        "other_cases": selectors.other_cases(case),
        "changes": history.changes(case),
    })


def _transition_for(case, name, user):
    for candidate in workflow.available_transitions(case, user):
        if candidate.name == name:
            return candidate
    return None


@la_staff_required
def case_transition(request, pk, name):
    """One workflow action (locate, close, ask for sign-off, ...) as a page of questions."""
    case = get_case(request, pk)
    if name not in {t.name for t in workflow.CASE_WORKFLOW.transitions}:
        raise Http404("No such action")
    case_url = reverse("tracking:case_detail", args=[case.pk])
    transition = _transition_for(case, name, request.user)
    if transition is None:
        messages.info(request, f"That action is not available: the case is “{case.get_status_display()}”.")
        return redirect(case_url)
    form = TransitionForm(request.POST if request.method == "POST" else None, transition=transition)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.transition(case, transition.name, request.user, **form.details())
        except workflow.TransitionRefused as refused:
            for error in refused.errors:
                form.add_error(None, error)
        else:
            messages.success(request, f"{transition.action}: done. The case is now “{case.get_status_display()}”.")
            return redirect(case_url)
    return render(request, "tracking/case_transition.html", {
        "case": case, "child": case.child, "transition": transition, "form": form, "back": case_url,
        "heading": transition.action, "submit": transition.action,
        "checklist": selectors.checklist_progress(case) if name in ("request_ftt", "sign_off_ftt") else None,
    })
