"""Reads for the tracking app. Views start here, never from Model.objects."""

import re
from dataclasses import dataclass

from django.db.models import Q

from .models import ChecklistStep, School


def search_schools(query: str = ""):
    schools = School.objects.select_related("la").order_by("name", "urn")
    query = (query or "").strip()
    if not query:
        return schools
    digits = re.sub(r"\D", "", query)
    if query.isdigit() and len(query) == 6:
        return schools.filter(urn=query)
    if re.fullmatch(r"\d{3}\s*/?\s*\d{4}", query):
        return schools.filter(dfe_number=f"{digits[:3]}/{digits[3:]}")
    return schools.filter(Q(name__icontains=query) | Q(urn__startswith=query) | Q(postcode__iexact=query))


@dataclass
class ChecklistProgress:
    rows: list  # (step, answer or None)
    unanswered: list

    @property
    def is_complete(self):
        return not self.unanswered


def checklist_progress(case):
    """Each active step of the failed-to-track checklist with this case's answer."""
    steps = list(ChecklistStep.objects.filter(is_active=True).order_by("order", "id"))
    answers = {}
    checklist = getattr(case, "checklist", None) if case.pk else None
    if checklist is not None:
        answers = {a.step_id: a for a in checklist.answers.select_related("answered_by")}
    rows = [(step, answers.get(step.pk)) for step in steps]
    return ChecklistProgress(rows=rows, unanswered=[step for step, answer in rows if answer is None])
