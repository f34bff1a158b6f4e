import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone

from cme.accounts.access import senior_officer_required
from cme.audit.services import log_access
from cme.pdf import write_pdf

from .. import subject_access
from ..models import Child


@senior_officer_required
def export(request, pk, fmt):
    """Everything held about one child, as JSON or PDF, for a subject access request."""
    if fmt not in ("json", "pdf"):
        raise Http404("No such format")
    child = get_object_or_404(Child.objects.visible_to(request.user), pk=pk)
    log_access(request, "export", object_type="child", object_id=child.pk, child_id=child.pk,
               purpose="subject access", format=fmt)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    if fmt == "json":
        body = json.dumps(subject_access.as_json(child), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        child, sections = subject_access.collect(child)
        html = render_to_string("tracking/subject_access.html", {
            "child": child, "sections": sections, "la_name": settings.CME_LA_NAME,
            "exported_at": timezone.now(), "exported_by": request.user,
        })
        response = HttpResponse(write_pdf(html, running_title=f"Subject access export · child record {child.pk}"),
                                content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="child-{child.pk}-subject-access-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
