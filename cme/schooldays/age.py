"""Compulsory school age, school years and National Curriculum year groups.

Pure functions on ``datetime.date``; no Django.

Legal sources
-------------
* Start of compulsory school age (CSA): Education Act 1996 s8(2) — a child
  begins to be of CSA on the first *prescribed day* on or after their fifth
  birthday (on the birthday itself if it is a prescribed day). The prescribed
  days are 31 March, 31 August and 31 December: Education (Start of
  Compulsory School Age) Order 1998 (SI 1998/1607).
* End of CSA: Education Act 1996 s8(3) and (4) — a child ceases to be of CSA
  at the end of the *school leaving date* of the school year in which they
  turn 16 (including a child who turns 16 after that date but before the next
  1 September). The school leaving date is the last Friday in June: Education
  (School Leaving Date) Order 1997 (SI 1997/1970).
* National Curriculum year: the year group "normal" for a child's age is
  fixed by their age on 31 August before the school year starts (DfE school
  census guidance and Common Basic Data Set, "NC year"). A pupil taught
  outside that year group is "out of phase", which is a policy measure, not
  an unlawful state.

Leap-day birthdays
------------------
No statute settles when a child born on 29 February reaches an age in a
non-leap year. We take it to be **1 March** (the day after 28 February), the
reading commonly used in UK practice. The choice only changes ``age_on`` on
28 February of a non-leap year: CSA start, CSA end and the NC year come out
the same either way (a fifth birthday is never in a leap year, and 28 Feb and
1 Mar lie between the same prescribed days and in the same school year).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

__all__ = [
    "NCYear",
    "NC_YEAR_CHOICES",
    "NC_YEAR_MAX_LENGTH",
    "PRESCRIBED_DAYS",
    "age_on",
    "anniversary",
    "csa_end",
    "csa_note",
    "csa_start",
    "is_of_csa",
    "is_out_of_phase",
    "nc_year",
    "year_group_moved_up",
    "year_group_offset",
    "school_leaving_date",
    "school_year_label",
    "school_year_of",
]

#: The days on which a child can begin to be of compulsory school age,
#: as (month, day), in calendar order. SI 1998/1607.
PRESCRIBED_DAYS: tuple[tuple[int, int], ...] = ((3, 31), (8, 31), (12, 31))

#: Age at which compulsory school age begins (Education Act 1996 s8(2)).
CSA_START_AGE = 5
#: Age in whose school year compulsory school age ends (s8(3)).
CSA_END_AGE = 16


def anniversary(dob: date, years: int) -> date:
    """The date on which a child born on ``dob`` reaches ``years`` years old.

    A 29 February birthday falls on 1 March in a non-leap year (see the
    module docstring).
    """
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February in a non-leap year
        return date(dob.year + years, 3, 1)


def age_on(dob: date, on: date) -> int:
    """Age in completed years on the date ``on``.

    Raises ``ValueError`` if ``on`` is before the date of birth.
    """
    if on < dob:
        raise ValueError(f"{on:%d/%m/%Y} is before the date of birth {dob:%d/%m/%Y}")
    years = on.year - dob.year
    if on < anniversary(dob, years):
        years -= 1
    return years


def school_year_of(on: date) -> int:
    """The calendar year in which the school year containing ``on`` began.

    School years run 1 September to 31 August, so 29/11/2026 → 2026 and
    31/08/2027 → 2026.
    """
    return on.year if on.month >= 9 else on.year - 1


def school_year_label(start_year: int) -> str:
    """``2026`` → ``"2026/27"``; ``1999`` → ``"1999/00"``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def csa_start(dob: date) -> date:
    """The day a child begins to be of compulsory school age.

    The first prescribed day (31 March, 31 August, 31 December) on or after
    the fifth birthday; a fifth birthday on a prescribed day is itself the
    start. Education Act 1996 s8(2); SI 1998/1607.
    """
    fifth = anniversary(dob, CSA_START_AGE)
    for year in (fifth.year, fifth.year + 1):
        for month, day in PRESCRIBED_DAYS:
            prescribed = date(year, month, day)
            if prescribed >= fifth:
                return prescribed
    raise AssertionError("unreachable: 31 December always follows")  # pragma: no cover


def school_leaving_date(year: int) -> date:
    """The last Friday in June of ``year`` (SI 1997/1970)."""
    end_of_june = date(year, 6, 30)
    return end_of_june - timedelta(days=(end_of_june.weekday() - 4) % 7)


def csa_end(dob: date) -> date:
    """The last day on which a child is of compulsory school age.

    The last Friday in June of the school year (1 Sep–31 Aug) in which the
    child turns 16. A child who turns 16 on 31 August leaves in the June just
    before their birthday; one who turns 16 on 1 September leaves the June
    after. Education Act 1996 s8(3)-(4); SI 1997/1970. The child is still of
    CSA on this day (CSA ends "at the end of" it).
    """
    sixteenth = anniversary(dob, CSA_END_AGE)
    return school_leaving_date(school_year_of(sixteenth) + 1)


def is_of_csa(dob: date, on: date) -> bool:
    """Whether a child is of compulsory school age on ``on``.

    Inclusive at both ends: true on ``csa_start(dob)`` and on ``csa_end(dob)``.
    """
    return csa_start(dob) <= on <= csa_end(dob)


