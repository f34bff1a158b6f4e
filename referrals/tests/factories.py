"""Referrals made as the app makes them: through the services.

``ReferralFactory(referrer=grace_at_oak)`` is a complete school referral,
still a draft; ``submitted=True`` sends it; ``accepted=True`` (with
``by=`` an officer) matches each child to a new record and accepts it;
``info_requested=True``, ``not_cme=True`` and ``duplicate_of=<referral>``
make the other decisions. A partner's referral leaves out what only a school
would give.
"""

from datetime import date, timedelta

import factory
from django.utils import timezone

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from tracking.models import Category, HomeVisitOutcome, Sex

from referrals import services
from referrals.models import ACTIONS, NotCmeReason, Referral, ReferralChild


def school_answers():
    """Everything a school must say (Southampton CME policy 2021, Appendix 2)."""
    today = timezone.localdate()
    return dict(
        parent_name="Joanna Nowak", parent_relationship="Mother", parent_phone="07700 900123",
        address_line_1="12 Church Road", address_town="Demo City", address_postcode="SO15 2AB",
        last_attendance_date=today - timedelta(days=20), moved_to_area="Possibly Poland",
        child_protection_concern=False, referrer_phone="023 8000 1000",
        home_visit_outcome=HomeVisitOutcome.NO_RESPONSE_NOTE_LEFT, home_visit_date=today - timedelta(days=5),
        home_visit_details="No answer; card left through the door. No reply after three days.",
        **{name: f"Done: no answer ({label.lower()})" for name, label in ACTIONS},
    )


def partner_answers():
    return dict(child_protection_concern=False, address_line_1="Flat 3, 8 Mill Lane", address_postcode="SO16 4XY",
                referrer_phone="07700 900456")


def _sent(referral):
    if referral.is_draft:
        services.submit_referral(referral, by=referral.referrer)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral
        skip_postgeneration_save = True

    referrer = factory.SubFactory(UserFactory, role=Role.PARTNER, organisation="Demo Community Health")
    children = factory.LazyFunction(
        lambda: [dict(first_name="Kacper", last_name="Nowak", date_of_birth=date(2015, 5, 4), sex=Sex.MALE)]
    )
    answers = factory.LazyFunction(dict)

    @classmethod
    def _create(cls, model_class, *, referrer, children, answers, school=None, **kwargs):
        base = school_answers() if referrer.is_school_user else partner_answers()
        return services.start_referral(by=referrer, school=school, children=children, **{**base, **answers})

    @factory.post_generation
    def submitted(obj, create, extracted, **kwargs):
        if extracted:
            services.submit_referral(obj, by=obj.referrer)

    @factory.post_generation
    def info_requested(obj, create, extracted, **kwargs):
        if extracted:
            _sent(obj)
            officer = kwargs.get("by") or UserFactory(role=Role.CME_OFFICER)
            services.request_information(obj, by=officer, message=kwargs.get("message", "Which school did the child last attend?"))

    @factory.post_generation
    def accepted(obj, create, extracted, **kwargs):
        if extracted:
            _sent(obj)
            officer = kwargs.get("by") or UserFactory(role=Role.CME_OFFICER)
            for referral_child in obj.children.all():
                if not referral_child.child_id:
                    services.create_child_from_referral(referral_child, by=officer)
            categories = {c.pk: kwargs.get("category", Category.CME_OTHER) for c in obj.children.all()}
            services.accept_referral(obj, by=officer, categories=categories)

    @factory.post_generation
    def not_cme(obj, create, extracted, **kwargs):
        if extracted:
            _sent(obj)
            officer = kwargs.get("by") or UserFactory(role=Role.CME_OFFICER)
            services.decide_not_cme(obj, by=officer, reason=NotCmeReason.ATTENDANCE_MATTER,
                                    redirected_to="On roll at the school: an attendance matter for the school")

    @factory.post_generation
    def duplicate_of(obj, create, extracted, **kwargs):
        if extracted:
            _sent(obj)
            officer = kwargs.get("by") or UserFactory(role=Role.CME_OFFICER)
            services.mark_duplicate(obj, by=officer, duplicate_of=extracted)


class ReferralChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralChild

    referral = factory.SubFactory(ReferralFactory)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(2016, 1, 1)


# --- removal from roll requests and new pupil notices ------------------------

from cme.schooldays.models import DeletionGround  # noqa: E402
from referrals.models import (  # noqa: E402
    AdmissionNotice, Destination, LocatedBecause, RemovalFromRollRequest,
)


def ground(kind):
    return DeletionGround.objects.get(kind=kind)


