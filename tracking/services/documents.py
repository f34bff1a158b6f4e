"""Documents on a case's timeline: checked by content, stored privately."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import CaseDocument, EventKind
from .base import _event

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Allowed types, recognised by their first bytes, not by the name the user gave.
SIGNATURES = [
    (b"%PDF-", "application/pdf", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG image"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG image"),
    (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
]
ALLOWED_DESCRIPTION = "a PDF, Word document (.docx), JPEG or PNG"


def sniff_document(uploaded):
    """The content type of an upload, judged by its content; or ValidationError."""
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"The file must be smaller than {MAX_DOCUMENT_BYTES // (1024 * 1024)}MB")
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty")
    head = uploaded.read(8)
    uploaded.seek(0)
    for magic, content_type, _label in SIGNATURES:
        if head.startswith(magic):
            if magic == b"PK\x03\x04" and not _is_docx(uploaded):
                break
            return content_type
    raise ValidationError(f"The selected file must be {ALLOWED_DESCRIPTION}")


def _is_docx(uploaded):
    import zipfile

    try:
        with zipfile.ZipFile(uploaded) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)


@transaction.atomic
def upload_document(case, *, by, uploaded, description=""):
    content_type = sniff_document(uploaded)
    original = (uploaded.name or "document").replace("/", "_").replace("\\", "_")[-200:]
    event = _event(case, by, EventKind.DOCUMENT, f"Document added: {original}", description)
    document = CaseDocument(event=event, original_name=original, content_type=content_type,
                            size=uploaded.size, description=description)
    document.file.save(original, uploaded, save=False)
    document.save()
    return document
