"""Forms for the tracking pages, in the GOV.UK Design System's patterns."""

from .cases import (  # noqa: F401
    AssignForm, CategoryForm, DocumentForm, EnquiryForm, HomeVisitForm, NextActionForm, NoteForm,
    OpenCaseForm, PriorityForm, TimelineFilterForm, TransitionForm, attach_service_error,
)
from .children import (  # noqa: F401
    AddressForm, ChildDetailsForm, ContactForm, EndFlagForm, EnrolmentForm, FlagForm, NameForm,
    NewChildForm, SiblingChoiceForm, SiblingSearchForm,
)
from .failed_to_track import ChecklistAnswerForm, ClearAlertForm, RecheckForm  # noqa: F401
from .search import ChildSearchForm, TeamCaseloadFilterForm  # noqa: F401
