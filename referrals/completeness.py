"""What a referral must say before it can be sent.

One place for the rules, used by each question page (to say what is missing
on that page) and by the workflow (which refuses to send an incomplete
referral, whatever page the referrer came from).

Southampton CME policy 2021, Appendix 2: "Unless outcomes are recorded for
each of the steps below, referrals will not be accepted" — the eight actions
and the home visit are required of schools. Partner professionals may skip
them (DESIGN.md section 3), and may leave out what a school would know (date
of last attendance, date of birth, the family's address).
"""

from dataclasses import dataclass

from .models import ACTIONS


@dataclass(frozen=True)
class Missing:
    step: str  # the slug of the question page that asks for it
    field: str  # the form field, so the error can link to it
    message: str
    child_id: int | None = None


def action_message(label):
    return f"Enter the outcome of ‘{label}’"


def _school(referral, children):
    if referral.is_school_referral and not referral.school_id:
        yield Missing("school", "school", "Select the school this referral is from")


def _children(referral, children):
    if not children:
        yield Missing("children", "children", "Add the child or children this referral is about")
    for child in children:
        if referral.is_school_referral and not child.date_of_birth:
            yield Missing("children", "date_of_birth", f"Enter {child.full_name}’s date of birth", child.pk)


def _family(referral, children):
    if not referral.is_school_referral:
        return
    if not referral.parent_name.strip():
        yield Missing("family", "parent_name", "Enter the name of the person with parental responsibility")
    if not referral.address_line_1.strip():
        yield Missing("family", "address_line_1", "Enter the first line of the last known address")
    if not referral.address_postcode.strip():
        yield Missing("family", "address_postcode", "Enter the postcode of the last known address")


def _attendance(referral, children):
    if referral.is_school_referral and not referral.last_attendance_date:
        yield Missing("attendance", "last_attendance_date", "Enter the date of last attendance")


def _risk(referral, children):
    if referral.child_protection_concern is None:
        yield Missing("risk", "child_protection_concern", "Select yes if there is a child protection concern")
    elif referral.child_protection_concern and not referral.child_protection_details.strip():
        yield Missing("risk", "child_protection_details", "Enter what the child protection concern is")


def _actions(referral, children):
    if not referral.is_school_referral:
        return
    for name, label in ACTIONS:
        if not getattr(referral, name).strip():
            yield Missing("actions", name, action_message(label))


def _home_visit(referral, children):
    # A school must visit; a partner who says they visited tells us the rest.
    if not (referral.is_school_referral or referral.home_visit_outcome):
        return
    if not referral.home_visit_outcome:
        yield Missing("home-visit", "home_visit_outcome", "Select what you found on the home visit")
    if not referral.home_visit_date:
        yield Missing("home-visit", "home_visit_date", "Enter the date of the home visit")
    if not referral.home_visit_details.strip():
        yield Missing("home-visit", "home_visit_details", "Enter the details of the home visit")


def _referrer(referral, children):
    if not referral.referred_by.strip():
        yield Missing("referrer", "referred_by", "Enter your name and job title")
    if not referral.referrer_phone.strip():
        yield Missing("referrer", "referrer_phone", "Enter a contact number")


RULES = {
    "school": _school,
    "children": _children,
    "family": _family,
    "attendance": _attendance,
    "risk": _risk,
    "actions": _actions,
    "home-visit": _home_visit,
    "referrer": _referrer,
}


def missing_answers(referral, children=None, steps=None):
    """Everything the referral still needs, in the order the pages ask for it."""
    if children is None:
        children = list(referral.children.all()) if referral.pk else []
    found = []
    for step, rule in RULES.items():
        if steps is None or step in steps:
            found.extend(rule(referral, children))
    return found
