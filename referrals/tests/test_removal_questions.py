"""Before deciding, Priya (CME officer) asks Oak Primary a question about its
request to remove Amelia from roll; Grace, Oak's attendance lead, answers.

Southampton CME policy 2021: "the CME Officer follows up cases directly with
schools when sufficient information has not been provided to satisfy us that
the child has been removed from roll lawfully, or their forwarding
destination is not known." While the question is open the officer cannot ask
another, but may still decide, which closes it; the answer brings the request
back to the top of the officers' queue. Only
Oak's staff read or answer Oak's question; the school never sees the LA's
timeline.
"""

import json
from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals import services
from referrals.models import RemovalEventKind, RemovalFromRollRequest, RemovalMessage, RemovalStatus
from referrals.tests.factories import RemovalRequestFactory, removal_answers, unknown_destination_answers
from referrals.workflow.removals import TransitionRefused

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
QUESTION = "Has Harbour Academy confirmed in writing that Amelia is on its roll? A phone call is not enough."
ANSWER = "Yes: Harbour's admissions officer e-mailed us on Monday. Amelia started there on 2 March."


@pytest.fixture
def amelia(grace_at_oak, harbour_academy, deletion_grounds):
    return RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy), submitted=True)


@pytest.fixture
def asked(amelia, priya_officer):
    """Priya has asked Oak her question about Amelia."""
    return services.ask_school(amelia, by=priya_officer, question=QUESTION)


def _page(client, user, name, removal=None):
    client.force_login(user)
    return client.get(reverse(f"referrals:{name}", args=[removal.pk] if removal else None)).content.decode()


def test_priya_asks_grace_is_emailed_answers_from_her_dashboard_and_priya_agrees(
    client, grace_at_oak, mark_at_elm, priya_officer, harbour_academy, deletion_grounds, la_term_dates, time_machine,
    django_capture_on_commit_callbacks,
):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON))
    elms = RemovalRequestFactory(requested_by=mark_at_elm, submitted=True, answers=removal_answers(
        harbour_academy, first_name="Hodan", last_name="Farah"))
    time_machine.move_to(datetime(2026, 3, 3, 9, 0, tzinfo=LONDON))
    amelia = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy),
                                   submitted=True)

    # Wednesday 4 March: Priya is not satisfied by a phone call, and asks.
    time_machine.move_to(datetime(2026, 3, 4, 10, 0, tzinfo=LONDON))
    client.force_login(priya_officer)
    form = client.get(reverse("referrals:removal_ask", args=[amelia.pk])).content.decode()
    assert "Ask the school a question" in form and "What do you need to know?" in form
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("referrals:removal_ask", args=[amelia.pk]), {"message": QUESTION})
    assert response["Location"] == reverse("referrals:removal_detail", args=[amelia.pk])
    amelia.refresh_from_db()
    assert amelia.status == RemovalStatus.INFO_REQUESTED

    [email] = mail.outbox
    assert email.to == [grace_at_oak.email] and amelia.reference in email.subject
    assert "We have a question about your request" in email.subject
    assert "Amelia" not in email.body and "Harbour" not in email.body  # neither the pupil nor the question
    assert reverse("referrals:removal_detail", args=[amelia.pk]) in email.body

    # Monday 9 March: the queue says who Priya is waiting for, and for how long.
    time_machine.move_to(datetime(2026, 3, 9, 9, 0, tzinfo=LONDON))
    queue = _page(client, priya_officer, "removal_queue").split('id="waiting-for-schools"')
    assert amelia.reference not in queue[0]  # not in "waiting for a decision"
    waiting = queue[1]
    assert "Waiting for the school to answer (1)" in waiting and "Waiting for the school" in waiting
    assert "4 Mar 2026" in waiting
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in waiting  # 5, 6 and 9 March

    # Grace sees the question on her dashboard, and answers it there.
    dashboard = _page(client, grace_at_oak, "school_dashboard")
    assert (f"We have asked a question about your request {amelia.reference} to remove Amelia Nowak from roll"
            in dashboard)
    assert "Has Harbour Academy confirmed in writing that Amelia is on its roll?" in dashboard
    assert f'action="{reverse("referrals:removal_answer", args=[amelia.pk])}"' in dashboard
    assert "Answer our question" in dashboard  # and in the requests table
    request_page = _page(client, grace_at_oak, "removal_detail", amelia)
    assert "We need more information before we can decide" in request_page and QUESTION[:40] in request_page
    assert "Send your answer" in request_page
    response = client.post(reverse("referrals:removal_answer", args=[amelia.pk]), {"answer": ANSWER})
    assert response["Location"] == reverse("referrals:removal_detail", args=[amelia.pk])
    amelia.refresh_from_db()
    assert amelia.status == RemovalStatus.SUBMITTED
    after = client.get(response["Location"]).content.decode()
    assert "Thank you. Your answer has been sent to the CME team." in after
    assert "Timeline" not in after and "Question asked of" not in after  # the LA's timeline is the LA's
    assert "Send your answer" not in after

    # Priya: the answer is on the request, which is back at the top of her queue.
    queue = _page(client, priya_officer, "removal_queue")
    assert queue.index(amelia.reference) < queue.index(elms.reference)
    assert "The school answered" in queue and "Waiting for the school to answer" not in queue
    officer_page = _page(client, priya_officer, "removal_detail", amelia)
    assert officer_page.index("Has Harbour Academy confirmed") < officer_page.index("Harbour&#x27;s admissions officer")
    assert "Grace Adeyemi" in officer_page and "Priya Shah, CME team" in officer_page
    assert "Agree: lawful removal" in officer_page
    events = {e.summary: e for e in amelia.events.filter(kind=RemovalEventKind.MESSAGE)}
    assert events["Question asked of Oak Primary School"].text == QUESTION
    assert events["Question asked of Oak Primary School"].created_by == priya_officer
    assert events["Oak Primary School answered the question"].text == ANSWER
    assert events["Oak Primary School answered the question"].status_after == RemovalStatus.SUBMITTED

    services.agree_removal(amelia, by=priya_officer, message="Thank you: Harbour's e-mail is enough.")
    assert amelia.status == RemovalStatus.AGREED and amelia.ctf_destination == "8524102"


