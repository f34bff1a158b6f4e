"""Forms for a child's record."""

from django import forms
from django.core.exceptions import ValidationError

from cme.forms import DateField
from cme.schooldays.age import NC_YEAR_CHOICES
from cme.schooldays.identifiers import InvalidIdentifier, validate_upn

from ..models import Address, ChildName, FlagKind, Sex
from .cases import TEXTAREA, OpenCaseForm
from .common import SchoolField, TrackingForm

YEAR_GROUP_CHOICES = [("", "Not known")] + NC_YEAR_CHOICES


class UPNField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "UPN (optional)")
        kwargs.setdefault("help_text", "Unique pupil number: 13 characters, for example A801200112001")
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return validate_upn(value)
        except InvalidIdentifier as problem:
            raise ValidationError(str(problem))


class ChildDetailsForm(TrackingForm):
    first_name = forms.CharField(label="Legal first name", max_length=100,
                                 error_messages={"required": "Enter the child’s first name"})
    middle_names = forms.CharField(label="Middle names (optional)", max_length=200, required=False)
    last_name = forms.CharField(label="Legal last name", max_length=100,
                                error_messages={"required": "Enter the child’s last name"})
    preferred_first_name = forms.CharField(label="Preferred first name (optional)", max_length=100, required=False)
    preferred_last_name = forms.CharField(label="Preferred last name (optional)", max_length=100, required=False)
    date_of_birth = DateField(noun="date of birth", past_only=True, required=False,
                              label="Date of birth", help_text="For example, 27 3 2015. Leave blank if not known")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN,
                            error_messages={"required": "Select the child’s sex, or “Not known”"})
    upn = UPNField()
    ethnicity = forms.CharField(label="Ethnicity (optional)", max_length=100, required=False)
    first_language = forms.CharField(label="First language (optional)", max_length=100, required=False)
    recorded_year_group = forms.ChoiceField(
        label="Year group on the child’s education record (optional)", choices=YEAR_GROUP_CHOICES,
        required=False, help_text="If it differs from the year group for their age, the child is out of phase",
    )

    inline_radios = ("sex",)

    FIELDS = ["first_name", "middle_names", "last_name", "preferred_first_name", "preferred_last_name",
              "date_of_birth", "sex", "upn", "ethnicity", "first_language", "recorded_year_group"]

    @classmethod
    def initial_for(cls, child):
        year_group = child.year_group()  # moved up each September since it was recorded
        return {**{name: getattr(child, name) for name in cls.FIELDS},
                "recorded_year_group": year_group.value if year_group else ""}


class NewChildForm(ChildDetailsForm, OpenCaseForm):
    """A child the LA has just heard of, and the case to find them."""

    line_1 = forms.CharField(label="Address line 1 (optional)", max_length=200, required=False)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city (optional)", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    confirm_new = forms.BooleanField(
        label="None of these is the same child: create a new record", required=False,
    )

    field_order = ChildDetailsForm.FIELDS + ["line_1", "line_2", "town", "postcode", "category",
                                             "assigned_officer", "last_known_school", "text", "confirm_new"]

    def child_fields(self):
        data = self.cleaned_data
        fields = {name: data[name] for name in self.FIELDS if name in data}
        address = {k: data[k] for k in ("line_1", "line_2", "town", "postcode") if data.get(k)}
        if address:
            fields["address"] = {**address, "source": "Recorded when the case was opened"}
        return fields


class NameForm(TrackingForm):
    kind = forms.ChoiceField(label="What kind of name is it?", widget=forms.RadioSelect,
                             choices=[(ChildName.Kind.ALIAS.value, "Also known as (an alias or a spelling in use)"),
                                      (ChildName.Kind.PREVIOUS.value, "Previous name")],
                             error_messages={"required": "Select what kind of name it is"})
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("first_name", "").strip() or data.get("last_name", "").strip()):
            self.add_error("first_name", "Enter a first name or a last name")
        return data


class AddressForm(TrackingForm):
    kind = forms.ChoiceField(label="What kind of address is it?", choices=Address.Kind.choices,
                             widget=forms.RadioSelect, initial=Address.Kind.HOME,
                             error_messages={"required": "Select what kind of address it is"})
    line_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    phone = forms.CharField(label="Phone number at this address (optional)", max_length=40, required=False)
    lived_from = DateField(noun="date they moved in", required=False, label="Lived here from (optional)",
                           help_text="The previous home address is kept, as lived at until this date. "
                                     "For example, 27 3 2026")
    source = forms.CharField(label="Where did this address come from? (optional)", max_length=200, required=False,
                             help_text="For example, council tax records, the parent by phone")

    def clean(self):
        data = super().clean()
        if not any(data.get(k, "").strip() for k in ("line_1", "town", "postcode")):
            self.add_error("line_1", "Enter the address, or at least the town or postcode")
        return data


class ContactForm(TrackingForm):
    name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter the person’s name"})
    relationship = forms.CharField(label="Relationship to the child", max_length=100, required=False,
                                   help_text="For example, mother, grandfather, foster carer")
    has_parental_responsibility = forms.BooleanField(label="Has parental responsibility", required=False)
    lives_with_child = forms.BooleanField(label="Lives with the child", required=False)
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    email = forms.EmailField(label="Email address (optional)", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, "
                                                        "like name@example.com"})
    notes = forms.CharField(label="Notes (optional)", widget=TEXTAREA, required=False, max_length=5000)

    FIELDS = ["name", "relationship", "has_parental_responsibility", "lives_with_child", "phone", "email", "notes"]


class EnrolmentForm(TrackingForm):
    school = SchoolField(label="School", required=False)
    school_name = forms.CharField(label="Or, for a school not in the list, its name", max_length=255, required=False,
                                  help_text="For example, a school abroad or an independent school")
    on_roll_from = DateField(noun="date they joined", required=False, label="On roll from (optional)",
                             help_text="For example, 1 9 2022")
    on_roll_to = DateField(noun="date they left", required=False, label="On roll until (optional)")
    year_group = forms.ChoiceField(label="Year group (optional)", choices=YEAR_GROUP_CHOICES, required=False)
    leaving_reason = forms.CharField(label="Why did they leave? (optional)", max_length=255, required=False)


class FlagForm(TrackingForm):
    kind = forms.ChoiceField(label="Risk factor", choices=FlagKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the risk factor"})
    starts_on = DateField(noun="start date", required=False, label="From (optional)",
                          help_text="For example, 3 3 2026")
    ends_on = DateField(noun="end date", required=False, label="Until (optional)",
                        help_text="Leave blank while it still applies")
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)


class EndFlagForm(TrackingForm):
    ends_on = DateField(noun="end date", label="Date it ended", help_text="For example, 3 3 2026")


class SiblingSearchForm(TrackingForm):
    name = forms.CharField(label="Brother’s or sister’s name", max_length=200,
                           error_messages={"required": "Enter the brother’s or sister’s name"})


class SiblingChoiceForm(TrackingForm):
    sibling = forms.TypedChoiceField(label="Which child is the brother or sister?", coerce=int,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Select the brother or sister"})

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sibling"].choices = [(c.pk, str(c)) for c in candidates]
        self.option_hints = {"sibling": {
            c.pk: f"Born {c.date_of_birth:%-d %B %Y}" if c.date_of_birth else "Date of birth not known"
            for c in candidates
        }}
