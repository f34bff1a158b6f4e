"""The figures of one return: what is computed, stored as JSON, shown and exported."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

#: Bumped when the stored shape changes, so old snapshots can still be read.
FIGURES_FORMAT = 1


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    in_total: bool = True


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    question: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class RunningTotal:
    """One row of the running totals table (Appendix 3)."""

    as_at: date
    cme: int
    cme_including_historical: int
    ehe: int
    yos: int

    @classmethod
    def from_figures(cls, figures: Figures) -> RunningTotal:
        return cls(
            as_at=figures.as_at, cme=figures.value("total"),
            cme_including_historical=figures.value("total_including_historical"),
            ehe=figures.value("ehe"), yos=figures.value("yos"),
        )


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    value: int


@dataclass(frozen=True)
class Figures:
    as_at: date
    sections: tuple[Section, ...]
    by_category: tuple[CategoryCount, ...]
    running_totals: tuple[RunningTotal, ...] = field(default=())

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {f.key: f for s in self.sections for f in s.figures})

    # -- reading --------------------------------------------------------------

    def figure(self, key: str) -> Figure:
        return self._by_key[key]

    def value(self, key: str) -> int:
        return self._by_key[key].value

    def all_figures(self):
        """(section, figure) for every figure, in the order of the return."""
        for section in self.sections:
            for figure in section.figures:
                yield section, figure

    def with_running_totals(self, previous: list[RunningTotal]) -> Figures:
        """These figures with the running totals table: the previous returns given,
        oldest first, then this one."""
        rows = tuple(sorted(previous, key=lambda r: r.as_at)) + (RunningTotal.from_figures(self),)
        return Figures(self.as_at, self.sections, self.by_category, rows)

    # -- storing --------------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "format": FIGURES_FORMAT,
            "as_at": self.as_at.isoformat(),
            "sections": [
                {
                    "key": s.key, "title": s.title, "question": s.question,
                    "figures": [asdict(f) for f in s.figures],
                }
                for s in self.sections
            ],
            "by_category": [asdict(c) for c in self.by_category],
            "running_totals": [
                {**asdict(r), "as_at": r.as_at.isoformat()} for r in self.running_totals
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Figures:
        return cls(
            as_at=date.fromisoformat(data["as_at"]),
            sections=tuple(
                Section(s["key"], s["title"], s["question"], tuple(Figure(**f) for f in s["figures"]))
                for s in data["sections"]
            ),
            by_category=tuple(CategoryCount(**c) for c in data["by_category"]),
            running_totals=tuple(
                RunningTotal(**{**r, "as_at": date.fromisoformat(r["as_at"])})
                for r in data.get("running_totals", [])
            ),
        )
