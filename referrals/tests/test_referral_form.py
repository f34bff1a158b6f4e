"""Making a referral: the question pages, the draft, check your answers, sending.

Grace (attendance lead at Oak Primary) and Nadia (a health visitor) refer
children. Nothing they type is lost; what a school must say is asked of a
school; each missing action outcome is named.
"""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from referrals import services
from referrals.models import ACTIONS, Referral, ReferralStatus
from referrals.tests.factories import ReferralFactory, school_answers
from tracking.tests.factories import SchoolMembershipFactory

pytestmark = pytest.mark.django_db


def step(referral, slug):
    return reverse("referrals:step", args=[referral.pk, slug])


def errors_in(response):
    """The messages in the page's error summary, in order."""
    html = response.content.decode()
    if "govuk-error-summary" not in html:
        return []
    summary = html[html.index("govuk-error-summary"):]
    summary = summary[:summary.index("</ul>")]
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(r"<a href=\"[^\"]*\">([^<]*)</a>", summary)]


@pytest.fixture
def grace(client, grace_at_oak):
    client.force_login(grace_at_oak)
    return grace_at_oak


def start(client):
    response = client.post(reverse("referrals:start"))
    assert response.status_code == 302
    return Referral.objects.filter(status=ReferralStatus.DRAFT).latest("pk"), response["Location"]


def test_grace_starts_a_referral_from_oak_primary_and_goes_straight_to_the_children(client, grace, oak_primary):
    referral, location = start(client)
    assert referral.school == oak_primary and referral.is_school_referral
    assert location == reverse("referrals:children", args=[referral.pk])
    page = client.get(location, follow=True)
    assert page.redirect_chain[-1][0] == reverse("referrals:child_add", args=[referral.pk])
    assert "Child 1" in page.content.decode()


def test_a_school_user_with_two_schools_chooses_which_one_the_referral_is_from(client, grace, oak_primary, elm_academy):
    SchoolMembershipFactory(user=grace, school=elm_academy)
    referral, location = start(client)
    assert referral.school is None
    assert location == step(referral, "school")
    page = client.get(location).content.decode()
    assert "Oak Primary School" in page and "Elm Academy" in page

    response = client.post(location, {})
    assert errors_in(response) == ["Select the school this referral is from"]
    client.post(location, {"school": elm_academy.pk})
    referral.refresh_from_db()
    assert referral.school == elm_academy


def test_nobody_can_refer_from_a_school_they_do_not_work_at(client, grace, oak_primary, elm_academy, mark_at_elm):
    SchoolMembershipFactory(user=grace, school=SchoolMembershipFactory().school)
    referral, location = start(client)
    response = client.post(location, {"school": elm_academy.pk})
    assert errors_in(response) == ["Select one of your schools"]
    referral.refresh_from_db()
    assert referral.school is None


def test_two_children_are_added_one_page_each_and_listed(client, grace):
    referral, _ = start(client)
    add = reverse("referrals:child_add", args=[referral.pk])
    response = client.post(add, {"first_name": "Amelia", "last_name": "Nowak", "date_of_birth_0": "4",
                                 "date_of_birth_1": "5", "date_of_birth_2": "2015", "sex": "F"})
    assert response["Location"] == reverse("referrals:children", args=[referral.pk])
    page = client.get(response["Location"]).content.decode()
    assert "You have added 1 child" in page and "Amelia Nowak" in page
    response = client.post(reverse("referrals:children", args=[referral.pk]), {"add_another": "yes"})
    assert response["Location"] == add
    client.post(add, {"first_name": "Kacper", "last_name": "Nowak", "date_of_birth_0": "1",
                      "date_of_birth_1": "9", "date_of_birth_2": "2017", "sex": "M"})
    response = client.post(reverse("referrals:children", args=[referral.pk]), {"add_another": "no"})
    assert response["Location"] == step(referral, "family")
    assert [c.full_name for c in referral.children.all()] == ["Amelia Nowak", "Kacper Nowak"]
    assert referral.children.get(first_name="Kacper").date_of_birth == date(2017, 9, 1)


def test_a_mistyped_upn_and_date_of_birth_are_explained_and_what_was_typed_stays(client, grace):
    referral, _ = start(client)
    response = client.post(reverse("referrals:child_add", args=[referral.pk]), {
        "first_name": "Amelia", "last_name": "Nowak", "upn": "A80120011200X",
        "date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2015", "sex": "F",
    })
    errors = errors_in(response)
    assert errors[0] == "Date of birth must be a real date"
    assert "UPN" in errors[1]
    page = response.content.decode()
    assert 'value="Amelia"' in page and 'value="A80120011200X"' in page and 'value="31"' in page
    assert not referral.children.exists()


