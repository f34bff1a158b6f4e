import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cme.accounts.access import role_required
from cme.accounts.models import Role
from cme.spreadsheet import safe_row

from . import selectors
from .forms import AccessLogFilterForm
from .services import log_access

audit_readers_required = role_required(Role.SENIOR_OFFICER, Role.ADMINISTRATOR)


def _filtered(request):
    form = AccessLogFilterForm(request.GET or None)
    entries = selectors.access_log().none()
    if not request.GET:
        entries = selectors.access_log()
    elif form.is_valid():
        data = form.cleaned_data
        entries = selectors.access_log(
            user_id=data["user"].pk if data["user"] else None, child_id=data["child"],
            action=data["action"], since=data["since"], until=data["until"],
        )
    return form, entries


@audit_readers_required
def access_log(request):
    """Who looked at which child: for senior officers and administrators."""
    form, entries = _filtered(request)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"form": form, "page": page})


@audit_readers_required
def access_log_csv(request):
    form, entries = _filtered(request)
    log_access(request, "export", object_type="access_log", filters=dict(request.GET.items()))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(["When", "Person", "Email", "Action", "Record type", "Record", "Child record", "Page", "IP address", "Detail"])
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(safe_row([
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            str(entry.user) if entry.user else "", entry.user.email if entry.user else "",
            entry.get_action_display(), entry.object_type, entry.object_id, entry.child_id or "",
            entry.path, entry.ip_address or "", ", ".join(f"{k}: {v}" for k, v in (entry.detail or {}).items()),
        ]))
    return response
