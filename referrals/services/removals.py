"""Removal-from-roll requests: the school's draft, sending it, and the CME
officer's decision. Status changes go through ``referrals.workflow.removals``."""

from django.db import IntegrityError, transaction

from cme.accounts.models import User
from cme.schooldays.models import DeletionGround
from tracking import services as tracking_services
from tracking.models import SchoolMembership

from ..models import (
    ACTIONS, ATTENDANCE_ORDER_GROUNDS, NO_DESTINATION_GROUNDS, Destination, LocatedBecause, RemovalFromRollRequest,
    RemovalStatus,
)
from ..workflow import removals as workflow
from ..workflow.removals import TransitionRefused
from .common import ServiceError, checked_upn, email_sender

#: The answers a school gives (the request form writes these).
REMOVAL_FIELDS = frozenset({
    "first_name", "last_name", "date_of_birth", "upn", "year_group",
    "address_line_1", "address_line_2", "address_town", "address_postcode",
    "parent_name", "parent_relationship", "contact_phone",
    "ground", "absence_codes_confirmed", "leave_of_absence_end_date", "attendance_order_names_school",
    "last_attendance_date", "proposed_removal_date",
    "destination", "destination_school", "destination_la", "destination_country", "ehe_notice_date",
    "ehe_start_date",
    "new_address", "located_because", "evidence_details",
    "home_visit_outcome", "home_visit_date", "home_visit_details", "additional_comments",
    *(name for name, _ in ACTIONS),
})

#: The details that go with each destination; the rest are cleared when the destination changes.
DESTINATION_DETAIL = {
    Destination.NEW_SCHOOL: ("destination_school",),
    Destination.OTHER_LA: ("destination_la",),
    Destination.ABROAD: ("destination_country",),
    Destination.EHE: ("ehe_notice_date", "ehe_start_date"),
}
EMPTY = {"destination_school": None, "destination_la": "", "destination_country": "", "ehe_notice_date": None,
         "ehe_start_date": None}


def _their_school_ids(user):
    return set(SchoolMembership.objects.filter(user=user).values_list("school_id", flat=True))


def _check_can_edit(request, by):
    if request.status != RemovalStatus.DRAFT:
        raise ServiceError(f"Request {request.reference} has been sent and can no longer be changed")
    if request.school_id not in _their_school_ids(by):
        raise ServiceError("You can only change a request for a school you work at")


@transaction.atomic
def start_removal(*, by, school=None):
    """Start a draft request for one of the school user's schools (their only one by default)."""
    if not by.is_school_user:
        raise ServiceError("Only school staff ask to remove a pupil from roll")
    schools = _their_school_ids(by)
    school_id = getattr(school, "pk", school)
    if school_id is None and len(schools) == 1:
        school_id = next(iter(schools))
    if school_id is None:
        raise ServiceError("Select the school the pupil is on roll at")
    if school_id not in schools:
        raise ServiceError("You can only ask to remove a pupil from a school you work at")
    return RemovalFromRollRequest.objects.create(school_id=school_id, requested_by=by)


def _tidy(request):
    """Keep only the destination detail that goes with the destination chosen,
    only what the evidence needs, and only the answers the ground asks for.
    A ground with no destination (died, nursery, ceasing CSA) has none."""
    kind = request.ground.kind if request.ground_id else ""
    if kind in NO_DESTINATION_GROUNDS and request.destination == "":
        request.destination = Destination.NOT_APPLICABLE
    if request.destination == Destination.NOT_APPLICABLE:
        request.located_because = ""
    keep = DESTINATION_DETAIL.get(request.destination, ())
    for name, empty in EMPTY.items():
        if name not in keep:
            setattr(request, name, empty)
    if request.located_because != LocatedBecause.OTHER:
        request.evidence_details = ""
    if kind != DeletionGround.TWENTY_SCHOOL_DAYS:
        request.absence_codes_confirmed = False
    if kind != DeletionGround.LEAVE_OF_ABSENCE:
        request.leave_of_absence_end_date = None
    if kind not in ATTENDANCE_ORDER_GROUNDS:
        request.attendance_order_names_school = None


@transaction.atomic
def save_removal(request, *, by, **answers):
    """Keep the school's answers on the draft."""
    _check_can_edit(request, by)
    unknown = set(answers) - REMOVAL_FIELDS
    if unknown:
        raise ServiceError(f"A removal request does not ask for {', '.join(sorted(unknown))}")
    for field, value in checked_upn(answers).items():
        setattr(request, field, value.strip() if isinstance(value, str) else value)
    request.address_postcode = " ".join(request.address_postcode.upper().split())
    _tidy(request)
    request.save()
    return request


