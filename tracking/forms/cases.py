"""Forms on the case page: the workflow's actions and the timeline's events."""

from django import forms
from django.core.exceptions import ValidationError

from cme.forms import DateField
from cme.schooldays.selectors import DateOutsideCalendar, add_school_days

from ..models import (
    Category, EnquiryMethod, HomeVisitOutcome, LOCATED_OUTCOMES, Outcome, Priority,
)
from .common import OfficerField, SchoolField, TrackingForm, numeric_input

TEXTAREA = forms.Textarea(attrs={"rows": 4})


# --- the workflow's actions --------------------------------------------------

def _reason(label, hint=""):
    return forms.CharField(label=label, help_text=hint, required=False, widget=TEXTAREA, max_length=5000)


def _locate_fields():
    return {
        "outcome": forms.ChoiceField(
            label="Where has the child been found?", widget=forms.RadioSelect, required=False,
            choices=[(o.value, o.label) for o in LOCATED_OUTCOMES],
        ),
        "school": SchoolField(label="School the child is enrolled at", required=False),
        "details": _reason(
            "How was it confirmed?",
            "Who confirmed it and when. For another local authority, name it; for a move abroad, the country.",
        ),
        "on": DateField(noun="date the child was located", past_only=True, required=False,
                        label="Date the child was located", help_text="Leave blank for today. For example, 27 3 2026"),
    }


def _close_without_locating_fields():
    return {
        "outcome": forms.ChoiceField(
            label="Why is the case closing?", widget=forms.RadioSelect, required=False,
            choices=[(o.value, o.label) for o in (Outcome.CEASED_CSA, Outcome.OPENED_IN_ERROR)],
        ),
        "reason": _reason("Reason for closing"),
    }


#: The questions each action asks; what must be answered comes from the
#: workflow's table, so the form and the workflow cannot disagree.
TRANSITION_FIELDS = {
    "locate": _locate_fields,
    "close": lambda: {"reason": _reason("Anything to add (optional)")},
    "not_located": lambda: {"reason": _reason("Why is the child not located after all?")},
    "request_ftt": lambda: {"reason": _reason("Note for the senior officer (optional)")},
    "sign_off_ftt": lambda: {"reason": _reason("Note (optional)")},
    "return_ftt": lambda: {"reason": _reason("What else needs doing before sign-off?")},
    "close_without_locating": _close_without_locating_fields,
    "reopen": lambda: {"reason": _reason("Why is the case being reopened?")},
}


class TransitionForm(TrackingForm):
    """The questions for one workflow action, e.g. "Record that the child is located"."""

    reveals = {"outcome": {Outcome.ENROLLED.value: ["school"]}}

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.fields.update(TRANSITION_FIELDS.get(transition.name, dict)())
        for name, message in transition.required:
            if name in self.fields:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message
                self.fields[name].label = self.fields[name].label.replace(" (optional)", "")

    def details(self):
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


# --- timeline events ----------------------------------------------------------