def test_a_school_must_give_a_childs_date_of_birth_a_partner_need_not(client, grace, nadia_partner):
    referral, _ = start(client)
    response = client.post(reverse("referrals:child_add", args=[referral.pk]),
                           {"first_name": "Amelia", "last_name": "Nowak", "sex": "U"})
    assert errors_in(response) == ["Enter the child’s date of birth"]

    client.force_login(nadia_partner)
    referral, _ = start(client)
    response = client.post(reverse("referrals:child_add", args=[referral.pk]),
                           {"first_name": "Amelia", "last_name": "Nowak", "sex": "U"})
    assert response.status_code == 302
    assert referral.children.get().date_of_birth is None


def test_the_error_summary_names_each_missing_action_outcome_and_keeps_the_others(client, grace):
    referral, _ = start(client)
    answers = {name: f"Outcome {n}" for n, (name, _) in enumerate(ACTIONS)}
    del answers["action_truancy_call"], answers["action_letter_home"]
    response = client.post(step(referral, "actions"), answers)
    assert errors_in(response) == [
        "Enter the outcome of ‘Send Truancy Call (if this system is available)’",
        "Enter the outcome of ‘Letter to be sent to the home address’",
    ]
    page = response.content.decode()
    assert "Outcome 0</textarea>" in page and "Outcome 6</textarea>" in page
    referral.refresh_from_db()
    assert referral.action_phone_parents == ""  # not saved until the page is complete…

    response = client.post(step(referral, "actions"), {**answers, "save_for_later": "1"})
    assert response["Location"] == reverse("referrals:start")
    referral.refresh_from_db()
    assert referral.action_phone_parents == "Outcome 0"  # …or the referrer saves it to come back to


def test_a_partner_may_leave_the_school_only_steps_blank(client, nadia_partner):
    client.force_login(nadia_partner)
    referral, _ = start(client)
    page = client.get(step(referral, "actions")).content.decode()
    assert "This is for schools" in page
    assert client.post(step(referral, "actions"), {})["Location"] == step(referral, "home-visit")
    assert client.post(step(referral, "home-visit"), {})["Location"] == step(referral, "referrer")


def test_a_partner_who_says_they_visited_tells_us_when_and_what_they_found(client, nadia_partner):
    client.force_login(nadia_partner)
    referral, _ = start(client)
    response = client.post(step(referral, "home-visit"), {"home_visit_outcome": "empty"})
    assert errors_in(response) == ["Enter the date of the home visit", "Enter the details of the home visit"]


def test_a_child_protection_concern_needs_saying_what_it_is(client, grace):
    referral, _ = start(client)
    response = client.post(step(referral, "risk"), {"child_protection_concern": "yes", "risk_flags": ["cin", "grt"]})
    assert errors_in(response) == ["Enter what the child protection concern is"]
    page = response.content.decode()
    assert re.search(r'value="cin"\s+checked', page) and re.search(r'value="grt"\s+checked', page)
    assert not re.search(r'value="cla"\s+checked', page)
    client.post(step(referral, "risk"), {"child_protection_concern": "yes", "risk_flags": ["cin", "grt"],
                                         "child_protection_details": "Bruising seen by the class teacher"})
    referral.refresh_from_db()
    assert referral.child_protection_concern is True
    assert referral.risk_flags == ["cin", "grt"]


def test_a_date_of_last_attendance_in_the_future_is_refused(client, grace):
    referral, _ = start(client)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(step(referral, "attendance"), {
        "last_attendance_date_0": tomorrow.day, "last_attendance_date_1": tomorrow.month,
        "last_attendance_date_2": tomorrow.year, "sibling_1_name": "Zofia Nowak", "sibling_1_school": "Elm Academy",
    })
    assert errors_in(response) == ["Date of last attendance must be today or in the past"]
    assert 'value="Zofia Nowak"' in response.content.decode()


def test_siblings_and_the_family_are_kept_as_given(client, grace):
    referral, _ = start(client)
    client.post(step(referral, "family"), {"parent_name": "Joanna Nowak", "parent_relationship": "Mother",
                                           "address_line_1": "12 Church Road", "address_postcode": "so15 2ab"})
    client.post(step(referral, "attendance"), {
        "last_attendance_date_0": "2", "last_attendance_date_1": "11", "last_attendance_date_2": "2026",
        "sibling_1_name": "Zofia Nowak", "sibling_1_school": "Elm Academy", "sibling_3_name": "Piotr Nowak",
    })
    referral.refresh_from_db()
    assert referral.address_postcode == "SO15 2AB"
    assert referral.siblings == [{"name": "Zofia Nowak", "school": "Elm Academy"}, {"name": "Piotr Nowak", "school": ""}]
    page = client.get(step(referral, "attendance")).content.decode()
    assert 'value="Zofia Nowak"' in page and 'value="Piotr Nowak"' in page


