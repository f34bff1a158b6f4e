"""The measures of the monthly CME tracking return, as at a date.

``compute(on)`` gives every figure of the return as at the end of ``on``,
from the case timeline and time-bounded risk factors, in a fixed number of
queries. ``cases_behind(key, on)`` gives the cases behind one figure.
Definitions: ``definitions.py`` and ``docs/reports.md``.
"""

from __future__ import annotations

from datetime import date

from tracking.models import Category

from . import queries
from .as_at import AsAt
from .definitions import sections
from .figures import CategoryCount, Figure, Figures, RunningTotal, Section

__all__ = [
    "AsAt", "Figure", "Figures", "RunningTotal", "Section", "cases_behind", "compute", "measure_keys", "sections",
]


def compute(on: date) -> Figures:
    """Every figure of the return as at the end of ``on`` (no running totals)."""
    at = AsAt(on)
    counts = queries.count_all(at)
    return Figures(
        as_at=on,
        sections=tuple(
            Section(
                s.key, s.title, s.question,
                tuple(Figure(m.key, m.label, counts[m.key], m.in_total) for m in s.measures),
            )
            for s in sections(at)
        ),
        by_category=tuple(
            CategoryCount(value, label, counts[f"category:{value}"]) for value, label in Category.choices
        ),
    )


def cases_behind(key: str, on: date):
    """The cases behind figure ``key`` as at ``on``, annotated with ``status_at``
    and ``category_at``; ``None`` if there is no such figure."""
    return queries.cases_behind(key, AsAt(on))


def measure_keys(on: date) -> list[str]:
    return [m.key for s in sections(AsAt(on)) for m in s.measures]
