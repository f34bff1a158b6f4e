"""The removal-from-roll request (school staff) and the CME officer's decision.

The request is one page in sections. Whether an answer is required is not
decided here: pressing "Send" checks ``referrals.removal_rules`` (the same
rules the workflow applies), "Save as draft" only that what is typed is
valid — so a draft can be left half done and nothing typed is lost.
"""

import copy

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size
from django import forms

from cme.forms import DateField, GovukForm
from cme.schooldays.models import DeletionGround
from tracking.forms.common import SchoolField
from tracking.models import Status as CaseStatus

from ..models import ACTIONS, Destination, LocatedBecause
from ..removal_rules import removal_problems
from .layout import ConditionalQuestion, Radios
from .pupil import PupilQuestions, area, options_only, text, with_pupil_fields
from .referral_form import ActionsForm, HomeVisitForm
from .triage import message_field

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_VALUE = {True: "yes", False: "no"}
NEW_RECORD = "new"

#: The questions a ground asks, shown under it.
GROUND_QUESTIONS = {
    DeletionGround.TWENTY_SCHOOL_DAYS: ("absence_codes_confirmed",),
    DeletionGround.LEAVE_OF_ABSENCE: ("leave_of_absence_end_date",),
}


def _copied(form_class, names):
    return {name: copy.deepcopy(form_class.base_fields[name]) for name in names}


