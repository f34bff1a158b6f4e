"""Import schools from the DfE "Get Information About Schools" (GIAS) extract.

The extract is a CSV of ~139 columns, Windows-1252 encoded, with dates as
dd-mm-yyyy. We read only the columns we need, by header name, so the DfE
adding or reordering columns does not matter. Re-importing updates schools in
place (matched by URN); nothing is ever deleted, because cases and referrals
point at schools that have since closed.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from .models import LocalAuthority, School

# GIAS header -> School field
COLUMNS = {
    "URN": "urn",
    "LA (code)": "la_code",
    "LA (name)": "la_name",
    "EstablishmentNumber": "establishment_number",
    "EstablishmentName": "name",
    "TypeOfEstablishment (name)": "type_name",
    "EstablishmentStatus (name)": "status",
    "PhaseOfEducation (name)": "phase",
    "StatutoryLowAge": "statutory_low_age",
    "StatutoryHighAge": "statutory_high_age",
    "Street": "street",
    "Locality": "locality",
    "Town": "town",
    "Postcode": "postcode",
    "TelephoneNum": "phone",
    "OpenDate": "open_date",
    "CloseDate": "close_date",
}
REQUIRED_COLUMNS = tuple(COLUMNS)
SCHOOL_FIELDS = [
    "la_id", "establishment_number", "dfe_number", "name", "type_name", "status",
    "phase", "statutory_low_age", "statutory_high_age", "street", "locality", "town",
    "postcode", "phone", "open_date", "close_date",
]


class GiasFileError(Exception):
    """The file as a whole cannot be imported; nothing was changed."""


class RowError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (line number, URN or "", reason)

    def summary(self):
        return (
            f"{self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped"
        )


def decode(raw: bytes) -> str:
    """GIAS files are Windows-1252; accept UTF-8 too, in case one was re-saved."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _date(value, column):
    if not value:
        return None
    try:
        return datetime.strptime(value, "%d-%m-%Y").date()
    except ValueError:
        raise RowError(f"{column} '{value}' is not a date in the form dd-mm-yyyy")


def _age(value, column):
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 2) or int(value) > 25:
        raise RowError(f"{column} '{value}' is not an age in years")
    return int(value)


def parse_row(row: dict) -> dict:
    values = {COLUMNS[h]: (row.get(h) or "").strip() for h in COLUMNS}
    if not re.fullmatch(r"\d{6}", values["urn"]):
        raise RowError(f"URN '{values['urn']}' is not 6 digits")
    if not re.fullmatch(r"\d{3}", values["la_code"]):
        raise RowError(f"LA (code) '{values['la_code']}' is not 3 digits")
    if not values["name"]:
        raise RowError("EstablishmentName is empty")
    number = values["establishment_number"]
    if number and not re.fullmatch(r"\d{4}", number):
        raise RowError(f"EstablishmentNumber '{number}' is not 4 digits")
    values["dfe_number"] = f"{values['la_code']}/{number}" if number else ""
    values["statutory_low_age"] = _age(values["statutory_low_age"], "StatutoryLowAge")
    values["statutory_high_age"] = _age(values["statutory_high_age"], "StatutoryHighAge")
    values["open_date"] = _date(values["open_date"], "OpenDate")
    values["close_date"] = _date(values["close_date"], "CloseDate")
    values["postcode"] = values["postcode"].upper()
    return values


def import_gias(raw: bytes) -> ImportReport:
    text = decode(raw)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = headers
    missing = [h for h in REQUIRED_COLUMNS if h not in headers]
    if missing:
        raise GiasFileError(
            "The file is missing the column"
            + ("s " if len(missing) > 1 else " ")
            + ", ".join(f"'{h}'" for h in missing)
            + ". Download the full establishment fields extract from GIAS. Nothing was changed."
        )

    report = ImportReport()
    parsed = {}
    for line_number, row in enumerate(reader, start=2):
        try:
            values = parse_row(row)
        except RowError as error:
            report.skipped.append((line_number, (row.get("URN") or "").strip(), str(error)))
            continue
        if values["urn"] in parsed:
            report.skipped.append((line_number, values["urn"], "URN appears earlier in the file"))
            continue
        parsed[values["urn"]] = values

    with transaction.atomic():
        authorities = {la.code: la for la in LocalAuthority.objects.all()}
        for values in parsed.values():
            la = authorities.get(values["la_code"])
            if la is None:
                la = LocalAuthority.objects.create(code=values["la_code"], name=values["la_name"])
                authorities[la.code] = la
            elif values["la_name"] and la.name != values["la_name"]:
                la.name = values["la_name"]
                la.save(update_fields=["name"])
            values["la_id"] = la.id

        existing = School.objects.in_bulk(parsed.keys(), field_name="urn")
        to_create, to_update = [], []
        for urn, values in parsed.items():
            school = existing.get(urn)
            if school is None:
                to_create.append(School(urn=urn, **{f: values[f] for f in SCHOOL_FIELDS}))
                continue
            changed = False
            for f in SCHOOL_FIELDS:
                if getattr(school, f) != values[f]:
                    setattr(school, f, values[f])
                    changed = True
            if changed:
                school.updated_at = timezone.now()
                to_update.append(school)
            else:
                report.unchanged += 1
        School.objects.bulk_create(to_create, batch_size=1000)
        School.objects.bulk_update(to_update, SCHOOL_FIELDS + ["updated_at"], batch_size=1000)
        report.created = len(to_create)
        report.updated = len(to_update)
    return report