def test_mark_at_elm_can_neither_read_nor_answer_oaks_question(client, mark_at_elm, asked):
    client.force_login(mark_at_elm)
    assert client.get(reverse("referrals:removal_detail", args=[asked.pk])).status_code == 404
    assert client.post(reverse("referrals:removal_answer", args=[asked.pk]), {"answer": "It's me"}).status_code == 404
    assert "Harbour Academy confirmed" not in client.get(reverse("referrals:school_dashboard")).content.decode()
    with pytest.raises(TransitionRefused) as refused:
        services.answer_school_question(asked, by=mark_at_elm, answer="It's me")
    assert refused.value.errors == [
        "Only staff of Oak Primary School can answer the CME team’s question about this request"]
    asked.refresh_from_db()
    assert asked.status == RemovalStatus.INFO_REQUESTED
    assert list(asked.messages.values_list("from_la", flat=True)) == [True]


@pytest.mark.parametrize("person", ["nadia_partner", "raj_viewer"])
def test_partners_and_report_viewers_get_a_404_at_the_question_pages(client, asked, person, request):
    client.force_login(request.getfixturevalue(person))
    for name in ("removal_detail", "removal_ask", "removal_answer"):
        url = reverse(f"referrals:{name}", args=[asked.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"answer": "x", "message": "x"}).status_code == 404, name
    assert RemovalMessage.objects.count() == 1


