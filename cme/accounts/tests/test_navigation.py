import pytest
from django.urls import reverse

from cme.accounts.navigation import NAVIGATION
from cme.accounts.models import LA_STAFF_ROLES

pytestmark = pytest.mark.django_db

LA_ONLY_URLS = [url_name for _, url_name, roles in NAVIGATION if roles <= LA_STAFF_ROLES]


def nav_links(response):
    return [item["url"] for item in response.context["navigation"]]


def test_the_la_only_list_is_not_empty():
    assert "tracking:school_list" in LA_ONLY_URLS


def test_a_school_user_is_shown_no_la_only_pages(client, grace_at_oak):
    client.force_login(grace_at_oak)
    response = client.get(reverse("home"))
    links = nav_links(response)
    page = response.content.decode()
    for url_name in LA_ONLY_URLS:
        try:
            url = reverse(url_name)
        except Exception:
            continue
        assert url not in links
        assert f'href="{url}"' not in page


def test_a_school_user_sees_their_school_on_the_home_page(client, grace_at_oak, oak_primary):
    client.force_login(grace_at_oak)
    assert "Oak Primary School" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("who", ["grace_at_oak", "nadia_partner", "raj_viewer"])
def test_la_only_pages_are_not_found_for_people_outside_the_la(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("tracking:school_list")).status_code == 404


def test_an_officer_sees_the_school_list_in_the_navigation(client, priya_officer):
    client.force_login(priya_officer)
    assert reverse("tracking:school_list") in nav_links(client.get(reverse("home")))


def test_the_current_page_is_marked_in_the_navigation(client, priya_officer):
    client.force_login(priya_officer)
    response = client.get(reverse("tracking:school_list"))
    active = [item for item in response.context["navigation"] if item["active"]]
    assert [item["label"] for item in active] == ["Schools"]
