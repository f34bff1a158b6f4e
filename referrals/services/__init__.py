"""Every write a user can cause to a referral, a removal-from-roll request or
a new-pupil notice.

Each function takes the acting user as ``by`` and does its whole write in
one transaction. Status changes go through ``referrals.workflow``
(``workflow.transition`` for referrals, ``workflow.removals`` and
``workflow.admissions`` for the others); nothing here assigns ``status``.
E-mails are queued to go when the transaction commits.

Callers use ``from referrals import services`` and ``services.submit_referral(...)``;
the modules below group the writes.
"""

from .admissions import (  # noqa: F401
    NOTICE_FIELDS, confirm_admission_match, delete_admission_draft, match_admission_notice,
    reject_admission_match, save_admission_draft, send_admission_notice, send_admission_notices,
)
from .common import ServiceError, email_referrer, record_event  # noqa: F401
from .drafts import (  # noqa: F401
    ANSWER_FIELDS, CHILD_FIELDS, add_child, delete_draft, remove_child, save_answers, start_referral,
    submit_referral, update_child,
)
from .removals import (  # noqa: F401
    REMOVAL_FIELDS, agree_removal, answer_school_question, ask_school, decide_not_lawful, delete_removal_draft,
    save_removal, send_removal, start_removal,
)
from .triage import (  # noqa: F401
    accept_referral, answer_request, confirm_match, copy_referral_facts, create_child_from_referral,
    decide_not_cme, mark_duplicate, request_information, send_message, undo_match,
)
