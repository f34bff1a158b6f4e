"""A small engine for state machines written as tables.

Each stateful model's app has a ``workflow.py`` listing its ``Transition``s
(from-state, to-state, who may, what must be given) and one function that
calls ``Workflow.apply``. ``apply`` locks the row, checks the move is in the
table and allowed for the user's role, checks what must be given, runs the
transition's own guard, saves, and writes the timeline entry — all in one
transaction. Nothing else assigns the state field.
"""

from dataclasses import dataclass, field
from typing import Callable

from django.db import transaction


class TransitionRefused(Exception):
    """The move is not allowed; ``errors`` say why, in words a user can act on."""

    def __init__(self, errors):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class Transition:
    source: tuple
    target: str
    action: str  # what the button says: "Sign off as failed to track"
    roles: frozenset
    # (detail name, message when it is missing)
    required: tuple = ()
    guard: Callable | None = None  # (obj, by, details) -> list of error messages
    effect: Callable | None = None  # (obj, by, details) -> None; sets other fields
    name: str = ""  # a stable id for forms and tests, e.g. "locate"
    roles_message: str = ""


@dataclass
class Workflow:
    model: type
    transitions: list
    state_field: str = "status"
    labels: dict = field(default_factory=dict)

    def label(self, state):
        return self.labels.get(state, state)

    def find(self, source, name):
        for t in self.transitions:
            if t.name == name and source in t.source:
                return t
        return None

    def available(self, obj, user):
        """Transitions a user could try from the object's current state."""
        state = getattr(obj, self.state_field)
        return [t for t in self.transitions if state in t.source and user.role in t.roles]

    def apply(self, obj, name, by, record, **details):
        """Apply transition ``name``; ``record(obj, previous_state, transition, by, details)``
        writes the timeline entry inside the same transaction."""
        with transaction.atomic():
            locked = self.model.objects.select_for_update().get(pk=obj.pk)
            state = getattr(locked, self.state_field)
            transition = self.find(state, name)
            if transition is None:
                names = {t.name: t.action for t in self.transitions}
                action = names.get(name, name)
                raise TransitionRefused(
                    f"You cannot “{action}” while the status is “{self.label(state)}”. "
                    "Someone may have changed it: reload the page to see the latest."
                )
            if by.role not in transition.roles:
                raise TransitionRefused(
                    transition.roles_message or f"Your role cannot “{transition.action}”."
                )
            errors = [message for key, message in transition.required if details.get(key) in (None, "", [])]
            if not errors and transition.guard:
                errors = list(transition.guard(locked, by, details) or [])
            if errors:
                raise TransitionRefused(errors)
            setattr(locked, self.state_field, transition.target)
            if transition.effect:
                transition.effect(locked, by, details)
            locked._history_user = by  # named in the change history, if the model keeps one
            locked.save()
            record(locked, state, transition, by, details)
        # Hand the caller's object the saved state too.
        for f in locked._meta.concrete_fields:
            setattr(obj, f.attname, getattr(locked, f.attname))
        return obj
