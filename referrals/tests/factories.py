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
