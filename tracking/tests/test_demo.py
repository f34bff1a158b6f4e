"""The demo data: every category and status, timelines built by the services,
and loading it twice adds nothing."""

import io

import pytest
from django.core import mail

from cme.accounts import demo as demo_users
from cme.schooldays import demo as demo_terms
from tracking import demo
from tracking.demo import children as demo_children
from tracking.models import (
    Case, CaseEvent, Category, Child, ChildAlert, ChildName, Notification, NameToken, RecheckTask, Status,
)

pytestmark = pytest.mark.django_db

#: A smaller cast than the 300 children of ``make run``, with every story in it.
SMALL_STORIES = [("open", 14), ("located", 2), ("awaiting_sign_off", 2), ("closed_located", 3),
                 ("failed_to_track", 2), ("closed_without_locating", 1), ("reopened", 1)]


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(demo_children, "STORIES", SMALL_STORIES)
    out = io.StringIO()
    demo_users.seed(out)
    demo_terms.seed(out)
    demo.seed(out)
    return out


def test_the_demo_has_every_category_and_status(seeded):
    assert set(Case.objects.values_list("category", flat=True)) == set(Category.values)
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert Child.objects.count() == Case.objects.count() == sum(n for _, n in SMALL_STORIES)
    assert ChildAlert.objects.filter(is_active=True).count() == 2
    assert RecheckTask.objects.count() == 2 and RecheckTask.objects.filter(done_at__isnull=False).count() == 1
    assert Notification.objects.count() == 2 and len(mail.outbox) == 0  # e-mailed when the seed's transaction commits
    assert "Children: 25 children" in seeded.getvalue()


def test_the_demo_is_built_through_the_services(seeded):
    for case in Case.objects.all():
        assert case.events.filter(kind=CaseEvent.Kind.OPENED).exists()
        assert case.events.filter(kind=CaseEvent.Kind.ENQUIRY).exists()
        if case.status != Status.OPEN or case.outcome:
            assert case.events.filter(kind=CaseEvent.Kind.STATUS).exists()
    assert not Child.objects.filter(name_tokens__isnull=True).exists()
    assert NameToken.objects.count() >= 2 * Child.objects.count()
    assert Case.objects.filter(assigned_officer__email="officer@demo-council.test").exists()
    assert Case.objects.filter(assigned_officer__email="officer2@demo-council.test").exists()
    signed = Case.objects.filter(status=Status.CLOSED, checklist__signed_off_by__isnull=False)
    assert {c.checklist.signed_off_by.email for c in signed} <= {"senior@demo-council.test", "manager@demo-council.test"}


def test_loading_the_demo_twice_adds_nothing(seeded):
    counts = (Child.objects.count(), Case.objects.count(), CaseEvent.objects.count(), ChildName.objects.count())
    out = io.StringIO()
    demo.seed(out)
    assert (Child.objects.count(), Case.objects.count(), CaseEvent.objects.count(), ChildName.objects.count()) == counts
    assert "already loaded" in out.getvalue()



def test_make_run_loads_300_children_with_the_same_stories():
    assert sum(n for _, n in demo_children.STORIES) == demo_children.CHILDREN == 300
    assert [story for story, _ in demo_children.STORIES] == [story for story, _ in SMALL_STORIES]
