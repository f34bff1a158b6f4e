"""Reading a school's CSV file of new pupils, row by row, saying what is wrong.

The file is what a school's management information system exports: a
header row naming the columns (in any order; the usual SIMS, Arbor and
Bromcom names are understood), then one pupil per row. It may be saved as
UTF-8 (with or without a byte order mark) or Windows-1252 (Excel's "CSV
(comma delimited)"). A row whose characters are not in the file's encoding
is rejected on its own; a spreadsheet, a UTF-16 file or anything else that
is not text is rejected as a whole, with what to do instead.

Nothing here writes: ``read_upload`` returns every row with its cleaned
fields or its reasons for rejection, and the service sends the good ones.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from cme.schooldays.age import NC_YEAR_CHOICES
from cme.schooldays.identifiers import InvalidIdentifier, validate_upn
from tracking.models import Sex

from .admission_rules import already_sent, notice_problems
from .models import AdmissionNotice

#: Most rows one file may hold, and its largest size.
MAX_ROWS = 500
NAME_MAX_LENGTH = 100  # as the notice's name fields
MAX_BYTES = 1_000_000

#: Our field → the column names a file may use for it (compared lower-case, spaces squeezed).
COLUMNS = {
    "upn": ("upn", "unique pupil number"),
    "first_name": ("first name", "forename", "legal forename", "first names", "given name"),
    "last_name": ("last name", "surname", "legal surname", "family name"),
    "date_of_birth": ("date of birth", "dob", "birth date"),
    "sex": ("sex", "gender"),
    "year_group": ("year group", "year", "nc year", "national curriculum year", "ncyear actual"),
    "admitted_on": ("date added to register", "date added to the register", "admission date",
                    "date of admission", "entry date", "start date"),
    "postcode": ("postcode", "post code"),
    "previous_school": ("previous school", "last school"),
}
REQUIRED_COLUMNS = ("first_name", "last_name", "date_of_birth", "admitted_on")
COLUMN_NAMES = {
    "first_name": "First name", "last_name": "Last name", "date_of_birth": "Date of birth",
    "admitted_on": "Date added to register",
}
TEMPLATE_HEADER = "UPN,First name,Last name,Date of birth,Sex,Year group,Date added to register,Postcode,Previous school"

_SEXES = {"m": Sex.MALE, "male": Sex.MALE, "boy": Sex.MALE, "f": Sex.FEMALE, "female": Sex.FEMALE,
          "girl": Sex.FEMALE, "": Sex.UNKNOWN, "u": Sex.UNKNOWN, "unknown": Sex.UNKNOWN, "not known": Sex.UNKNOWN}
_YEARS = {**{code.lower(): code for code, _ in NC_YEAR_CHOICES},
          **{label.lower(): code for code, label in NC_YEAR_CHOICES},
          "reception": "R", "rec": "R", **{f"y{n}": str(n) for n in range(1, 12)}}
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_BAD_LINE = "\ue000not-in-the-file-encoding\ue000"  # a private-use character no file holds


class UnreadableFile(Exception):
    """The whole file cannot be used; the message says what to do."""


@dataclass
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    name: str = ""  # the pupil, as the file gives them, to say which row is which
    fields: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def accepted(self):
        return not self.problems


@dataclass
class Upload:
    rows: list

    @property
    def accepted(self):
        return [row for row in self.rows if row.accepted]

    @property
    def rejected(self):
        return [row for row in self.rows if not row.accepted]


def _text(data):
    """The file as text, each line in the file's encoding; lines that are not
    are marked so their rows can be rejected."""
    if not data.strip():
        raise UnreadableFile("The file is empty. Choose the CSV file of your new pupils")
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"The file must be smaller than {MAX_BYTES // 1_000_000} MB: split it into smaller files")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile("The file is a spreadsheet, not a CSV file. In Excel, choose Save As, then "
                             "‘CSV UTF-8 (comma delimited)’, and upload that file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data:
        raise UnreadableFile("The file is not a CSV text file (it may be saved as ‘Unicode’ or be another kind "
                             "of file). Save it as ‘CSV UTF-8 (comma delimited)’ and upload it again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(data):
        try:
            text = data.decode("cp1252")  # Excel's "CSV (comma delimited)"
        except UnicodeDecodeError:
            raise UnreadableFile("The file’s characters cannot be read. Save it as ‘CSV UTF-8 (comma delimited)’ "
                                 "and upload it again")
        if any(ord(c) < 32 and c not in "\r\n\t" for c in text):
            raise UnreadableFile("The file is not a CSV text file. Save it as ‘CSV UTF-8 (comma delimited)’ "
                                 "and upload it again")
        return text
    # Mostly UTF-8, with some lines that are not: keep the good ones, mark the rest.
    lines = []
    for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(_BAD_LINE)
    return "\n".join(lines)


def _key(header):
    return " ".join(header.replace("_", " ").strip().lower().split())


def _columns(header):
    """Our field → its position in the file."""
    positions = {}
    for position, name in enumerate(header):
        for ours, names in COLUMNS.items():
            if _key(name) in names and ours not in positions:
                positions[ours] = position
    missing = [COLUMN_NAMES[f] for f in REQUIRED_COLUMNS if f not in positions]
    if missing:
        raise UnreadableFile(
            f"The file has no {' or '.join(f'‘{m}’' for m in missing)} column. The first row must name the "
            f"columns, for example: {TEMPLATE_HEADER}"
        )
    return positions


def parse_date(value, noun):
    """A date written day/month/year (or year-month-day); raises ValueError with what to fix."""
    value = value.strip()
    iso, dmy = _ISO_DATE.match(value), _DATE.match(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        raise ValueError(f"{noun} ‘{value}’ is not a real date")
    raise ValueError(f"{noun} ‘{value}’ is not a date we can read: write it as day/month/year, for example 04/05/2015")


def _clean(values, number, school, today):
    row = Row(number, name=" ".join(p for p in (values.get("first_name", ""), values.get("last_name", "")) if p)[:80])
    fields = {"first_name": values.get("first_name", ""), "last_name": values.get("last_name", "")}
    for name, label in (("first_name", "First name"), ("last_name", "Last name")):
        if len(fields[name]) > NAME_MAX_LENGTH:
            row.problems.append(f"{label} must be {NAME_MAX_LENGTH} characters or fewer")
    for name, noun in (("date_of_birth", "Date of birth"), ("admitted_on", "Date added to register")):
        if values.get(name):
            try:
                fields[name] = parse_date(values[name], noun)
            except ValueError as error:
                row.problems.append(str(error))
    if values.get("upn"):
        try:
            fields["upn"] = validate_upn(values["upn"])
        except InvalidIdentifier as error:
            row.problems.append(f"UPN ‘{values['upn']}’: {error.message}")
    sex = values.get("sex", "").lower()
    if sex in _SEXES:
        fields["sex"] = _SEXES[sex]
    else:
        row.problems.append(f"Sex ‘{values['sex']}’ is not one we know: use M or F, or leave it blank")
    year = values.get("year_group", "").lower().replace("year ", "y").replace(" ", "")
    if year in _YEARS or not year:
        fields["year_group"] = _YEARS.get(year, "")
    else:
        row.problems.append(f"Year group ‘{values['year_group']}’ is not one we know: use R or 1 to 11")
    fields["postcode"] = values.get("postcode", "")[:10]
    fields["previous_school"] = values.get("previous_school", "")[:255]
    if not row.problems:
        preview = AdmissionNotice(school=school, **fields)
        row.problems += [p.message for p in notice_problems(preview, today, check_sent=False)]
        earlier = None if row.problems else already_sent(preview)
        if earlier:
            row.problems.append(f"You told us about this pupil already ({earlier.reference}, sent "
                                f"{earlier.sent_at:%-d %B %Y})")
    row.fields = fields
    return row


def _same_pupil(fields):
    keys = [(fields["first_name"].lower(), fields["last_name"].lower(), fields.get("date_of_birth"),
             fields.get("admitted_on"))]
    if fields.get("upn"):
        keys.append(("upn", fields["upn"], fields.get("admitted_on")))
    return keys


def read_upload(data, *, school, today):
    """Every row of the file with its cleaned fields or why it is rejected;
    raises ``UnreadableFile`` if the file as a whole cannot be used."""
    reader = csv.reader(io.StringIO(_text(data), newline=""))
    header = next(reader, None)
    if header is None or header == [_BAD_LINE]:
        raise UnreadableFile("The first row must name the columns, for example: " + TEMPLATE_HEADER)
    positions = _columns(header)
    # Numbered as a spreadsheet shows them (the header is row 1); blank rows are skipped.
    try:
        records = [(number, record) for number, record in enumerate(reader, start=2) if any(c.strip() for c in record)]
    except csv.Error:
        raise UnreadableFile("The file could not be read as CSV (a field is far too long, or quotes do not match). "
                             "Check it in a spreadsheet program, save it as ‘CSV UTF-8’ and upload it again")
    if not records:
        raise UnreadableFile("The file has no pupils in it: add one row for each new pupil under the column names")
    if len(records) > MAX_ROWS:
        raise UnreadableFile(f"The file has {len(records)} pupils; upload no more than {MAX_ROWS} at a time. "
                             "Split it into smaller files")
    rows, seen = [], {}
    for number, record in records:
        if _BAD_LINE in record:
            rows.append(Row(number, problems=[
                "This row has characters that are not UTF-8, unlike the rest of the file (often a name with an "
                "accent typed in another program). Retype the row, save the file as ‘CSV UTF-8’ and upload "
                "this pupil again"]))
            continue
        values = {ours: (record[p].strip() if p < len(record) else "") for ours, p in positions.items()}
        row = _clean(values, number, school, today)
        if row.accepted:
            earlier = next((seen[key] for key in _same_pupil(row.fields) if key in seen), None)
            if earlier:
                row.problems.append(f"The same pupil as row {earlier}")
            else:
                seen.update({key: number for key in _same_pupil(row.fields)})
        rows.append(row)
    return Upload(rows)
