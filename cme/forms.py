"""Form pieces shared by every app, in the GOV.UK Design System patterns."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError


def limit_text_lengths(form):
    """What every form here does with a field that has a length limit.

    Too long, it says so in the Design System's words ("Note must be 10,000
    characters or fewer"), not Django's, unless the field has its own message.
    A text box with a limit gets the GOV.UK character count, which tells the
    user as they type and lets them paste and then shorten: no ``maxlength``
    attribute, which silently cuts a paste short.
    ``templates/gds/field.html`` draws the count from ``character_count``.
    """
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit:
            continue
        if "max_length" not in field.error_messages:
            label = str(field.label or "").removesuffix(" (optional)")
            subject = label if label and not label.endswith("?") else "Your answer"
            field.error_messages["max_length"] = f"{subject} must be {limit:,} characters or fewer".replace("%", "%%")
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.pop("maxlength", None)
            classes = field.widget.attrs.get("class", "").split()
            field.widget.attrs["class"] = " ".join([*classes, "govuk-js-character-count"])
            field.widget.attrs.setdefault("aria-describedby", "")  # crispy-forms-gds reads it for the count
            field.character_count = limit


class GovukForm(forms.Form):
    """A form rendered with the GOV.UK template pack; the page owns the <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        limit_text_lengths(self)


class GovukModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        limit_text_lengths(self)


def _is_month(text):
    """Whether ``text`` is a month number. Never raises: int() refuses some
    digits (superscripts, more than 4,300 of them) with ValueError."""
    try:
        return 1 <= int(text) <= 12
    except ValueError:
        return False


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

    PARTS = ("day", "month", "year")

    def clean(self, value):
        parts = [(v or "").strip() for v in (list(value or []) + ["", "", ""])[:3]]
        day, month, year = parts
        for sub in self.fields:
            sub.widget.errors = []
        if not (day or month or year):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        noun = self.noun[0].upper() + self.noun[1:]
        missing = self._mark([i for i, v in enumerate(parts) if not v])
        if missing:
            raise ValidationError(f"{noun} must include a {' and a '.join(missing)}", code="incomplete")
        if self._mark([i for i, v in enumerate(parts) if not v.isdigit()]):
            raise ValidationError(f"{noun} must be a real date, using numbers only", code="invalid")
        if len(year) != 4:
            self._mark([2])
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            result = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            self._mark([0] if _is_month(month) else [1])
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

    def _mark(self, indexes):
        """Mark the boxes the mistake is in, so that only they are highlighted and
        the error summary links to the first of them (GOV.UK date input: "if
        the error relates to a specific field, only highlight that field");
        the names of those boxes, in order."""
        for i in indexes:
            self.fields[i].widget.errors = ["error"]
        return [self.PARTS[i] for i in indexes]

    @classmethod
    def first_wrong_box(cls, field) -> int:
        """The box (0 day, 1 month, 2 year) an error links to: the first one
        marked, or the day box when the whole date is wrong."""
        return next((i for i, sub in enumerate(field.fields) if getattr(sub.widget, "errors", None)), 0)
