"""Small helpers shared by the referral views."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from cme.audit.services import log_access


def posted(request):
    """The submitted data of a POST (even an empty one), else None: an empty
    POST is still a submission and must show what is missing."""
    return request.POST if request.method == "POST" else None


def log_referral_view(request, referral, what):
    """One access-log row per child record the page shows (or one for the referral)."""
    child_ids = [c.child_id for c in referral.children.all() if c.child_id] or [None]
    for child_id in child_ids:
        log_access(request, "view", object_type="referral", object_id=referral.pk, child_id=child_id,
                   reference=referral.reference, what=what)


def draft_page(*, access, find_draft, visible, sent_page):
    """Decorate a view of a draft the user may go on with, passed in as the
    record: ``find_draft(user, pk)`` or 404. Once sent (a second click, a
    colleague), the draft's pages lead to the sent record's page
    (``sent_page``); a record the user may not see is a 404."""

    def decorator(view):
        @access
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            try:
                draft = find_draft(request.user, pk)
            except Http404:
                if visible(request.user).filter(pk=pk).exists():
                    return redirect(sent_page, pk=pk)
                raise
            return view(request, draft, *args, **kwargs)

        return wrapped

    return decorator


def confirm_delete(request, *, what, delete, back_url, done_url):
    """"Are you sure?" for a draft; on POST ``delete()`` it and go to ``done_url``."""
    if request.method == "POST":
        delete()
        messages.success(request, f"The draft {what} has been deleted")
        return redirect(done_url)
    return render(request, "referrals/includes/delete_draft_page.html", {"what": what, "back_url": back_url})
