"""Form pieces shared by every app, in the GOV.UK Design System patterns."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError


class GovukForm(forms.Form):
    """A form rendered with the GOV.UK template pack; the page owns the <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False


class GovukModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False


class DateField(DateInputField):
    """The GOV.UK date input (day, month, year boxes) with the Design System's messages.

    ``noun`` is how errors name the date, e.g. "date of birth". What the user
    typed is always shown back to them, even when it is not a date.
    """

    def __init__(self, *, noun, past_only=False, future_only=False, earliest=None, **kwargs):
        self.noun = noun
        self.past_only = past_only
        self.future_only = future_only
        self.earliest = earliest
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter the {noun}"

    def clean(self, value):
        day, month, year = [(v or "").strip() for v in (list(value or []) + ["", "", ""])[:3]]
        for sub in self.fields:
            sub.widget.errors = []
        if not (day or month or year):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [name for name, v in (("day", day), ("month", month), ("year", year)) if not v]
        noun = self.noun[0].upper() + self.noun[1:]
        if missing:
            raise ValidationError(f"{noun} must include a {' and a '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{noun} must be a real date, using numbers only", code="invalid")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            result = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(f"{noun} must be a real date", code="invalid")
        if self.earliest and result < self.earliest:
            raise ValidationError(
                f"{noun} must be on or after {self.earliest:%-d %B %Y}", code="too_early"
            )
        if result.year < 1900:
            raise ValidationError(f"{noun} must be after 1900", code="too_early")
        today = date.today()
        if self.past_only and result > today:
            raise ValidationError(f"{noun} must be today or in the past", code="future")
        if self.future_only and result < today:
            raise ValidationError(f"{noun} must be today or in the future", code="past")
        self.run_validators(result)
        return result
