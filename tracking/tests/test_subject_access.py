"""Subject access: everything held about a child, for a senior officer."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cme.audit.models import AccessLog
from tracking import services
from tracking.models import FlagKind, HomeVisitOutcome
from tracking.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(priya_officer):
    case = CaseFactory(child__first_name="Kacper", child__last_name="Nowak", created_by=priya_officer)
    services.add_contact(case.child, by=priya_officer, name="Joanna Nowak", relationship="Mother",
                         has_parental_responsibility=True, phone="07700 900123")
    services.add_flag(case.child, by=priya_officer, kind=FlagKind.YOUNG_CARER)
    services.record_home_visit(case, by=priya_officer, visited_on=case.opened_on, outcome=HomeVisitOutcome.PROPERTY_EMPTY,
                               details="Curtains drawn, post piled up", visiting_officers="Priya Shah, Tom Brennan")
    return case


def test_a_senior_officer_downloads_everything_as_json(client, sam_senior, case):
    client.force_login(sam_senior)
    response = client.get(reverse("tracking:child_export", args=[case.child.pk, "json"]))
    assert response["Content-Disposition"].startswith(f'attachment; filename="child-{case.child.pk}-subject-access-')
    data = json.loads(response.content)
    titles = [s["title"] for s in data["sections"]]
    assert {"Child", "Names", "Contacts", "Risk factors", f"Case {case.reference}: timeline"} <= set(titles)
    contacts = next(s for s in data["sections"] if s["title"] == "Contacts")["rows"]
    assert contacts[0]["Name"] == "Joanna Nowak"
    timeline = next(s for s in data["sections"] if s["title"].endswith("timeline"))["rows"]
    assert any(row.get("Details") == "Curtains drawn, post piled up" for row in timeline)
    assert AccessLog.objects.filter(user=sam_senior, action="export", child_id=case.child.pk).exists()


def test_the_pdf_holds_the_same_information(client, sam_senior, case):
    client.force_login(sam_senior)
    response = client.get(reverse("tracking:child_export", args=[case.child.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Information held about Kacper Nowak" in text
    assert "Joanna Nowak" in text and "Curtains drawn, post piled up" in text
    assert "OFFICIAL-SENSITIVE" in text


@pytest.mark.parametrize("who", ["priya_officer", "grace_at_oak", "nadia_partner", "raj_viewer", "alex_admin"])
def test_only_senior_officers_can_export(client, request, who, case):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("tracking:child_export", args=[case.child.pk, "json"])).status_code == 404


def test_an_unknown_format_is_a_404(client, sam_senior, case):
    client.force_login(sam_senior)
    assert client.get(reverse("tracking:child_export", args=[case.child.pk, "xml"])).status_code == 404
