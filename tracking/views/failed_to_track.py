"""Failed to track: the checklist per case, the sign-off queue, and the
yearly re-checks (Southampton CME policy 2024/25)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cme.accounts.access import la_staff_required

from .. import selectors, services, workflow
from ..forms import ChecklistAnswerForm, RecheckForm
from ..models import ChecklistStep, Status
from .common import form_page, get_case, today


@la_staff_required
def sign_off_queue(request):
    cases = list(selectors.awaiting_sign_off(request.user))
    return render(request, "tracking/sign_off_queue.html", {"cases": cases, "can_sign_off": request.user.is_senior})


@la_staff_required
def checklist(request, pk):
    case = get_case(request, pk)  # on the access log as the checklist page
    progress = selectors.checklist_progress(case)
    actions = {t.name for t in workflow.available_transitions(case, request.user)}
    return render(request, "tracking/checklist.html", {
        "case": case, "child": case.child, "progress": progress,
        "can_answer": case.status == Status.OPEN,
        "can_request_sign_off": progress.is_complete and "request_ftt" in actions,
        "can_sign_off": "sign_off_ftt" in actions,
    })


@la_staff_required
def answer_step(request, pk, step_pk):
    case = get_case(request, pk)
    step = get_object_or_404(ChecklistStep.objects.filter(is_active=True), pk=step_pk)
    checklist_url = reverse("tracking:case_checklist", args=[case.pk])
    if case.status != Status.OPEN:
        messages.info(request, "The checklist can only be changed while the case is open.")
        return redirect(checklist_url)
    answer = selectors.checklist_progress(case)
    current = next((a for s, a in answer.rows if s.pk == step.pk and a), None)
    initial = {"answer": current.answer, "done_on": current.done_on, "outcome": current.outcome,
               "not_applicable_reason": current.not_applicable_reason} if current else {"done_on": today()}
    return form_page(
        request, record=case, form_class=ChecklistAnswerForm, heading=step.title, submit="Save answer",
        back=checklist_url, initial=initial, template="tracking/checklist_step.html", extra={"step": step},
        save=lambda form: services.answer_checklist_step(case, by=request.user, step=step, **form.cleaned_data),
        success=lambda saved: f"{step.title}: {saved.get_answer_display().lower()}",
    )


@la_staff_required
def recheck_tasks(request):
    done = Paginator(selectors.recheck_tasks(request.user, done=True), 25).get_page(request.GET.get("page"))
    return render(request, "tracking/recheck_tasks.html", {
        "open_tasks": list(selectors.recheck_tasks(request.user)), "done": done,
    })


@la_staff_required
def record_recheck(request, pk):
    task = get_object_or_404(selectors.recheck_tasks(request.user), pk=pk)
    return form_page(
        request, record=task.child, form_class=RecheckForm, heading=f"Record the {task.year} re-check",
        submit="Save re-check", back=reverse("tracking:recheck_tasks"),
        save=lambda form: services.record_recheck(task, by=request.user, outcome=form.cleaned_data["outcome"]),
        success=f"Re-check of {task.child.full_name} recorded", error_field="outcome",
    )
