"""The measures of the monthly CME tracking return, as filters over cases.

The layout and the questions are those of Appendix 3 of the Southampton CME
policy (2021): each *section* is one box of that form, with one commentary,
and holds one or more *measures*, each one number. ``docs/reports.md``
defines every measure in words; this module is the same definitions in code.

A measure with a ``q`` is a filter over the **CME cases as at D**
(``queries.cme_cases``): the cases whose latest status as at the end of D is
open or awaiting failed-to-track sign-off, for children in the return's age
range. ``in_total`` marks the measures that together make up the total: each
CME case is in exactly one of them. The others are "of which" counts
(out of phase; open to youth offending; child protection; child in need) or
are counted separately (historical; elective home education).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from tracking.models import Category

from .ages import BirthRange
from .as_at import AsAt


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    q: Q | None = None
    in_total: bool = True


@dataclass(frozen=True)
class SectionDefinition:
    key: str
    title: str
    question: str
    measures: list[Measure] = field(default_factory=list)
    note: str = ""


def dob_in(births: BirthRange, field="child__date_of_birth") -> Q:
    return Q(**{f"{field}__range": births.as_tuple()})


def category(*categories) -> Q:
    return Q(category_at__in=list(categories))


def opened_in_school_year(at: AsAt, offset: int) -> Q:
    """Opened in the school year ``offset`` years from the as-at date's; the
    current year has no upper bound, so that every case falls in one year."""
    start, end = at.school_year_dates(offset)
    if offset == 0:
        return Q(opened_on__gte=start)
    return Q(opened_on__range=(start, end))


def opened_before_school_year(at: AsAt, offset: int) -> Q:
    start, _ = at.school_year_dates(offset)
    return Q(opened_on__lt=start)


def _by_school_year(at: AsAt, prefix: str, base: Q, years: int) -> list[tuple[str, str, Q]]:
    """(key, year label, filter) for the current year, the ``years - 1`` before it, and earlier."""
    rows = []
    for offset in range(0, -years, -1):
        start = at.school_year + offset
        rows.append((f"{prefix}_{start}", at.year_label(offset), base & opened_in_school_year(at, offset)))
    rows.append((f"{prefix}_earlier", f"before {at.year_label(-(years - 1))}",
                 base & opened_before_school_year(at, -(years - 1))))
    return rows


IN_YEAR_STAGES = [
    (Category.IN_YEAR_PROCESSING, "processing", "application being processed"),
    (Category.IN_YEAR_UNDER_OFFER, "offer", "under offer, with a start date in the future"),
    (Category.IN_YEAR_FAILED_TO_REGISTER, "failed", "failed to register at the school place offered"),
]


def sections(at: AsAt) -> list[SectionDefinition]:
    """Every section of the return as at ``at``, in the order of Appendix 3."""
    reception = category(Category.FAILED_TO_START_RECEPTION)
    current_intake = reception & dob_in(at.reception)
    previous_intake = reception & dob_in(at.previous_reception)
    intake = date(at.school_year, 9, 1)

    leavers = [
        Measure(key, f"Opened during {label}" if not key.endswith("earlier") else f"Opened {label}", q)
        for key, label, q in _by_school_year(at, "leavers", category(Category.LEAVER_DESTINATION_UNKNOWN), 2)
    ]
    in_year = []
    for offset_key, year_label, year_q in _by_school_year(at, "in_year", Q(), 3):
        for stage, stage_key, stage_label in IN_YEAR_STAGES:
            opened = f"opened {year_label}" if offset_key.endswith("earlier") else year_label
            in_year.append(Measure(
                f"{offset_key}_{stage_key}", f"{opened[0].upper()}{opened[1:]}: {stage_label}",
                year_q & category(stage),
            ))

    return [
        SectionDefinition(
            "transition", "Transition", "How many children have:",
            [
                Measure("reception_current", f"Failed to start in Reception, September {intake.year}",
                        current_intake),
                Measure("reception_previous", f"Failed to start in Reception, September {intake.year - 1}",
                        previous_intake),
                Measure("reception_other",
                        "Failed to start in Reception, earlier intakes or date of birth not recorded",
                        reception & ~current_intake & ~previous_intake),
                Measure("junior", "Failed to transfer to junior school",
                        category(Category.FAILED_TO_TRANSFER_JUNIOR)),
                Measure("secondary", "Failed to transfer to secondary school",
                        category(Category.FAILED_TO_TRANSFER_SECONDARY)),
                Measure("deferred", "Deferred entry to Reception", category(Category.DEFERRED_ENTRY)),
            ],
        ),
        SectionDefinition(
            "excluded", "Permanent exclusions",
            "How many pupils have been permanently excluded and remain without provision?",
            [Measure("excluded", "Permanently excluded, without provision",
                     category(Category.PERMANENTLY_EXCLUDED))],
        ),
        SectionDefinition(
            "leavers", "Leavers",
            "Forwarding destination remains unknown, unconfirmed or information has not yet been processed, "
            "by the school year the case was opened.",
            leavers,
        ),
        SectionDefinition(
            "send", "SEND",
            "How many pupils with an EHCP, or under assessment, are without a school place or education provision?",
            [Measure("send", "SEND (EHCP or under assessment) without a place",
                     category(Category.SEND_WITHOUT_PLACE))],
        ),
        SectionDefinition(
            "cla", "CLA",
            "How many looked-after children are currently without education provision?",
            [Measure("cla", "Looked-after children without provision",
                     category(Category.LOOKED_AFTER_WITHOUT_PROVISION))],
        ),
        SectionDefinition(
            "other", "CME",
            "This number includes children removed from the admission process, or not previously known to us.",
            [Measure("other", "CME – other", category(Category.CME_OTHER))],
        ),
        SectionDefinition(
            "out_of_phase", "Out of phase",
            "Cases where the recorded year group is not the one for the child's age.",
            [Measure("out_of_phase", "Out of phase (already counted above)",
                     Q(child__year_group_offset__lt=0) | Q(child__year_group_offset__gt=0),  # see Child.save
                     in_total=False)],
        ),
        SectionDefinition(
            "in_year", "In-year admissions who are CME",
            "By the school year the case was opened.",
            in_year,
        ),
        SectionDefinition(
            "total", "Total", "Children missing education as at this date.",
            [Measure("total", "Total CME", Q(), in_total=False)],
        ),
        SectionDefinition(
            "historical", "Historical cases",
            "How many children, of compulsory school age, remain on our historical (failed to track) "
            "list, not included above?",
            [Measure("historical", "Failed to track and still alerted", in_total=False)],
        ),
        SectionDefinition(
            "total_including_historical", "Total CME including historical cases", "",
            [Measure("total_including_historical", "Total CME including historical cases", in_total=False)],
        ),
        SectionDefinition(
            "yos", "Youth offending service",
            "How many children in our total CME number are open to the youth offending service?",
            [Measure("yos", "Open to the youth offending service", Q(open_to_yos=True), in_total=False)],
        ),
        SectionDefinition(
            "cp_cin", "Child protection and children in need", "Of the children in our total CME number:",
            [
                Measure("cp", "On a child protection plan", Q(on_cp_plan=True), in_total=False),
                Measure("cin", "Children in need", Q(child_in_need=True), in_total=False),
            ],
        ),
        SectionDefinition(
            "ehe", "Elective home education",
            "For the running totals: children of compulsory school age last located as electively "
            "home educated, and not since missing again.",
            [Measure("ehe", "Located as electively home educated", in_total=False)],
        ),
    ]


def all_measures(at: AsAt) -> list[Measure]:
    return [measure for section in sections(at) for measure in section.measures]


#: Measures that are not a filter over the CME cases.
SEPARATE_MEASURES = frozenset({"historical", "total_including_historical", "ehe"})
