"""A referral's answers as GOV.UK summary lists: the check-your-answers page
(with "Change" links), the officer's page and the referrer's page."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from cme.schooldays.age import csa_note
from tracking.models import HomeVisitOutcome, Sex

from ..models import ACTIONS

NOT_GIVEN = "Not given"


@dataclass
class Row:
    key: str
    lines: list
    change_url: str = ""
    change_label: str = ""  # visually hidden: "Change date of last attendance"


@dataclass
class Section:
    title: str
    rows: list = field(default_factory=list)


def field_anchor(slug, name):
    """The id of the input an error or a "Change" link should take the user to:
    the first box of a date, the first option of radios or checkboxes."""
    from django import forms

    from ..forms.referral_form import STEPS_BY_SLUG

    form_class = STEPS_BY_SLUG[slug].form_class
    field = form_class.base_fields.get(name) if form_class else None
    if field is not None and isinstance(field.widget, forms.CheckboxSelectMultiple):
        return f"id_{name}_0"  # options are numbered from 0 (templates/gds/layout)
    if field is not None and isinstance(field.widget, (forms.MultiWidget, forms.RadioSelect)):
        return f"id_{name}_0"  # a date's day box; radios (forms/layout.py numbers them from 0)
    return f"id_{name}"


def step_url(referral, slug):
    if slug == "children":
        return reverse("referrals:children", args=[referral.pk])
    return reverse("referrals:step", args=[referral.pk, slug])


def _date(value):
    return f"{value:%-d %B %Y}" if value else ""


def child_lines(child, today=None):
    lines = []
    if child.date_of_birth:
        lines.append(f"Born {_date(child.date_of_birth)}")
        note = csa_note(child.date_of_birth, today or timezone.localdate())
        if note:
            lines.append(note)
    else:
        lines.append("Date of birth not known")
    if child.upn:
        lines.append(f"UPN {child.upn}")
    if child.sex != Sex.UNKNOWN:
        lines.append(Sex(child.sex).label)
    if child.year_group:
        lines.append(child.get_year_group_display())
    return lines


def answer_sections(referral, children, *, change=False, today=None):
    """The answers, section by section. With ``change`` each row links to
    the question page that asks it, and back to check your answers."""

    def row(key, lines, slug, anchor=""):
        lines = [line for line in lines if line] or [NOT_GIVEN]
        url = ""
        if change:
            url = f"{step_url(referral, slug)}?change=1" + (f"#{field_anchor(slug, anchor)}" if anchor else "")
        return Row(key, lines, url, key.lower())

    sections = []
    if referral.is_school_referral:
        sections.append(Section("Referral from", [row("School", [referral.school.name if referral.school_id else ""], "school")]))
        if change and not _several_schools(referral):
            sections[-1].rows[0].change_url = ""
    else:
        sections.append(Section("Referral from", [Row("Organisation", [referral.organisation or NOT_GIVEN])]))

    child_rows = []
    for n, child in enumerate(children, start=1):
        url = f"{reverse('referrals:child_edit', args=[referral.pk, child.pk])}?change=1" if change else ""
        child_rows.append(Row(child.full_name, child_lines(child, today), url, child.full_name))
    if not child_rows:
        child_rows.append(row("Children", [], "children"))
    sections.append(Section("Children", child_rows))

    parent = [referral.parent_name, referral.parent_relationship, referral.parent_phone]
    sections.append(Section("Family and address", [
        row("Person with parental responsibility", parent, "family", "parent_name"),
        row("Last known address", [referral.address_line_1, referral.address_line_2, referral.address_town,
                                   referral.address_postcode,
                                   f"Phone: {referral.address_phone}" if referral.address_phone else ""],
            "family", "address_line_1"),
    ]))

    attendance = []
    if not referral.is_school_referral:
        attendance.append(row("School the child was last at", [referral.last_school_name], "attendance",
                              "last_school_name"))
    siblings = [f"{s.get('name', '')}{' – ' + s['school'] if s.get('school') else ''}" for s in referral.siblings]
    attendance += [
        row("Date of last attendance", [_date(referral.last_attendance_date)], "attendance",
            "last_attendance_date"),
        row("Area moved to", [referral.moved_to_area], "attendance", "moved_to_area"),
        row("Forwarding address", [referral.forwarding_address], "attendance", "forwarding_address"),
        row("Siblings and their schools", siblings, "attendance", "sibling_1_name"),
    ]
    sections.append(Section("School and attendance", attendance))

    concern = {True: "Yes", False: "No", None: ""}[referral.child_protection_concern]
    sections.append(Section("Risk factors", [
        row("Known risk factors", referral.risk_flag_labels or ["None known"], "risk", "risk_flags"),
        row("Other risk factors", [referral.risk_details], "risk", "risk_details"),
        row("Child protection concern", [concern, referral.child_protection_details if concern == "Yes" else ""],
            "risk", "child_protection_concern"),
    ]))

    sections.append(Section("Actions taken and their outcomes", [
        row(label, [getattr(referral, name)], "actions", name) for name, label in ACTIONS
    ]))

    outcome = HomeVisitOutcome(referral.home_visit_outcome).label if referral.home_visit_outcome else ""
    sections.append(Section("Home visit", [
        row("What was found", [outcome], "home-visit", "home_visit_outcome"),
        row("Date of the visit", [_date(referral.home_visit_date)], "home-visit", "home_visit_date"),
        row("Details", [referral.home_visit_details], "home-visit", "home_visit_details"),
    ]))

    sections.append(Section("About you" if change else "Referred by", [
        row("Name and job title", [referral.referred_by], "referrer", "referred_by"),
        row("Contact number", [referral.referrer_phone], "referrer", "referrer_phone"),
        row("Anything else", [referral.additional_comments], "referrer", "additional_comments"),
    ]))
    return sections


def _several_schools(referral):
    from tracking.models import SchoolMembership

    return SchoolMembership.objects.filter(user_id=referral.referrer_id).count() > 1
