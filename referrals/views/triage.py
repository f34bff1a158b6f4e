"""The CME officer's side: the triage queue, a referral's page with its
matching candidates, and the triage decisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cme.accounts.access import la_staff_required
from cme.audit import history
from tracking.models import Child

from .. import selectors, services, sla
from ..forms.triage import AcceptForm, DuplicateForm, MessageForm, NotCmeForm, RequestInfoForm
from ..workflow import OFFICERS, TransitionRefused, available_transitions
from .common import log_referral_view
from .common import posted as _posted
from .answers import answer_sections, child_lines

QUEUE_PAGE_SIZE = 50


@la_staff_required
def triage_queue(request):
    queue = selectors.triage_queue_referrals(request.user)
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.with_school_days(page.object_list)
    waiting = selectors.with_school_days(selectors.waiting_referrals(request.user))
    return render(request, "referrals/triage/queue.html", {
        "page": page, "rows": rows, "waiting": waiting,
        "act_today": selectors.act_today_count(request.user),
        "progress_update_after": sla.PROGRESS_UPDATE_EVERY,
    })


@la_staff_required
def referral_detail(request, pk):
    referral = selectors.referral_for_officer(request.user, pk)
    log_referral_view(request, referral, "officer's view")
    named = list(referral.children.all())
    undecided = not referral.is_decided
    cases = selectors.active_cases_for(named)
    alerted = selectors.alerted_children(named)
    children = [
        {
            "referral_child": child,
            "lines": child_lines(child),
            "options": selectors.match_options(referral, child) if undecided and not child.child_id else [],
            "active_case": cases.get(child.child_id),
            "has_alert": child.child_id in alerted,
        }
        for child in named
    ]
    return render(request, "referrals/triage/detail.html", {
        "referral": referral, "children": children, "undecided": undecided,
        "sections": answer_sections(referral, named),
        "school_days": sla.school_days_open(referral),
        "transitions": {t.name for t in available_transitions(referral, request.user)},
        "events": list(referral.events.all()),
        "can_triage": request.user.role in OFFICERS,
        "changes": history.changes(referral),
    })


def referral_url(referral):
    return reverse("referrals:referral_detail", args=[referral.pk])


def _child_action(request, pk, child_pk, act):
    if request.method != "POST":
        return redirect("referrals:referral_detail", pk=pk)
    referral_child = selectors.referral_child_for_officer(request.user, pk, child_pk)
    try:
        message = act(referral_child)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect(f"{referral_url(referral_child.referral)}#child-{referral_child.pk}")


@la_staff_required
def match_child(request, pk, child_pk):
    def act(referral_child):
        try:
            chosen = int(request.POST.get("child", ""))
        except ValueError:
            raise services.ServiceError("Choose the child’s record from the list")
        child = get_object_or_404(Child.objects.visible_to(request.user), pk=chosen)
        services.confirm_match(referral_child, by=request.user, child=child)
        return f"{referral_child.full_name} is matched to the record of {child.full_name}"

    return _child_action(request, pk, child_pk, act)


@la_staff_required
def create_child(request, pk, child_pk):
    def act(referral_child):
        child = services.create_child_from_referral(referral_child, by=request.user)
        return f"A new record has been created for {child.full_name}"

    return _child_action(request, pk, child_pk, act)


@la_staff_required
def unmatch_child(request, pk, child_pk):
    def act(referral_child):
        services.undo_match(referral_child, by=request.user)
        return f"{referral_child.full_name} is no longer matched to a record"

    return _child_action(request, pk, child_pk, act)


def _decision_page(request, pk, *, template, form_factory, decide, success, title):
    """GET shows the decision's form; POST makes it, or shows why it cannot be made."""
    referral = selectors.referral_for_officer(request.user, pk)
    if request.method == "GET":
        log_referral_view(request, referral, title)
    form = form_factory(referral, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decide(referral, form)
        except (TransitionRefused, services.ServiceError) as refused:
            for error in getattr(refused, "errors", [str(refused)]):
                form.add_error(None, error)
        else:
            messages.success(request, success(referral))
            return redirect("referrals:referral_detail", pk=referral.pk)
    return render(request, template, {"referral": referral, "form": form, "title": title,
                                      "undecided": not referral.is_decided})


@la_staff_required
def accept(request, pk):
    def form_factory(referral, data):
        named = list(referral.children.all())
        return AcceptForm(data, referral_children=named, active_cases=selectors.active_cases_for(named))

    return _decision_page(
        request, pk, template="referrals/triage/accept.html", form_factory=form_factory,
        decide=lambda referral, form: services.accept_referral(
            referral, by=request.user, categories=form.categories(), details=form.cleaned_data["details"]),
        success=lambda referral: f"Referral {referral.reference} accepted",
        title="Accept as a CME referral",
    )


@la_staff_required
def request_info(request, pk):
    return _decision_page(
        request, pk, template="referrals/triage/decision.html",
        form_factory=lambda referral, data: RequestInfoForm(data),
        decide=lambda referral, form: services.request_information(
            referral, by=request.user, message=form.cleaned_data["message"]),
        success=lambda referral: "Your question has been sent to the referrer. The referral’s clock has stopped.",
        title="Ask the referrer for more information",
    )


@la_staff_required
def not_cme(request, pk):
    return _decision_page(
        request, pk, template="referrals/triage/decision.html",
        form_factory=lambda referral, data: NotCmeForm(data),
        decide=lambda referral, form: services.decide_not_cme(
            referral, by=request.user, reason=form.cleaned_data["reason"],
            redirected_to=form.cleaned_data["redirected_to"], details=form.cleaned_data["details"]),
        success=lambda referral: f"Referral {referral.reference} is closed as not a CME case. The referrer has been told.",
        title="Not a CME case",
    )


@la_staff_required
def duplicate(request, pk):
    def form_factory(referral, data):
        return DuplicateForm(data, find=lambda reference: selectors.find_by_reference(request.user, reference))

    return _decision_page(
        request, pk, template="referrals/triage/decision.html", form_factory=form_factory,
        decide=lambda referral, form: services.mark_duplicate(
            referral, by=request.user, duplicate_of=form.original, details=form.cleaned_data["details"]),
        success=lambda referral: f"Referral {referral.reference} is marked as a duplicate of {referral.duplicate_of.reference}",
        title="Mark as a duplicate",
    )


@la_staff_required
def message_referrer(request, pk):
    return _decision_page(
        request, pk, template="referrals/triage/decision.html",
        form_factory=lambda referral, data: MessageForm(data, label="Your message to the referrer"),
        decide=lambda referral, form: services.send_message(referral, by=request.user, text=form.cleaned_data["text"]),
        success=lambda referral: "Your message has been sent to the referrer",
        title="Send a message to the referrer",
    )
