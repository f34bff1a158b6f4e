"""The child search and the team caseload filters: GET forms that never refuse a page."""

from django import forms

from cme.forms import DateField

from ..models import Category, FlagKind
from .common import TrackingForm


class ChildSearchForm(TrackingForm):
    name = forms.CharField(label="Name", max_length=200, required=False,
                           help_text="Any name the child is or was known by, or the start of one. "
                                     "Spellings that sound alike are found too")
    date_of_birth = DateField(noun="date of birth", past_only=True, required=False, label="Date of birth",
                              help_text="For example, 27 3 2015")
    upn = forms.CharField(label="UPN", max_length=20, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               help_text="A full postcode, or the first part, like SO15")

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(k) for k in ("name", "date_of_birth", "upn", "postcode")):
            raise forms.ValidationError("Enter a name, date of birth, UPN or postcode")
        return data

    def terms(self):
        """What was searched for, as the access log records it."""
        data = self.cleaned_data
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items() if v}


class TeamCaseloadFilterForm(forms.Form):
    category = forms.ChoiceField(label="Category", required=False,
                                 choices=[("", "All categories")] + Category.choices)
    officer = forms.ChoiceField(label="Officer", required=False)
    school = forms.TypedChoiceField(label="Last known school", required=False, coerce=int, empty_value=None)
    flag = forms.ChoiceField(label="Risk factor", required=False,
                             choices=[("", "Any or none"), ("any", "Has any risk factor")] + FlagKind.choices)
    overdue_only = forms.BooleanField(label="Only overdue next actions", required=False)

    def __init__(self, *args, officers, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [("", "All officers"), ("none", "Not assigned")] + [
            (str(o.pk), o.get_full_name() or o.email) for o in officers
        ]
        self.fields["school"].choices = [("", "All schools")] + [(s.pk, s.name) for s in schools]
