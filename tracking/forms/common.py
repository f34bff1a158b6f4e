"""Form pieces the tracking pages share: the school lookup, the officer
choice, and how radios reveal the questions that go with an answer."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

from cme.accounts.models import Role, User
from cme.forms import GovukForm

from ..selectors import schools as school_selectors


class TrackingForm(GovukForm):
    """A GOV.UK form whose radios may reveal follow-up questions.

    ``reveals`` maps a radio field to {answer: [fields shown under it]}: the
    Design System's "conditionally revealing a related question" (without
    JavaScript, every follow-up question shows under its answer). ``option_hints``
    maps a radio field to {answer: hint}. Rendered with ``{% tracking_fields form %}``.
    """

    reveals: dict = {}
    option_hints: dict = {}

    def add_errors(self, errors):
        """Attach {field: message} (e.g. from a service) to the form."""
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


class SchoolInput(forms.TextInput):
    """A text box that suggests the home LA's schools as you type (an HTML
    datalist: no JavaScript), yet accepts any school's URN."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id', name)}-schools"
        attrs["list"] = list_id
        html = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>',
            ((school_selectors.school_label(school),) for school in school_selectors.schools_to_suggest()),
        )
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)


class SchoolField(forms.CharField):
    """A school, typed as its name or URN; cleans to a ``School`` or None."""

    widget = SchoolInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("help_text", "Start typing the school’s name, or enter its 6-digit URN")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if hasattr(value, "urn"):
            return school_selectors.school_label(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        school, problem = school_selectors.resolve_school(text)
        if problem:
            raise ValidationError(problem)
        return school


class OfficerField(forms.ModelChoiceField):
    """The CME officers and senior officers a case can be given to."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", "Not assigned")
        kwargs.setdefault("required", False)
        super().__init__(
            queryset=User.objects.filter(role__in=[Role.CME_OFFICER, Role.SENIOR_OFFICER], is_active=True)
            .order_by("first_name", "last_name"),
            **kwargs,
        )

    def label_from_instance(self, user):
        return user.get_full_name() or user.email


def numeric_input(width=3):
    return forms.TextInput(attrs={"inputmode": "numeric", "class": f"govuk-input--width-{width}"})


def strip_upn(value):
    return re.sub(r"\s+", "", value or "").upper()
