"""Removal-from-roll requests: the school's form and its view of the
decision; the CME officer's queue and decision pages. One request page
(``removal_detail``) serves both, showing each only what is theirs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cme.accounts.access import la_staff_required, role_required, school_user_required
from cme.accounts.models import LA_STAFF_ROLES, Role
from cme.audit import history
from cme.audit.services import log_access
from tracking.models import Category, School

from .. import services
from ..forms.removal import AgreeForm, AnswerForm, NotLawfulForm, QuestionForm, RemovalForm
from ..forms.school_portal import SchoolChoiceForm
from ..models import UNDECIDED, RemovalStatus
from ..selectors import removals as selectors
from ..removal_rules import removal_date_on
from ..workflow.removals import (
    TransitionRefused, available_transitions, case_category, needs_case, open_question, out_of_turn,
)
from .common import confirm_delete, draft_page, posted
from .removal_answers import removal_sections

QUEUE_PAGE_SIZE = 50
school_or_la_staff = role_required(Role.SCHOOL_USER, *LA_STAFF_ROLES)


def _errors(refused):
    return getattr(refused, "errors", [str(refused)])


# --- the school's side -------------------------------------------------------

@school_user_required
def removal_start(request):
    """What the request is for, drafts to finish, and (for staff of several schools) which school."""
    schools = School.objects.filter(memberships__user=request.user)
    form = SchoolChoiceForm(posted(request), user=request.user) if schools.count() > 1 else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            removal = services.start_removal(by=request.user, school=form.cleaned_data["school"] if form else None)
        except services.ServiceError as error:
            messages.error(request, str(error))
            return redirect("referrals:removal_start")
        return redirect("referrals:removal_edit", pk=removal.pk)
    return render(request, "referrals/removal/start.html", {
        "form": form, "drafts": selectors.removal_drafts(request.user), "has_school": schools.exists(),
    })


removal_draft = draft_page(access=school_user_required, find_draft=selectors.removal_draft_for,
                           visible=selectors.visible_removals, sent_page="referrals:removal_detail")


@removal_draft
def removal_edit(request, removal):
    """The request form. "Send" checks every rule; "Save as draft" keeps what is typed."""
    sending = "save_as_draft" not in request.POST
    form = RemovalForm(posted(request), removal=removal, strict=sending, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            if sending:
                services.send_removal(removal, by=request.user, **form.answers())
            else:
                services.save_removal(removal, by=request.user, **form.answers())
        except (TransitionRefused, services.ServiceError) as refused:
            for error in _errors(refused):
                form.add_error(None, error)
        else:
            if sending:
                messages.success(request, f"Request {removal.reference} sent. Keep the pupil on roll until we "
                                          "tell you our decision.")
                return redirect("referrals:removal_detail", pk=removal.pk)
            messages.success(request, "Your request is saved as a draft. It has not been sent.")
            return redirect("referrals:school_dashboard")
    return render(request, "referrals/removal/form.html", {"removal": removal, "form": form})


@removal_draft
def removal_delete(request, removal):
    return confirm_delete(
        request, what="request", back_url=reverse("referrals:removal_edit", args=[removal.pk]),
        done_url=reverse("referrals:removal_start"),
        delete=lambda: services.delete_removal_draft(removal, by=request.user),
    )


# --- the request page (school and LA) ------------------------------------------

@school_or_la_staff
def removal_detail(request, pk):
    removal = selectors.removal_for(request.user, pk)
    if removal.is_draft:
        return redirect("referrals:removal_edit", pk=removal.pk)
    return _detail_page(request, removal)


def _detail_page(request, removal, answer_form=None):
    """The request's page: the school sees what it sent, the conversation and
    the decision; LA staff also the timeline, the enquiries and the case."""
    log_access(request, "view", object_type="removal_request", object_id=removal.pk, child_id=removal.child_id,
               reference=removal.reference)
    is_la = request.user.is_la_staff
    thread = list(removal.messages.all())
    waiting = removal.is_waiting_for_school
    if answer_form is None and waiting and not is_la:
        answer_form = AnswerForm()
    return render(request, "referrals/removal/detail.html", {
        "removal": removal, "is_la": is_la,
        "sections": removal_sections(removal),
        "ctf": selectors.ctf_advice(removal) if removal.status == RemovalStatus.AGREED else None,
        "events": list(removal.events.all()) if is_la else [],
        "changes": history.changes(removal) if is_la else [],
        "transitions": {t.name for t in available_transitions(removal, request.user)} if is_la else set(),
        "thread": thread, "question": next((m for m in reversed(thread) if m.from_la), None) if waiting else None,
        "answer_form": answer_form, "has_errors": bool(answer_form is not None and answer_form.errors),
    })


@school_user_required
def removal_answer(request, pk):
    """The school answers the CME team's question (from the request page or
    the dashboard). A GET goes to the request's page."""
    removal = selectors.removal_for(request.user, pk)
    if removal.is_draft:
        return redirect("referrals:removal_edit", pk=removal.pk)
    if request.method != "POST":
        return redirect("referrals:removal_detail", pk=removal.pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_school_question(removal, by=request.user, answer=form.cleaned_data["answer"])
        except (TransitionRefused, services.ServiceError) as refused:
            removal = selectors.removal_for(request.user, pk)
            if not removal.is_waiting_for_school:
                # No question open (answered already, or decided): say so on the request's page.
                for error in _errors(refused):
                    messages.error(request, error)
                return redirect("referrals:removal_detail", pk=removal.pk)
            for error in _errors(refused):
                form.add_error(None, error)
        else:
            messages.success(request, f"Thank you. Your answer has been sent to the CME team. Keep "
                                      f"{removal.pupil_name} on roll until we tell you our decision.")
            return redirect("referrals:removal_detail", pk=removal.pk)
    return _detail_page(request, removal, answer_form=form)


# --- the CME officer's side ----------------------------------------------------

@la_staff_required
def removal_queue(request):
    page = Paginator(selectors.removal_queue(request.user), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(request, "referrals/removal/queue.html", {
        "page": page, "today": today, "decided": selectors.recently_decided(request.user),
        "waiting": selectors.waiting_for_schools(request.user, today),
    })


def _decision_page(request, pk, *, name, title, make_form, decide, success, template="referrals/removal/decision.html"):
    removal = selectors.removal_for(request.user, pk)
    if removal.is_decided:
        # Decided already (perhaps by this officer's first click): show the decision.
        messages.info(request, f"{removal.get_status_display()} on {removal.decided_at:%-d %B %Y} by "
                               f"{removal.decided_by}.")
        return redirect("referrals:removal_detail", pk=removal.pk)
    refused = out_of_turn(removal, name, request.user)
    if refused or removal.status not in UNDECIDED:
        messages.info(request, refused or removal.get_status_display())
        return redirect("referrals:removal_detail", pk=removal.pk)
    if request.method == "GET":
        log_access(request, "view", object_type="removal_request", object_id=removal.pk, reference=removal.reference,
                   what=title)
    form = make_form(removal, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decide(removal, form)
        except (TransitionRefused, services.ServiceError) as refused:
            for error in _errors(refused):
                form.add_error(None, error)
        else:
            messages.success(request, success(removal))
            return redirect("referrals:removal_detail", pk=removal.pk)
    return render(request, template, {
        "removal": removal, "form": form, "title": title,
        "needs_case": needs_case(removal), "ctf_destination": removal.ctf_advice_destination,
        "case_category": Category(case_category(removal)).label,
        "removal_date": removal_date_on(removal, timezone.localdate()),
        "open_question": open_question(removal),
    })


@la_staff_required
def removal_agree(request, pk):
    def make_form(removal, data):
        may_need_case = needs_case(removal)
        return AgreeForm(
            data, removal=removal, options=selectors.child_options(removal) if may_need_case else [],
            needs_enquiries=removal.ground.needs_enquiries, may_need_case=may_need_case,
            can_confirm=may_need_case and removal.destination_known,
        )

    def success(removal):
        if removal.case_id:
            return (f"Lawful removal agreed. The CME team now holds case {removal.case.reference} for "
                    f"{removal.pupil_name}. The school has been told.")
        return "Lawful removal agreed. The school has been told."

    return _decision_page(
        request, pk, name="agree", title="Agree: lawful removal from roll", make_form=make_form, success=success,
        decide=lambda removal, form: services.agree_removal(removal, by=request.user, **form.decision()),
    )


@la_staff_required
def removal_not_lawful(request, pk):
    return _decision_page(
        request, pk, name="not_lawful", title="Not lawful: the pupil remains on roll",
        make_form=lambda removal, data: NotLawfulForm(data),
        decide=lambda removal, form: services.decide_not_lawful(removal, by=request.user,
                                                                reason=form.cleaned_data["reason"]),
        success=lambda removal: "Decision recorded: the pupil remains on roll. The school has been told why.",
    )


@la_staff_required
def removal_ask(request, pk):
    """Ask the school a question before deciding (Southampton CME policy 2021)."""
    return _decision_page(
        request, pk, name="request_info", title="Ask the school a question", template="referrals/removal/ask.html",
        make_form=lambda removal, data: QuestionForm(data),
        decide=lambda removal, form: services.ask_school(removal, by=request.user,
                                                         question=form.cleaned_data["message"]),
        success=lambda removal: f"Your question has been sent to {removal.school.name}, and they have been e-mailed. "
                                "The request waits for their answer.",
    )