def enquiry_answers():
    """The eight actions and a home visit, as a school records them."""
    today = timezone.localdate()
    return dict(
        home_visit_outcome=HomeVisitOutcome.PROPERTY_EMPTY, home_visit_date=today - timedelta(days=2),
        home_visit_details="Curtains drawn, post piling up behind the door; neighbours have not seen the family.",
        **{name: f"Done: no answer ({label.lower()})" for name, label in ACTIONS},
    )


def removal_answers(destination_school=None, **overrides):
    """A complete request: Amelia is registered at another school, which confirmed it."""
    today = timezone.localdate()
    answers = dict(
        first_name="Amelia", last_name="Nowak", date_of_birth=date(2015, 5, 4), year_group="5",
        address_line_1="12 Church Road", address_town="Demo City", address_postcode="SO15 2AB",
        parent_name="Joanna Nowak", parent_relationship="Mother", contact_phone="07700 900123",
        ground=ground(DeletionGround.REGISTERED_ELSEWHERE), attendance_order_names_school=False,
        last_attendance_date=today - timedelta(days=7),
        proposed_removal_date=today, destination=Destination.NEW_SCHOOL, destination_school=destination_school,
        located_because=LocatedBecause.NEW_SCHOOL_CONFIRMED,
    )
    answers.update(overrides)
    return answers


def unknown_destination_answers(**overrides):
    """Moved away, nobody knows where: the CME team will hold a case."""
    return removal_answers(**{
        "ground": ground(DeletionGround.MOVED_AWAY), "destination": Destination.UNKNOWN,
        "located_because": LocatedBecause.NOT_LOCATED, **enquiry_answers(), **overrides,
    })


class RemovalRequestFactory(factory.django.DjangoModelFactory):
    """``RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(school))``
    is a draft; ``submitted=True`` sends it; ``agreed=True`` (``agreed__by=officer``)
    agrees it, creating the child's record if a case must open; ``not_lawful=True``
    refuses it."""

    class Meta:
        model = RemovalFromRollRequest
        skip_postgeneration_save = True

    requested_by = None
    answers = factory.LazyFunction(dict)

    @classmethod
    def _create(cls, model_class, *, requested_by, answers, school=None, **kwargs):
        removal = services.start_removal(by=requested_by, school=school)
        return services.save_removal(removal, by=requested_by, **answers)

    @factory.post_generation
    def submitted(obj, create, extracted, **kwargs):
        if extracted:
            services.send_removal(obj, by=obj.requested_by)

    @factory.post_generation
    def agreed(obj, create, extracted, **kwargs):
        if extracted:
            if obj.is_draft:
                services.send_removal(obj, by=obj.requested_by)
            officer = kwargs.get("by") or UserFactory(role=Role.CME_OFFICER)
            services.agree_removal(obj, by=officer, la_enquiries="Checked the admissions system and child health.",
                                   child=kwargs.get("child"), create_child=kwargs.get("child") is None)

    @factory.post_generation
    def not_lawful(obj, create, extracted, **kwargs):
        if extracted:
            if obj.is_draft:
                services.send_removal(obj, by=obj.requested_by)
            officer = kwargs.get("by") or UserFactory(role=Role.CME_OFFICER)
            services.decide_not_lawful(obj, by=officer, reason="Keep the pupil on roll: enquiries are not finished.")


def notice_fields(**overrides):
    today = timezone.localdate()
    fields = dict(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1), sex=Sex.MALE,
                  year_group="4", admitted_on=today - timedelta(days=1), postcode="SO16 4XY")
    fields.update(overrides)
    return fields


class AdmissionNoticeFactory(factory.django.DjangoModelFactory):
    """``AdmissionNoticeFactory(notified_by=grace_at_oak, school=oak)`` is sent;
    ``draft=True`` keeps it a draft; ``matched=True`` checks it against open cases
    (as the task queued on commit does)."""

    class Meta:
        model = AdmissionNotice
        skip_postgeneration_save = True

    notified_by = None
    school = None
    fields = factory.LazyFunction(dict)
    draft = False

    @classmethod
    def _create(cls, model_class, *, notified_by, school, fields, draft, **kwargs):
        school = school or notified_by.schools.get()
        if draft:
            return services.save_admission_draft(by=notified_by, school=school, **notice_fields(**fields))
        return services.send_admission_notice(by=notified_by, school=school, **notice_fields(**fields))

    @factory.post_generation
    def matched(obj, create, extracted, **kwargs):
        if extracted:
            services.match_admission_notice(obj.pk)
