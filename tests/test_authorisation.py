"""Every URL, every role: who may open what.

This test walks the whole URLconf. Each named URL must appear in ACCESS
with the roles allowed to open it; every other signed-in role must get a
404, and a signed-out visitor must be sent to sign in. A new page that is
not in the table fails the suite, and so does a page whose access check was
removed (see test_the_walker_catches_a_page_without_access_control).

Records owned by one school or partner are also opened by the others
(ISOLATION): always a 404.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from reports.tests.factories import MonthlyReturnFactory
from tracking.tests.factories import SchoolFactory, SchoolMembershipFactory

pytestmark = pytest.mark.django_db

OFFICER, SENIOR, VIEWER, SCHOOL, PARTNER, ADMIN = (
    "officer", "senior", "viewer", "school", "partner", "admin",
)
# Staff of another school, and another partner: they may use the same kinds of
# page, but never on the first school's or partner's records.
OTHER_SCHOOL, OTHER_PARTNER = "other school", "other partner"
SIGNED_IN = frozenset({OFFICER, SENIOR, VIEWER, SCHOOL, PARTNER, ADMIN})
LA = frozenset({OFFICER, SENIOR, ADMIN})
REPORTS = frozenset({OFFICER, SENIOR, VIEWER, ADMIN})
MANAGERS = frozenset({SENIOR, ADMIN})
REFERRERS = frozenset({SCHOOL, PARTNER})
PUBLIC = "public"  # anyone, signed in or not

ROLE_OF = {
    OFFICER: Role.CME_OFFICER, SENIOR: Role.SENIOR_OFFICER, VIEWER: Role.REPORT_VIEWER,
    SCHOOL: Role.SCHOOL_USER, PARTNER: Role.PARTNER, ADMIN: Role.ADMINISTRATOR,
}

# url name -> who may open it (GET). Everyone else signed in: 404.
ACCESS = {
    "home": SIGNED_IN,
    "login": PUBLIC,
    "logout": PUBLIC,  # POST only; signing out when signed out is harmless
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "two_factor_setup": SIGNED_IN,
    "two_factor_verify": SIGNED_IN,
    "two_factor_recovery_codes": SIGNED_IN,
    "two_factor_new_recovery_codes": SIGNED_IN,  # POST only
    "two_factor_settings": SIGNED_IN,
    "session_keepalive": SIGNED_IN,
    "privacy": PUBLIC,
    "accessibility": PUBLIC,
    "tracking:school_list": LA,
    # tracking (issue 5): the CME officer's pages are the LA's; clearing an alert is a senior officer's.
    "tracking:my_caseload": LA,
    "tracking:team_caseload": LA,
    "tracking:case_detail": LA,
    "tracking:case_transition": LA,
    "tracking:case_enquiry": LA,
    "tracking:case_home_visit": LA,
    "tracking:case_note": LA,
    "tracking:case_next_action": LA,
    "tracking:case_assign": LA,
    "tracking:case_priority": LA,
    "tracking:case_category": LA,
    "tracking:case_document_upload": LA,
    "tracking:case_document": LA,
    "tracking:case_checklist": LA,
    "tracking:case_checklist_step": LA,
    "tracking:sign_off_queue": LA,
    "tracking:recheck_tasks": LA,
    "tracking:recheck_task": LA,
    "tracking:child_search": LA,
    "tracking:child_create": LA,
    "tracking:child_detail": LA,
    "tracking:child_open_case": LA,
    "tracking:child_edit": LA,
    "tracking:child_add_name": LA,
    "tracking:child_add_address": LA,
    "tracking:child_add_contact": LA,
    "tracking:child_edit_contact": LA,
    "tracking:child_add_enrolment": LA,
    "tracking:child_add_flag": LA,
    "tracking:child_end_flag": LA,
    "tracking:child_add_sibling": LA,
    "tracking:notifications": LA,
    "tracking:child_clear_alert": {SENIOR},
    "tracking:child_export": {SENIOR},  # subject access
    "tracking:notification_read": LA,  # POST only
    "tracking:notifications_read_all": LA,  # POST only
    "schooldays:term_dates": MANAGERS,
    "schooldays:edit_year": MANAGERS,
    "schooldays:import": MANAGERS,
    "schooldays:export": MANAGERS,
    "reports:index": REPORTS,
    "reports:generate": MANAGERS,
    "reports:return_detail": REPORTS,
    "reports:edit_commentary": MANAGERS,
    "reports:publish": MANAGERS,
    "reports:download": REPORTS,
    "reports:dashboard": REPORTS,
    "reports:drilldown": LA,  # report viewers see numbers only
    "reports:caseload_pdf": LA,
    "reports:dfe_collection": REPORTS,  # numbers only, as the dashboard
    "reports:dfe_collection_csv": REPORTS,
    "audit:access_log": MANAGERS,
    "audit:access_log_csv": MANAGERS,
    # referrals (issue 6): the form and a draft are the referrer's own; what was
    # sent is their school's (or, for a partner, theirs); triage is the LA's.
    "referrals:start": REFERRERS,
    "referrals:my_referrals": REFERRERS,
    "referrals:children": {SCHOOL},
    "referrals:child_add": {SCHOOL},
    "referrals:child_edit": {SCHOOL},
    "referrals:child_remove": {SCHOOL},
    "referrals:check": {SCHOOL},
    "referrals:delete_draft": {SCHOOL},
    "referrals:step": {SCHOOL},
    "referrals:sent": {SCHOOL},
    "referrals:my_referral": {SCHOOL},
    "referrals:triage_queue": LA,
    "referrals:referral_detail": LA,
    "referrals:match_child": LA,  # POST only; a GET goes back to the referral
    "referrals:create_child": LA,  # POST only
    "referrals:unmatch_child": LA,  # POST only
    "referrals:accept": LA,
    "referrals:request_info": LA,
    "referrals:not_cme": LA,
    "referrals:duplicate": LA,
    "referrals:message_referrer": LA,
    # the school portal (issue 7): a school's requests and notices are its own
    # (drafts included); LA staff see every sent one; decisions are the LA's.
    "referrals:school_dashboard": {SCHOOL},
    "referrals:missing_pupil": {SCHOOL},
    "referrals:missing_pupil_next_steps": {SCHOOL},
    "referrals:removal_start": {SCHOOL},
    "referrals:removal_edit": {SCHOOL},
    "referrals:removal_delete": {SCHOOL},
    "referrals:removal_detail": LA | {SCHOOL},
    "referrals:removal_queue": LA,
    "referrals:removal_agree": LA,
    "referrals:removal_not_lawful": LA,
    "referrals:removal_ask": LA,
    "referrals:removal_answer": {SCHOOL},  # POST only; a GET goes to the request's page
    "referrals:admission_start": {SCHOOL},
    "referrals:admission_upload": {SCHOOL},
    "referrals:admission_edit": {SCHOOL},
    "referrals:admission_delete": {SCHOOL},
    "referrals:admission_detail": LA | {SCHOOL},
    "referrals:admission_matches": LA,
    "referrals:admission_match_confirm": LA,  # POST only; a GET goes back to the list
    "referrals:admission_match_reject": LA,  # POST only
}


@dataclass
class World:
    """One of everything a URL may need, and a person in each role."""

    users: dict
    oak: object
    elm: object
    draft: object = None  # a referral the school user at Oak has started
    sent: object = None  # one they have sent
    partner_sent: object = None  # a referral the partner has sent
    tracking: dict = None  # ids of a case, its child and their records (tracking_records)
    portal: dict = None  # the school user's removal requests and new-pupil notices (portal_records)


def tracking_records(users):
    """A case with a document, a contact and a risk factor; a failed-to-track
    child with its alert, a re-check and a notification."""
    from tracking import services
    from tracking.models import ChildAlert, FlagKind, Notification, RecheckTask
    from tracking.tests.conftest import pdf_file
    from tracking.tests.factories import CaseFactory

    officer, senior = users[OFFICER], users[SENIOR]
    case = CaseFactory(created_by=officer, assigned_officer=officer)
    lost = CaseFactory(failed_to_track=True, failed_to_track__signed_off_by=senior)
    return {
        "case": case.pk, "child": case.child.pk, "lost_child": lost.child.pk,
        "document": services.upload_document(case, by=officer, uploaded=pdf_file()).pk,
        "contact": services.add_contact(case.child, by=officer, name="Saira Khan").pk,
        "flag": services.add_flag(case.child, by=officer, kind=FlagKind.YOUNG_CARER).pk,
        "alert": ChildAlert.objects.get(child=lost.child).pk,
        "step": services.active_checklist_steps().first().pk,
        "recheck": RecheckTask.objects.create(child=lost.child, year=2026, due_on=lost.closed_on).pk,
        "notification": Notification.objects.create(recipient=senior, message="Seen", event_key="x").pk,
    }


def portal_records(users):
    """The school user's removal request (a draft and a sent one) and
    new-pupil notice (a draft and a sent one that may be a child with a case)."""
    from datetime import date

    from referrals.tests.factories import AdmissionNoticeFactory, RemovalRequestFactory, removal_answers
    from tracking.tests.factories import CaseFactory, ChildFactory

    school_user = users[SCHOOL]
    CaseFactory(child=ChildFactory(first_name="Kacper", last_name="Nowak", date_of_birth=date(2016, 9, 1)))
    notice = AdmissionNoticeFactory(notified_by=school_user, matched=True)
    return {
        "removal_draft": RemovalRequestFactory(requested_by=school_user, answers={"first_name": "Tyler"}).pk,
        "removal": RemovalRequestFactory(requested_by=school_user, submitted=True,
                                         answers=removal_answers(SchoolFactory(name="Harbour Academy"))).pk,
        "notice_draft": AdmissionNoticeFactory(notified_by=school_user, draft=True, fields={"first_name": "Lena"}).pk,
        "notice": notice.pk,
        "match": notice.matches.get().pk,
    }


@pytest.fixture
def world(db, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {  # uploaded documents go to a temporary folder
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    oak, elm = SchoolFactory(name="Oak Primary School"), SchoolFactory(name="Elm Academy")
    users = {name: UserFactory(role=role) for name, role in ROLE_OF.items()}
    users[OTHER_SCHOOL] = SchoolMembershipFactory(school=elm).user
    users[OTHER_PARTNER] = UserFactory(role=Role.PARTNER, organisation="Demo City Housing")
    SchoolMembershipFactory(user=users[SCHOOL], school=oak)
    from referrals.tests.factories import ReferralFactory

    draft = ReferralFactory(referrer=users[SCHOOL])
    sent = ReferralFactory(referrer=users[SCHOOL], submitted=True)
    partner_sent = ReferralFactory(referrer=users[PARTNER], submitted=True)
    return World(users=users, oak=oak, elm=elm, draft=draft, sent=sent, partner_sent=partner_sent,
                 tracking=tracking_records(users), portal=portal_records(users))


# url name -> kwargs for reverse(), built from the world.
KWARGS = {
    "password_reset_confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
    "schooldays:edit_year": lambda w: {"school_year": 2025},
    "reports:return_detail": lambda w: {"pk": MonthlyReturnFactory(published=True).pk},
    "reports:edit_commentary": lambda w: {"pk": MonthlyReturnFactory().pk},
    "reports:publish": lambda w: {"pk": MonthlyReturnFactory().pk},
    "reports:download": lambda w: {"pk": MonthlyReturnFactory(published=True).pk, "fmt": "pdf"},
    "reports:drilldown": lambda w: {"key": "total"},
    **{f"referrals:{name}": lambda w: {"pk": w.draft.pk}
       for name in ("children", "child_add", "check", "delete_draft")},
    **{f"referrals:{name}": lambda w: {"pk": w.draft.pk, "child_pk": w.draft.children.get().pk}
       for name in ("child_edit", "child_remove")},
    "referrals:step": lambda w: {"pk": w.draft.pk, "slug": "family"},
    **{f"referrals:{name}": lambda w: {"pk": w.sent.pk}
       for name in ("sent", "my_referral", "referral_detail", "accept", "request_info", "not_cme", "duplicate",
                    "message_referrer")},
    **{f"referrals:{name}": lambda w: {"pk": w.sent.pk, "child_pk": w.sent.children.get().pk}
       for name in ("match_child", "create_child", "unmatch_child")},
    "referrals:missing_pupil_next_steps": lambda w: {"pk": w.draft.pk},
    **{f"referrals:{name}": lambda w: {"pk": w.portal["removal_draft"]} for name in ("removal_edit", "removal_delete")},
    **{f"referrals:{name}": lambda w: {"pk": w.portal["removal"]}
       for name in ("removal_detail", "removal_agree", "removal_not_lawful", "removal_ask", "removal_answer")},
    **{f"referrals:{name}": lambda w: {"pk": w.portal["notice_draft"]} for name in ("admission_edit", "admission_delete")},
    "referrals:admission_detail": lambda w: {"pk": w.portal["notice"]},
    **{f"referrals:{name}": lambda w: {"pk": w.portal["match"]}
       for name in ("admission_match_confirm", "admission_match_reject")},
    **{f"tracking:{name}": lambda w: {"pk": w.tracking["case"]}
       for name in ("case_detail", "case_enquiry", "case_home_visit", "case_note", "case_next_action", "case_assign",
                    "case_priority", "case_category", "case_document_upload", "case_checklist")},
    **{f"tracking:{name}": lambda w: {"pk": w.tracking["child"]}
       for name in ("child_detail", "child_open_case", "child_edit", "child_add_name", "child_add_address",
                    "child_add_contact", "child_add_enrolment", "child_add_flag", "child_add_sibling")},
    "tracking:case_transition": lambda w: {"pk": w.tracking["case"], "name": "locate"},
    "tracking:case_document": lambda w: {"pk": w.tracking["case"], "document_pk": w.tracking["document"]},
    "tracking:case_checklist_step": lambda w: {"pk": w.tracking["case"], "step_pk": w.tracking["step"]},
    "tracking:child_edit_contact": lambda w: {"pk": w.tracking["child"], "contact_pk": w.tracking["contact"]},
    "tracking:child_end_flag": lambda w: {"pk": w.tracking["child"], "flag_pk": w.tracking["flag"]},
    "tracking:child_clear_alert": lambda w: {"pk": w.tracking["lost_child"], "alert_pk": w.tracking["alert"]},
    "tracking:recheck_task": lambda w: {"pk": w.tracking["recheck"]},
    "tracking:child_export": lambda w: {"pk": w.tracking["child"], "fmt": "json"},
    "tracking:notification_read": lambda w: {"pk": w.tracking["notification"]},
}


def named_urls(patterns=None, namespace=None):
    """Every named URL pattern in the project, as 'namespace:name'."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: staff only, checked in test_the_admin_is_for_staff_only
            inner = entry.namespace if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


