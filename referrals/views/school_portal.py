"""The school portal: the school's dashboard, and "a pupil on roll is missing"
(a CME referral started with the pupil and the school filled in, and the
school's next steps on the Liverpool day-1 to day-20 timeline)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cme.accounts.access import school_user_required
from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.deadlines import LIVERPOOL_TIMELINE_SOURCE, liverpool_missing_pupil_timeline
from tracking.models import School

from .. import selectors, services
from ..forms.school_portal import MissingPupilForm, SchoolChoiceForm
from ..removal_rules import outside_calendar_message
from ..selectors.dashboard import RECENT, school_dashboard as dashboard_for
from .common import log_referral_view, posted
from .referral_form import first_page_url


@school_user_required
def school_dashboard(request):
    today = timezone.localdate()
    return render(request, "referrals/school/dashboard.html", {
        "dashboard": dashboard_for(request.user, today), "today": today, "recent": RECENT,
        "several_schools": request.user.school_memberships.count() > 1,
    })


@school_user_required
def missing_pupil(request):
    """Who is missing and when they last attended; then the referral form, prefilled."""
    schools = School.objects.filter(memberships__user=request.user)
    school_form = SchoolChoiceForm(posted(request), user=request.user) if schools.count() > 1 else None
    form = MissingPupilForm(posted(request))
    if request.method == "POST" and form.is_valid() and (school_form is None or school_form.is_valid()):
        try:
            referral = services.start_referral(
                by=request.user, school=school_form.cleaned_data["school"] if school_form else None,
                children=[form.child()], last_attendance_date=form.cleaned_data["last_attendance_date"],
            )
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            return redirect("referrals:missing_pupil_next_steps", pk=referral.pk)
    return render(request, "referrals/school/missing_pupil.html", {
        "form": form, "school_form": school_form, "form_list": [f for f in (school_form, form) if f], "has_school": schools.exists(),
    })


def school_timeline(school, last_attendance):
    """(steps, problem): the school's next steps with their dates on its own calendar."""
    from cme.schooldays.selectors import calendar_for

    try:
        return liverpool_missing_pupil_timeline(last_attendance, calendar_for(school)), ""
    except DateOutsideCalendar as error:
        return [], outside_calendar_message(error, "date of last attendance")


@school_user_required
def missing_pupil_next_steps(request, pk):
    """The guidance panel: what to do next, by when. The pupil stays on roll."""
    referral = get_object_or_404(selectors.visible_referrals(request.user).select_related("school"), pk=pk)
    if not (referral.school_id and referral.last_attendance_date):
        return redirect("referrals:my_referral" if not referral.is_draft else "referrals:check", pk=referral.pk)
    log_referral_view(request, referral, "missing pupil: next steps")
    steps, problem = school_timeline(referral.school, referral.last_attendance_date)
    child = referral.children.first()
    return render(request, "referrals/school/next_steps.html", {
        "referral": referral, "child": child, "steps": steps, "problem": problem, "today": timezone.localdate(),
        "source": LIVERPOOL_TIMELINE_SOURCE,
        "continue_url": first_page_url(referral, request.user) if referral.is_draft else None,
    })