def csa_note(dob: date, on: date) -> str | None:
    """A plain-English flag for a child who is not of CSA on ``on``, else None.

    For example ``"Reaches compulsory school age on 31/12/2026"`` or
    ``"Ceased to be of compulsory school age after 26/06/2026"``. The CME
    duty (Education Act 1996 s436A) covers only children of CSA; referrals
    for others are accepted but flagged.
    """
    start, end = csa_start(dob), csa_end(dob)
    if on < start:
        return f"Reaches compulsory school age on {start:%d/%m/%Y}"
    if on > end:
        return f"Ceased to be of compulsory school age after {end:%d/%m/%Y}"
    return None


class NCYear(str, Enum):
    """National Curriculum year group, with codes for Django ``choices``.

    ``"R"`` and ``"1"`` to ``"11"`` are the DfE Common Basic Data Set codes.
    Children younger or older than the Reception–Year 11 range get
    ``"BELOW"`` and ``"ABOVE"``; we deliberately do not use the CBDS codes
    ``"N1"``/``"N2"`` (nursery) or ``"X"`` (National Curriculum not
    followed), which mean something else.

    Members compare equal to their code (``NCYear.YEAR_7 == "7"``) and
    ``str()`` gives the code, as with Django's ``TextChoices``; ``label``
    gives "Year 7".
    """

    BELOW_SCHOOL_AGE = "BELOW"
    RECEPTION = "R"
    YEAR_1 = "1"
    YEAR_2 = "2"
    YEAR_3 = "3"
    YEAR_4 = "4"
    YEAR_5 = "5"
    YEAR_6 = "6"
    YEAR_7 = "7"
    YEAR_8 = "8"
    YEAR_9 = "9"
    YEAR_10 = "10"
    YEAR_11 = "11"
    ABOVE_SCHOOL_AGE = "ABOVE"

    @property
    def label(self) -> str:
        """What a CME officer would say: "Reception", "Year 7", ..."""
        if self is NCYear.BELOW_SCHOOL_AGE:
            return "Below school age"
        if self is NCYear.ABOVE_SCHOOL_AGE:
            return "Above school age"
        if self is NCYear.RECEPTION:
            return "Reception"
        return f"Year {self.value}"

    @property
    def rank(self) -> int:
        """Ordering: BELOW = -1, Reception = 0, Year n = n, ABOVE = 12."""
        if self is NCYear.BELOW_SCHOOL_AGE:
            return -1
        if self is NCYear.ABOVE_SCHOOL_AGE:
            return 12
        if self is NCYear.RECEPTION:
            return 0
        return int(self.value)

    @classmethod
    def from_rank(cls, rank: int) -> NCYear:
        """Inverse of ``rank``, clamping to BELOW / ABOVE outside 0–11."""
        if rank < 0:
            return cls.BELOW_SCHOOL_AGE
        if rank > 11:
            return cls.ABOVE_SCHOOL_AGE
        if rank == 0:
            return cls.RECEPTION
        return cls(str(rank))

    def __str__(self) -> str:
        """The code, as Django's ``TextChoices`` do; use ``label`` to display."""
        return self.value


#: ``(code, label)`` pairs in year order, for a Django field's ``choices``.
NC_YEAR_CHOICES: list[tuple[str, str]] = [(year.value, year.label) for year in NCYear]
#: ``max_length`` a CharField needs to hold any NC year code.
NC_YEAR_MAX_LENGTH: int = max(len(year.value) for year in NCYear)


def nc_year(dob: date, on: date) -> NCYear:
    """The National Curriculum year a child belongs in on the date ``on``.

    Determined by age on 31 August at the start of the school year that
    contains ``on`` (the 31 August on or before ``on``): 4 → Reception,
    5 → Year 1, … 15 → Year 11; under 4 → ``BELOW_SCHOOL_AGE``, 16 or over →
    ``ABOVE_SCHOOL_AGE``. A child not yet born on that 31 August is below
    school age.
    """
    reference = date(school_year_of(on), 8, 31)
    if reference < dob:
        return NCYear.BELOW_SCHOOL_AGE
    return NCYear.from_rank(age_on(dob, reference) - 4)


def is_out_of_phase(dob: date, recorded_year: NCYear | str, on: date) -> bool:
    """Whether a recorded year group differs from the child's age-based one.

    ``recorded_year`` is an ``NCYear`` or its code (``"R"``, ``"7"``, ...);
    an unknown code raises ``ValueError``. Out-of-phase children are a
    measure in the monthly tracking return (Southampton CME policy 2021,
    Appendix 3).
    """
    return NCYear(recorded_year) is not nc_year(dob, on)


def year_group_moved_up(recorded_year: NCYear | str, recorded_on: date, on: date) -> NCYear:
    """The year group a pupil recorded in ``recorded_year`` on ``recorded_on``
    is in on ``on``: schools move every pupil up a year each September, so one
    year up for each 1 September between the two dates (down, for a date
    before), clamped to ``BELOW_SCHOOL_AGE`` / ``ABOVE_SCHOOL_AGE``."""
    moves = school_year_of(on) - school_year_of(recorded_on)
    return NCYear.from_rank(NCYear(recorded_year).rank + moves)


def year_group_offset(dob: date, recorded_year: NCYear | str, recorded_on: date) -> int:
    """How many years ahead (+) or behind (−) of their age group a year group
    recorded on ``recorded_on`` puts a child; 0 when in phase.

    Both the recorded and the age-based year group move up each September,
    so the offset does not change from one school year to the next: a child
    is out of phase on every date exactly when it is not 0. Ranks are those of
    ``NCYear.rank`` (below school age −1, above 12).
    """
    return NCYear(recorded_year).rank - nc_year(dob, recorded_on).rank