@with_pupil_fields
class RemovalForm(PupilQuestions, GovukForm):
    address_line_1 = text("Address line 1")
    address_line_2 = text("Address line 2 (optional)")
    address_town = text("Town or city", max_length=100)
    address_postcode = text("Postcode", max_length=10)
    parent_name = text("Name of the parent or carer the pupil lived with", autocomplete="off")
    parent_relationship = text("Their relationship to the pupil", max_length=100,
                               hint="For example, mother, father, grandparent, carer")
    contact_phone = text("A contact number for the family", max_length=40, type="tel", autocomplete="off")

    ground = forms.ChoiceField(label="Ground for removing the pupil from roll", widget=forms.RadioSelect,
                               help_text="School Attendance (Pupil Registration) (England) Regulations 2024, "
                                         "regulation 9(1)")
    absence_codes_confirmed = forms.BooleanField(
        label="Every session since the pupil’s last attendance is recorded as G, N or O, and we have no "
              "reason to think they are ill or kept away by an unavoidable cause", required=False,
    )
    leave_of_absence_end_date = DateField(
        noun="date the leave of absence ended", past_only=True, required=False,
        label="Date the leave of absence ended", help_text="For example, 6 3 2026",
    )
    attendance_order_names_school = forms.ChoiceField(
        label="Does a school attendance order name your school for this pupil?", choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Answer this for grounds 9(1)(a), (c) and (f): they cannot be used while an order names your school.",
    )
    last_attendance_date = DateField(noun="date of last attendance", past_only=True, required=False,
                                     label="Date of last attendance", help_text="For example, 14 1 2026")
    proposed_removal_date = DateField(
        noun="proposed removal date", required=False, label="Proposed removal date",
        help_text="The day you will take the pupil off roll: today or later. A removal cannot be back-dated. "
                  "For grounds 9(1)(h) and (i), the day after the 10th or 20th school day at the earliest.",
    )

    destination = forms.ChoiceField(
        label="Where has the pupil gone?", widget=forms.RadioSelect,
        choices=[Choice(value, label, hint="For grounds 9(1)(b), (k) and (l) only: a nursery pupil not moving to "
                                           "reception, a pupil who has died, or one ceasing to be of compulsory "
                                           "school age.")
                 if value == Destination.NOT_APPLICABLE else Choice(value, label)
                 for value, label in Destination.choices],
    )
    destination_school = SchoolField(label="New school", required=False)
    destination_la = text("Local authority", hint="For example, Hampshire")
    destination_country = text("Country", max_length=100)
    ehe_notice_date = DateField(noun="date of the parent’s written notice", past_only=True, required=False,
                                label="Date of the parent’s written notice", help_text="For example, 3 2 2026")
    ehe_start_date = DateField(
        noun="date home education starts", required=False, label="Date home education starts (optional)",
        help_text="Only if the notice names a date in the future: it takes effect then, and the pupil can be "
                  "removed from that date.",
    )
    new_address = area("The family’s new address, if you know it")
    located_because = forms.ChoiceField(label="How do you know where the pupil is?",
                                        choices=LocatedBecause.choices, widget=forms.RadioSelect,
                                        help_text="Not needed if there is no destination (‘Not applicable’).")
    evidence_details = area("How do you know?")
    additional_comments = area("Anything else the CME team should know (optional)", rows=4)

    def __init__(self, *args, removal, strict=True, today=None, **kwargs):
        self.removal, self.strict, self.today = removal, strict, today
        kwargs.setdefault("initial", self.initial_from(removal))
        super().__init__(*args, **kwargs)
        self.grounds = {str(g.pk): g for g in DeletionGround.objects.active()}
        if removal.ground_id and str(removal.ground_id) not in self.grounds:
            self.grounds[str(removal.ground_id)] = removal.ground  # switched off since the draft was saved
        self.fields["ground"].choices = [
            Choice(pk, ground.label, hint=f"{ground.code}: {ground.description}") for pk, ground in self.grounds.items()
        ]
        for field in self.fields.values():
            field.required = False
        options_only(self)
        self.helper.layout = self.layout()

    def initial_from(self, removal):
        initial = {name: getattr(removal, name) for name in self.base_fields if hasattr(removal, name)}
        initial["ground"] = str(removal.ground_id) if removal.ground_id else ""
        initial["attendance_order_names_school"] = YES_NO_VALUE.get(removal.attendance_order_names_school, "")
        return initial

    def layout(self):
        grounds = [ConditionalQuestion(g.label, *GROUND_QUESTIONS[g.kind]) if g.kind in GROUND_QUESTIONS else g.label
                   for g in self.grounds.values()]
        # crispy-forms-gds styles the widgets it knows by class name; the school lookup is not one of them.
        school_in_error = self._errors is not None and "destination_school" in self._errors
        school = Field("destination_school", css_class="govuk-input govuk-!-width-two-thirds"
                       + (" govuk-input--error" if school_in_error else ""))
        return Layout(
            Fieldset(
                Field.text("first_name", field_width=Fluid.ONE_HALF), Field.text("last_name", field_width=Fluid.ONE_HALF),
                "date_of_birth", Field.text("upn", field_width=Fluid.ONE_THIRD), Field.select("year_group"),
                legend="The pupil", legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("address_line_1", field_width=Fluid.TWO_THIRDS),
                Field.text("address_line_2", field_width=Fluid.TWO_THIRDS),
                Field.text("address_town", field_width=Fluid.ONE_HALF),
                Field.text("address_postcode", field_width=Fluid.ONE_QUARTER),
                Field.text("parent_name", field_width=Fluid.TWO_THIRDS),
                Field.text("parent_relationship", field_width=Fluid.ONE_HALF),
                Field.text("contact_phone", field_width=Fluid.ONE_THIRD),
                legend="Address and family", legend_size=Size.MEDIUM,
            ),
            Radios("ground", *grounds, legend_size=Size.MEDIUM),
            Radios("attendance_order_names_school", legend_size=Size.SMALL, inline=True),
            "last_attendance_date", "proposed_removal_date",
            Radios(
                "destination",
                ConditionalQuestion(Destination.NEW_SCHOOL.label, school),
                ConditionalQuestion(Destination.OTHER_LA.label, Field.text("destination_la", field_width=Fluid.TWO_THIRDS)),
                ConditionalQuestion(Destination.ABROAD.label, Field.text("destination_country", field_width=Fluid.ONE_HALF)),
                ConditionalQuestion(Destination.EHE.label, "ehe_notice_date", "ehe_start_date"),
                Destination.UNKNOWN.label,
                Destination.NOT_APPLICABLE.label,
                legend_size=Size.MEDIUM,
            ),
            "new_address",
            Radios(
                "located_because",
                *[ConditionalQuestion(label, "evidence_details") if value == LocatedBecause.OTHER else label
                  for value, label in LocatedBecause.choices],
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *[name for name, _ in ACTIONS],
                legend="Enquiries you have made and their outcomes", legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Radios("home_visit_outcome"), "home_visit_date", "home_visit_details",
                legend="Home visit", legend_size=Size.MEDIUM,
            ),
            "additional_comments",
        )

    def answers(self):
        """The answers given, as the request holds them (a field in error is left out)."""
        answers = dict(self.cleaned_data)
        if "ground" in answers:
            answers["ground"] = self.grounds.get(answers["ground"] or "")
        if "attendance_order_names_school" in answers:
            answers["attendance_order_names_school"] = {"yes": True, "no": False}.get(
                answers["attendance_order_names_school"])
        return answers

    def clean_ground(self):
        value = self.cleaned_data["ground"]
        if value and value not in self.grounds:
            raise forms.ValidationError("Select one of the grounds listed")
        return value

    def clean(self):
        cleaned = super().clean()
        if self.strict:  # every problem at once; a field already in error keeps its own message
            self.check_rules(self.removal, removal_problems)
        self.helper.layout = self.layout()  # again, to mark the school lookup if it is in error
        return cleaned


