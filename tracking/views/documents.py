"""Documents on a case: uploaded through the content check, downloaded only
by those who may see the case, every download written to the access log."""

from django.http import FileResponse, Http404

from cme.accounts.access import la_staff_required
from cme.audit.services import log_access

from .. import selectors, services
from ..forms import DocumentForm
from .common import form_page, get_case


@la_staff_required
def upload_document(request, pk):
    case = get_case(request, pk)
    return form_page(
        request, record=case, form_class=DocumentForm, heading="Add a document", submit="Upload document",
        save=lambda form: services.upload_document(
            case, by=request.user, uploaded=form.cleaned_data["file"], description=form.cleaned_data["description"],
        ),
        success=lambda document: f"Document added: {document.original_name}", error_field="file",
    )


@la_staff_required
def download_document(request, pk, document_pk):
    document = selectors.document_for_download(request.user, pk, document_pk)
    if document is None:
        raise Http404("No such document")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage")
    log_access(request, "download", object_type="case_document", object_id=document.pk,
               child_id=document.event.case.child_id, case=document.event.case_id, name=document.original_name)
    response = FileResponse(handle, as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
