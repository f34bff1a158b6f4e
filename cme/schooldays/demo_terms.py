"""Demo term dates for school years 2022/23 to 2027/28.

Canonical data for the demo seed command and for the tests. Plain Python
(``Term`` objects and ``date`` sets), so a seed command can turn each into a
database row: ``term.school_year``, ``term.name``, ``term.start``,
``term.end``.

Where they come from
--------------------
* ``LA_TERMS`` follows Hampshire County Council's published pattern (used
  by Southampton-area maintained schools): 2023/24 and 2024/25 are
  Hampshire's published dates; autumn 2025 is Hampshire's and spring and
  summer 2026 are those published by neighbouring Portsmouth schools;
  2022/23, 2026/27 and 2027/28 are **illustrative** dates on the same
  pattern, not an LA's published calendar. Do not use them for real
  deadlines: load the LA's own dates.
* Two fictional schools show the two kinds of school calendar:
  Oak Primary, a maintained school on LA term dates with its own INSET days,
  and Elm Academy, which set its own term dates for 2023/24 (a two-week
  October half term and an Easter holiday in mid-April, so that Good Friday
  and Easter Monday 2024 fall inside its spring term) and follows the LA in
  other years with its own INSET days.

Bank holidays are *not* listed: ``SchoolCalendar`` takes them from the
``holidays`` package. Note the ones that fall in term time here: the State
Funeral of Queen Elizabeth II (19/09/2022), the Coronation of Charles III
(08/05/2023) and every early May bank holiday.
"""

from __future__ import annotations

from datetime import date

from .calendar import CalendarOverride, SchoolCalendar, Term

__all__ = [
    "DEMO_SCHOOL_YEARS",
    "ELM_ACADEMY_INSET_DAYS",
    "ELM_ACADEMY_TERMS",
    "LA_CLOSURES",
    "LA_TERMS",
    "OAK_PRIMARY_INSET_DAYS",
    "elm_academy_calendar",
    "la_calendar",
    "oak_primary_calendar",
]

#: School years covered, by the calendar year each starts in (2022 = 2022/23).
DEMO_SCHOOL_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025, 2026, 2027)


def _t(name: str, start: tuple[int, int, int], end: tuple[int, int, int]) -> Term:
    return Term(date(*start), date(*end), name)


LA_TERMS: tuple[Term, ...] = (
    # 2022/23 (illustrative)
    _t("Autumn 1", (2022, 9, 1), (2022, 10, 21)),
    _t("Autumn 2", (2022, 10, 31), (2022, 12, 16)),
    _t("Spring 1", (2023, 1, 3), (2023, 2, 10)),
    _t("Spring 2", (2023, 2, 20), (2023, 3, 31)),
    _t("Summer 1", (2023, 4, 17), (2023, 5, 26)),
    _t("Summer 2", (2023, 6, 5), (2023, 7, 21)),
    # 2023/24 (Hampshire)
    _t("Autumn 1", (2023, 9, 1), (2023, 10, 20)),
    _t("Autumn 2", (2023, 10, 30), (2023, 12, 15)),
    _t("Spring 1", (2024, 1, 2), (2024, 2, 9)),
    _t("Spring 2", (2024, 2, 19), (2024, 3, 28)),
    _t("Summer 1", (2024, 4, 15), (2024, 5, 24)),
    _t("Summer 2", (2024, 6, 3), (2024, 7, 23)),
    # 2024/25 (Hampshire)
    _t("Autumn 1", (2024, 9, 2), (2024, 10, 25)),
    _t("Autumn 2", (2024, 11, 4), (2024, 12, 20)),
    _t("Spring 1", (2025, 1, 6), (2025, 2, 14)),
    _t("Spring 2", (2025, 2, 24), (2025, 4, 4)),
    _t("Summer 1", (2025, 4, 22), (2025, 5, 23)),
    _t("Summer 2", (2025, 6, 2), (2025, 7, 22)),
    # 2025/26 (Hampshire autumn; Portsmouth spring and summer)
    _t("Autumn 1", (2025, 9, 3), (2025, 10, 24)),
    _t("Autumn 2", (2025, 11, 3), (2025, 12, 19)),
    _t("Spring 1", (2026, 1, 5), (2026, 2, 13)),
    _t("Spring 2", (2026, 2, 23), (2026, 3, 27)),
    _t("Summer 1", (2026, 4, 13), (2026, 5, 22)),
    _t("Summer 2", (2026, 6, 1), (2026, 7, 22)),
    # 2026/27 (illustrative)
    _t("Autumn 1", (2026, 9, 2), (2026, 10, 23)),
    _t("Autumn 2", (2026, 11, 2), (2026, 12, 18)),
    _t("Spring 1", (2027, 1, 4), (2027, 2, 12)),
    _t("Spring 2", (2027, 2, 22), (2027, 3, 25)),
    _t("Summer 1", (2027, 4, 12), (2027, 5, 28)),
    _t("Summer 2", (2027, 6, 7), (2027, 7, 22)),
    # 2027/28 (illustrative)
    _t("Autumn 1", (2027, 9, 1), (2027, 10, 22)),
    _t("Autumn 2", (2027, 11, 1), (2027, 12, 17)),
    _t("Spring 1", (2028, 1, 4), (2028, 2, 11)),
    _t("Spring 2", (2028, 2, 21), (2028, 4, 7)),
    _t("Summer 1", (2028, 4, 24), (2028, 5, 26)),
    _t("Summer 2", (2028, 6, 5), (2028, 7, 20)),
)

