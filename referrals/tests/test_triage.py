"""Priya (CME officer) triages: the queue, matching, and each decision.

Every decision goes on the referral's timeline and on the timeline of the
case it reaches; the referrer hears of it by e-mail; a failed-to-track child
who turns up in a referral is reported to the senior officers once.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from cme.audit.models import AccessLog
from referrals import services, workflow
from referrals.models import NotCmeReason, ReferralEventKind, ReferralStatus
from referrals.tests.factories import ReferralFactory
from referrals.workflow import TransitionRefused
from tracking.models import (
    Address, Case, Category, EventKind, FlagKind, Notification, Priority, Status,
)
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db


def queue_references(client):
    response = client.get(reverse("referrals:triage_queue"))
    return [row.referral.reference for row in response.context["rows"]]


@pytest.fixture
def priya(client, priya_officer):
    client.force_login(priya_officer)
    return priya_officer


def test_the_queue_puts_a_child_protection_concern_first_then_risk_then_the_longest_waiting(
    client, priya, grace_at_oak, nadia_partner,
):
    standard = ReferralFactory(referrer=grace_at_oak, submitted=True)
    risky = ReferralFactory(referrer=nadia_partner, answers={"risk_flags": [FlagKind.YOUNG_CARER]}, submitted=True)
    older_standard = ReferralFactory(referrer=nadia_partner, submitted=True)
    older_standard.__class__.objects.filter(pk=older_standard.pk).update(
        submitted_at=standard.submitted_at - timedelta(days=2)
    )
    urgent = ReferralFactory(
        referrer=nadia_partner, submitted=True,
        answers={"child_protection_concern": True, "child_protection_details": "Disclosure to the health visitor"},
    )
    ReferralFactory(referrer=nadia_partner)  # a draft is nobody's business but Nadia's

    assert queue_references(client) == [urgent.reference, risky.reference, older_standard.reference, standard.reference]
    page = client.get(reverse("referrals:triage_queue")).content.decode()
    assert "1 referral with a child protection concern: act today." in page
    assert "Act today" in page


def test_the_queue_shows_age_in_school_days_and_who_referred(client, priya, grace_at_oak, la_term_dates, time_machine):
    time_machine.move_to(date(2026, 2, 9))  # Monday before the February half term
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    time_machine.move_to(date(2026, 2, 24))  # 4 school days, a week's holiday, 2 school days
    response = client.get(reverse("referrals:triage_queue"))
    [row] = response.context["rows"]
    assert row.referral == referral and row.school_days == 6
    page = response.content.decode()
    assert "Oak Primary School" in page and "Grace Adeyemi" in page and "Kacper Nowak" in page


#: Session and user; the page's count and rows and their children; the waiting
#: list and its children; the act-today count; the session saved (3, with its savepoint).
QUEUE_QUERIES = 11


def test_the_triage_queue_costs_the_same_queries_for_10_or_60_referrals(
    client, priya, grace_at_oak, nadia_partner, la_term_dates, django_assert_num_queries,
):
    def make(n):
        for i in range(n):
            ReferralFactory(referrer=grace_at_oak if i % 2 else nadia_partner, submitted=True,
                            info_requested=i % 5 == 0, by=priya)

    client.get(reverse("referrals:triage_queue"))  # the calendar is built once per process, then kept
    make(10)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(reverse("referrals:triage_queue"))
    assert len(response.context["rows"]) == 8 and len(response.context["waiting"]) == 2
    make(50)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(reverse("referrals:triage_queue"))
    assert len(response.context["rows"]) == 48 and len(response.context["waiting"]) == 12


def test_the_officer_sees_candidates_with_reasons_and_confirms_a_match(client, priya, grace_at_oak):
    known = ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2015, 5, 4))
    ChildFactory(first_name="Oliver", last_name="Brown", date_of_birth=date(2015, 5, 4))
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    page = client.get(reverse("referrals:referral_detail", args=[referral.pk])).content.decode()
    assert "First name the same" in page and "Same date of birth" in page
    assert "Oliver Brown" not in page

    referral_child = referral.children.get()
    response = client.post(reverse("referrals:match_child", args=[referral.pk, referral_child.pk]),
                           {"child": known.pk})
    assert response.status_code == 302
    referral_child.refresh_from_db()
    assert referral_child.child == known and not referral_child.created_child
    assert referral.events.filter(kind=ReferralEventKind.CHILD_MATCHED).exists()


def test_creating_a_new_record_copies_what_the_referral_says(client, priya, grace_at_oak):
    referral = ReferralFactory(
        referrer=grace_at_oak, submitted=True,
        children=[dict(first_name="Amelia", last_name="Nowak", date_of_birth=date(2015, 5, 4),
                       upn="M801200112001", sex="F", year_group="6")],
        answers={"risk_flags": [FlagKind.EHCP, FlagKind.YOUNG_CARER]},
    )
    referral_child = referral.children.get()
    client.post(reverse("referrals:create_child", args=[referral.pk, referral_child.pk]))
    referral_child.refresh_from_db()
    child = referral_child.child
    assert referral_child.created_child
    assert (child.first_name, child.last_name, child.date_of_birth, child.upn, child.sex, child.recorded_year_group) == (
        "Amelia", "Nowak", date(2015, 5, 4), "M801200112001", "F", "6")
    address = child.addresses.get(kind=Address.Kind.HOME)
    assert (address.line_1, address.postcode) == ("12 Church Road", "SO15 2AB")
    contact = child.contacts.get()
    assert (contact.name, contact.relationship, contact.has_parental_responsibility) == ("Joanna Nowak", "Mother", True)
    assert {f.kind for f in child.flags.all()} == {FlagKind.EHCP, FlagKind.YOUNG_CARER}


def test_accepting_opens_a_case_with_its_category_and_puts_the_referral_on_its_timeline(
    client, priya, grace_at_oak, django_capture_on_commit_callbacks,
):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    referral_child = referral.children.get()
    services.create_child_from_referral(referral_child, by=priya)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("referrals:accept", args=[referral.pk]),
                               {f"category_{referral_child.pk}": Category.LEAVER_DESTINATION_UNKNOWN})
    assert response["Location"] == reverse("referrals:referral_detail", args=[referral.pk])
    referral.refresh_from_db()
    referral_child.refresh_from_db()
    case = referral_child.case
    assert referral.status == ReferralStatus.ACCEPTED
    assert (case.child, case.category, case.status, case.assigned_officer) == (
        referral_child.child, Category.LEAVER_DESTINATION_UNKNOWN, Status.OPEN, priya)
    assert case.last_known_school == referral.school
    assert case.events.filter(kind=EventKind.REFERRAL, summary__contains=referral.reference).exists()
    assert referral.events.filter(kind=ReferralEventKind.DECISION, summary__contains=case.reference).exists()
    assert [e.subject for e in mail.outbox] == [f"We have accepted your referral – {referral.reference}"]


def test_accepting_joins_the_childs_open_case(priya, nadia_partner):
    case = CaseFactory(child__first_name="Kacper", child__last_name="Nowak")
    referral = ReferralFactory(referrer=nadia_partner, submitted=True)
    services.confirm_match(referral.children.get(), by=priya, child=case.child)
    services.accept_referral(referral, by=priya)
    assert referral.children.get().case == case
    assert Case.objects.filter(child=case.child).count() == 1
    assert case.events.filter(kind=EventKind.REFERRAL).count() == 1


def test_a_child_protection_concern_makes_the_case_act_today(priya, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True, answers={
        "child_protection_concern": True, "child_protection_details": "Disclosure in class"})
    referral_child = referral.children.get()
    services.create_child_from_referral(referral_child, by=priya)
    services.accept_referral(referral, by=priya, categories={referral_child.pk: Category.CME_OTHER})
    referral_child.refresh_from_db()
    assert referral_child.case.priority == Priority.ACT_TODAY


def test_a_referral_cannot_be_accepted_until_every_child_is_matched_or_created(client, priya, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True, children=[
        dict(first_name="Amelia", last_name="Nowak", date_of_birth=date(2015, 5, 4)),
        dict(first_name="Kacper", last_name="Nowak", date_of_birth=date(2017, 9, 1)),
    ])
    amelia = referral.children.get(first_name="Amelia")
    services.create_child_from_referral(amelia, by=priya)
    response = client.post(reverse("referrals:accept", args=[referral.pk]), {f"category_{amelia.pk}": "other"})
    assert "Match Kacper Nowak to a child’s record, or create a new record, first" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED
    assert not Case.objects.exists()


def test_asking_for_more_information_stops_the_clock_until_the_referrer_answers(
    client, priya, grace_at_oak, la_term_dates, time_machine, django_capture_on_commit_callbacks,
):
    time_machine.move_to(date(2026, 3, 2))
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    time_machine.move_to(date(2026, 3, 4))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("referrals:request_info", args=[referral.pk]),
                    {"message": "Which school did Kacper's sister move to?"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.INFO_REQUESTED and referral.paused_on == date(2026, 3, 4)
    assert mail.outbox[-1].to == [grace_at_oak.email]
    assert referral.reference not in queue_references(client)

    time_machine.move_to(date(2026, 3, 9))  # Monday: three school days later
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:my_referral", args=[referral.pk])).content.decode()
    assert "We need more information" in page and "Which school did Kacper&#x27;s sister move to?" in page
    client.post(reverse("referrals:my_referral", args=[referral.pk]), {"text": "Elm Academy, we think"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED and referral.paused_on is None
    from referrals import sla

    # 2 and 3 March counted; 5, 6 and 9 March spent waiting; so 2 school days.
    assert sla.school_days_open(referral, date(2026, 3, 9)) == 2
    client.force_login(priya)
    assert referral.reference in queue_references(client)
    assert "Elm Academy, we think" in client.get(reverse("referrals:referral_detail", args=[referral.pk])).content.decode()


def test_not_cme_says_why_and_where_it_went_and_tells_the_referrer(client, priya, grace_at_oak, django_capture_on_commit_callbacks):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    response = client.post(reverse("referrals:not_cme", args=[referral.pk]), {"reason": NotCmeReason.ON_ROLL_ELSEWHERE})
    assert "Enter where you have passed the referral to, or what the referrer should do" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("referrals:not_cme", args=[referral.pk]), {
            "reason": NotCmeReason.ON_ROLL_ELSEWHERE, "redirected_to": "On roll at Elm Academy since 3 March",
            "details": "Checked the Elm register with their admissions officer",
        })
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_CME
    [email] = mail.outbox
    assert "On roll at Elm Academy since 3 March" in email.body
    assert "Checked the Elm register" not in email.body  # the team's own notes stay with the team
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:my_referral", args=[referral.pk])).content.decode()
    assert "Not a CME case" in page and "On roll at Elm Academy since 3 March" in page
    assert "Checked the Elm register" not in page


def test_a_duplicate_is_linked_to_the_earlier_referral_and_its_case_hears_of_it(client, priya, grace_at_oak, nadia_partner):
    earlier = ReferralFactory(referrer=nadia_partner, accepted=True, by=priya)
    case = earlier.children.get().case
    later = ReferralFactory(referrer=grace_at_oak, submitted=True)
    response = client.post(reverse("referrals:duplicate", args=[later.pk]), {"reference": "CME-1999-00001"})
    assert "There is no referral with the reference CME-1999-00001" in response.content.decode()
    client.post(reverse("referrals:duplicate", args=[later.pk]), {"reference": earlier.reference.lower()})
    later.refresh_from_db()
    assert later.status == ReferralStatus.DUPLICATE and later.duplicate_of == earlier
    assert case.events.filter(kind=EventKind.REFERRAL, summary__contains=later.reference).exists()


def test_a_referral_cannot_duplicate_itself(priya, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    with pytest.raises(TransitionRefused) as refused:
        services.mark_duplicate(referral, by=priya, duplicate_of=referral)
    assert "cannot be a duplicate of itself" in refused.value.errors[0]


@pytest.mark.parametrize("role", [Role.SCHOOL_USER, Role.PARTNER, Role.ADMINISTRATOR, Role.REPORT_VIEWER])
def test_only_cme_officers_make_triage_decisions(role, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    with pytest.raises(TransitionRefused):
        services.decide_not_cme(referral, by=UserFactory(role=role), reason="other", redirected_to="Somewhere")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED


def test_accepting_a_referral_for_a_failed_to_track_child_tells_the_senior_officers_once(
    priya, sam_senior, nadia_partner, django_capture_on_commit_callbacks,
):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior,
                       child__first_name="Kacper", child__last_name="Nowak").child
    referral = ReferralFactory(referrer=nadia_partner, submitted=True)
    referral_child = referral.children.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_match(referral_child, by=priya, child=lost)  # a reappearance…
        services.accept_referral(referral, by=priya, categories={referral_child.pk: Category.CME_OTHER})
    notices = Notification.objects.filter(recipient=sam_senior, child=lost)
    assert notices.count() == 1  # …told once for this referral
    assert referral.reference in notices.get().message
    assert [m.subject for m in mail.outbox].count("A failed-to-track child has reappeared") == 1


def test_accepting_without_matching_first_still_raises_the_alert(priya, sam_senior, nadia_partner):
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=sam_senior).child
    referral = ReferralFactory(referrer=nadia_partner, submitted=True)
    referral_child = referral.children.get()
    referral_child.child = lost  # matched before this referral's alert hook existed, say
    referral_child.save()
    services.accept_referral(referral, by=priya, categories={referral_child.pk: Category.CME_OTHER})
    assert Notification.objects.filter(recipient=sam_senior, child=lost, message__contains="was accepted").exists()


def test_each_view_of_a_referral_page_is_in_the_access_log(client, priya, grace_at_oak):
    referral = ReferralFactory(referrer=grace_at_oak, accepted=True, by=priya)
    client.get(reverse("referrals:referral_detail", args=[referral.pk]))
    entry = AccessLog.objects.get(user=priya)
    assert (entry.object_type, entry.object_id, entry.child_id) == ("referral", str(referral.pk), referral.children.get().child_id)
    client.force_login(grace_at_oak)
    client.get(reverse("referrals:my_referral", args=[referral.pk]))
    assert AccessLog.objects.filter(user=grace_at_oak, object_id=str(referral.pk)).count() == 1


def test_a_matched_childs_record_gains_the_new_address_but_keeps_the_old(priya, nadia_partner):
    from tracking import services as tracking_services

    known = ChildFactory(first_name="Kacper", last_name="Nowak")
    tracking_services.add_address(known, by=priya, line_1="1 Old Street", postcode="SO14 1AA", lived_from=date(2020, 1, 1))
    referral = ReferralFactory(referrer=nadia_partner, submitted=True)
    referral_child = referral.children.get()
    services.confirm_match(referral_child, by=priya, child=known)
    services.accept_referral(referral, by=priya, categories={referral_child.pk: Category.CME_OTHER})
    addresses = {a.line_1: a for a in known.addresses.all()}
    assert set(addresses) == {"1 Old Street", "Flat 3, 8 Mill Lane"}
    assert addresses["1 Old Street"].lived_to is not None  # ended, never overwritten
    assert addresses["Flat 3, 8 Mill Lane"].is_current


def test_the_referral_page_costs_a_bounded_number_of_queries(client, priya, grace_at_oak, django_assert_max_num_queries):
    """Per child: its candidates (names, records, addresses, siblings), their alerts and cases;
    and the change history (its versions, and the names they refer to)."""
    for first in ("Amelia", "Kacper", "Zofia"):
        ChildFactory(first_name=first, last_name="Nowak")
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True, children=[
        dict(first_name=first, last_name="Nowak", date_of_birth=date(2015, 5, 4)) for first in ("Amelia", "Kacper", "Zofia")
    ])
    services.confirm_match(referral.children.get(first_name="Zofia"), by=priya,
                           child=ChildFactory(first_name="Zofia", last_name="Nowak"))
    with django_assert_max_num_queries(33):
        response = client.get(reverse("referrals:referral_detail", args=[referral.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("chosen", ["", "abc", "1 OR 1=1", "99999999", "²", "9" * 5000, "9" * 30])
def test_a_tampered_match_is_refused_without_an_error_page(client, priya, grace_at_oak, chosen):
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    referral_child = referral.children.get()
    response = client.post(reverse("referrals:match_child", args=[referral.pk, referral_child.pk]), {"child": chosen})
    assert response.status_code in (302, 404)
    referral_child.refresh_from_db()
    assert referral_child.child is None


def test_a_child_reported_missing_again_while_located_has_their_case_reopened(priya, grace_at_oak):
    """Kacper was recorded as located (home educated) but the case was not yet
    closed when a new referral says he is missing: accepting reopens the case,
    so he is counted and worked, and the referrer is not told he was found."""
    from tracking import workflow as tracking_workflow
    from tracking.models import Outcome, Status

    first = ReferralFactory(referrer=grace_at_oak, accepted=True, by=priya)
    case = first.children.get().case
    tracking_workflow.transition(case, "locate", priya, outcome=Outcome.EHE)
    again = ReferralFactory(referrer=grace_at_oak, submitted=True)
    services.confirm_match(again.children.get(), by=priya, child=case.child)
    workflow.transition(again, "accept", priya, categories={})
    case.refresh_from_db()
    assert case.status == Status.OPEN and case.outcome == ""
    assert again.children.get().case == case
    assert "missing education again" in case.events.filter(kind="status").first().text


def test_a_referral_cannot_join_a_case_awaiting_failed_to_track_sign_off(priya, grace_at_oak):
    from tracking.tests.factories import CaseFactory

    pending = CaseFactory(awaiting_sign_off=True)
    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    services.confirm_match(referral.children.get(), by=priya, child=pending.child)
    with pytest.raises(workflow.TransitionRefused, match="awaiting failed-to-track sign-off"):
        workflow.transition(referral, "accept", priya, categories={})
