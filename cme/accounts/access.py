"""Who may reach which page.

Every view is wrapped in one of these. A page the user's role may not use is a
404, as is another school's record: we never confirm that something exists to
someone who may not see it.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .models import LA_STAFF_ROLES, REPORT_ROLES, Role


def role_required(*roles):
    allowed = frozenset(roles)

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role not in allowed:
                raise Http404("This page is not available to you.")
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed
        return wrapped

    return decorator


la_staff_required = role_required(*LA_STAFF_ROLES)
report_roles_required = role_required(*REPORT_ROLES)
service_managers_required = role_required(Role.SENIOR_OFFICER, Role.ADMINISTRATOR)
senior_officer_required = role_required(Role.SENIOR_OFFICER)
referrer_required = role_required(Role.SCHOOL_USER, Role.PARTNER)
school_user_required = role_required(Role.SCHOOL_USER)
any_signed_in_user = role_required(*Role.values)
