"""The referral form for school staff and partner professionals: question
pages that each save the draft, check your answers, and the confirmation.

Another feature can start the form prefilled (e.g. "a pupil on roll is
missing") by calling ``services.start_referral(by=..., school=...,
children=[{...}], **answers)`` and redirecting to ``first_page_url``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cme.accounts.access import referrer_required

from .. import selectors, services
from ..completeness import missing_answers
from ..forms.referral_form import (
    PARTNER_MAY_SKIP, STEPS, STEPS_BY_SLUG, AddAnotherChildForm, ChildForm,
)
from ..workflow import TransitionRefused
from .common import confirm_delete, draft_page
from .common import posted as _posted
from .answers import answer_sections, field_anchor, step_url

SAVED_FOR_LATER = (
    "Your answers are saved. You can come back to this referral from ‘Make a referral’. "
    "It has not been sent yet."
)


def steps_for(referral, user):
    return [step for step in STEPS if step.applies(referral, user)]


def first_page_url(referral, user):
    return step_url(referral, steps_for(referral, user)[0].slug)


def _neighbours(referral, user, slug):
    slugs = [step.slug for step in steps_for(referral, user)]
    index = slugs.index(slug) if slug in slugs else 0
    previous = step_url(referral, slugs[index - 1]) if index > 0 else reverse("referrals:start")
    following = (
        step_url(referral, slugs[index + 1]) if index + 1 < len(slugs)
        else reverse("referrals:check", args=[referral.pk])
    )
    return previous, following


def _after_saving(request, referral, slug):
    if request.GET.get("change"):
        return reverse("referrals:check", args=[referral.pk])
    return _neighbours(referral, request.user, slug)[1]


#: A page of the user's own draft referral (see ``common.draft_page``).
draft_view = draft_page(access=referrer_required, find_draft=selectors.draft_for,
                        visible=selectors.visible_referrals, sent_page="referrals:my_referral")


def _saved_for_later(request):
    return "save_for_later" in request.POST


def _come_back_later(request):
    messages.success(request, SAVED_FOR_LATER)
    return redirect("referrals:start")


def _page(request, template, referral, slug, **context):
    step = STEPS_BY_SLUG[slug]
    previous, _ = _neighbours(referral, request.user, slug)
    if request.GET.get("change"):
        previous = reverse("referrals:check", args=[referral.pk])
    intro = step.intro
    if step.school_only and not referral.is_school_referral:
        intro = PARTNER_MAY_SKIP
    return render(request, template, {
        "referral": referral, "step": step, "intro": intro, "back_url": previous,
        "change": bool(request.GET.get("change")), **context,
    })


@referrer_required
def start(request):
    if request.method == "POST":
        try:
            referral = services.start_referral(by=request.user)
        except services.ServiceError as error:
            messages.error(request, str(error))
            return redirect("referrals:start")
        return redirect(first_page_url(referral, request.user))
    return render(request, "referrals/form/start.html", {
        "drafts": selectors.drafts_of(request.user),
        "has_school": not request.user.is_school_user or request.user.school_memberships.exists(),
    })


@draft_view
def question(request, referral, slug):
    step = STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    if step.form_class is None:
        return redirect("referrals:children", pk=referral.pk)
    form = step.form_class(
        _posted(request), referral=referral, user=request.user, strict=not _saved_for_later(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(referral, by=request.user, **form.answers())
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            if _saved_for_later(request):
                return _come_back_later(request)
            return redirect(_after_saving(request, referral, slug))
    return _page(request, "referrals/form/question.html", referral, slug, form=form)


@draft_view
def children(request, referral):
    """The children added so far, and whether to add another."""
    named = list(referral.children.all())
    if not named and request.method == "GET":
        return redirect("referrals:child_add", pk=referral.pk)
    form = AddAnotherChildForm(_posted(request))
    if request.method == "POST":
        if _saved_for_later(request):
            return _come_back_later(request)
        if form.is_valid():
            if form.cleaned_data["add_another"] == "yes":
                return redirect("referrals:child_add", pk=referral.pk)
            if not named:
                form.add_error("add_another", "Add the child or children this referral is about")
            else:
                return redirect(_after_saving(request, referral, "children"))
    return _page(request, "referrals/form/children.html", referral, "children", form=form, named=named)


def _child_page(request, referral, referral_child=None):
    change = "?change=1" if request.GET.get("change") else ""
    initial = {f: getattr(referral_child, f) for f in services.CHILD_FIELDS} if referral_child else None
    form = ChildForm(_posted(request), referral=referral, initial=initial, strict=not _saved_for_later(request))
    if request.method == "POST" and form.is_valid():
        try:
            if referral_child:
                services.update_child(referral_child, by=request.user, **form.cleaned_data)
            else:
                services.add_child(referral, by=request.user, **form.cleaned_data)
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            if _saved_for_later(request):
                return _come_back_later(request)
            if change:
                return redirect("referrals:check", pk=referral.pk)
            return redirect(reverse("referrals:children", args=[referral.pk]))
    return _page(request, "referrals/form/child.html", referral, "children", form=form,
                 referral_child=referral_child, number=len(referral.children.all()) + (0 if referral_child else 1))


@draft_view
def child_add(request, referral):
    return _child_page(request, referral)


@draft_view
def child_edit(request, referral, child_pk):
    return _child_page(request, referral, get_object_or_404(referral.children, pk=child_pk))


@draft_view
def child_remove(request, referral, child_pk):
    referral_child = get_object_or_404(referral.children, pk=child_pk)
    if request.method == "POST":
        services.remove_child(referral_child, by=request.user)
        messages.success(request, f"{referral_child.full_name} has been removed from this referral")
        return redirect("referrals:children", pk=referral.pk)
    return render(request, "referrals/form/child_remove.html", {"referral": referral, "referral_child": referral_child})


@draft_view
def check(request, referral):
    """Check your answers, then send."""
    named = list(referral.children.all())
    problems = []
    if request.method == "POST":
        try:
            services.submit_referral(referral, by=request.user)
        except (TransitionRefused, services.ServiceError) as refused:
            missing = missing_answers(referral, named)
            problems = [(_missing_url(referral, m), m.message) for m in missing]
            if not problems:
                problems = [("#main-content", error) for error in getattr(refused, "errors", [str(refused)])]
        else:
            return redirect("referrals:sent", pk=referral.pk)
    return render(request, "referrals/form/check.html", {
        "referral": referral, "sections": answer_sections(referral, named, change=True),
        "problems": problems, "has_errors": bool(problems),
        "back_url": step_url(referral, steps_for(referral, request.user)[-1].slug),
    })


def _missing_url(referral, missing):
    if missing.step == "children":
        if missing.child_id:
            return f"{reverse('referrals:child_edit', args=[referral.pk, missing.child_id])}?change=1#id_date_of_birth_0"
        return reverse("referrals:child_add", args=[referral.pk])
    return f"{step_url(referral, missing.step)}?change=1#{field_anchor(missing.step, missing.field)}"


@referrer_required
def sent(request, pk):
    referral = get_object_or_404(
        selectors.visible_referrals(request.user).exclude(status="draft"), pk=pk, referrer=request.user
    )
    return render(request, "referrals/form/sent.html", {"referral": referral})


@draft_view
def delete_draft(request, referral):
    start = reverse("referrals:start")
    return confirm_delete(request, what="referral", back_url=start, done_url=start,
                          delete=lambda: services.delete_draft(referral, by=request.user))
