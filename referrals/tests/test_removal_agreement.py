"""What agreeing a removal from roll does, as the legal review found it must.

Grace at Oak Primary asks; Priya (CME officer) agrees. The school is told a
removal date that is never in the past on the day of the decision, and the
child's enrolment and the Lost Pupil Database date follow it; the rules are
checked again on the day of the decision; a ground with no destination
(died, nursery, ceasing CSA) opens no case; a permanently excluded pupil's
case is a "permanently excluded" case; a child whose case was located but
not closed gets that case reopened, not quietly joined.
"""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cme.schooldays.deadlines import lost_pupil_ctf_due
from cme.schooldays.models import DeletionGround
from cme.schooldays.selectors import calendar_for
from referrals import services
from referrals.models import Destination, RemovalStatus
from referrals.tests.factories import RemovalRequestFactory, ground, removal_answers, unknown_destination_answers
from referrals.workflow.removals import TransitionRefused
from tracking import workflow as tracking_workflow
from tracking.models import Case, Category, Enrolment, EventKind, Outcome, Status
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db

SENT_ON = date(2026, 11, 2)  # a Monday in the autumn term
DECIDED_ON = date(2026, 11, 20)  # a Friday, eighteen days later

BEA = dict(first_name="Bea", last_name="Kowalczyk", date_of_birth=date(2014, 2, 3))


def sent(grace, time_machine, answers):
    time_machine.move_to(SENT_ON)
    return RemovalRequestFactory(requested_by=grace, submitted=True, answers=answers())


# --- 1. the removal date is never in the past when the school is told it ---------------

def test_agreed_18_days_late_grace_is_told_she_may_delete_amelia_from_the_decision_day_not_the_proposed_one(
    client, grace_at_oak, priya_officer, harbour_academy, deletion_grounds, la_term_dates, time_machine,
    django_capture_on_commit_callbacks,
):
    amelia = sent(grace_at_oak, time_machine, lambda: removal_answers(harbour_academy, proposed_removal_date=SENT_ON))
    time_machine.move_to(DECIDED_ON)
    with django_capture_on_commit_callbacks(execute=True):
        services.agree_removal(amelia, by=priya_officer)
    amelia.refresh_from_db()
    assert amelia.proposed_removal_date == SENT_ON and amelia.removal_date == DECIDED_ON

    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_detail", args=[amelia.pk])).content.decode()
    assert "you may delete Amelia Nowak from the admission register on 20 November 2026 or later" in page
    assert "The proposed date, 2 November 2026, had passed when we decided: a removal cannot be back-dated." in page
    assert "on 2 November 2026 or later" not in page
    dashboard = client.get(reverse("referrals:school_dashboard")).content.decode()
    assert "Delete from roll on 20 Nov 2026 or later; CTF destination <strong>8524102</strong>" in dashboard
    [email] = mail.outbox
    assert "may be removed from your roll on 20 November 2026 or later, never earlier" in email.body


def test_the_lost_pupil_ctf_date_and_bea_s_enrolment_follow_the_agreed_removal_date(
    client, grace_at_oak, priya_officer, oak_primary, deletion_grounds, la_term_dates, time_machine
):
    bea = sent(grace_at_oak, time_machine, lambda: unknown_destination_answers(**BEA, proposed_removal_date=SENT_ON))
    time_machine.move_to(DECIDED_ON)
    services.agree_removal(bea, by=priya_officer, create_child=True, la_enquiries="Child health: no trace.")
    [enrolment] = bea.child.enrolments.all()
    assert enrolment.school == oak_primary and enrolment.on_roll_to == DECIDED_ON

    due = lost_pupil_ctf_due(DECIDED_ON, calendar_for(oak_primary))
    assert due == date(2026, 12, 11)  # 15 school days after 20 November
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_detail", args=[bea.pk])).content.decode()
    assert "by 11 December 2026" in page
    case_text = bea.case.events.get(kind=EventKind.REMOVAL).text
    assert "removal from 20 November 2026" in case_text


