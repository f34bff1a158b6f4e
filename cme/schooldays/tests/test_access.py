"""Only senior officers, managers and administrators reach the term-dates pages; everyone else gets 404."""

import pytest
from django.urls import reverse

URLS = [
    reverse("schooldays:term_dates"),
    reverse("schooldays:edit_year", args=[2025]),
    reverse("schooldays:import"),
    reverse("schooldays:export"),
]
OTHER_ROLES = ["priya_officer", "grace_at_oak", "nadia_partner", "raj_viewer"]


@pytest.mark.parametrize("person", OTHER_ROLES)
@pytest.mark.parametrize("url", URLS)
def test_other_roles_get_not_found_on_every_term_dates_page(client, request, person, url):
    client.force_login(request.getfixturevalue(person))
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("person", ["sam_senior", "alex_admin"])
@pytest.mark.parametrize("url", URLS)
def test_senior_officers_and_administrators_reach_every_page(client, request, person, url):
    client.force_login(request.getfixturevalue(person))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_signed_out_people_are_asked_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
