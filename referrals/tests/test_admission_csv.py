"""New pupils by CSV file: Grace exports Oak Primary's new pupils from the
school's system and uploads them. Bad rows are reported by row with what to
fix; good rows are sent; a file with no good rows changes nothing; a file
that is not a CSV text file is refused as a whole, saying what to do.
"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.admission_csv import MAX_ROWS, UnreadableFile, read_upload
from referrals.models import AdmissionNotice, ReferenceSequence
from tracking.models import Sex
from tracking.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

HEADER = "UPN,First name,Last name,Date of birth,Sex,Year group,Date added to register\n"
GOOD_UPN = "M801200112001"  # a valid UPN: check letter M, LA code 801, 2001, serial 001


def added():
    return (timezone.localdate() - timedelta(days=2)).strftime("%d/%m/%Y")


def csv_file(*rows, header=HEADER, encoding="utf-8"):
    return (header + "".join(row + "\n" for row in rows)).encode(encoding)


def upload(client, data, name="new-pupils.csv"):
    return client.post(reverse("referrals:admission_upload"),
                       {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_bad_rows_are_reported_by_row_with_reasons_and_good_rows_are_sent(client, grace_at_oak):
    data = csv_file(
        f"{GOOD_UPN},Kacper,Nowak,01/09/2016,M,4,{added()}",
        f"A80120011200X9,Amira,Haddad,14/02/2015,F,5,{added()}",
        f",Tyler,Price,,M,6,{added()}",
        f",Lena,Popescu,03/03/2017,F,R,{added()}",
    )
    client.force_login(grace_at_oak)
    page = upload(client, data).content.decode()
    sent = AdmissionNotice.objects.order_by("pk")
    assert [(n.first_name, n.status, n.from_upload) for n in sent] == [("Kacper", "sent", True), ("Lena", "sent", True)]
    assert sent[0].upn == GOOD_UPN and sent[0].sex == Sex.MALE and sent[1].year_group == "R"
    assert "2 new pupils sent" in page and "2 rows not sent" in page
    assert "A UPN is 13 characters; you entered 14" in page
    assert "Enter the pupil’s date of birth" in page
    rejected = page[page.index('id="rejected-rows"'):page.index('id="accepted-rows"')]
    assert ">3</th>" in rejected and ">4</th>" in rejected and "Amira Haddad" in rejected and "Tyler Price" in rejected


def test_a_file_with_no_good_rows_changes_nothing(client, grace_at_oak):
    data = csv_file(f"BAD,Amira,Haddad,14/02/2015,F,5,{added()}", f",Tyler,Price,,M,6,{added()}")
    client.force_login(grace_at_oak)
    page = upload(client, data).content.decode()
    assert "No pupils were sent" in page and "Every row of the file has a problem, so nothing has changed" in page
    assert not AdmissionNotice.objects.exists()
    assert not ReferenceSequence.objects.exists()  # not even a reference number was used up


def test_a_windows_1252_file_from_excel_is_read(oak_primary):
    data = csv_file(f",Zoë,Müller,01/09/2016,F,4,{added()}", f",José,Núñez,02/10/2016,M,4,{added()}", encoding="cp1252")
    rows = read_upload(data, school=oak_primary, today=timezone.localdate()).rows
    assert [(r.fields["first_name"], r.fields["last_name"], r.accepted) for r in rows] == [
        ("Zoë", "Müller", True), ("José", "Núñez", True)]


def test_a_utf8_file_with_a_byte_order_mark_is_read(oak_primary):
    data = "\ufeff".encode() + csv_file(f",Zoë,Müller,01/09/2016,F,4,{added()}")
    [row] = read_upload(data, school=oak_primary, today=timezone.localdate()).rows
    assert row.accepted and row.fields["first_name"] == "Zoë"


def test_a_row_in_the_wrong_encoding_is_rejected_on_its_own(oak_primary):
    good = csv_file(f",Zoë,Müller,01/09/2016,F,4,{added()}")
    bad = f",José,Núñez,02/10/2016,M,4,{added()}\n".encode("cp1252")
    rows = read_upload(good + bad, school=oak_primary, today=timezone.localdate()).rows
    assert [(r.number, r.accepted) for r in rows] == [(2, True), (3, False)]
    assert rows[1].problems[0].startswith("This row has characters that are not UTF-8, unlike the rest of the file")


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04" + b"\x00" * 40, "The file is a spreadsheet, not a CSV file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "The file is a spreadsheet, not a CSV file"),
    (HEADER.encode("utf-16"), "The file is not a CSV text file (it may be saved as ‘Unicode’"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not a CSV text file"),
    (b"   \n", "The file is empty"),
    (HEADER.encode(), "The file has no pupils in it"),
    (b"Name,Birthday\nKacper,01/09/2016\n", "The file has no ‘First name’ or ‘Last name’ or ‘Date of birth’ or "
                                            "‘Date added to register’ column"),
])
def test_a_file_that_cannot_be_used_is_refused_saying_what_to_do(oak_primary, data, message):
    with pytest.raises(UnreadableFile) as refused:
        read_upload(data, school=oak_primary, today=timezone.localdate())
    assert str(refused.value).startswith(message)


def test_too_many_rows_are_refused(client, grace_at_oak):
    rows = [f",Pupil{n},Nowak,01/09/2016,M,4,{added()}" for n in range(MAX_ROWS + 1)]
    client.force_login(grace_at_oak)
    page = upload(client, csv_file(*rows)).content.decode()
    assert f"The file has {MAX_ROWS + 1} pupils; upload no more than {MAX_ROWS} at a time" in page
    assert not AdmissionNotice.objects.exists()


def test_a_pupil_twice_in_one_file_is_sent_once(oak_primary):
    rows = read_upload(csv_file(f"{GOOD_UPN},Kacper,Nowak,01/09/2016,M,4,{added()}",
                                f"{GOOD_UPN},KACPER,NOWAK,01/09/2016,M,4,{added()}"),
                       school=oak_primary, today=timezone.localdate()).rows
    assert [r.accepted for r in rows] == [True, False]
    assert rows[1].problems == ["The same pupil as row 2"]


def test_uploading_the_same_file_again_sends_nobody_twice(client, grace_at_oak):
    data = csv_file(f",Kacper,Nowak,01/09/2016,M,4,{added()}")
    client.force_login(grace_at_oak)
    upload(client, data)
    page = upload(client, data).content.decode()
    notice = AdmissionNotice.objects.get()
    assert f"You told us about this pupil already ({notice.reference}" in page


def test_columns_are_found_by_name_in_any_order_and_dates_in_either_form(oak_primary):
    data = csv_file(f"Nowak,2016-09-01,{added()},Kacper,Year 4,Boy",
                    header="Legal Surname,DOB,Admission Date,Legal Forename,NC Year,Gender\n")
    [row] = read_upload(data, school=oak_primary, today=timezone.localdate()).rows
    assert row.accepted
    assert row.fields["date_of_birth"] == date(2016, 9, 1) and row.fields["year_group"] == "4"
    assert row.fields["sex"] == Sex.MALE and row.fields["last_name"] == "Nowak"


@pytest.mark.parametrize("cells, problem", [
    ("Kacper,Nowak,31/02/2016,M,4", "Date of birth ‘31/02/2016’ is not a real date"),
    ("Kacper,Nowak,1st Sept 2016,M,4", "Date of birth ‘1st Sept 2016’ is not a date we can read: write it as "
                                        "day/month/year, for example 04/05/2015"),
    ("Kacper,Nowak,01/09/2016,X,4", "Sex ‘X’ is not one we know: use M or F, or leave it blank"),
    ("Kacper,Nowak,01/09/2016,M,14", "Year group ‘14’ is not one we know: use R or 1 to 11"),
    (",Nowak,01/09/2016,M,4", "Enter the pupil’s first name"),
])
def test_what_is_wrong_with_a_row_is_said_in_words_a_school_can_act_on(oak_primary, cells, problem):
    [row] = read_upload(csv_file(f",{cells},{added()}"), school=oak_primary, today=timezone.localdate()).rows
    assert row.problems == [problem]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: (HEADER + t).encode("utf-8")))
def test_whatever_is_uploaded_gets_an_answer_not_an_error_page(data):
    school = SchoolFactory.build(pk=1, urn="116100", name="Oak Primary School")
    try:
        upload_result = read_upload(data, school=school, today=date(2026, 3, 18))
    except UnreadableFile as refused:
        assert str(refused)
    else:
        assert all(row.accepted or row.problems for row in upload_result.rows)


def test_a_huge_field_or_an_overlong_name_is_reported_not_crashed_on(client, grace_at_oak):
    from referrals.admission_csv import UnreadableFile, read_upload

    header = b"First name,Last name,Date of birth,Date added to register\n"
    with pytest.raises(UnreadableFile, match="could not be read as CSV"):
        read_upload(header + b'"' + b"A" * 200_000 + b'",Nowak,04/05/2015,25/11/2026\n', school=None,
                    today=date(2026, 11, 30))
    upload = read_upload(header + b"B" * 150 + b",Nowak,04/05/2015,25/11/2026\n", school=None,
                         today=date(2026, 11, 30))
    assert upload.accepted == []
    assert "First name must be 100 characters or fewer" in upload.rejected[0].problems
