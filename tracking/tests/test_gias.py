import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tracking.gias import REQUIRED_COLUMNS, GiasFileError, import_gias
from tracking.models import School
from tracking.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

# A slice of the real extract's header: extra columns in any order are ignored.
EXTRA_COLUMNS = ["EstablishmentTypeGroup (name)", "Gender (name)", "SchoolCapacity"]


def gias_file(rows, columns=None, encoding="cp1252"):
    columns = list(columns or (EXTRA_COLUMNS[:1] + list(REQUIRED_COLUMNS) + EXTRA_COLUMNS[1:]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


def row(**overrides):
    values = {
        "URN": "116101", "LA (code)": "852", "LA (name)": "Southampton",
        "EstablishmentNumber": "2101", "EstablishmentName": "Bitterne Park Primary School",
        "TypeOfEstablishment (name)": "Community school", "EstablishmentStatus (name)": "Open",
        "PhaseOfEducation (name)": "Primary", "StatutoryLowAge": "4", "StatutoryHighAge": "11",
        "Street": "Manor Farm Road", "Locality": "Bitterne Park", "Town": "Southampton",
        "Postcode": "so18 1ab", "TelephoneNum": "02380 123456", "OpenDate": "01-09-1995",
        "CloseDate": "", "Gender (name)": "Mixed", "SchoolCapacity": "420",
        "EstablishmentTypeGroup (name)": "Local authority maintained schools",
    }
    values.update(overrides)
    return values


def test_a_gias_extract_creates_schools_read_by_header_name():
    report = import_gias(gias_file([row(), row(URN="116102", EstablishmentName="Café Lane Infant School")]))
    assert (report.created, report.updated, len(report.skipped)) == (2, 0, 0)
    school = School.objects.get(urn="116101")
    assert school.name == "Bitterne Park Primary School"
    assert school.dfe_number == "852/2101"
    assert school.la.name == "Southampton"
    assert school.postcode == "SO18 1AB"
    assert school.open_date == date(1995, 9, 1)
    assert (school.statutory_low_age, school.statutory_high_age) == (4, 11)
    # Windows-1252 characters survive.
    assert School.objects.get(urn="116102").name == "Café Lane Infant School"


def test_re_importing_updates_schools_in_place_and_counts_unchanged_ones():
    import_gias(gias_file([row(), row(URN="116102")]))
    first_id = School.objects.get(urn="116101").id
    report = import_gias(gias_file([
        row(**{"EstablishmentStatus (name)": "Closed", "CloseDate": "31-08-2025"}),
        row(URN="116102"),
    ]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    school = School.objects.get(urn="116101")
    assert school.id == first_id
    assert school.status == "Closed" and school.close_date == date(2025, 8, 31)
    assert not school.is_open


def test_schools_missing_from_a_new_file_are_kept():
    SchoolFactory(urn="100001", name="Old School")
    import_gias(gias_file([row()]))
    assert School.objects.filter(urn="100001").exists()


def test_a_file_missing_a_required_column_is_refused_and_nothing_changes():
    SchoolFactory(urn="116101", name="Before")
    columns = [c for c in REQUIRED_COLUMNS if c != "EstablishmentName"]
    with pytest.raises(GiasFileError) as error:
        import_gias(gias_file([row(URN="116555")], columns=columns))
    assert "'EstablishmentName'" in str(error.value)
    assert "Nothing was changed" in str(error.value)
    assert School.objects.count() == 1
    assert School.objects.get(urn="116101").name == "Before"


@pytest.mark.parametrize(
    "bad, reason",
    [
        ({"URN": "12345"}, "URN '12345' is not 6 digits"),
        ({"OpenDate": "1995-09-01"}, "OpenDate '1995-09-01' is not a date in the form dd-mm-yyyy"),
        ({"StatutoryLowAge": "four"}, "StatutoryLowAge 'four' is not an age in years"),
        ({"StatutoryLowAge": "²"}, "StatutoryLowAge '²' is not an age in years"),
        ({"EstablishmentName": ""}, "EstablishmentName is empty"),
        ({"LA (code)": "85"}, "LA (code) '85' is not 3 digits"),
    ],
)
def test_a_malformed_row_is_reported_with_its_line_and_skipped(bad, reason):
    report = import_gias(gias_file([row(URN="116200"), row(**bad)]))
    assert report.created == 1
    [(line, _urn, why)] = report.skipped
    assert line == 3
    assert why == reason


def test_the_command_reports_counts_and_refuses_a_bad_file(tmp_path, capsys):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(gias_file([row(), row(URN="bad")]))
    call_command("import_gias", str(path))
    out, err = capsys.readouterr()
    assert "Schools: 1 created, 0 updated, 0 unchanged, 1 skipped." in out
    assert "Skipped line 3 (URN bad): URN 'bad' is not 6 digits" in err

    path.write_bytes(b"URN,EstablishmentName\n100000,A school\n")
    with pytest.raises(CommandError, match="missing the columns"):
        call_command("import_gias", str(path))


def test_la_staff_find_schools_by_name_urn_or_dfe_number(client, priya_officer):
    import_gias(gias_file([row(), row(URN="116102", EstablishmentNumber="2102", EstablishmentName="Ash Infant School")]))
    client.force_login(priya_officer)
    by_name = client.get(reverse("tracking:school_list"), {"q": "ash"})
    assert [s.urn for s in by_name.context["page"].object_list] == ["116102"]
    by_urn = client.get(reverse("tracking:school_list"), {"q": "116101"})
    assert [s.urn for s in by_urn.context["page"].object_list] == ["116101"]
    by_dfe = client.get(reverse("tracking:school_list"), {"q": "852/2102"})
    assert [s.urn for s in by_dfe.context["page"].object_list] == ["116102"]


def test_the_school_list_costs_the_same_queries_for_10_and_200_schools(client, priya_officer, django_assert_num_queries):
    client.force_login(priya_officer)
    SchoolFactory.create_batch(10)
    with django_assert_num_queries(7):
        client.get(reverse("tracking:school_list"))
    SchoolFactory.create_batch(190)
    with django_assert_num_queries(7):
        client.get(reverse("tracking:school_list"))


@pytest.mark.parametrize("status, is_open", [
    ("Open", True), ("Open, but proposed to close", True), ("Proposed to open", False), ("Closed", False), ("", False),
])
def test_only_schools_with_pupils_count_as_open(status, is_open):
    school = SchoolFactory(status=status)
    assert school.is_open is is_open
    assert School.objects.open().filter(pk=school.pk).exists() is is_open
