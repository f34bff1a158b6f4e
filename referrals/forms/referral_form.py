"""The question pages of the referral form (GOV.UK "question pages" pattern).

Each page's form shows what the draft already holds and gives back its
answers for ``services.save_answers``. Whether an answer is required is not
decided here: a page checks its own part of ``referrals.completeness`` when
the referrer presses "Continue", and not when they press "Save and come back
later" — so the rules live in one place and a draft can be left half done.
"""

import copy
from dataclasses import dataclass

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size
from django import forms

from cme.forms import DateField, GovukForm
from cme.schooldays.age import NC_YEAR_CHOICES
from tracking.models import FlagKind, HomeVisitOutcome, School, Sex

from ..completeness import missing_answers
from ..models import ACTIONS
from .layout import ConditionalQuestion, Radios
from .pupil import PupilQuestions

YES_NO = [("yes", "Yes"), ("no", "No")]
SIBLING_ROWS = 4


def _text(label, *, hint="", max_length=200, **attrs):
    return forms.CharField(label=label, help_text=hint, max_length=max_length, required=False,
                           widget=forms.TextInput(attrs=attrs) if attrs else None)


def _area(label, *, hint="", rows=3):
    return forms.CharField(label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class QuestionForm(GovukForm):
    """One question page. ``strict`` (pressing "Continue") checks that the
    page's required answers are given; otherwise only that what is typed is
    valid."""

    step = ""

    def __init__(self, *args, referral, user, strict=True, **kwargs):
        self.referral, self.user, self.strict = referral, user, strict
        kwargs.setdefault("initial", self.initial_from(referral))
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        layout = self.layout()
        if layout is not None:
            self.helper.layout = layout

    def initial_from(self, referral):
        return {name: getattr(referral, name) for name in self.base_fields if hasattr(referral, name)}

    def layout(self):
        return None

    def answers(self):
        return dict(self.cleaned_data)

    def clean(self):
        cleaned = super().clean()
        if self.strict and not self.errors:
            preview = copy.copy(self.referral)
            for name, value in self.answers().items():
                setattr(preview, "school_id" if name == "school" else name, getattr(value, "pk", value))
            for missing in missing_answers(preview, children=[], steps=[self.step]):
                if missing.field in self.fields and not self.has_error(missing.field):
                    self.add_error(missing.field, missing.message)
        return cleaned


class SchoolForm(QuestionForm):
    step = "school"
    school = forms.ModelChoiceField(
        label="Which school is this referral from?", queryset=School.objects.none(),
        widget=forms.RadioSelect, empty_label=None,
        error_messages={"invalid_choice": "Select one of your schools"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(memberships__user=self.user).order_by("name")

    def initial_from(self, referral):
        return {"school": referral.school_id}

    def layout(self):
        return Layout(Radios("school", legend_size=Size.MEDIUM))


class ChildForm(PupilQuestions, GovukForm):
    """One child named in the referral (its UPN checked as every pupil's is)."""

    first_name = forms.CharField(label="First name", max_length=100,
                                 error_messages={"required": "Enter the child’s first name"})
    last_name = forms.CharField(label="Last name", max_length=100,
                                error_messages={"required": "Enter the child’s last name"})
    date_of_birth = DateField(noun="date of birth", past_only=True, required=False, label="Date of birth",
                              help_text="For example, 27 3 2016")
    upn = forms.CharField(label="Unique pupil number (UPN), if known", max_length=20, required=False,
                          help_text="13 characters, for example M801200112001")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN,
                            error_messages={"required": "Select the child’s sex, or ‘Not known’"})
    year_group = forms.ChoiceField(label="Year group, if known", choices=[("", "Not known")] + NC_YEAR_CHOICES,
                                   required=False)

    def __init__(self, *args, referral, strict=True, **kwargs):
        self.referral, self.strict = referral, strict
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].help_text = (
            "For example, 27 3 2016" if referral.is_school_referral
            else "For example, 27 3 2016. Leave it blank if you do not know it."
        )
        self.helper.layout = Layout(
            Field.text("first_name", field_width=Fluid.ONE_HALF, autocomplete="off", spellcheck="false"),
            Field.text("last_name", field_width=Fluid.ONE_HALF, autocomplete="off", spellcheck="false"),
            "date_of_birth",
            Field.text("upn", field_width=Fluid.ONE_THIRD, autocomplete="off", spellcheck="false"),
            Radios("sex", small=True, inline=True),
            Field.select("year_group"),
        )

    def clean(self):
        cleaned = super().clean()
        if (self.strict and self.referral.is_school_referral and not self.has_error("date_of_birth")
                and not cleaned.get("date_of_birth")):
            self.add_error("date_of_birth", "Enter the child’s date of birth")
        return cleaned


class AddAnotherChildForm(GovukForm):
    add_another = forms.ChoiceField(
        label="Do you need to add another child?", choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you need to add another child"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Radios("add_another", legend_size=Size.MEDIUM, inline=True))


class FamilyForm(QuestionForm):
    step = "family"
    parent_name = _text("Full name", autocomplete="off")
    parent_relationship = _text("Relationship to the child", hint="For example, mother, father, grandparent, carer",
                                max_length=100)
    parent_phone = _text("Phone number", max_length=40, type="tel", autocomplete="off")
    address_line_1 = _text("Address line 1")
    address_line_2 = _text("Address line 2 (optional)")
    address_town = _text("Town or city", max_length=100)
    address_postcode = _text("Postcode", max_length=10)
    address_phone = _text("Home phone number (optional)", max_length=40, type="tel", autocomplete="off")

    def layout(self):
        return Layout(
            Fieldset(
                Field.text("parent_name", field_width=Fluid.TWO_THIRDS),
                Field.text("parent_relationship", field_width=Fluid.ONE_HALF),
                Field.text("parent_phone", field_width=Fluid.ONE_THIRD),
                legend="Person with parental responsibility", legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("address_line_1", field_width=Fluid.TWO_THIRDS),
                Field.text("address_line_2", field_width=Fluid.TWO_THIRDS),
                Field.text("address_town", field_width=Fluid.ONE_HALF),
                Field.text("address_postcode", field_width=Fluid.ONE_QUARTER),
                Field.text("address_phone", field_width=Fluid.ONE_THIRD),
                legend="Last known address", legend_size=Size.MEDIUM,
            ),
        )

    def answers(self):
        answers = dict(self.cleaned_data)
        answers["address_postcode"] = " ".join(answers["address_postcode"].upper().split())
        return answers


class AttendanceForm(QuestionForm):
    step = "attendance"
    last_school_name = _text("School the child was last at, if known", max_length=255)
    last_attendance_date = DateField(noun="date of last attendance", past_only=True, required=False,
                                     label="Date of last attendance", help_text="For example, 14 1 2026")
    moved_to_area = _text("Area the child has moved to, if known", max_length=300,
                          hint="For example, a town, another local authority or a country")
    forwarding_address = _area("Forwarding address for the family, if you have it")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.referral.is_school_referral:
            del self.fields["last_school_name"]
            self.fields["last_attendance_date"].label = "Date of last attendance at your school"
        else:
            self.fields["last_attendance_date"].help_text = "For example, 14 1 2026. Leave it blank if you do not know it."

    def initial_from(self, referral):
        initial = super().initial_from(referral)
        for n, sibling in enumerate(referral.siblings[:SIBLING_ROWS], start=1):
            initial[f"sibling_{n}_name"] = sibling.get("name", "")
            initial[f"sibling_{n}_school"] = sibling.get("school", "")
        return initial

    def layout(self):
        fields = [] if self.referral.is_school_referral else [Field.text("last_school_name", field_width=Fluid.TWO_THIRDS)]
        fields += [
            "last_attendance_date",
            Field.text("moved_to_area", field_width=Fluid.TWO_THIRDS),
            "forwarding_address",
        ]
        siblings = []
        for n in range(1, SIBLING_ROWS + 1):
            siblings += [Field.text(f"sibling_{n}_name", field_width=Fluid.ONE_HALF),
                         Field.text(f"sibling_{n}_school", field_width=Fluid.TWO_THIRDS)]
        return Layout(*fields, Fieldset(*siblings, legend="Known siblings and the schools they are on roll at",
                                        legend_size=Size.MEDIUM))

    def answers(self):
        answers = {k: v for k, v in self.cleaned_data.items() if not k.startswith("sibling_")}
        answers["siblings"] = [
            {"name": self.cleaned_data[f"sibling_{n}_name"].strip(), "school": self.cleaned_data[f"sibling_{n}_school"].strip()}
            for n in range(1, SIBLING_ROWS + 1)
            if self.cleaned_data[f"sibling_{n}_name"].strip() or self.cleaned_data[f"sibling_{n}_school"].strip()
        ]
        return answers


for _n in range(1, SIBLING_ROWS + 1):
    AttendanceForm.base_fields[f"sibling_{_n}_name"] = _text(f"Sibling {_n}: full name")
    AttendanceForm.base_fields[f"sibling_{_n}_school"] = _text(
        f"Sibling {_n}: school they are on roll at", max_length=255
    )


class RiskForm(QuestionForm):
    step = "risk"
    risk_flags = forms.MultipleChoiceField(
        label="Known risk factors", choices=FlagKind.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    risk_details = _area("Other risk factors or anything else we should know (optional)")
    child_protection_concern = forms.ChoiceField(
        label="Is there a child protection concern?", choices=YES_NO, widget=forms.RadioSelect,
        help_text="If a child is at immediate risk of harm, call the police on 999 and children’s social care now.",
    )
    child_protection_details = _area("What is the concern?")

    def initial_from(self, referral):
        initial = super().initial_from(referral)
        concern = referral.child_protection_concern
        initial["child_protection_concern"] = "" if concern is None else ("yes" if concern else "no")
        return initial

    def layout(self):
        return Layout(
            Field.checkboxes("risk_flags", legend_size=Size.MEDIUM, small=True),
            "risk_details",
            Radios("child_protection_concern", ConditionalQuestion("Yes", "child_protection_details"), "No",
                   legend_size=Size.MEDIUM),
        )

    def answers(self):
        answers = dict(self.cleaned_data)
        answers["child_protection_concern"] = {"yes": True, "no": False}.get(answers["child_protection_concern"])
        return answers


class ActionsForm(QuestionForm):
    """The eight actions of Southampton CME policy 2021, Appendix 2, each a box for its outcome."""

    step = "actions"

    def layout(self):
        return Layout(*[name for name, _ in ACTIONS])


ActionsForm.base_fields.update({name: _area(label, rows=2) for name, label in ACTIONS})


class HomeVisitForm(QuestionForm):
    step = "home-visit"
    home_visit_outcome = forms.ChoiceField(
        label="What did you find?", choices=HomeVisitOutcome.choices, widget=forms.RadioSelect,
    )
    home_visit_date = DateField(noun="date of the home visit", past_only=True, required=False,
                                label="Date of the visit", help_text="For example, 20 1 2026")
    home_visit_details = _area(
        "Details of the visit", rows=5,
        hint="Why you believe the property is empty; how long the residents have lived there; what they or "
             "the neighbours know of where the family went and when; the date you left a note.",
    )

    def layout(self):
        return Layout(Radios("home_visit_outcome", legend_size=Size.MEDIUM), "home_visit_date",
                      "home_visit_details")


class ReferrerForm(QuestionForm):
    step = "referrer"
    referred_by = _text("Your name and job title", hint="For example, Grace Adeyemi, attendance lead")
    referrer_phone = _text("A phone number we can reach you on", max_length=40, type="tel")
    additional_comments = _area("Anything else you want to tell us (optional)", rows=4)

    def layout(self):
        return Layout(Field.text("referred_by", field_width=Fluid.TWO_THIRDS),
                      Field.text("referrer_phone", field_width=Fluid.ONE_THIRD), "additional_comments")


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type | None  # None: the children pages, which have their own views
    school_only: bool = False  # required of schools; partners may leave it blank
    intro: str = ""

    def applies(self, referral, user):
        if self.slug == "school":
            return referral.is_school_referral and (
                School.objects.filter(memberships__user=user).count() > 1 or not referral.school_id
            )
        return True


PARTNER_MAY_SKIP = "This is for schools. If you have done any of these, tell us what happened; otherwise continue."

STEPS = [
    Step("school", "Your school", SchoolForm),
    Step("children", "Children", None),
    Step("family", "Family and address", FamilyForm),
    Step("attendance", "School and attendance", AttendanceForm),
    Step("risk", "Risk factors", RiskForm),
    Step("actions", "Actions taken and their outcomes", ActionsForm, school_only=True,
         intro="Unless an outcome is recorded for each of these actions, we cannot accept a referral from a school."),
    Step("home-visit", "Home visit", HomeVisitForm, school_only=True,
         intro="A home visit must be carried out before a school refers a child. Tick what you found and give "
               "full details."),
    Step("referrer", "About you", ReferrerForm),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
