"""Reading a CSV file of term dates, row by row, saying what is wrong with each row.

The file has a header row naming the columns ``school_year``, ``name``,
``start`` and ``end`` (in any order; other columns are ignored)::

    school_year,name,start,end
    2025/26,Autumn 1,03/09/2025,24/10/2025
    2025/26,Autumn 2,2025-11-03,2025-12-19

* ``school_year``: ``2025/26``, ``2025-26``, ``2025 to 2026`` or ``2025``;
* ``name``: one of the six half terms (``Autumn 1`` … ``Summer 2``; case and
  spaces do not matter);
* ``start`` and ``end``: the first and last day of the half term, as
  ``dd/mm/yyyy`` or ``yyyy-mm-dd``.

Each school year in the file must give all six half terms; they replace that
year's LA term dates (``services.import_term_dates``). This module only reads
and checks; it writes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .age import school_year_label
from .models import HALF_TERMS, MAX_SCHOOL_YEAR, MIN_SCHOOL_YEAR, is_valid_school_year, term_problems

MAX_BYTES = 1_000_000
MAX_ROWS = 1_000
COLUMNS = ("school_year", "name", "start", "end")
COLUMN_ALIASES = {
    "school_year": "school_year",
    "year": "school_year",
    "name": "name",
    "term": "name",
    "half_term": "name",
    "start": "start",
    "start_date": "start",
    "first_day": "start",
    "end": "end",
    "end_date": "end",
    "last_day": "end",
}
_HALF_TERM_KEYS = {re.sub(r"[\s_-]+", "", name).lower(): name for name in HALF_TERMS}
_SCHOOL_YEAR = re.compile(r"^(\d{4})(?:\s*(?:/|-|to)\s*(\d{2}|\d{4}))?$", re.IGNORECASE)
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass
class ImportRow:
    """One data row of the file: what it said, what it means, and what is wrong with it."""

    line: int
    school_year_text: str
    name_text: str
    start_text: str
    end_text: str
    school_year: int | None = None
    name: str | None = None
    start: date | None = None
    end: date | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class TermDatesFile:
    """The rows of a term-dates file and the problems found, for the file and for each row."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saved: bool = False  # set by services.import_term_dates

    @property
    def rejected_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.rejected_rows

    def terms_by_year(self) -> dict[int, list[tuple[str, date, date]]]:
        """``{school year: [(name, first day, last day), …]}`` — only meaningful when ``ok``."""
        years: dict[int, list[tuple[str, date, date]]] = defaultdict(list)
        for row in self.rows:
            years[row.school_year].append((row.name, row.start, row.end))
        return dict(sorted(years.items()))


def _shown(value: str) -> str:
    value = value.strip()
    return value if len(value) <= 60 else value[:57] + "…"


def _decode(content: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def parse_school_year(text: str) -> int | None:
    match = _SCHOOL_YEAR.match(text.strip())
    if not match:
        return None
    first = int(match.group(1))
    second = match.group(2)
    if second is not None and int(second) not in {first + 1, (first + 1) % 100}:
        return None
    return first


def parse_date(text: str) -> date | None:
    """``dd/mm/yyyy`` or ``yyyy-mm-dd``; ``None`` if neither. Raises ``ValueError`` for a day that does not exist."""
    text = text.strip()
    if match := _UK_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    return date(year, month, day)


def _column_name(header: str) -> str:
    return COLUMN_ALIASES.get(re.sub(r"[\s-]+", "_", header.strip().lower()), "")


def _read_row(row: ImportRow) -> None:
    school_year = parse_school_year(row.school_year_text)
    if not row.school_year_text.strip():
        row.errors.append("Enter the school year, for example 2025/26")
    elif school_year is None:
        row.errors.append(f"School year “{_shown(row.school_year_text)}” must be written like 2025/26")
    elif not is_valid_school_year(school_year):
        row.errors.append(
            f"School year must be between {school_year_label(MIN_SCHOOL_YEAR)} and {school_year_label(MAX_SCHOOL_YEAR)}"
        )
    else:
        row.school_year = school_year

    name = _HALF_TERM_KEYS.get(re.sub(r"[\s_-]+", "", row.name_text).lower())
    if not row.name_text.strip():
        row.errors.append("Enter the half term, for example Autumn 1")
    elif name is None:
        row.errors.append(f"Half term “{_shown(row.name_text)}” must be one of {', '.join(HALF_TERMS)}")
    else:
        row.name = name

    for attribute, text, noun in (("start", row.start_text, "First day"), ("end", row.end_text, "Last day")):
        if not text.strip():
            row.errors.append(f"Enter the {noun.lower()}, for example 02/09/2025")
            continue
        try:
            value = parse_date(text)
        except ValueError:
            row.errors.append(f"{noun} “{_shown(text)}” is not a real date")
            continue
        if value is None:
            row.errors.append(f"{noun} “{_shown(text)}” must be a date like 02/09/2025 or 2025-09-02")
        else:
            setattr(row, attribute, value)


def _check_years(result: TermDatesFile) -> None:
    """Rules across rows: no half term twice, all six per year, in order, inside the year."""
    by_year: dict[int, list[ImportRow]] = defaultdict(list)
    for row in result.rows:
        if row.school_year is not None and row.name is not None:
            by_year[row.school_year].append(row)
    for school_year, rows in sorted(by_year.items()):
        label = school_year_label(school_year)
        first_line: dict[str, int] = {}
        for row in rows:
            if row.name in first_line:
                row.errors.append(f"{row.name} for {label} is also on row {first_line[row.name]}")
            else:
                first_line[row.name] = row.line
        missing = [name for name in HALF_TERMS if name not in first_line]
        if missing:
            result.errors.append(
                f"{label} has no dates for {', '.join(missing)}: give all six half terms for each school year"
            )
        usable = [row for row in rows if row.ok and row.start and row.end]
        for problem in term_problems(school_year, [(row.name, row.start, row.end) for row in usable]):
            usable[problem.index].errors.append(problem.message)


def read_term_dates(upload) -> TermDatesFile:
    """Read and check an uploaded term-dates CSV file (any object with ``read()`` and ``size``)."""
    result = TermDatesFile()
    if getattr(upload, "size", 0) > MAX_BYTES:
        result.errors.append("The selected file must be smaller than 1 MB")
        return result
    text = _decode(upload.read(MAX_BYTES + 1))
    if text is None:
        result.errors.append("The selected file must be a CSV file")
        return result
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            result.errors.append("The selected file is empty")
            return result
        positions = {}
        for position, heading in enumerate(header):
            positions.setdefault(_column_name(heading), position)
        missing = [column for column in COLUMNS if column not in positions]
        if missing:
            result.errors.append(
                "The first row of the file must name the columns school_year, name, start and end "
                f"(missing: {', '.join(missing)})"
            )
            return result
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(result.rows) == MAX_ROWS:
                result.errors.append(f"The file must have no more than {MAX_ROWS} rows of term dates")
                return result
            cell = {column: values[i] if i < len(values) else "" for column, i in positions.items()}
            row = ImportRow(
                line=reader.line_num,
                school_year_text=_shown(cell["school_year"]),
                name_text=_shown(cell["name"]),
                start_text=_shown(cell["start"]),
                end_text=_shown(cell["end"]),
            )
            _read_row(row)
            result.rows.append(row)
    except csv.Error as error:
        result.errors.append(f"The selected file could not be read as CSV ({error})")
        return result
    if not result.rows:
        result.errors.append("The selected file has no term dates under its first row")
        return result
    _check_years(result)
    return result
