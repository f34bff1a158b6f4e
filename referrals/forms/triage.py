"""Forms for the CME officer's triage decisions and for messages."""

from crispy_forms_gds.layout import Field, Fluid, Layout, Size
from django import forms

from cme.forms import GovukForm
from tracking.models import Category

from ..models import NotCmeReason
from .layout import Radios


MESSAGE_MAX_LENGTH = 5000


def message_field(label, required_message, *, hint="", rows=5, noun="Your message"):
    """A message box. Too long, it says so in the Design System's words, not Django's."""
    return forms.CharField(
        label=label, help_text=hint, widget=forms.Textarea(attrs={"rows": rows}), max_length=MESSAGE_MAX_LENGTH,
        error_messages={"required": required_message,
                        "max_length": f"{noun} must be {MESSAGE_MAX_LENGTH:,} characters or fewer"},
    )


class AcceptForm(GovukForm):
    """For each child without an open case: why they are missing education
    (the case category). A child with an open case joins it."""

    details = forms.CharField(label="Notes for the case (optional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, referral_children, active_cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.unmatched = [c for c in referral_children if not c.child_id]
        self.needing_category = [c for c in referral_children if c.child_id and c.child_id not in active_cases]
        for child in self.needing_category:
            self.fields[f"category_{child.pk}"] = forms.ChoiceField(
                label=f"Why is {child.full_name} missing education?", choices=Category.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select why {child.full_name} is missing education"},
            )
        self.fields["details"] = self.fields.pop("details")  # last
        self.helper.layout = Layout(
            *[Radios(f"category_{c.pk}", legend_size=Size.MEDIUM, small=True) for c in self.needing_category],
            "details",
        )

    def categories(self):
        return {c.pk: self.cleaned_data[f"category_{c.pk}"] for c in self.needing_category}


class RequestInfoForm(GovukForm):
    message = message_field(
        "What do you need to know?", "Enter what you need to know",
        hint="The referrer sees this on their referral and can answer it there. While you wait, "
             "the referral’s clock stops.",
        noun="Your question",
    )


class NotCmeForm(GovukForm):
    reason = forms.ChoiceField(label="Why is this not a CME case?", choices=NotCmeReason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select why this is not a CME case"})
    redirected_to = forms.CharField(
        label="Where have you passed it to, or what should the referrer do?", max_length=300,
        help_text="For example, ‘On roll at Elm Academy since 3 March: an attendance matter for the school’ "
                  "or ‘Passed to Hampshire CME team’. The referrer is told this.",
        error_messages={"required": "Enter where you have passed the referral to, or what the referrer should do"},
    )
    details = forms.CharField(label="Notes for the CME team (optional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                              help_text="The referrer does not see these.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Radios("reason", legend_size=Size.MEDIUM),
                                    Field.text("redirected_to", field_width=Fluid.FULL), "details")


class DuplicateForm(GovukForm):
    reference = forms.CharField(
        label="Reference of the referral this duplicates", max_length=20,
        help_text="For example, CME-2026-00042",
        error_messages={"required": "Enter the reference of the referral this duplicates"},
    )
    details = forms.CharField(label="Notes for the CME team (optional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, find, **kwargs):
        self.find = find
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("reference", field_width=Fluid.ONE_THIRD, spellcheck="false"),
                                    "details")

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        original = self.find(reference)
        if original is None:
            raise forms.ValidationError(f"There is no referral with the reference {reference}")
        self.original = original
        return reference


class MessageForm(GovukForm):
    text = message_field("Your message", "Enter your message", rows=4)

    def __init__(self, *args, label=None, required_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        if required_message:
            self.fields["text"].error_messages["required"] = required_message
