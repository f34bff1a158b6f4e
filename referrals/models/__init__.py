"""The referrals domain: notifications that reach the CME team and are triaged
into tracking records. Issue 7 adds removal-from-roll requests and new-pupil
notices beside the CME referral."""

from .references import ReferenceSequence  # noqa: F401
from .referral import (  # noqa: F401
    ACTIONS, NotCmeReason, ProgressUpdate, Referral, ReferralChild, ReferralEvent,
    ReferralEventKind, ReferralMessage, ReferralStatus, ReferrerKind,
)