def email_school(request, subject, body):
    """E-mail the person who sent the request (never the pupil's name); if they
    have left the school or their account is closed, its other staff, so that
    a question or a decision never goes to nobody."""
    staff = User.objects.filter(is_active=True, school_memberships__school_id=request.school_id)
    sender = staff.filter(pk=request.requested_by_id).first()
    for person in [sender] if sender else staff.order_by("pk"):
        email_sender(request, to=person, page="referrals:removal_detail", see="See the request",
                     subject=subject, body=body)


@transaction.atomic
def send_removal(request, *, by, **answers):
    """Save the last answers and send the request to the CME team.

    Sending twice (a double click) finds it sent and changes nothing.
    """
    if request.status == RemovalStatus.SUBMITTED and request.school_id in _their_school_ids(by):
        return request
    save_removal(request, by=by, **answers)
    try:
        with transaction.atomic():
            workflow.transition(request, "submit", by)
    except IntegrityError:
        raise TransitionRefused(f"You have already asked to remove {request.pupil_name}: we will decide on that request")
    email_school(
        request, "We have received your request to remove a pupil from roll",
        f"Thank you. We received your request on {request.submitted_at:%-d %B %Y}. Its reference is "
        f"{request.reference}.\n\nA CME officer will decide whether the removal is lawful. Keep the pupil on "
        "roll until we tell you that you may delete them.",
    )
    return request


@transaction.atomic
def delete_removal_draft(request, *, by):
    _check_can_edit(request, by)
    request.delete()


def _lock(request):
    return RemovalFromRollRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def ask_school(request, *, by, question):
    """A CME officer asks the school a question about its request: the
    request waits for the school's answer, and the school is e-mailed to
    sign in and answer (the question is not in the e-mail: it may name the
    pupil). Asking twice (a double click) is refused, never sent twice."""
    workflow.transition(request, "request_info", by, message=question.strip())
    email_school(
        request, "We have a question about your request to remove a pupil from roll",
        "A CME officer needs more information before deciding whether the removal is lawful. Please sign in to "
        "read the question and answer it. Keep the pupil on roll until we tell you our decision.",
    )
    return request


@transaction.atomic
def answer_school_question(request, *, by, answer):
    """Staff of the school answer the CME team's question: the request goes
    back to the officers' queue, at the top, for a decision. Sending the same
    answer again (a double click) finds it sent and changes nothing."""
    answer = answer.strip()
    if _lock(request).status != RemovalStatus.INFO_REQUESTED:
        last = request.messages.order_by("-sent_at", "-id").first()
        if last is not None and not last.from_la and last.sender_id == by.pk and last.text == answer:
            return request
    return workflow.transition(request, "provide_info", by, answer=answer)


@transaction.atomic
def agree_removal(request, *, by, la_enquiries="", destination_confirmed=False, child=None, create_child=False,
                  message=""):
    """Lawful removal agreed. If the LA now holds the child (destination
    unknown or unconfirmed), their case is opened or joined.

    Agreeing again (a double click, a second officer) changes nothing and
    opens no second case.
    """
    if _lock(request).status == RemovalStatus.AGREED:
        request.refresh_from_db()
        return request
    try:
        workflow.transition(
            request, "agree", by, la_enquiries=la_enquiries, destination_confirmed=destination_confirmed,
            child=child, create_child=create_child, message=message,
        )
    except (ServiceError, tracking_services.ServiceError) as error:
        raise TransitionRefused(str(error))
    email_school(
        request, "Removal from roll agreed",
        f"A CME officer has agreed that the pupil may be removed from your roll on {request.removal_date:%-d %B %Y} "
        "or later, never earlier. Please sign in to see the decision and the Common Transfer File destination to use.",
    )
    return request


@transaction.atomic
def decide_not_lawful(request, *, by, reason):
    """Not lawful: the pupil remains on roll, and the school is told why."""
    workflow.transition(request, "not_lawful", by, reason=reason.strip())
    email_school(
        request, "Removal from roll not agreed",
        "A CME officer has decided that the pupil cannot lawfully be removed from your roll yet, so they "
        "remain on roll. Please sign in to see why and what to do next.",
    )
    return request