def test_a_removal_date_still_to_come_is_kept(grace_at_oak, priya_officer, harbour_academy, deletion_grounds,
                                              time_machine):
    later = date(2026, 11, 27)
    amelia = sent(grace_at_oak, time_machine, lambda: removal_answers(harbour_academy, proposed_removal_date=later))
    time_machine.move_to(DECIDED_ON)
    services.agree_removal(amelia, by=priya_officer)
    assert amelia.removal_date == later


# --- 1. the rules again on the day of the decision ---------------------------------

def test_priya_cannot_agree_once_the_new_school_has_closed_and_is_told_why(
    client, grace_at_oak, priya_officer, harbour_academy, deletion_grounds
):
    amelia = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)
    harbour_academy.status = "Closed"
    harbour_academy.save()
    client.force_login(priya_officer)
    response = client.post(reverse("referrals:removal_agree", args=[amelia.pk]), {"message": ""})
    assert response.status_code == 200
    assert ("This request cannot be agreed as it stands: Harbour Academy (URN 116302) is closed. Enter the school "
            "the pupil is registered at now. Decide that it is not lawful and tell the school what to change"
            in response.content.decode())
    amelia.refresh_from_db()
    assert amelia.status == RemovalStatus.SUBMITTED and amelia.removal_date is None


def test_priya_cannot_agree_under_a_ground_switched_off_since_the_request_was_sent(
    grace_at_oak, priya_officer, harbour_academy, deletion_grounds
):
    amelia = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)
    DeletionGround.objects.filter(kind=DeletionGround.REGISTERED_ELSEWHERE).update(is_active=False)
    with pytest.raises(TransitionRefused) as refused:
        services.agree_removal(amelia, by=priya_officer)
    assert refused.value.errors == [
        "This request cannot be agreed as it stands: The ground ‘Registered at another school’ is no longer used: "
        "select another. Decide that it is not lawful and tell the school what to change"]


# --- 2. grounds with no destination open no case; (o) opens an exclusion case --------------

@pytest.mark.parametrize("kind", ["died", "over-compulsory-school-age", "nursery-not-moving-to-reception"])
def test_a_ground_with_no_destination_is_agreed_without_a_case_or_a_lost_pupil_ctf(
    kind, client, grace_at_oak, priya_officer, deletion_grounds
):
    """Grace tells us a pupil has died (or is leaving nursery, or compulsory
    schooling): no destination, no enquiries, no home visit, and nobody to look for."""
    answers = removal_answers(ground=ground(kind), destination="", located_because="", **BEA)
    removal = RemovalRequestFactory(requested_by=grace_at_oak, answers=answers, submitted=True)
    assert removal.destination == Destination.NOT_APPLICABLE and removal.attendance_order_names_school is None

    client.force_login(priya_officer)
    url = reverse("referrals:removal_agree", args=[removal.pk])
    form = client.get(url).content.decode()
    assert "This ground has no destination, so no CME case opens." in form
    assert "None of these: create a new record" not in form
    assert client.post(url, {"message": ""}).status_code == 302

    removal.refresh_from_db()
    assert removal.status == RemovalStatus.AGREED and not removal.la_holds_case and removal.case is None
    assert removal.ctf_destination == "" and Case.objects.count() == 0
    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_detail", args=[removal.pk])).content.decode()
    assert "XXXXXXX" not in page and "the CME team now holds the case" not in page
    assert "the pupil does not go to the Lost Pupil Database" in page


def test_a_permanently_excluded_pupil_nobody_can_find_gets_a_permanently_excluded_case(
    grace_at_oak, priya_officer, deletion_grounds
):
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(
        ground=ground("permanently-excluded"), **BEA))
    services.agree_removal(removal, by=priya_officer, create_child=True)
    assert removal.case.category == Category.PERMANENTLY_EXCLUDED


def test_the_decision_page_names_the_case_the_ground_opens(client, priya_officer, grace_at_oak, deletion_grounds):
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(
        ground=ground("permanently-excluded"), **BEA))
    client.force_login(priya_officer)
    page = client.get(reverse("referrals:removal_agree", args=[removal.pk])).content.decode()
    assert "so a “permanently excluded, without provision” case opens" in page


# --- 6. a located case that is not closed is reopened, not quietly joined -------------------

