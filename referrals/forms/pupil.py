"""The questions about a pupil that the school portal's forms share: name,
date of birth, UPN (checked as the referral form checks it) and year group."""

import copy

from django import forms

from cme.forms import DateField
from cme.schooldays.age import NC_YEAR_CHOICES
from cme.schooldays.identifiers import InvalidIdentifier, validate_upn


def text(label, *, hint="", max_length=200, **attrs):
    return forms.CharField(label=label, help_text=hint, max_length=max_length, required=False,
                           widget=forms.TextInput(attrs=attrs) if attrs else None)


def area(label, *, hint="", rows=3):
    return forms.CharField(label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def pupil_fields():
    """Fresh field objects, so each form has its own (``with_pupil_fields``)."""
    return {
        "first_name": text("First name", max_length=100, autocomplete="off", spellcheck="false"),
        "last_name": text("Last name", max_length=100, autocomplete="off", spellcheck="false"),
        "date_of_birth": DateField(noun="date of birth", past_only=True, required=False, label="Date of birth",
                                   help_text="For example, 27 3 2016"),
        "upn": text("Unique pupil number (UPN)", max_length=20, autocomplete="off", spellcheck="false",
                    hint="13 characters, for example M801200112001. Leave it blank if the pupil does not have one."),
        "year_group": forms.ChoiceField(label="Year group", choices=[("", "Not known")] + NC_YEAR_CHOICES,
                                        required=False),
    }


#: A choice that is not one of the options (a page left open while the options changed, or a tampered post).
NOT_AN_OPTION = "Select one of the options listed"


def options_only(form):
    """Give every choice question on the form the same plain message for an answer that is not an option."""
    for field in form.fields.values():
        if isinstance(field, forms.ChoiceField):
            field.error_messages["invalid_choice"] = NOT_AN_OPTION


class PupilQuestions:
    """Mixed into a form that asks about one pupil (with ``with_pupil_fields``)."""

    def clean_upn(self):
        value = self.cleaned_data.get("upn", "").strip()
        if not value:
            return ""
        try:
            return validate_upn(value)
        except InvalidIdentifier as error:
            raise forms.ValidationError(error.message)

    def check_rules(self, instance, rules):
        """Check the answers against the rules as the record would hold them
        (``rules(record, today)``, e.g. ``removal_rules.removal_problems``)."""
        preview = copy.copy(instance)
        for name, value in self.answers().items():
            setattr(preview, name, value)
        self.add_problems(rules(preview, self.today))

    def add_problems(self, problems):
        """Attach rule problems (``field``, ``message``) to the form, each once."""
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            if field is None or not self.has_error(field):
                self.add_error(field, problem.message)


def with_pupil_fields(form_class):
    """Class decorator: add the pupil questions first, before the form's own."""
    form_class.base_fields = {**pupil_fields(), **form_class.base_fields}
    return form_class