class EnquiryForm(TrackingForm):
    agency = forms.CharField(label="Agency, service or system asked", max_length=200,
                             error_messages={"required": "Enter who was asked"},
                             help_text="For example, Child Health, Hampshire County Council CME team, the last school")
    person = forms.CharField(label="Person spoken to (optional)", max_length=200, required=False)
    method = forms.ChoiceField(label="How was the enquiry made?", choices=EnquiryMethod.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Select how the enquiry was made"})
    made_on = DateField(noun="date of the enquiry", past_only=True, label="Date of the enquiry",
                        help_text="For example, 27 3 2026")
    outcome = forms.CharField(label="What did they say?", widget=TEXTAREA, max_length=5000,
                              error_messages={"required": "Enter what the enquiry found"})
    follow_up_on = DateField(noun="follow-up date", required=False, label="Follow up on (optional)",
                             help_text="When to chase a reply. For example, 10 4 2026")


class HomeVisitForm(TrackingForm):
    visited_on = DateField(noun="date of the visit", past_only=True, label="Date of the visit",
                           help_text="For example, 27 3 2026")
    outcome = forms.ChoiceField(label="What did the visit find?", choices=HomeVisitOutcome.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": "Select what the visit found"})
    details = forms.CharField(
        label="Details", widget=TEXTAREA, max_length=5000,
        help_text="Your reasons, for example signs that the property is empty, what neighbours said, "
                  "and for a note left, the date you left it",
        error_messages={"required": "Enter the details of the visit"},
    )
    visiting_officers = forms.CharField(label="Who visited?", max_length=300,
                                        help_text="The names of everyone who went",
                                        error_messages={"required": "Enter who visited"})
    address = forms.CharField(label="Address visited", max_length=300, required=False)


class NoteForm(TrackingForm):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000,
                           error_messages={"required": "Enter the note"})


class DocumentForm(TrackingForm):
    file = forms.FileField(label="Upload a file",
                           help_text="A PDF, Word document (.docx), JPEG or PNG, smaller than 10MB",
                           error_messages={"required": "Select a file to upload",
                                           "empty": "The selected file is empty"})
    description = forms.CharField(label="What is it? (optional)", max_length=300, required=False,
                                  help_text="For example, letter from the parent giving notice of home education")


class NextActionForm(TrackingForm):
    action = forms.CharField(label="Next action", max_length=300, required=False,
                             help_text="What needs doing next. Leave blank to clear the next action")
    due = forms.ChoiceField(
        label="When is it due?", widget=forms.RadioSelect, required=False,
        choices=[("days", "In a number of school days"), ("date", "On a date"), ("none", "No due date")],
    )
    school_days = forms.IntegerField(label="Number of school days", min_value=1, max_value=200, required=False,
                                     widget=numeric_input(3),
                                     error_messages={"invalid": "Number of school days must be a whole number, like 10",
                                                     "min_value": "Number of school days must be 1 or more",
                                                     "max_value": "Number of school days must be 200 or fewer"})
    due_on = DateField(noun="due date", required=False, label="Due date", help_text="For example, 27 3 2026")

    reveals = {"due": {"days": ["school_days"], "date": ["due_on"]}}

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        due = data.get("due") or ("none" if not data.get("action") else "")
        data["due_date"] = None
        if data.get("action") and not due:
            self.add_error("due", "Select when the next action is due")
        elif due == "days":
            if data.get("school_days") is None:
                if "school_days" not in self.errors:
                    self.add_error("school_days", "Enter the number of school days")
            else:
                try:
                    data["due_date"] = add_school_days(self.today, data["school_days"])
                except DateOutsideCalendar as outside:
                    self.add_error("school_days", f"{outside.message}. Enter the due date instead")
        elif due == "date":
            if data.get("due_on") is None:
                if "due_on" not in self.errors:
                    self.add_error("due_on", "Enter the due date")
            else:
                data["due_date"] = data["due_on"]
        return data


class AssignForm(TrackingForm):
    officer = OfficerField(label="Officer")


class PriorityForm(TrackingForm):
    priority = forms.ChoiceField(label="Priority", widget=forms.RadioSelect,
                                 error_messages={"required": "Select the priority"})
    reason = forms.CharField(label="Why are you setting the priority by hand?", widget=TEXTAREA, required=False,
                             max_length=500)

    FROM_RISK = "risk"
    reveals = {"priority": {str(p.value): ["reason"] for p in Priority}}

    def __init__(self, *args, derived, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [
            (self.FROM_RISK, f"Use the priority the risk factors give ({derived.label})"),
            *[(str(p.value), p.label) for p in Priority],
        ]

    def clean(self):
        data = super().clean()
        if data.get("priority") not in (None, "", self.FROM_RISK) and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why the priority is being changed")
        return data


class CategoryForm(TrackingForm):
    category = forms.ChoiceField(label="Category", choices=Category.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Select the category"})
    reason = forms.CharField(label="Why is the category changing?", widget=TEXTAREA, max_length=1000,
                             error_messages={"required": "Enter why the category is changing"})


class OpenCaseForm(TrackingForm):
    category = forms.ChoiceField(label="Why is the child missing education?", choices=Category.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "Select why the child is missing education"})
    assigned_officer = OfficerField(label="Officer working the case")
    last_known_school = SchoolField(label="Last known school (optional)", required=False)
    text = forms.CharField(label="How did we hear about the child? (optional)", widget=TEXTAREA, required=False,
                           max_length=5000, help_text="For example, phone call from the health visitor on 3 March")


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Show", required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        total = sum(count for _, _, count in kinds)
        self.fields["kind"].choices = [("", f"Everything ({total})")] + [
            (kind, f"{label} ({count})") for kind, label, count in kinds
        ]

    def kinds(self):
        """The event kinds to show; none means all."""
        kind = self.cleaned_data.get("kind") if self.is_valid() else ""
        return [kind] if kind else []


def attach_service_error(form, error, field=None):
    """Show a refusal from a service on the form: on ``field``, or at the top.
    A model's validation error goes on the fields it names, where the form has them."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else field, message)
        return
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    for message in messages:
        form.add_error(field, message)