def test_bea_s_located_case_is_reopened_when_her_school_loses_her_again(
    client, grace_at_oak, priya_officer, oak_primary, deletion_grounds
):
    """Bea was found at Oak Primary; her case is located but not yet closed.
    Oak now removes her with nowhere known: the case opens again."""
    child = ChildFactory(**BEA)
    case = CaseFactory(child=child, located=True, located__outcome=Outcome.OTHER_LA)
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(**BEA))

    client.force_login(priya_officer)
    url = reverse("referrals:removal_agree", args=[removal.pk])
    form = client.get(url).content.decode()
    assert f"Located case {case.reference}, not yet closed: agreeing reopens it" in form
    assert f"open case {case.reference}" not in form
    assert client.post(url, {"child": str(child.pk), "la_enquiries": ""}).status_code == 302

    case.refresh_from_db()
    removal.refresh_from_db()
    assert case.status == Status.OPEN and case.outcome == "" and removal.case == case
    reopened = case.events.get(kind=EventKind.STATUS, status_after=Status.OPEN)
    assert removal.reference in reopened.text and "nobody has confirmed where they have gone" in reopened.text
    assert removal.events.get(kind="case").summary.startswith(f"Added to the open CME case, {case.reference}")


def test_bea_s_enrolment_at_oak_ends_on_the_removal_date_before_her_located_case_reopens(
    grace_at_oak, priya_officer, oak_primary, deletion_grounds
):
    """Bea was located as enrolled at Oak: that enrolment was real, so it ends
    on the removal date (reopening the case does not delete it as a mistake),
    and her stay at Oak years ago is left as it was."""
    child = ChildFactory(**BEA)
    case = CaseFactory(child=child)
    tracking_workflow.transition(case, "locate", priya_officer, outcome=Outcome.ENROLLED, school=oak_primary,
                                 details="Oak Primary confirmed she started")
    earlier = Enrolment.objects.create(child=child, school=oak_primary, on_roll_from=date(2019, 9, 4),
                                       on_roll_to=date(2020, 7, 22), leaving_reason="Moved away")
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(**BEA))
    services.agree_removal(removal, by=priya_officer, child=child)

    case.refresh_from_db()
    assert case.status == Status.OPEN
    current = child.enrolments.get(on_roll_from=timezone.localdate())
    assert current.on_roll_to == removal.removal_date
    assert current.leaving_reason == "Moved and no longer reasonably able to attend"
    earlier.refresh_from_db()
    assert earlier.on_roll_to == date(2020, 7, 22) and earlier.leaving_reason == "Moved away"
    assert child.enrolments.count() == 2  # no second period added for the same stay


def test_an_agreed_removal_ends_the_enrolment_already_on_bea_s_record(
    grace_at_oak, priya_officer, oak_primary, deletion_grounds
):
    child = ChildFactory(**BEA)
    Enrolment.objects.create(child=child, school=oak_primary, on_roll_from=date(2022, 9, 5))
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(**BEA))
    services.agree_removal(removal, by=priya_officer, child=child)
    [enrolment] = child.enrolments.all()
    assert enrolment.on_roll_from == date(2022, 9, 5) and enrolment.on_roll_to == removal.removal_date


def test_a_case_waiting_for_failed_to_track_sign_off_is_not_joined(grace_at_oak, priya_officer, deletion_grounds):
    child = ChildFactory(**BEA)
    case = CaseFactory(child=child, awaiting_sign_off=True)
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(**BEA))
    with pytest.raises(TransitionRefused) as refused:
        services.agree_removal(removal, by=priya_officer, child=child)
    assert refused.value.errors == [
        f"Bea Kowalczyk’s case {case.reference} is waiting for failed-to-track sign-off: a senior officer must "
        "return it to open before this request can join it"]


def test_a_request_sent_before_the_attendance_order_question_existed_can_still_be_agreed(
    grace_at_oak, priya_officer, harbour_academy, deletion_grounds
):
    """Sent before the question was asked: the answer is empty, and agreeing does not demand it."""
    from referrals.models import RemovalFromRollRequest

    amelia = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)
    RemovalFromRollRequest.objects.filter(pk=amelia.pk).update(attendance_order_names_school=None)
    amelia.refresh_from_db()
    services.agree_removal(amelia, by=priya_officer)
    assert amelia.status == RemovalStatus.AGREED
