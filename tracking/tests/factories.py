import factory

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from tracking.models import LocalAuthority, School, SchoolMembership


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = "852"
    name = "Demo City Council"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: f"{120000 + n}")
    la = factory.SubFactory(LocalAuthorityFactory)
    establishment_number = factory.Sequence(lambda n: f"{2000 + n % 8000:04d}")
    dfe_number = factory.LazyAttribute(lambda s: f"{s.la.code}/{s.establishment_number}")
    name = factory.Sequence(lambda n: f"School {n}")
    type_name = "Community school"
    phase = "Primary"
    status = "Open"
    statutory_low_age = 4
    statutory_high_age = 11
    town = "Demo City"
    postcode = "SO15 1AA"

    class Params:
        closed = factory.Trait(status="Closed")


class SchoolMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolMembership

    user = factory.SubFactory(UserFactory, role=Role.SCHOOL_USER)
    school = factory.SubFactory(SchoolFactory)


# --- children and cases ----------------------------------------------------
import random  # noqa: E402
from datetime import date, timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

from tracking import services, workflow  # noqa: E402
from tracking.models import (  # noqa: E402
    Category, ChecklistAnswer, Child, ChildName, Outcome, Sex, VulnerabilityFlag,
)


def _school_age_birthday():
    today = date.today()
    return today - timedelta(days=random.randint(6 * 365, 14 * 365))


class ChildFactory(factory.django.DjangoModelFactory):
    """A child of compulsory school age, with search keys built as the app builds them."""

    class Meta:
        model = Child
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(_school_age_birthday)
    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            ChildName.objects.create(child=obj, kind=ChildName.Kind.LEGAL, first_name=obj.first_name, last_name=obj.last_name)
            services.index_names(obj)

    @factory.post_generation
    def flags(obj, create, extracted, **kwargs):
        for kind in extracted or []:
            VulnerabilityFlag.objects.create(child=obj, kind=kind, starts_on=date.today() - timedelta(days=30))
        if extracted:
            services.refresh_priority(obj)


class CaseFactory(factory.django.DjangoModelFactory):
    """A case opened through the service, so its timeline starts as in the app.

    States: ``CaseFactory(located=True)``, ``closed=True`` (located then
    closed), ``awaiting_sign_off=True`` (checklist complete, sign-off asked),
    ``failed_to_track=True`` (signed off: closed, child alerted).
    """

    class Meta:
        model = "tracking.Case"
        skip_postgeneration_save = True

    child = factory.SubFactory(ChildFactory)
    category = Category.CME_OTHER
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=random.randint(0, 60)))
    assigned_officer = None
    next_action = ""
    next_action_due = None
    last_known_school = None
    created_by = factory.SubFactory(UserFactory, role=Role.CME_OFFICER)

    @classmethod
    def _create(cls, model_class, *, child, category, opened_on, created_by, **kwargs):
        return services.open_case(child=child, category=category, by=created_by, opened_on=opened_on, **kwargs)

    @factory.post_generation
    def located(obj, create, extracted, **kwargs):
        if extracted:
            workflow.transition(obj, "locate", obj.created_by, outcome=kwargs.get("outcome", Outcome.OTHER_LA),
                                details=kwargs.get("details", "Confirmed by the other LA's CME officer"))

    @factory.post_generation
    def closed(obj, create, extracted, **kwargs):
        if extracted:
            if obj.status == "open":
                workflow.transition(obj, "locate", obj.created_by, outcome=Outcome.OTHER_LA, details="Confirmed by the other LA")
            workflow.transition(obj, "close", obj.created_by)

    @factory.post_generation
    def awaiting_sign_off(obj, create, extracted, **kwargs):
        if extracted:
            complete_checklist(obj, obj.created_by)
            workflow.transition(obj, "request_ftt", obj.created_by)

    @factory.post_generation
    def failed_to_track(obj, create, extracted, **kwargs):
        if extracted:
            if obj.status == "open":
                complete_checklist(obj, obj.created_by)
                workflow.transition(obj, "request_ftt", obj.created_by)
            senior = kwargs.get("signed_off_by") or UserFactory(role=Role.SENIOR_OFFICER)
            workflow.transition(obj, "sign_off_ftt", senior)


def complete_checklist(case, by):
    for step in services.active_checklist_steps():
        services.answer_checklist_step(
            case, by=by, step=step, answer=ChecklistAnswer.Answer.DONE,
            done_on=timezone.localdate(), outcome="Nothing found",
        )
