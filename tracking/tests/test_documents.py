"""Documents on a case: checked by what they contain, kept privately, given
back only to those who may see the case, and every download logged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cme.audit.models import AccessLog
from tracking import services
from tracking.models import CaseDocument
from tracking.tests.conftest import pdf_file

pytestmark = pytest.mark.django_db


def upload(client, case, file, description=""):
    return client.post(reverse("tracking:case_document_upload", args=[case.pk]),
                       {"file": file, "description": description})


def test_priya_uploads_a_letter_and_it_appears_on_the_timeline(client, priya_officer, amira_case, private_storage):
    client.force_login(priya_officer)
    response = upload(client, amira_case, pdf_file("EHE letter.pdf"), "Parent's notice of home education")
    assert response.status_code == 302
    document = CaseDocument.objects.get()
    assert (document.original_name, document.content_type) == ("EHE letter.pdf", "application/pdf")
    assert str(private_storage) in document.file.path and "EHE letter" not in document.file.name
    page = client.get(reverse("tracking:case_detail", args=[amira_case.pk])).content.decode()
    assert reverse("tracking:case_document", args=[amira_case.pk, document.pk]) in page


@pytest.mark.parametrize("file, message", [
    (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 this is a program"), "The selected file must be a PDF, Word document (.docx), JPEG or PNG"),
    (SimpleUploadedFile("fake.docx", b"PK\x03\x04 not really a zip"), "The selected file must be a PDF, Word document (.docx), JPEG or PNG"),
    (pdf_file(size=10 * 1024 * 1024 + 1), "The file must be smaller than 10MB"),
    (SimpleUploadedFile("empty.pdf", b""), "The selected file is empty"),
])
def test_files_that_are_not_allowed_are_refused_with_the_reason(client, priya_officer, amira_case, private_storage, file, message):
    client.force_login(priya_officer)
    response = upload(client, amira_case, file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_no_file_chosen_is_asked_for(client, priya_officer, amira_case, private_storage):
    client.force_login(priya_officer)
    assert "Select a file to upload" in client.post(reverse("tracking:case_document_upload", args=[amira_case.pk]), {}).content.decode()


@pytest.fixture
def letter(amira_case, priya_officer, private_storage):
    return services.upload_document(amira_case, by=priya_officer, uploaded=pdf_file("letter.pdf"))


def test_a_download_is_an_attachment_and_is_logged(client, tom_officer, amira_case, letter):
    client.force_login(tom_officer)
    response = client.get(reverse("tracking:case_document", args=[amira_case.pk, letter.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    entry = AccessLog.objects.get(action="download")
    assert (entry.user, entry.object_type, entry.object_id, entry.child_id) == (
        tom_officer, "case_document", str(letter.pk), amira_case.child_id)


@pytest.mark.parametrize("person", ["grace_at_oak", "nadia_partner", "raj_viewer"])
def test_people_who_cannot_see_the_case_cannot_download_its_documents(client, request, person, amira_case, letter):
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("tracking:case_document", args=[amira_case.pk, letter.pk])).status_code == 404
    assert not AccessLog.objects.filter(action="download").exists()


def test_a_document_is_only_found_under_its_own_case(client, priya_officer, letter):
    from tracking.tests.factories import CaseFactory

    other = CaseFactory()
    client.force_login(priya_officer)
    assert client.get(reverse("tracking:case_document", args=[other.pk, letter.pk])).status_code == 404
