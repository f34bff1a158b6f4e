"""The tracking domain: schools, children, cases and what is done to find them."""

from .schools import LocalAuthority, School, SchoolMembership  # noqa: F401
from .children import (  # noqa: F401
    Address, Child, ChildName, Contact, Enrolment, FlagKind, NameToken, Sex, VulnerabilityFlag,
)
from .cases import (  # noqa: F401
    Case, CaseDocument, CaseEvent, Category, Enquiry, EnquiryMethod, EventKind, HomeVisit,
    HomeVisitOutcome, LOCATED_OUTCOMES,
    Outcome, Priority, Status,
)
from .checklists import ChecklistAnswer, ChecklistStep, FailedToTrackChecklist  # noqa: F401
from .alerts import ChildAlert, Notification, RecheckTask  # noqa: F401
