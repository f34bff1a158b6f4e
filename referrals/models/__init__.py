"""The referrals domain: notifications that reach the CME team and are triaged
into tracking records — CME referrals, removal-from-roll requests and
new-pupil notices."""

from .common import ACTIONS  # noqa: F401
from .references import ReferenceSequence  # noqa: F401
from .referral import (  # noqa: F401
    NotCmeReason, ProgressUpdate, Referral, ReferralChild, ReferralEvent,
    ReferralEventKind, ReferralMessage, ReferralStatus, ReferrerKind,
)
from .removal import (  # noqa: F401
    ATTENDANCE_ORDER_GROUNDS, CONFIRMS, CTF_OUTSIDE_MAINTAINED, CTF_UNKNOWN, NO_DESTINATION_GROUNDS,
    PERMANENTLY_EXCLUDED, Destination, LocatedBecause, RemovalEvent, RemovalEventKind, RemovalFromRollRequest,
    RemovalMessage, RemovalStatus, UNDECIDED, ctf_destination_for, ctf_school_code, is_independent,
)
from .admission import AdmissionMatch, AdmissionNotice, AdmissionStatus, MatchStatus  # noqa: F401
