"""The grounds for deleting a pupil from the admission register are reference data, loaded by a migration."""

import string

import pytest
from django.urls import reverse

from cme.schooldays.models import DeletionGround

pytestmark = pytest.mark.django_db

REGULATIONS = "School Attendance (Pupil Registration) (England) Regulations 2024"


def test_every_ground_a_to_o_is_loaded_in_order_with_its_regulation_reference():
    grounds = list(DeletionGround.objects.active())
    assert [g.code for g in grounds] == [f"9(1)({letter})" for letter in string.ascii_lowercase[:15]]
    for ground in grounds:
        assert ground.regulation_reference == f"{REGULATIONS}, regulation {ground.code}"
        assert ground.label and ground.description
    assert len({g.kind for g in grounds}) == 15


def test_the_twenty_school_day_ground_can_be_found_and_needs_the_la_and_enquiries():
    ground = DeletionGround.objects.twenty_school_days()
    assert ground.code == "9(1)(i)"
    assert ground.is_twenty_day_ground
    assert ground.needs_la_agreement and ground.needs_enquiries and ground.may_be_missing_education
    assert "20 continuous school days" in ground.description
    assert "G, N or O" in ground.description
    assert [g.code for g in DeletionGround.objects.all() if g.is_twenty_day_ground] == ["9(1)(i)"]


@pytest.mark.parametrize(
    "code, may_be_missing_education",
    [("9(1)(a)", False), ("9(1)(f)", False), ("9(1)(g)", True), ("9(1)(h)", True), ("9(1)(k)", False), ("9(1)(o)", True)],
)
def test_grounds_where_the_child_may_be_missing_education_are_marked(code, may_be_missing_education):
    assert DeletionGround.objects.get(code=code).may_be_missing_education is may_be_missing_education


def test_home_education_needs_a_written_notice():
    ground = DeletionGround.objects.get(kind=DeletionGround.HOME_EDUCATION)
    assert ground.code == "9(1)(f)"
    assert "in writing" in ground.description


def test_an_administrator_rewords_a_ground_in_the_admin_site_but_cannot_delete_it(admin_client):
    ground = DeletionGround.objects.get(code="9(1)(k)")
    url = reverse("admin:schooldays_deletionground_change", args=[ground.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="kind"' not in page.content.decode()  # fixed: code finds grounds by it
    response = admin_client.post(
        url,
        {
            "code": ground.code, "regulation_reference": ground.regulation_reference, "label": "Pupil has died",
            "description": ground.description, "is_active": "on", "order": ground.order,
        },
    )
    assert response.status_code == 302
    ground.refresh_from_db()
    assert ground.label == "Pupil has died"
    assert ground.kind == "died"
    assert admin_client.get(reverse("admin:schooldays_deletionground_delete", args=[ground.pk])).status_code == 403