def test_grace_is_told_there_is_no_question_to_answer_when_none_is_open(client, grace_at_oak, priya_officer, amelia):
    with pytest.raises(TransitionRefused) as refused:
        services.answer_school_question(amelia, by=grace_at_oak, answer=ANSWER)
    assert refused.value.errors == [
        f"There is no question to answer on request {amelia.reference}: the CME team has not asked one, or your "
        "school has already answered it"]

    client.force_login(grace_at_oak)
    response = client.post(reverse("referrals:removal_answer", args=[amelia.pk]), {"answer": ANSWER}, follow=True)
    assert "There is no question to answer on request" in response.content.decode()
    assert not RemovalMessage.objects.exists() and amelia.events.filter(kind=RemovalEventKind.MESSAGE).count() == 0

    services.decide_not_lawful(amelia, by=priya_officer, reason="Harbour has no record of Amelia.")
    with pytest.raises(TransitionRefused) as refused:
        services.answer_school_question(amelia, by=grace_at_oak, answer=ANSWER)
    assert refused.value.errors == [
        f"The CME team has already decided on request {amelia.reference}, so there is no question to answer. "
        "See the decision on the request’s page"]


def test_priya_cannot_ask_again_while_the_school_has_a_question_to_answer(client, priya_officer, asked):
    waiting = ("You are waiting for Oak Primary School to answer the question asked on "
               f"{asked.messages.get().sent_at:%-d %B %Y}: you can ask another question once they answer, or "
               "decide on the request now")
    with pytest.raises(TransitionRefused) as refused:
        services.ask_school(asked, by=priya_officer, question="And another thing?")
    assert refused.value.errors == [waiting]

    client.force_login(priya_officer)
    page = client.get(reverse("referrals:removal_detail", args=[asked.pk])).content.decode()
    assert "Waiting for Oak Primary School to answer the question Priya Shah asked on" in page
    assert reverse("referrals:removal_ask", args=[asked.pk]) not in page  # no button to ask again
    response = client.post(reverse("referrals:removal_ask", args=[asked.pk]), {"message": "Again?"}, follow=True)
    assert waiting in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == RemovalStatus.INFO_REQUESTED and asked.messages.count() == 1


def test_a_school_that_never_answers_does_not_hold_the_decision_up(client, priya_officer, grace_at_oak, asked):
    """Priya gets Oak's answer by phone and decides; the question closes and
    Oak sees the decision, not a question it can still answer."""
    asked_on = f"{asked.messages.get().sent_at:%-d %B %Y}"
    client.force_login(priya_officer)
    detail = client.get(reverse("referrals:removal_detail", args=[asked.pk])).content.decode()
    assert reverse("referrals:removal_not_lawful", args=[asked.pk]) in detail
    assert reverse("referrals:removal_agree", args=[asked.pk]) in detail
    form = client.get(reverse("referrals:removal_not_lawful", args=[asked.pk])).content.decode()
    assert f"Oak Primary School has not answered the question asked on {asked_on}" in form

    client.post(reverse("referrals:removal_not_lawful", args=[asked.pk]),
                {"reason": "Harbour Academy told us by phone that Amelia has not started there."})
    asked.refresh_from_db()
    assert asked.status == RemovalStatus.NOT_LAWFUL and asked.decided_by == priya_officer
    decision = asked.events.filter(kind=RemovalEventKind.DECISION).get()
    assert decision.text.startswith(f"Decided without Oak Primary School’s answer to the question asked on "
                                    f"{asked_on}; the question is closed.")

    client.force_login(grace_at_oak)
    page = client.get(reverse("referrals:removal_detail", args=[asked.pk])).content.decode()
    assert "Harbour Academy told us by phone" in page
    assert reverse("referrals:removal_answer", args=[asked.pk]) not in page  # nothing left to answer
    dashboard = client.get(reverse("referrals:school_dashboard")).content.decode()
    assert QUESTION not in dashboard


def test_if_grace_has_left_oak_her_colleagues_are_emailed_the_question(
    grace_at_oak, oak_primary, mark_at_elm, priya_officer, amelia, django_capture_on_commit_callbacks,
):
    from tracking.tests.factories import SchoolMembershipFactory

    colleague = SchoolMembershipFactory(school=oak_primary, user__first_name="Ola").user
    SchoolMembershipFactory(school=oak_primary, user__is_active=False)  # an account that was closed
    # While Grace is at Oak, only she is e-mailed.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_school(amelia, by=priya_officer, question=QUESTION)
    assert [email.to for email in mail.outbox] == [[grace_at_oak.email]]
    services.answer_school_question(amelia, by=grace_at_oak, answer=ANSWER)

    # Grace moves on: her account is closed. Her colleague at Oak gets the next question; Elm hears nothing.
    grace_at_oak.is_active = False
    grace_at_oak.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_school(amelia, by=priya_officer, question="And the start date?")
    assert [email.to for email in mail.outbox] == [[colleague.email]]