#: Days every school in the LA closes besides holidays (none in the demo).
LA_CLOSURES: frozenset[date] = frozenset()

#: Oak Primary (maintained, LA term dates): its INSET days.
OAK_PRIMARY_INSET_DAYS: frozenset[date] = frozenset({
    date(2023, 9, 1), date(2023, 10, 30), date(2024, 1, 2), date(2024, 2, 9), date(2024, 6, 21),
    date(2024, 9, 2), date(2024, 11, 4), date(2025, 1, 6), date(2025, 2, 24), date(2025, 7, 22),
    date(2025, 9, 3), date(2025, 11, 3), date(2026, 1, 5), date(2026, 2, 23), date(2026, 6, 26),
})

#: Elm Academy's own term dates for 2023/24 (other years: LA dates).
ELM_ACADEMY_TERMS: tuple[Term, ...] = (
    _t("Autumn 1", (2023, 9, 4), (2023, 10, 20)),
    _t("Autumn 2", (2023, 11, 6), (2023, 12, 20)),
    _t("Spring 1", (2024, 1, 4), (2024, 2, 9)),
    _t("Spring 2", (2024, 2, 19), (2024, 4, 5)),  # includes Good Friday and Easter Monday
    _t("Summer 1", (2024, 4, 22), (2024, 5, 24)),
    _t("Summer 2", (2024, 6, 3), (2024, 7, 19)),
)

#: Elm Academy's INSET days: 2023/24 on its own dates, 2024/25 on LA dates.
ELM_ACADEMY_INSET_DAYS: frozenset[date] = frozenset({
    date(2023, 9, 4), date(2024, 3, 22),
    date(2024, 9, 2), date(2024, 9, 3),
})


def la_calendar() -> SchoolCalendar:
    """The demo LA calendar, 2022/23 to 2027/28."""
    return SchoolCalendar(LA_TERMS, LA_CLOSURES)


def oak_primary_calendar() -> SchoolCalendar:
    """Oak Primary: LA term dates plus its own INSET days."""
    return SchoolCalendar.merged(la_calendar(), CalendarOverride(closures=OAK_PRIMARY_INSET_DAYS))


def elm_academy_calendar() -> SchoolCalendar:
    """Elm Academy: its own 2023/24 terms, LA terms otherwise, its INSET days."""
    return SchoolCalendar.merged(
        la_calendar(), CalendarOverride(terms=ELM_ACADEMY_TERMS, closures=ELM_ACADEMY_INSET_DAYS)
    )
