"""Every write a user can cause to a referral.

Each function takes the acting user as ``by`` and does its whole write in
one transaction. Status changes go through ``referrals.workflow.transition``;
nothing here assigns ``status``. E-mails to the referrer are queued to go
when the transaction commits.

Callers use ``from referrals import services`` and ``services.submit_referral(...)``;
the modules below group the writes (issue 7's removal requests and new-pupil
notices can sit beside them).
"""

from .common import ServiceError, email_referrer, record_event  # noqa: F401
from .drafts import (  # noqa: F401
    ANSWER_FIELDS, CHILD_FIELDS, add_child, delete_draft, remove_child, save_answers, start_referral,
    submit_referral, update_child,
)
from .triage import (  # noqa: F401
    accept_referral, answer_request, confirm_match, copy_referral_facts, create_child_from_referral,
    decide_not_cme, mark_duplicate, request_information, send_message, undo_match,
)