def test_a_question_and_an_answer_must_say_something(client, grace_at_oak, priya_officer, amelia):
    client.force_login(priya_officer)
    page = client.post(reverse("referrals:removal_ask", args=[amelia.pk]), {"message": "  "}).content.decode()
    assert "There is a problem" in page and "Enter your question for the school" in page
    with pytest.raises(TransitionRefused, match="Enter your question for the school"):
        services.ask_school(amelia, by=priya_officer, question="   ")
    amelia.refresh_from_db()
    assert amelia.status == RemovalStatus.SUBMITTED and not mail.outbox

    services.ask_school(amelia, by=priya_officer, question=QUESTION)
    client.force_login(grace_at_oak)
    page = client.post(reverse("referrals:removal_answer", args=[amelia.pk]), {"answer": ""}).content.decode()
    assert "There is a problem" in page and "Enter your answer to the CME team’s question" in page
    assert "Send your answer" in page  # the form is still there to answer
    amelia.refresh_from_db()
    assert amelia.status == RemovalStatus.INFO_REQUESTED



def test_100000_characters_are_refused_in_plain_words_and_kept_to_shorten(client, grace_at_oak, priya_officer, amelia):
    client.force_login(priya_officer)
    too_long = "Where did the family go? " * 4000  # 100,000 characters, pasted
    page = client.post(reverse("referrals:removal_ask", args=[amelia.pk]), {"message": too_long}).content.decode()
    assert '<a href="#id_message">Your question must be 5,000 characters or fewer</a>' in page
    assert "Ensure this value" not in page and too_long.strip() in page
    assert "You can enter up to 5,000 characters" in page

    services.ask_school(amelia, by=priya_officer, question=QUESTION)
    client.force_login(grace_at_oak)
    page = client.post(reverse("referrals:removal_answer", args=[amelia.pk]), {"answer": too_long}).content.decode()
    assert '<a href="#id_answer">Your answer must be 5,000 characters or fewer</a>' in page
    assert "<title>Error: " in page and too_long.strip() in page
    amelia.refresh_from_db()
    assert amelia.status == RemovalStatus.INFO_REQUESTED and amelia.messages.count() == 1

def test_only_cme_officers_ask_the_school(alex_admin, grace_at_oak, amelia):
    for person in (alex_admin, grace_at_oak):
        with pytest.raises(TransitionRefused) as refused:
            services.ask_school(amelia, by=person, question=QUESTION)
        assert refused.value.errors == ["Only a CME officer can ask the school a question about its request"]
    assert not RemovalMessage.objects.exists()


def test_a_double_click_on_ask_sends_one_question_and_one_email(
    client, priya_officer, amelia, django_capture_on_commit_callbacks
):
    client.force_login(priya_officer)
    url = reverse("referrals:removal_ask", args=[amelia.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"message": QUESTION})
        second = client.post(url, {"message": QUESTION})
    assert first.status_code == second.status_code == 302
    assert amelia.messages.count() == 1 and len(mail.outbox) == 1


def test_a_double_click_on_send_your_answer_sends_one_answer(grace_at_oak, asked):
    services.answer_school_question(asked, by=grace_at_oak, answer=ANSWER)
    services.answer_school_question(asked, by=grace_at_oak, answer=ANSWER)  # the second click: no error
    assert list(asked.messages.values_list("from_la", "text")) == [(True, QUESTION), (False, ANSWER)]
    assert asked.events.filter(kind=RemovalEventKind.MESSAGE).count() == 2
    # A different answer, or a colleague's, once the question is answered, is still refused with why.
    with pytest.raises(TransitionRefused):
        services.answer_school_question(asked, by=grace_at_oak, answer="And another thing")


