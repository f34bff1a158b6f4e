"""Making a referral: the draft the question pages write, and sending it."""

from django.db import transaction

from tracking.models import SchoolMembership

from .. import workflow
from ..models import ACTIONS, Referral, ReferralChild, ReferralStatus, ReferrerKind
from .common import ServiceError, checked_upn, email_referrer

#: The answers a referrer gives, field by field (the question pages write these).
ANSWER_FIELDS = frozenset({
    "school", "parent_name", "parent_relationship", "parent_phone",
    "address_line_1", "address_line_2", "address_town", "address_postcode", "address_phone",
    "last_school_name", "last_attendance_date", "moved_to_area", "forwarding_address", "siblings",
    "risk_flags", "risk_details", "child_protection_concern", "child_protection_details",
    "home_visit_outcome", "home_visit_date", "home_visit_details",
    "referred_by", "referrer_phone", "additional_comments",
    *(name for name, _ in ACTIONS),
})
CHILD_FIELDS = frozenset({"first_name", "last_name", "date_of_birth", "upn", "sex", "year_group"})


def _their_schools(user):
    return SchoolMembership.objects.filter(user=user).values_list("school_id", flat=True)


def _check_can_edit(referral, by):
    if referral.status != ReferralStatus.DRAFT:
        raise ServiceError(f"Referral {referral.reference} has been sent and can no longer be changed")
    if referral.referrer_id != by.pk:
        raise ServiceError("Only the person who started this referral can change it")


def _clean_child_fields(fields):
    unknown = set(fields) - CHILD_FIELDS
    if unknown:
        raise ServiceError(f"A referral does not record {', '.join(sorted(unknown))} for a child")
    return checked_upn(fields)


@transaction.atomic
def start_referral(*, by, school=None, children=(), **answers):
    """Start a draft referral for a school user or a partner professional.

    A school user's referral is from one of their schools: ``school``, or
    their only school. ``children`` (dicts of ``CHILD_FIELDS``) and
    ``answers`` prefill the form — e.g. "a pupil on roll is missing" starts
    it with the pupil and their last attendance filled in.
    """
    if by.is_school_user:
        schools = list(_their_schools(by))
        if school is None and len(schools) == 1:
            school = schools[0]
        school_id = getattr(school, "pk", school)
        if school_id is not None and school_id not in schools:
            raise ServiceError("You can only refer from a school you work at")
        kind = ReferrerKind.SCHOOL
    elif by.is_partner:
        school_id, kind = None, ReferrerKind.PARTNER
    else:
        raise ServiceError("Only school staff and partner professionals make referrals")
    unknown = set(answers) - ANSWER_FIELDS
    if unknown:
        raise ServiceError(f"A referral does not ask for {', '.join(sorted(unknown))}")
    prefilled = {
        "referred_by": ", ".join(p for p in [by.get_full_name(), by.job_title] if p),
        "referrer_phone": by.phone,
        **{k: v for k, v in answers.items() if k != "school"},
    }
    referral = Referral.objects.create(
        referrer=by, referrer_kind=kind, school_id=school_id, organisation=by.organisation, **prefilled,
    )
    for fields in children:
        ReferralChild.objects.create(referral=referral, **_clean_child_fields(dict(fields)))
    return referral


@transaction.atomic
def save_answers(referral, *, by, **answers):
    """Keep the referrer's answers on the draft (every question page calls this)."""
    _check_can_edit(referral, by)
    unknown = set(answers) - ANSWER_FIELDS
    if unknown:
        raise ServiceError(f"A referral does not ask for {', '.join(sorted(unknown))}")
    if "school" in answers:
        school = answers.pop("school")
        if not referral.is_school_referral or getattr(school, "pk", school) not in set(_their_schools(by)):
            raise ServiceError("You can only refer from a school you work at")
        referral.school = school
    for field, value in answers.items():
        setattr(referral, field, value)
    if referral.child_protection_concern is False:
        referral.child_protection_details = ""
    referral.save()
    return referral


@transaction.atomic
def add_child(referral, *, by, **fields):
    _check_can_edit(referral, by)
    return ReferralChild.objects.create(referral=referral, **_clean_child_fields(fields))


@transaction.atomic
def update_child(referral_child, *, by, **fields):
    _check_can_edit(referral_child.referral, by)
    for field, value in _clean_child_fields(fields).items():
        setattr(referral_child, field, value)
    referral_child.save()
    return referral_child


@transaction.atomic
def remove_child(referral_child, *, by):
    _check_can_edit(referral_child.referral, by)
    referral_child.delete()


@transaction.atomic
def delete_draft(referral, *, by):
    _check_can_edit(referral, by)
    referral.delete()


@transaction.atomic
def submit_referral(referral, *, by):
    """Send the referral to the CME team; the referrer is e-mailed the reference."""
    workflow.transition(referral, "submit", by)
    email_referrer(
        referral, "We have received your referral",
        f"Thank you. We received your referral of a child missing education on "
        f"{referral.received_on:%-d %B %Y}. Its reference is {referral.reference}.\n\n"
        "A CME officer will look at it and may contact you for more information. If we have not "
        "finished our enquiries within 10 school days, we will send you a progress update.",
    )
    return referral
