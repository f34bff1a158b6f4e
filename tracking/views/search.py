"""Find a child. Every search is written to the access log with its terms and
how many children it found; finding a failed-to-track child tells the senior
officers (once per officer per day)."""

from django.shortcuts import render

from cme.accounts.access import la_staff_required
from cme.audit.services import log_access

from .. import alerts, selectors
from ..forms import ChildSearchForm
from .common import today


def _tell_seniors_of_alerted_children(request, results):
    on = today()
    searcher = request.user.get_full_name() or request.user.email
    for result in results:
        if result.alerts:
            alerts.child_reappeared(
                result.child, how=f"found by a search by {searcher}",
                event_key=f"search:{request.user.pk}:{on.isoformat()}", by=request.user,
            )


@la_staff_required
def child_search(request):
    form = ChildSearchForm(request.GET or None)
    outcome = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        outcome = selectors.search_children(
            request.user, name=data["name"], date_of_birth=data["date_of_birth"], upn=data["upn"],
            postcode=data["postcode"],
        )
        log_access(request, "search", object_type="child", terms=form.terms(), result_count=outcome.total)
        _tell_seniors_of_alerted_children(request, outcome.results)
    return render(request, "tracking/child_search.html", {"form": form, "outcome": outcome})