def test_grace_cannot_send_amelia_again_while_our_question_waits(grace_at_oak, harbour_academy, asked):
    again = RemovalRequestFactory(requested_by=grace_at_oak, answers=removal_answers(harbour_academy))
    with pytest.raises(TransitionRefused) as refused:
        services.send_removal(again, by=grace_at_oak)
    assert refused.value.errors == [
        f"You have already asked to remove Amelia Nowak ({asked.reference}): we will decide on that request"]


def test_the_question_and_answer_go_in_the_childs_subject_access_export(
    client, grace_at_oak, priya_officer, sam_senior, deletion_grounds
):
    bea = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=unknown_destination_answers(
        first_name="Bea", last_name="Kowalczyk"))
    services.ask_school(bea, by=priya_officer, question="Did a neighbour say where the family went?")
    services.answer_school_question(bea, by=grace_at_oak, answer="To Leeds, she thinks.")
    services.agree_removal(bea, by=priya_officer, create_child=True)
    client.force_login(sam_senior)
    data = json.loads(client.get(reverse("tracking:child_export", args=[bea.child.pk, "json"])).content)
    section = next(s for s in data["sections"]
                   if s["title"] == f"Removal from roll request {bea.reference}: questions and answers")
    assert [(row["From the LA"], row["Text"]) for row in section["rows"]] == [
        ("yes", "Did a neighbour say where the family went?"), ("no", "To Leeds, she thinks.")]


# --- the rule, for any order of moves ------------------------------------------------

_answers = count()
MOVES = {
    "ask": lambda removal, people: services.ask_school(removal, by=people["officer"], question="Where is she?"),
    # A different answer each time: the same answer again is a double click (see above).
    "answer": lambda removal, people: services.answer_school_question(
        removal, by=people["school"], answer=f"Leeds, {next(_answers)}"),
    "agree": lambda removal, people: services.agree_removal(removal, by=people["officer"]),
    "not_lawful": lambda removal, people: services.decide_not_lawful(removal, by=people["officer"], reason="No"),
}
#: The table, as the policy states it: from each state, which move goes where.
EXPECTED = {
    RemovalStatus.SUBMITTED: {"ask": RemovalStatus.INFO_REQUESTED, "agree": RemovalStatus.AGREED,
                              "not_lawful": RemovalStatus.NOT_LAWFUL},
    RemovalStatus.INFO_REQUESTED: {"answer": RemovalStatus.SUBMITTED, "agree": RemovalStatus.AGREED,
                                   "not_lawful": RemovalStatus.NOT_LAWFUL},
}
_pupils = count()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.sampled_from(sorted(MOVES)), max_size=7))
def test_whatever_order_they_try_the_moves_follow_the_table_and_a_decision_closes_the_question(
    grace_at_oak, priya_officer, harbour_academy, deletion_grounds, moves
):
    removal = RemovalRequestFactory(requested_by=grace_at_oak, submitted=True, answers=removal_answers(
        harbour_academy, first_name=f"Pupil{next(_pupils)}"))
    people = {"officer": priya_officer, "school": grace_at_oak}
    state, questions, answers = RemovalStatus.SUBMITTED, 0, 0
    for move in moves:
        expected = EXPECTED.get(state, {}).get(move)
        if move == "agree" and state == RemovalStatus.AGREED:
            expected = RemovalStatus.AGREED  # agreeing again changes nothing (a double click)
        try:
            MOVES[move](removal, people)
        except TransitionRefused as refused:
            assert expected is None, (move, state, refused.errors)
            assert refused.errors and all(error.strip() for error in refused.errors)
        else:
            assert expected is not None, (move, state)
            questions += move == "ask"
            answers += move == "answer"
            state = expected
        removal.refresh_from_db()
        assert removal.status == state
    thread = list(removal.messages.values_list("from_la", flat=True))
    assert thread == [True, False] * answers + [True] * (questions - answers)  # a question, then its answer
    assert removal.events.filter(kind=RemovalEventKind.MESSAGE).count() == questions + answers
    assert RemovalFromRollRequest.objects.filter(pk=removal.pk, status=RemovalStatus.INFO_REQUESTED,
                                                 decided_at__isnull=False).count() == 0
