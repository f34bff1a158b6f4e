"""The access log: who looked at which child, for those who oversee the service."""

import csv
import io

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cme.audit.models import AccessLog
from cme.audit.services import log_access

pytestmark = pytest.mark.django_db


def record(user, child_id, ip="10.0.0.5", **detail):
    request = RequestFactory().get(f"/children/{child_id}/", REMOTE_ADDR=ip)
    request.user = user
    return log_access(request, "view", object_type="child", object_id=child_id, child_id=child_id, **detail)


def test_logging_a_view_is_a_single_insert(priya_officer, django_assert_num_queries):
    request = RequestFactory().get("/children/7/", REMOTE_ADDR="10.1.2.3")
    request.user = priya_officer
    with django_assert_num_queries(1):
        log_access(request, "view", object_type="child", object_id=7, child_id=7)
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.child_id, entry.ip_address, entry.path) == (
        priya_officer, "view", 7, "10.1.2.3", "/children/7/"
    )


def test_a_senior_officer_sees_who_looked_at_a_child(client, sam_senior, priya_officer, tom_officer):
    record(priya_officer, 7)
    record(tom_officer, 7)
    record(tom_officer, 8)
    client.force_login(sam_senior)
    response = client.get(reverse("audit:access_log"), {"child": 7})
    assert {e.user for e in response.context["page"].object_list} == {priya_officer, tom_officer}
    assert all(e.child_id == 7 for e in response.context["page"].object_list)


def test_per_person_activity_and_csv_export(client, alex_admin, priya_officer, tom_officer):
    record(priya_officer, 7)
    record(tom_officer, 8)
    client.force_login(alex_admin)
    response = client.get(reverse("audit:access_log_csv"), {"user": priya_officer.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="access-log-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["When", "Person", "Email", "Action"]
    assert [r[2] for r in rows[1:]] == [priya_officer.email]
    # The export itself is on the record.
    assert AccessLog.objects.filter(user=alex_admin, action="export").exists()


def test_csv_cells_that_look_like_formulas_are_defused(client, alex_admin, priya_officer):
    priya_officer.first_name = "=HYPERLINK(\"http://evil\")"
    priya_officer.save()
    record(priya_officer, 7)
    client.force_login(alex_admin)
    rows = list(csv.reader(io.StringIO(client.get(reverse("audit:access_log_csv")).content.decode())))
    [priya_row] = [r for r in rows if r[2] == priya_officer.email]
    assert priya_row[1].startswith("'=HYPERLINK")


def test_a_bad_filter_is_explained_not_a_crash(client, sam_senior):
    client.force_login(sam_senior)
    response = client.get(reverse("audit:access_log"), {"child": "abc", "since_0": "31", "since_1": "2", "since_2": "2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the child&#x27;s record number, like 1234" in page
    assert "From date must be a real date" in page


@pytest.mark.parametrize("who", ["priya_officer", "grace_at_oak", "nadia_partner", "raj_viewer"])
def test_only_senior_officers_and_administrators_can_read_the_log(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("audit:access_log")).status_code == 404
    assert client.get(reverse("audit:access_log_csv")).status_code == 404


def test_the_log_cannot_be_edited_in_the_admin(client, alex_admin):
    entry = record(alex_admin, 7)
    alex_admin.is_superuser = alex_admin.is_staff = True
    alex_admin.save()
    client.force_login(alex_admin)
    assert client.get(reverse("admin:audit_accesslog_change", args=[entry.pk])).status_code in (200, 403)
    response = client.post(reverse("admin:audit_accesslog_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_guessing_another_schools_referral_is_a_404_on_the_record(client, grace_at_oak, mark_at_elm):
    from referrals.tests.factories import ReferralFactory

    referral = ReferralFactory(referrer=grace_at_oak, submitted=True)
    client.force_login(mark_at_elm)
    for pk in (referral.pk, referral.pk + 1, referral.pk + 2):
        assert client.get(reverse("referrals:my_referral", args=[pk])).status_code == 404
    attempts = AccessLog.objects.filter(user=mark_at_elm, action="denied").order_by("id")
    assert [a.object_id for a in attempts] == [str(referral.pk), str(referral.pk + 1), str(referral.pk + 2)]
    assert all(a.object_type == "referrals:my_referral" for a in attempts)


def test_a_404_for_someone_signed_out_is_not_logged(client):
    client.get("/no-such-page/")
    assert not AccessLog.objects.exists()


def test_a_forged_forwarded_for_header_is_ignored_unless_behind_our_proxy(priya_officer, settings):
    request = RequestFactory().get("/children/7/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
    request.user = priya_officer
    settings.BEHIND_PROXY = False
    assert log_access(request, "view").ip_address == "203.0.113.7"
    settings.BEHIND_PROXY = True
    request.META["HTTP_X_FORWARDED_FOR"] = "10.9.9.9, 198.51.100.4"  # client wrote the first, our proxy the last
    assert log_access(request, "view").ip_address == "198.51.100.4"
    request.META["HTTP_X_FORWARDED_FOR"] = "not-an-address"
    assert log_access(request, "view").ip_address is None


def test_signed_in_pages_and_exports_are_not_kept_by_browsers(client, priya_officer, sam_senior):
    client.force_login(priya_officer)
    assert client.get(reverse("home"))["Cache-Control"] == "no-store, private"
    client.force_login(sam_senior)
    assert "no-store" in client.get(reverse("audit:access_log_csv"))["Cache-Control"]
