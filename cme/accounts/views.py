from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from .access import any_signed_in_user
from .forms import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .models import Role

# What each role comes to the service to do: (title, description, url name).
# A task whose page is not built yet is shown as "not available yet", plainly.
HOME_TASKS = {
    Role.CME_OFFICER: [
        ("Referrals to triage", "New notifications of children missing education, highest priority first.", "referrals:triage_queue"),
        ("My caseload", "The cases assigned to you, overdue actions first.", "tracking:my_caseload"),
        ("Find a child", "Search by name, date of birth, UPN or postcode.", "tracking:child_search"),
        ("Removal from roll requests", "Schools asking whether a pupil may be taken off roll.", "referrals:removal_queue"),
        ("New pupil notices", "Admissions that may locate a child you are looking for.", "referrals:admission_matches"),
        ("Team caseload", "Every open case by officer, for the weekly caseload meeting.", "tracking:team_caseload"),
        ("Reports", "The dashboard and monthly CME tracking returns.", "reports:index"),
    ],
    Role.SENIOR_OFFICER: [
        ("Team caseload", "Every open case by officer, for the weekly caseload meeting.", "tracking:team_caseload"),
        ("Failed to track sign-off", "Closures waiting for your sign-off.", "tracking:sign_off_queue"),
        ("Notifications", "Failed-to-track children who have reappeared.", "tracking:notifications"),
        ("Yearly re-checks", "Check failed-to-track children against new datasets.", "tracking:recheck_tasks"),
        ("Referrals to triage", "New notifications of children missing education.", "referrals:triage_queue"),
        ("Removal from roll requests", "Schools asking whether a pupil may be taken off roll.", "referrals:removal_queue"),
        ("Find a child", "Search by name, date of birth, UPN or postcode.", "tracking:child_search"),
        ("Reports", "Generate, check and publish the monthly CME tracking return.", "reports:index"),
        ("Term dates", "The local authority's school calendar that deadlines are counted on.", "schooldays:term_dates"),
        ("Access log", "Who looked at which child's record.", "audit:access_log"),
    ],
    Role.REPORT_VIEWER: [
        ("Reports", "The dashboard and published monthly CME tracking returns.", "reports:index"),
    ],
    Role.SCHOOL_USER: [
        ("Tell us about a child missing education", "A pupil whose whereabouts are unknown, or a child with no school place.", "referrals:start"),
        ("Ask to remove a pupil from roll", "A pupil is leaving your roll: tell the local authority the ground and destination.", "referrals:removal_start"),
        ("Tell us about new pupils", "Pupils added to your admission register, one at a time or as a CSV file.", "referrals:admission_start"),
        ("My referrals", "What you have sent us and what we need from you.", "referrals:my_referrals"),
        ("School dashboard", "Your school's submissions and anything overdue.", "referrals:school_dashboard"),
    ],
    Role.PARTNER: [
        ("Tell us about a child missing education", "A child of school age with no school place or education.", "referrals:start"),
        ("My referrals", "What you have sent us, and any questions we have asked.", "referrals:my_referrals"),
    ],
    Role.ADMINISTRATOR: [
        ("Schools", "Schools imported from Get Information About Schools.", "tracking:school_list"),
        ("Users", "Add people, change their role, switch accounts off.", "admin:accounts_user_changelist"),
        ("Term dates", "The local authority's school calendar.", "schooldays:term_dates"),
        ("Access log", "Who looked at which child's record.", "audit:access_log"),
        ("Reports", "The dashboard and monthly returns.", "reports:index"),
    ],
}


def tasks_for(role):
    tasks = []
    for title, description, url_name in HOME_TASKS.get(role, []):
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None
        tasks.append({"title": title, "description": description, "url": url})
    return tasks


@any_signed_in_user
def home(request):
    user = request.user
    context = {"tasks": tasks_for(user.role)}
    if user.is_school_user:
        context["schools"] = list(user.schools.all())
    return render(request, "home.html", context)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm


def locked_out(request, credentials, *args, **kwargs):
    """django-axes calls this when an account has had too many failed sign-ins."""
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
