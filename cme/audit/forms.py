from django import forms

from cme.accounts.models import User
from cme.forms import DateField, GovukForm

from .models import AccessLog


class AccessLogFilterForm(GovukForm):
    user = forms.ModelChoiceField(
        queryset=User.objects.order_by("first_name", "last_name"), required=False,
        label="Person", empty_label="Anyone",
    )
    child = forms.IntegerField(required=False, min_value=1, label="Child record number",
                               error_messages={"invalid": "Enter the child's record number, like 1234"})
    action = forms.ChoiceField(choices=[("", "Any")] + AccessLog.Action.choices, required=False)
    since = DateField(noun="from date", required=False, past_only=True, label="From")
    until = DateField(noun="to date", required=False, label="To")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The to date must be the same as or after the from date")
        return data



