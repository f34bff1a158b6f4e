"""Every write a user can cause to children and cases.

Each function takes the acting user as ``by``, does its whole write in one
transaction, and records what it did on the case's timeline. Status changes
go through ``tracking.workflow.transition``; nothing here assigns ``status``.

Callers use ``from tracking import services`` and ``services.open_case(...)``;
the modules below are how the writes are grouped, not part of the interface.
"""

from .base import ServiceError, _event  # noqa: F401
from .cases import (  # noqa: F401
    add_note, add_timeline_event, assign, change_category, clear_priority_override,
    create_child_with_case, open_case, override_priority, record_enquiry, record_home_visit,
    set_next_action,
)
from .children import (  # noqa: F401
    RISK_FLAGS, add_address, add_contact, add_enrolment, add_flag, add_name, create_child,
    derived_priority, end_enrolment, end_flag, index_names, link_siblings, refresh_priority, unlink_siblings,
    update_child, update_contact,
)
from .documents import (  # noqa: F401
    ALLOWED_DESCRIPTION, MAX_DOCUMENT_BYTES, SIGNATURES, sniff_document, upload_document,
)
from .failed_to_track import (  # noqa: F401
    active_checklist_steps, answer_checklist_step, checklist_answer_errors, checklist_for,
    clear_alert, record_recheck,
)
from .notifications import mark_all_notifications_read, mark_notification_read  # noqa: F401
