"""The service navigation, by role.

Each entry is (label, url name, roles). Pages appear only to the roles that
can open them, so nobody is shown a link to a 404.
"""

from django.urls import NoReverseMatch, reverse

from .models import LA_STAFF_ROLES, REPORT_ROLES, Role

SCHOOL_AND_PARTNER = frozenset({Role.SCHOOL_USER, Role.PARTNER})

NAVIGATION = [
    ("Home", "home", frozenset(Role.values)),
    ("Referrals to triage", "referrals:triage_queue", LA_STAFF_ROLES),
    ("Removal requests", "referrals:removal_queue", LA_STAFF_ROLES),
    ("My caseload", "tracking:my_caseload", LA_STAFF_ROLES),
    ("Team caseload", "tracking:team_caseload", LA_STAFF_ROLES),
    ("Find a child", "tracking:child_search", LA_STAFF_ROLES),
    ("Make a referral", "referrals:start", SCHOOL_AND_PARTNER),
    ("My referrals", "referrals:my_referrals", SCHOOL_AND_PARTNER),
    ("School dashboard", "referrals:school_dashboard", frozenset({Role.SCHOOL_USER})),
    ("Reports", "reports:index", REPORT_ROLES),
    ("Schools", "tracking:school_list", LA_STAFF_ROLES),
    ("Term dates", "schooldays:term_dates", frozenset({Role.SENIOR_OFFICER, Role.ADMINISTRATOR})),
]


def items_for(user, current_path):
    if not user.is_authenticated:
        return []
    items = []
    for label, url_name, roles in NAVIGATION:
        if user.role not in roles:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            # The feature has not been built yet; show nothing rather than a dead link.
            continue
        active = current_path == url or (url != "/" and current_path.startswith(url))
        items.append({"label": label, "url": url, "active": active})
    return items
