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
