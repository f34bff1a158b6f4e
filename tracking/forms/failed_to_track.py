"""Forms for the failed-to-track checklist, the yearly re-check and the alert."""

from django import forms

from cme.forms import DateField

from ..models import ChecklistAnswer
from ..services import checklist_answer_errors
from .cases import TEXTAREA
from .common import TrackingForm


class ChecklistAnswerForm(TrackingForm):
    answer = forms.ChoiceField(
        label="Has this step been done?", widget=forms.RadioSelect, required=False,
        choices=[(ChecklistAnswer.Answer.DONE.value, "Yes, it has been done"),
                 (ChecklistAnswer.Answer.NOT_APPLICABLE.value, "No, it does not apply to this child")],
    )
    done_on = DateField(noun="date this step was done", past_only=True, required=False,
                        label="Date it was done", help_text="For example, 27 3 2026")
    outcome = forms.CharField(label="What did it find?", widget=TEXTAREA, required=False, max_length=5000)
    not_applicable_reason = forms.CharField(label="Why does it not apply?", widget=TEXTAREA, required=False,
                                            max_length=5000)

    reveals = {"answer": {
        ChecklistAnswer.Answer.DONE.value: ["done_on", "outcome"],
        ChecklistAnswer.Answer.NOT_APPLICABLE.value: ["not_applicable_reason"],
    }}

    def clean(self):
        data = super().clean()
        if not self.errors:
            self.add_errors(checklist_answer_errors(
                answer=data.get("answer"), done_on=data.get("done_on"), outcome=data.get("outcome", ""),
                not_applicable_reason=data.get("not_applicable_reason", ""),
            ))
        return data


class RecheckForm(TrackingForm):
    outcome = forms.CharField(
        label="What did the re-check find?", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text="Which datasets you checked (for example Get Information About Pupils, the Lost Pupil "
                  "Database, the admissions system) and what they showed",
        error_messages={"required": "Enter what the re-check found"},
    )


class ClearAlertForm(TrackingForm):
    reason = forms.CharField(label="Why is the alert no longer needed?", widget=TEXTAREA, max_length=500,
                             help_text="For example, the child is on roll at a school in Hampshire, confirmed on 3 March",
                             error_messages={"required": "Enter why the alert is no longer needed"})