def test_grace_leaves_and_comes_back_to_her_draft(client, grace):
    referral, _ = start(client)
    client.post(step(referral, "family"), {"parent_name": "Joanna Nowak", "save_for_later": "1"})
    page = client.get(reverse("referrals:start")).content.decode()
    assert "Referrals you have started" in page
    assert reverse("referrals:check", args=[referral.pk]) in page
    check = client.get(reverse("referrals:check", args=[referral.pk])).content.decode()
    assert "Joanna Nowak" in check


def test_check_your_answers_lists_what_is_missing_and_links_to_it(client, grace):
    referral = ReferralFactory(referrer=grace, answers={"action_letter_home": "", "referrer_phone": ""})
    response = client.post(reverse("referrals:check", args=[referral.pk]))
    assert errors_in(response) == ["Enter the outcome of ‘Letter to be sent to the home address’", "Enter a contact number"]
    page = response.content.decode()
    assert f'href="{step(referral, "actions")}?change=1#id_action_letter_home"' in page
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DRAFT and referral.reference is None


def test_a_change_link_returns_to_check_your_answers(client, grace):
    referral = ReferralFactory(referrer=grace)
    response = client.post(f"{step(referral, 'referrer')}?change=1",
                           {"referred_by": "Grace Adeyemi, attendance lead", "referrer_phone": "023 8000 1111"})
    assert response["Location"] == reverse("referrals:check", args=[referral.pk])


def test_sending_gives_a_reference_and_emails_an_acknowledgement(client, grace, django_capture_on_commit_callbacks):
    referral = ReferralFactory(referrer=grace)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("referrals:check", args=[referral.pk]))
    assert response["Location"] == reverse("referrals:sent", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED
    assert re.fullmatch(rf"CME-{timezone.localdate().year}-\d{{5}}", referral.reference)
    page = client.get(response["Location"]).content.decode()
    assert "Referral sent" in page and referral.reference in page
    [email] = mail.outbox
    assert email.to == [grace.email]
    assert referral.reference in email.subject and referral.reference in email.body
    assert "Kacper" not in email.body  # no child's name in an e-mail


def test_once_sent_a_referral_cannot_be_changed(client, grace):
    referral = ReferralFactory(referrer=grace, submitted=True)
    response = client.post(step(referral, "family"), {"parent_name": "Someone else"})
    assert response["Location"] == reverse("referrals:my_referral", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.parent_name == "Joanna Nowak"
    with pytest.raises(services.ServiceError):
        services.save_answers(referral, by=grace, parent_name="Someone else")


def test_a_draft_can_be_deleted_by_the_person_who_started_it(client, grace):
    referral = ReferralFactory(referrer=grace)
    client.post(reverse("referrals:delete_draft", args=[referral.pk]))
    assert not Referral.objects.filter(pk=referral.pk).exists()


def test_a_pupil_on_roll_who_is_missing_can_start_the_form_prefilled(grace, oak_primary):
    """How removal-from-roll and school-portal journeys start a referral."""
    last_seen = date(2026, 11, 2)
    referral = services.start_referral(
        by=grace, school=oak_primary, last_attendance_date=last_seen,
        children=[{"first_name": "Amelia", "last_name": "Nowak", "date_of_birth": date(2015, 5, 4),
                   "upn": "m801200112001"}],
    )
    assert referral.school == oak_primary and referral.last_attendance_date == last_seen
    assert referral.children.get().upn == "M801200112001"


def test_a_school_answer_set_is_complete(grace):
    """The factory's school answers are what the rules ask for: a check on the test data itself."""
    from referrals.completeness import missing_answers

    referral = ReferralFactory(referrer=grace, answers=school_answers())
    assert missing_answers(referral) == []


FIELD_NAMES = {
    "family": ["parent_name", "parent_relationship", "parent_phone", "address_line_1", "address_postcode"],
    "attendance": ["last_attendance_date_0", "last_attendance_date_1", "last_attendance_date_2", "moved_to_area",
                   "sibling_1_name", "sibling_1_school"],
    "risk": ["risk_flags", "child_protection_concern", "child_protection_details"],
    "actions": [name for name, _ in ACTIONS],
    "home-visit": ["home_visit_outcome", "home_visit_date_0", "home_visit_date_1", "home_visit_date_2"],
    "referrer": ["referred_by", "referrer_phone"],
}


@pytest.mark.parametrize("slug", sorted(FIELD_NAMES))
def test_nothing_typed_into_a_question_page_gives_an_error_page(client, grace, slug):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    referral, _ = start(client)
    url = step(referral, slug)
    text = st.text(max_size=300) | st.sampled_from(["", " ", "0", "-1", "31", "2", "99999", "yes", "cp", "<b>"])

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({name: text for name in FIELD_NAMES[slug]}), st.booleans())
    def post(data, later):
        response = client.post(url, {**data, **({"save_for_later": "1"} if later else {})})
        assert response.status_code in (200, 302)

    post()
