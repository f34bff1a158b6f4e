"""The school portal's other forms: which school, a missing pupil, a new
pupil (one, or a CSV file of many)."""

from crispy_forms_gds.layout import Field, Fluid, Layout, Size
from django import forms

from cme.forms import DateField, GovukForm
from tracking.models import School, Sex

from ..admission_rules import notice_problems
from .layout import Radios
from .pupil import PupilQuestions, options_only, text, with_pupil_fields


class SchoolChoiceForm(GovukForm):
    """For staff of several schools: which one this is for."""

    school = forms.ModelChoiceField(
        label="Which school is this for?", queryset=School.objects.none(), widget=forms.RadioSelect,
        empty_label=None, error_messages={"required": "Select the school", "invalid_choice": "Select one of your schools"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(memberships__user=user).order_by("name")
        self.helper.layout = Layout(Radios("school", legend_size=Size.MEDIUM))


@with_pupil_fields
class MissingPupilForm(PupilQuestions, GovukForm):
    """A pupil on roll whose whereabouts are unknown: who, and when they last attended."""

    last_attendance_date = DateField(noun="date of last attendance", past_only=True,
                                     label="Date of last attendance", help_text="For example, 14 1 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["first_name"].error_messages["required"] = "Enter the pupil’s first name"
        self.fields["last_name"].required = True
        self.fields["last_name"].error_messages["required"] = "Enter the pupil’s last name"
        self.fields["date_of_birth"].required = True
        self.fields["date_of_birth"].error_messages["required"] = "Enter the pupil’s date of birth"
        options_only(self)
        self.helper.layout = Layout(
            Field.text("first_name", field_width=Fluid.ONE_HALF), Field.text("last_name", field_width=Fluid.ONE_HALF),
            "date_of_birth", Field.text("upn", field_width=Fluid.ONE_THIRD), Field.select("year_group"),
            "last_attendance_date",
        )

    def child(self):
        """The pupil, as ``services.start_referral`` takes a child."""
        return {name: self.cleaned_data[name] for name in ("first_name", "last_name", "date_of_birth", "upn", "year_group")}


@with_pupil_fields
class AdmissionForm(PupilQuestions, GovukForm):
    """One new pupil. "Send" checks ``referrals.admission_rules``; "Save as draft" only what is typed."""

    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
    admitted_on = DateField(noun="date the pupil was added to the register", past_only=True, required=False,
                            label="Date added to your admission register", help_text="For example, 2 3 2026")
    postcode = text("Postcode of the pupil’s home address (optional)", max_length=10)
    previous_school = text("Previous school, if known (optional)", max_length=255)

    def __init__(self, *args, notice, strict=True, today=None, **kwargs):
        self.notice, self.strict, self.today = notice, strict, today
        kwargs.setdefault("initial", {name: getattr(notice, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        options_only(self)
        self.helper.layout = Layout(
            Field.text("first_name", field_width=Fluid.ONE_HALF), Field.text("last_name", field_width=Fluid.ONE_HALF),
            "date_of_birth", Field.text("upn", field_width=Fluid.ONE_THIRD), Radios("sex", small=True, inline=True),
            Field.select("year_group"), "admitted_on", Field.text("postcode", field_width=Fluid.ONE_QUARTER),
            Field.text("previous_school", field_width=Fluid.TWO_THIRDS),
        )

    def answers(self):
        """The answers given, as the notice holds them (a field in error is left out)."""
        answers = dict(self.cleaned_data)
        if "sex" in answers:
            answers["sex"] = answers["sex"] or Sex.UNKNOWN
        return answers

    def clean(self):
        cleaned = super().clean()
        if self.strict:  # every problem at once; a field already in error keeps its own message
            self.check_rules(self.notice, notice_problems)
        return cleaned


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV file", error_messages={"required": "Choose the CSV file of your new pupils",
                                                   "empty": "The file is empty. Choose the CSV file of your new pupils"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
