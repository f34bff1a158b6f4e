"""Importing term dates from a CSV file: every row checked, all or nothing."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from cme.schooldays import imports
from cme.schooldays.models import Calendar, ClosureDay, Term
from cme.schooldays.selectors import is_school_day

IMPORT = reverse("schooldays:import")
HEADER = "school_year,name,start,end\n"
YEAR_2028 = (
    "2028/29,Autumn 1,04/09/2028,20/10/2028\n"
    "2028/29,Autumn 2,30/10/2028,15/12/2028\n"
    "2028/29,Spring 1,2029-01-03,2029-02-09\n"
    "2028/29,Spring 2,19/02/2029,29/03/2029\n"
    "2028/29,Summer 1,16/04/2029,25/05/2029\n"
    "2028/29,Summer 2,04/06/2029,20/07/2029\n"
)


def upload(text, name="terms.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding) if isinstance(text, str) else text, "text/csv")


def read(text, **kwargs):
    return imports.read_term_dates(upload(text, **kwargs))


def stored_dates():
    return (
        sorted(Term.objects.values_list("calendar__school_urn", "school_year", "name", "start", "end")),
        sorted(ClosureDay.objects.values_list("calendar__school_urn", "date", "reason")),
    )


class TestReadingTheFile:
    def test_a_good_file(self):
        result = read(HEADER + YEAR_2028)
        assert result.ok
        assert result.terms_by_year()[2028][2] == ("Spring 1", date(2029, 1, 3), date(2029, 2, 9))

    @pytest.mark.parametrize(
        "row, message",
        [
            ("2028/30,Autumn 1,04/09/2028,20/10/2028", "School year “2028/30” must be written like 2025/26"),
            ("1066,Autumn 1,04/09/2028,20/10/2028", "School year must be between 2000/01 and 2098/99"),
            (",Autumn 1,04/09/2028,20/10/2028", "Enter the school year, for example 2025/26"),
            ("2028/29,Autumn term,04/09/2028,20/10/2028", "Half term “Autumn term” must be one of Autumn 1"),
            ("2028/29,Autumn 1,4 Sept 2028,20/10/2028", "First day “4 Sept 2028” must be a date like 02/09/2025"),
            ("2028/29,Autumn 1,04/09/2028,31/09/2028", "Last day “31/09/2028” is not a real date"),
            ("2028/29,Autumn 1,04/09/2028,", "Enter the last day, for example 02/09/2025"),
            ("2028/29,Autumn 1,04/09/2028,01/09/2028", "The last day of Autumn 1 must be the same as or after its first day"),
            ("2028/29,Autumn 1,04/09/2027,20/10/2028", "The first day of Autumn 1 must be in the 2028/29"),
            ("2028/29,Autumn 1,04/09/2028,01/11/2028", "Autumn 2 must start after Autumn 1 ends (1 November 2028)"),
            ("2028/29,Autumn 2,04/09/2028,20/10/2028", "Autumn 2 for 2028/29 is also on row 2"),
        ],
    )
    def test_each_rejected_row_says_why(self, row, message):
        text = HEADER + YEAR_2028.replace("2028/29,Autumn 1,04/09/2028,20/10/2028\n", row + "\n")
        result = read(text)
        assert not result.ok
        messages = [f"row {r.line}: {e}" for r in result.rows for e in r.errors] + result.errors
        assert any(message in m for m in messages), messages

    def test_the_rejected_row_is_the_one_named(self):
        text = HEADER + YEAR_2028.replace("30/10/2028,15/12/2028", "30/10/2028,15/13/2028")
        [row] = read(text).rejected_rows
        assert row.line == 3
        assert row.errors == ["Last day “15/13/2028” is not a real date"]

    def test_a_year_without_all_six_half_terms(self):
        result = read(HEADER + "".join(YEAR_2028.splitlines(True)[:4]))
        assert result.errors == ["2028/29 has no dates for Summer 1, Summer 2: give all six half terms for each school year"]

    @pytest.mark.parametrize(
        "content, message",
        [
            ("", "The selected file is empty"),
            ("school_year,name,start\n2028/29,Autumn 1,04/09/2028\n", "(missing: end)"),
            (HEADER, "The selected file has no term dates under its first row"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The selected file must be a CSV file"),
            (b"\xff\xfe\x00s\x00c\x00h", "The selected file must be a CSV file"),
            (HEADER + '2028/29,"Autumn 1,04/09/2028\n' + "x" * 200_000, "could not be read as CSV"),
        ],
    )
    def test_a_file_that_is_not_term_dates(self, content, message):
        result = read(content)
        assert not result.ok
        assert any(message in error for error in result.errors), result.errors

    def test_a_file_too_big_is_not_read(self):
        result = read(HEADER + "x" * imports.MAX_BYTES)
        assert result.errors == ["The selected file must be smaller than 1 MB"]

    def test_too_many_rows(self):
        result = read(HEADER + YEAR_2028 * 200)
        assert result.errors == [f"The file must have no more than {imports.MAX_ROWS} rows of term dates"]

    def test_spreadsheet_habits_are_understood(self):
        # Excel's byte order mark, Windows-1252, other column names and order, spare columns, blank lines, any case
        text = "\ufeffName,Start date,End date,School year,Notes\n" + "".join(
            f"{name.upper()},{start},{end},{year} to 2029,\n\n"
            for year, name, start, end in (line.split(",") for line in YEAR_2028.replace("2028/29", "2028").splitlines())
        )
        result = read(text, encoding="utf-8")
        assert result.ok, [r.errors for r in result.rows] + result.errors
        windows = read("school_year,name,start,end\n2028,Autumn 1 – café,1/9/2028,2/9/2028\n", encoding="cp1252")
        assert windows.rows[0].name_text == "Autumn 1 – café"


class TestImportingOnThePage:
    @pytest.fixture
    def sam(self, client, sam_senior, demo_calendars):
        client.force_login(sam_senior)
        return client

    def test_sam_imports_a_new_year(self, sam, sam_senior):
        response = sam.post(IMPORT, {"file": upload(HEADER + YEAR_2028)})
        assert response.status_code == 302
        assert response.url == f"{reverse('schooldays:term_dates')}?year=2028"
        assert "Term dates imported for 2028/29" in sam.get(response.url).content.decode()
        assert Term.objects.filter(calendar__school_urn="", school_year=2028).count() == 6
        assert Calendar.objects.get(school_urn="").updated_by == sam_senior
        assert is_school_day(date(2029, 1, 3)) is True

    def test_an_imported_year_replaces_that_years_dates_and_keeps_closure_days(self, sam):
        exported = sam.get(reverse("schooldays:export")).content.decode()
        changed = exported.replace("2025/26,Autumn 1,03/09/2025,24/10/2025", "2025/26,Autumn 1,03/09/2025,23/10/2025")
        closures = sorted(ClosureDay.objects.values_list("calendar__school_urn", "date"))
        assert sam.post(IMPORT, {"file": upload(changed)}).status_code == 302
        assert Term.objects.get(calendar__school_urn="", school_year=2025, name="Autumn 1").end == date(2025, 10, 23)
        assert Term.objects.filter(calendar__school_urn="").count() == 36
        assert sorted(ClosureDay.objects.values_list("calendar__school_urn", "date")) == closures

    def test_a_file_with_a_bad_row_changes_nothing_and_says_which_row(self, sam):
        before = stored_dates()
        bad = HEADER + YEAR_2028.replace("19/02/2029,29/03/2029", "19/02/2029,01/02/2029")
        response = sam.post(IMPORT, {"file": upload(bad)})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<title>Error: Import term dates" in html
        assert '<a href="#row-5">Row 5: The last day of Spring 2 must be the same as or after its first day</a>' in html
        assert "1 row of the file has problems. Nothing was imported" in html
        assert 'id="row-5"' in html and "Rejected" in html
        assert stored_dates() == before

    def test_a_year_that_would_leave_a_gap_changes_nothing(self, sam):
        before = stored_dates()
        response = sam.post(IMPORT, {"file": upload(HEADER + YEAR_2028.replace("2028/29", "2030/31").replace("2028", "2030").replace("2029", "2031"))})
        assert response.status_code == 200
        assert "Term dates are missing for 2028/29, 2029/30" in response.content.decode()
        assert stored_dates() == before

    def test_no_file_and_not_a_csv(self, sam):
        response = sam.post(IMPORT, {})
        assert '<a href="#id_file">Select a CSV file of term dates</a>' in response.content.decode()
        response = sam.post(IMPORT, {"file": upload(b"\x00\x01\x02binary", name="photo.png")})
        assert '<a href="#id_file">The selected file must be a CSV file</a>' in response.content.decode()

    def test_a_huge_file_is_refused(self, sam):
        response = sam.post(IMPORT, {"file": upload(HEADER + "x" * (imports.MAX_BYTES + 10))})
        assert response.status_code == 200
        assert "The selected file must be smaller than 1 MB" in response.content.decode()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.binary(max_size=300))
def test_reading_any_content_gives_a_verdict_never_an_exception(content):
    data = (HEADER + content).encode() if isinstance(content, str) else content
    result = imports.read_term_dates(io.BytesIO(data))
    assert result.ok == (not result.errors and not result.rejected_rows)
    for row in result.rejected_rows:
        assert all(isinstance(error, str) and error for error in row.errors)