ALL_URLS = sorted(set(named_urls()))


def outcome(response):
    if response.status_code == 404:
        return "404"
    if response.status_code in (301, 302) and "/sign-in/" in response.get("Location", ""):
        return "sign in"
    if response.status_code in (200, 301, 302, 405, 429):
        return "open"
    return f"status {response.status_code}"


def check_url(client, world, name, access=None):
    """Open one URL as each role; return the list of wrong answers."""
    access = ACCESS[name] if access is None else access
    url = reverse(name, kwargs=KWARGS[name](world) if name in KWARGS else None)
    problems = []
    client.logout()
    expected = "open" if access == PUBLIC else "sign in"
    got = outcome(client.get(url))
    if got != expected:
        problems.append(f"{name} signed out: expected {expected}, got {got}")
    for role, user in world.users.items():
        client.force_login(user)
        expected = "open" if access == PUBLIC or role in access else "404"
        if role in (OTHER_SCHOOL, OTHER_PARTNER) and access != PUBLIC:
            # Pages about no one's record are theirs as much as anyone's; a
            # page about the first school's or partner's record is a 404.
            same_kind = SCHOOL if role == OTHER_SCHOOL else PARTNER
            expected = "open" if same_kind in access and name not in KWARGS else "404"
        got = outcome(client.get(url))
        if got != expected:
            problems.append(f"{name} as {role}: expected {expected}, got {got}")
        client.logout()
    return problems


