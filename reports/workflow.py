"""The monthly return's status workflow: draft ──publish──▶ published.

A published return never changes; a correction is a new version (see
``services.generate_return``). ``transition(monthly_return, name, by, **details)``
is the only way the status changes; it records the event in the same
transaction.
"""

from django.utils import timezone

from cme.accounts.models import Role
from cme.workflow import Transition, TransitionRefused, Workflow  # noqa: F401

from .models import MonthlyReturn, MonthlyReturnEvent, ReturnStatus

#: Managers: senior officers (heads of service) and administrators.
MANAGERS = frozenset({Role.SENIOR_OFFICER, Role.ADMINISTRATOR})


def _check_documents(monthly_return, by, details):
    if not (monthly_return.pdf and monthly_return.csv):
        return ["The PDF and CSV of this return have not been made yet: generate it again, then publish"]
    return []


def _published(monthly_return, by, details):
    monthly_return.published_by = by
    monthly_return.published_at = details.get("at") or timezone.now()
    # The published PDF and CSV, without the draft marking, are made by the
    # service inside the same transaction (``services.publish_return``).
    make_documents = details.get("make_documents")
    if make_documents:
        make_documents(monthly_return)


RETURN_WORKFLOW = Workflow(
    model=MonthlyReturn,
    labels=dict(ReturnStatus.choices),
    transitions=[
        Transition(
            name="publish", source=(ReturnStatus.DRAFT,), target=ReturnStatus.PUBLISHED,
            action="Publish the return", roles=MANAGERS,
            roles_message="Only a senior CME officer, manager or administrator can publish a return",
            guard=_check_documents, effect=_published,
        ),
    ],
)


def _record(monthly_return, previous, transition, by, details):
    MonthlyReturnEvent.objects.create(
        monthly_return=monthly_return, kind=MonthlyReturnEvent.Kind.PUBLISHED, occurred_at=monthly_return.published_at,
        by=by, summary=f"{transition.action}: now {ReturnStatus(monthly_return.status).label.lower()}",
        data={"from": previous, "to": monthly_return.status, "version": monthly_return.version},
    )


def transition(monthly_return, name, by, **details):
    """Move a return along the workflow, or raise TransitionRefused saying why."""
    return RETURN_WORKFLOW.apply(monthly_return, name, by, _record, **details)


def available_transitions(monthly_return, user):
    return RETURN_WORKFLOW.available(monthly_return, user)
