"""Small helpers shared by the referral views."""

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
