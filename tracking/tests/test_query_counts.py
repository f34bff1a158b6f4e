"""Each list and record page costs the same number of queries with 10 rows
as with 500: nothing is fetched once per row.

The rows are bulk-created (the services would take minutes for 500 cases);
only their shape matters here. Each test counts the queries at the small
size, grows the data fifty-fold, and pins the count with
``django_assert_num_queries``. The first request is a warm-up: it loads the
school calendar, which the process then keeps.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracking import names
from tracking.models import (
    Address, Case, CaseDocument, CaseEvent, Category, Child, ChildName, Contact, Enquiry, Enrolment, EventKind,
    FlagKind, HomeVisit, HomeVisitOutcome, NameToken, Status, VulnerabilityFlag,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 500
MOST_QUERIES = 25  # a page needing more than this has probably lost a preload


def add_children(n, *, last_name="Smith", start=0):
    children = Child.objects.bulk_create(
        Child(first_name=f"Child{start + i}", last_name=last_name, date_of_birth=date(2015, 1, 1) + timedelta(days=i))
        for i in range(n)
    )
    token, phonetic, skeleton = names.keys(names.fold(last_name))
    NameToken.objects.bulk_create(
        NameToken(child=c, part=NameToken.Part.LAST, token=token, phonetic=phonetic, skeleton=skeleton) for c in children
    )
    VulnerabilityFlag.objects.bulk_create(VulnerabilityFlag(child=c, kind=FlagKind.YOUNG_CARER) for c in children[::2])
    Address.objects.bulk_create(Address(child=c, line_1="1 High Street", postcode="SO15 1AA") for c in children)
    return children


def add_cases(children, *, officer, school, status=Status.OPEN):
    today = timezone.localdate()
    return Case.objects.bulk_create(
        Case(child=c, category=Category.CME_OTHER, status=status, opened_on=today - timedelta(days=i % 90),
             assigned_officer=officer, last_known_school=school, next_action="Phone",
             next_action_due=today + timedelta(days=(i % 7) - 3))
        for i, c in enumerate(children)
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def assert_same_count(client, url, grow, django_assert_num_queries):
    client.get(url)  # warm-up
    small = queries(client, url)
    assert small <= MOST_QUERIES
    grow()
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


@pytest.fixture
def caseload(priya_officer, tom_officer, oak_primary, term_dates):
    def grow(n=LARGE - SMALL, start=SMALL):
        for officer in (priya_officer, tom_officer, None):
            add_cases(add_children(n // 3 + 1, start=start, last_name=f"Smith{officer.pk if officer else 0}"),
                      officer=officer, school=oak_primary)
    grow(SMALL, 0)
    return grow


def test_my_caseload(client, priya_officer, caseload, django_assert_num_queries):
    client.force_login(priya_officer)
    assert_same_count(client, reverse("tracking:my_caseload"), caseload, django_assert_num_queries)


def test_team_caseload(client, sam_senior, caseload, django_assert_num_queries):
    client.force_login(sam_senior)
    assert_same_count(client, reverse("tracking:team_caseload") + "?flag=any", caseload, django_assert_num_queries)


def test_case_page_with_a_long_timeline(client, priya_officer, oak_primary, term_dates, django_assert_num_queries):
    [case] = add_cases(add_children(1), officer=priya_officer, school=oak_primary)
    now = timezone.now()

    def add_events(n):
        kinds = [EventKind.ENQUIRY, EventKind.HOME_VISIT, EventKind.NOTE, EventKind.DOCUMENT]
        events = CaseEvent.objects.bulk_create(
            CaseEvent(case=case, kind=kinds[i % 4], occurred_at=now - timedelta(hours=i), summary=f"Event {i}",
                      created_by=priya_officer)
            for i in range(n)
        )
        today = timezone.localdate()
        Enquiry.objects.bulk_create(Enquiry(event=e, agency="Child Health", method="phone", made_on=today, outcome="x")
                                    for e in events if e.kind == EventKind.ENQUIRY)
        HomeVisit.objects.bulk_create(HomeVisit(event=e, visited_on=today, outcome=HomeVisitOutcome.PROPERTY_EMPTY,
                                                details="x", visiting_officers="Priya")
                                      for e in events if e.kind == EventKind.HOME_VISIT)
        CaseDocument.objects.bulk_create(CaseDocument(event=e, file="x", original_name="x.pdf", content_type="application/pdf",
                                                      size=1) for e in events if e.kind == EventKind.DOCUMENT)

    add_events(SMALL)
    client.force_login(priya_officer)
    assert_same_count(client, reverse("tracking:case_detail", args=[case.pk]), lambda: add_events(LARGE - SMALL),
                      django_assert_num_queries)


def test_child_page(client, priya_officer, oak_primary, django_assert_num_queries):
    [child] = add_children(1, last_name="Khan")

    def grow_record(n):
        add_cases(add_children(n, last_name="Sibling"), officer=priya_officer, school=oak_primary)
        child.siblings.add(*Child.objects.filter(last_name="Sibling"))
        Case.objects.bulk_create(Case(child=child, category=Category.CME_OTHER, status=Status.CLOSED,
                                      opened_on=date(2020, 1, 1), assigned_officer=priya_officer) for _ in range(n))
        ChildName.objects.bulk_create(ChildName(child=child, kind=ChildName.Kind.ALIAS, first_name=f"A{i}") for i in range(n))
        Address.objects.bulk_create(Address(child=child, line_1=f"{i} Road", postcode="SO15 1AA") for i in range(n))
        Contact.objects.bulk_create(Contact(child=child, name=f"Person {i}") for i in range(n))
        Enrolment.objects.bulk_create(Enrolment(child=child, school=oak_primary) for _ in range(n))
        VulnerabilityFlag.objects.bulk_create(VulnerabilityFlag(child=child, kind=FlagKind.CHILD_IN_NEED) for _ in range(n))

    grow_record(SMALL)
    client.force_login(priya_officer)
    assert_same_count(client, reverse("tracking:child_detail", args=[child.pk]), lambda: grow_record(LARGE - SMALL),
                      django_assert_num_queries)


def test_search(client, priya_officer, oak_primary, django_assert_num_queries):
    def grow(n, start):
        add_cases(add_children(n, start=start), officer=priya_officer, school=oak_primary)

    grow(SMALL, 0)
    client.force_login(priya_officer)
    url = reverse("tracking:child_search") + "?name=Smith&postcode=SO15&date_of_birth_0=1&date_of_birth_1=1&date_of_birth_2=2015"
    assert_same_count(client, url, lambda: grow(LARGE - SMALL, SMALL), django_assert_num_queries)
