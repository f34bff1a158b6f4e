from django import forms

from cme.forms import DateField, GovukForm

from .services import COMMENTARY_MAX_LENGTH


class GenerateReturnForm(GovukForm):
    as_at = DateField(
        noun="date the return is as at", past_only=True,
        label="What date should the return be as at?",
        help_text="The figures are as at the end of this day. For example, 30 1 2026.",
    )
    correction_reason = forms.CharField(
        label="Reason for the correction (if the month's return is already published)",
        help_text="Only needed to correct a published return: say what was wrong.",
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentaryForm(GovukForm):
    """One commentary box per section of the return, as in Appendix 3."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        for section in sections:
            figures = "; ".join(f"{figure.label}: {figure.value:,}" for figure in section.figures)
            self.fields[section.key] = forms.CharField(
                label=section.title, help_text=figures, required=False,
                max_length=COMMENTARY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": f"Commentary must be {COMMENTARY_MAX_LENGTH:,} characters or fewer"},
            )


class CensusDateForm(GovukForm):
    """The date the DfE collection figures are as at: any day up to today. Sent by GET
    (``on_0``, ``on_1``, ``on_2``), so that a page of figures has its own address."""

    on = DateField(
        noun="date the figures are as at", past_only=True,
        label="Or show the figures as at another date",
        help_text="The figures are as at the end of this day. For example, 15 1 2026.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: the token would go into the address
