"""What the referrer sees: their referrals, each with its status in plain
words and the CME team's messages — never the LA's internal notes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from cme.accounts.access import referrer_required

from .. import selectors, services
from ..forms.triage import MessageForm
from ..models import ReferralStatus
from ..workflow import TransitionRefused
from .common import log_referral_view
from .common import posted as _posted
from .answers import answer_sections

PAGE_SIZE = 50


@referrer_required
def my_referrals(request):
    referrals = selectors.my_referrals(request.user).exclude(status=ReferralStatus.DRAFT)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "referrals/referrer/my_referrals.html", {
        "page": page, "drafts": selectors.drafts_of(request.user),
        "several_schools": request.user.is_school_user and request.user.school_memberships.count() > 1,
    })


@referrer_required
def my_referral(request, pk):
    referral = selectors.referral_for_referrer(request.user, pk)
    if referral.is_draft:
        return redirect("referrals:check", pk=referral.pk)
    waiting_for_answer = referral.status == ReferralStatus.INFO_REQUESTED
    form = MessageForm(
        _posted(request),
        label="Your answer" if waiting_for_answer else "Send a message to the CME team",
        required_message="Enter your answer" if waiting_for_answer else "Enter your message",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.send_message(referral, by=request.user, text=form.cleaned_data["text"])
        except (TransitionRefused, services.ServiceError) as refused:
            for error in getattr(refused, "errors", [str(refused)]):
                form.add_error(None, error)
        else:
            messages.success(
                request,
                "Thank you. Your answer has been sent to the CME team." if waiting_for_answer
                else "Your message has been sent to the CME team.",
            )
            return redirect("referrals:my_referral", pk=referral.pk)
    log_referral_view(request, referral, "referrer's view")
    named = list(referral.children.all())
    return render(request, "referrals/referrer/my_referral.html", {
        "referral": referral, "form": form, "waiting_for_answer": waiting_for_answer,
        "sections": answer_sections(referral, named), "named": named,
        "thread": list(referral.messages.all()),
    })