RemovalForm.base_fields.update(_copied(ActionsForm, [name for name, _ in ACTIONS]))
RemovalForm.base_fields.update(_copied(HomeVisitForm, ["home_visit_outcome", "home_visit_date", "home_visit_details"]))
RemovalForm.base_fields["additional_comments"] = RemovalForm.base_fields.pop("additional_comments")  # last


class AgreeForm(GovukForm):
    """Lawful removal agreed: the LA's enquiries (grounds that need them),
    whether the CME team has confirmed an unconfirmed destination, and — if
    the LA will hold a case — which child's record it is."""

    la_enquiries = area("Enquiries the local authority has made and their outcomes", rows=5)
    destination_confirmed = forms.ChoiceField(
        label="Has the CME team confirmed where the pupil has gone?", choices=YES_NO, widget=forms.RadioSelect,
        required=False, help_text="If not, the CME team will hold a case for the pupil.",
    )
    child = forms.ChoiceField(label="Which child’s record is this pupil?", widget=forms.RadioSelect, required=False)
    message = area("A note for the school (optional)", hint="The school sees this with the decision.")

    def __init__(self, *args, removal, options, needs_enquiries, may_need_case, can_confirm, **kwargs):
        super().__init__(*args, **kwargs)
        self.removal, self.options = removal, {str(o.child.pk): o for o in options}
        if needs_enquiries:
            self.fields["la_enquiries"].help_text = (
                f"Ground {removal.ground.code} needs the school’s and the local authority’s enquiries: "
                "record the local authority’s here."
            )
        else:
            self.fields["la_enquiries"].label = "Enquiries the local authority has made (optional)"
        self.needs_enquiries = needs_enquiries
        if not can_confirm:
            del self.fields["destination_confirmed"]
        if may_need_case:
            self.fields["child"].choices = [
                Choice(pk, _child_label(o), hint="Why: " + "; ".join(o.candidate.reasons))
                for pk, o in self.options.items()
            ] + [Choice(NEW_RECORD, "None of these: create a new record")]
            if can_confirm:
                self.fields["child"].help_text = "Only needed if the CME team has not confirmed the destination."
        else:
            del self.fields["child"]
        options_only(self)
        if "child" in self.fields:
            self.fields["child"].error_messages["invalid_choice"] = (
                "Choose the child’s record from the list, or create a new one")
        layout = [Field.textarea("la_enquiries")]
        if can_confirm:
            layout.append(Radios("destination_confirmed", legend_size=Size.SMALL, inline=True))
        if may_need_case:
            layout.append(Radios("child", legend_size=Size.MEDIUM))
        self.helper.layout = Layout(*layout, "message")

    def clean(self):
        cleaned = super().clean()
        if self.needs_enquiries and not cleaned.get("la_enquiries", "").strip():
            self.add_error("la_enquiries", "Enter the enquiries the local authority has made")
        return cleaned

    def decision(self):
        """Keyword arguments for ``services.agree_removal``."""
        chosen = self.cleaned_data.get("child") or ""
        return {
            "la_enquiries": self.cleaned_data["la_enquiries"],
            "destination_confirmed": self.cleaned_data.get("destination_confirmed") == "yes",
            "child": self.options[chosen].child if chosen in self.options else None,
            "create_child": chosen == NEW_RECORD,
            "message": self.cleaned_data["message"],
        }


def _child_label(option):
    child = option.child
    parts = [child.full_name]
    if child.date_of_birth:
        parts.append(f"born {child.date_of_birth:%-d %B %Y}")
    if child.upn:
        parts.append(f"UPN {child.upn}")
    case = option.active_case
    if case is not None:
        parts.append({
            CaseStatus.LOCATED: f"Located case {case.reference}, not yet closed: agreeing reopens it",
            CaseStatus.FAILED_TO_TRACK: f"case {case.reference} waiting for failed-to-track sign-off",
        }.get(case.status, f"open case {case.reference}"))
    if option.has_alert:
        parts.append("CME – failed to track")
    return ", ".join(parts)


class NotLawfulForm(GovukForm):
    reason = message_field(
        "Why is the removal not lawful, and what should the school do?",
        "Enter why the removal is not lawful: the school will see it",
        hint="The school sees this. For example, ‘The pupil has missed 12 school days, not 20: keep them on roll "
             "and carry on your enquiries’.",
        noun="The reason",
    )


class QuestionForm(GovukForm):
    """A CME officer's question to the school about its request."""

    message = message_field(
        "What do you need to know?", "Enter your question for the school",
        hint="The school sees this on its request and its dashboard, and is e-mailed to sign in and answer. For "
             "example, ‘Has Harbour Academy confirmed in writing that Amelia is on its roll?’",
        noun="Your question",
    )


class AnswerForm(GovukForm):
    """The school's answer to the CME team's question."""

    answer = message_field("Your answer", "Enter your answer to the CME team’s question",
                           hint="The CME team sees this with your request.",
                           noun="Your answer")
