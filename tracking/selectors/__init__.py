"""Reads for the tracking app. Views start here, never from Model.objects.

Every read of children or cases starts from ``visible_to(user)`` and
preloads what its page shows, so a page costs the same number of queries
however many rows it lists.
"""

from .alerts import notifications_for, recheck_tasks, unread_count  # noqa: F401
from .caseload import (  # noqa: F401
    CaseAge, TeamFilters, case_age, my_caseload, officer_totals, schools_with_active_cases,
    team_cases, team_caseload, with_active_flags,
)
from .cases import cases_for_page, document_for_download, other_cases, timeline, timeline_kinds  # noqa: F401
from .checklists import ChecklistProgress, awaiting_sign_off, checklist_progress  # noqa: F401
from .children import SAFETY_FLAGS, children_for_page, two_to_visit_reasons  # noqa: F401
from .schools import resolve_school, school_label, schools_to_suggest, search_schools  # noqa: F401
from .search import SearchOutcome, SearchResult, search_children  # noqa: F401
