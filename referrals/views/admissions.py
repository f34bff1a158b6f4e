"""New-pupil notices: the school's form for one pupil and its CSV upload for
many; the notice's page; the CME officer's list of likely matches to confirm."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cme.accounts.access import la_staff_required, school_user_required
from cme.audit.services import log_access
from cme.schooldays.deadlines import NEW_PUPIL_NOTICE
from tracking.models import School

from .. import services
from ..admission_csv import MAX_BYTES, MAX_ROWS, TEMPLATE_HEADER, UnreadableFile, read_upload
from ..forms.school_portal import AdmissionForm, SchoolChoiceForm, UploadForm
from ..models import AdmissionNotice
from ..selectors import admissions as selectors
from ..workflow.admissions import OFFICERS, TransitionRefused
from .common import confirm_delete, draft_page, posted
from .removals import school_or_la_staff

MATCHES_PAGE_SIZE = 50


def _school_form(request):
    """Which school, for staff of several; ``None`` for staff of one."""
    if School.objects.filter(memberships__user=request.user).count() > 1:
        return SchoolChoiceForm(posted(request), user=request.user)
    return None


def _only_school(request):
    return School.objects.filter(memberships__user=request.user).first()


def _notice_page(request, notice=None):
    """Send a notice (a new one, or a draft), or save it as a draft."""
    sending = "save_as_draft" not in request.POST
    school_form = _school_form(request) if notice is None else None
    draft = notice or AdmissionNotice(school=_only_school(request))
    form = AdmissionForm(posted(request), notice=draft, strict=sending, today=timezone.localdate())
    if request.method == "POST" and form.is_valid() and (school_form is None or school_form.is_valid()):
        school = school_form.cleaned_data["school"] if school_form else draft.school
        try:
            if sending:
                notice = services.send_admission_notice(notice, by=request.user, school=school, **form.answers())
            else:
                notice = services.save_admission_draft(notice, by=request.user, school=school, **form.answers())
        except (TransitionRefused, services.ServiceError) as refused:
            for error in getattr(refused, "errors", [str(refused)]):
                form.add_error(None, error)
        else:
            if sending:
                messages.success(request, f"Thank you. New pupil notice {notice.reference} sent.")
                return redirect("referrals:admission_detail", pk=notice.pk)
            messages.success(request, "Your notice is saved as a draft. It has not been sent.")
            return redirect("referrals:school_dashboard")
    return render(request, "referrals/admission/form.html", {
        "form": form, "school_form": school_form, "form_list": [f for f in (school_form, form) if f], "notice": notice, "timescale": NEW_PUPIL_NOTICE,
        "has_school": draft.school_id is not None or school_form is not None,
        "drafts": selectors.notice_drafts(request.user) if notice is None else [],
    })


@school_user_required
def admission_start(request):
    return _notice_page(request)


notice_draft = draft_page(access=school_user_required, find_draft=selectors.notice_draft_for,
                          visible=selectors.visible_notices, sent_page="referrals:admission_detail")


@notice_draft
def admission_edit(request, notice):
    return _notice_page(request, notice)


@notice_draft
def admission_delete(request, notice):
    return confirm_delete(
        request, what="new pupil notice", back_url=reverse("referrals:admission_edit", args=[notice.pk]),
        done_url=reverse("referrals:school_dashboard"),
        delete=lambda: services.delete_admission_draft(notice, by=request.user),
    )


@school_user_required
def admission_upload(request):
    """A CSV file of new pupils: good rows are sent, bad rows reported with
    why; a file with no good rows changes nothing."""
    school_form = _school_form(request)
    form = UploadForm(posted(request), request.FILES or None)
    upload, sent, nothing_sent = None, [], False
    if request.method == "POST" and form.is_valid() and (school_form is None or school_form.is_valid()):
        school = school_form.cleaned_data["school"] if school_form else _only_school(request)
        try:
            # Read no more than the limit (plus one byte to tell it was passed).
            upload = read_upload(form.cleaned_data["file"].read(MAX_BYTES + 1), school=school,
                                 today=timezone.localdate())
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            if upload.accepted:
                try:
                    sent = services.send_admission_notices(
                        by=request.user, school=school, rows=[row.fields for row in upload.accepted])
                except (TransitionRefused, services.ServiceError) as refused:
                    upload = None
                    for error in getattr(refused, "errors", [str(refused)]):
                        form.add_error("file", f"Nothing was sent: {error}. Check the file and upload it again")
            else:
                nothing_sent = True
    return render(request, "referrals/admission/upload.html", {
        "form": form, "school_form": school_form, "form_list": [f for f in (school_form, form) if f], "upload": upload, "sent": sent, "nothing_sent": nothing_sent,
        "max_rows": MAX_ROWS, "template_header": TEMPLATE_HEADER, "timescale": NEW_PUPIL_NOTICE,
        "has_school": school_form is not None or _only_school(request) is not None,
    })


@school_or_la_staff
def admission_detail(request, pk):
    notice = selectors.notice_for(request.user, pk)
    if notice.is_draft:
        return redirect("referrals:admission_edit", pk=notice.pk)
    log_access(request, "view", object_type="admission_notice", object_id=notice.pk, child_id=notice.child_id,
               reference=notice.reference)
    return render(request, "referrals/admission/detail.html", {
        "notice": notice, "is_la": request.user.is_la_staff,
        "matches": list(notice.matches.all()) if request.user.is_la_staff else [],
    })


@la_staff_required
def admission_matches(request):
    page = Paginator(selectors.proposed_matches(request.user), MATCHES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "referrals/admission/matches.html", {
        "page": page, "can_decide": request.user.role in OFFICERS,
    })


def _decide(request, pk, decide, success):
    if request.method != "POST":
        return redirect("referrals:admission_matches")
    match = selectors.match_for_officer(request.user, pk)
    try:
        decide(match)
    except (TransitionRefused, services.ServiceError) as refused:
        for error in getattr(refused, "errors", [str(refused)]):
            messages.error(request, error)
    else:
        messages.success(request, success(match))
    return redirect("referrals:admission_matches")


@la_staff_required
def admission_match_confirm(request, pk):
    return _decide(
        request, pk, lambda match: services.confirm_admission_match(match, by=request.user),
        lambda match: f"{match.child.full_name} is located – enrolled at {match.notice.school.name}. "
                      f"Case {match.case.reference} is closed.",
    )


@la_staff_required
def admission_match_reject(request, pk):
    return _decide(
        request, pk, lambda match: services.reject_admission_match(match, by=request.user),
        lambda match: f"Noted: {match.notice.pupil_name} at {match.notice.school.name} is not "
                      f"{match.child.full_name}. Case {match.case.reference} stays open.",
    )
