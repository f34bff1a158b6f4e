import calendar
from datetime import date

import factory

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from reports import services
from reports.models import MonthlyReturn


def _month_end(n):
    """The last day of the n-th month before January 2026 (n = 0 is January 2026)."""
    year, month = 2026 + (0 - n) // 12, (0 - n) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


class MonthlyReturnFactory(factory.django.DjangoModelFactory):
    """A return made through the service, so it has its figures, PDF and CSV.

    ``MonthlyReturnFactory()`` is a draft; ``MonthlyReturnFactory(published=True)``
    is published. Each is for a different month unless ``as_at`` is given.
    """

    class Meta:
        model = MonthlyReturn
        skip_postgeneration_save = True

    as_at = factory.Sequence(_month_end)
    generated_by = factory.SubFactory(UserFactory, role=Role.SENIOR_OFFICER)

    @classmethod
    def _create(cls, model_class, *, as_at, generated_by, **kwargs):
        return services.generate_return(as_at=as_at, by=generated_by)

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if extracted:
            services.publish_return(obj, by=obj.generated_by)