def test_every_named_url_is_in_the_access_table():
    missing = [name for name in ALL_URLS if name not in ACCESS]
    assert missing == [], f"Add these URLs to ACCESS in {__file__}: {missing}"
    stale = [name for name in ACCESS if name not in ALL_URLS]
    assert stale == [], f"These URLs no longer exist: {stale}"


@pytest.mark.parametrize("name", ALL_URLS)
def test_each_role_gets_what_the_table_says(client, world, name):
    assert check_url(client, world, name) == []


# Records that belong to one partner, opened by everyone else (the school's
# records are covered by the walker above, through the "other school" role).
ISOLATION = [
    ("referrals:my_referral", lambda w: {"pk": w.partner_sent.pk}, PARTNER),
]


@pytest.mark.parametrize("name, kwargs, owner", ISOLATION, ids=[i[0] for i in ISOLATION])
def test_a_record_is_a_404_to_everyone_outside_its_owner(client, world, name, kwargs, owner):
    url = reverse(name, kwargs=kwargs(world))
    for role, user in world.users.items():
        client.force_login(user)
        expected = "open" if role == owner else "404"
        assert outcome(client.get(url)) == expected, f"{name} as {role}"
        client.logout()


def _pattern(name):
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    patterns = resolver.namespace_dict[namespace][1].url_patterns if namespace else resolver.url_patterns
    return next(p for p in patterns if isinstance(p, URLPattern) and p.name == short)


def test_the_walker_catches_a_page_without_access_control(client, world, monkeypatch):
    """The test of the test: strip the access decorator from a real view, as a
    careless change might, and the walker reports every role it now lets in."""
    import inspect

    pattern = _pattern("tracking:school_list")
    monkeypatch.setattr(pattern, "callback", inspect.unwrap(pattern.callback))
    problems = check_url(client, world, "tracking:school_list")
    assert "tracking:school_list as school: expected 404, got open" in problems
    assert "tracking:school_list as partner: expected 404, got open" in problems


def test_the_admin_is_for_staff_only(client, world):
    for role, user in world.users.items():
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"], role
