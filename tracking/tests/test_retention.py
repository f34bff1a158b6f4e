"""Keeping children's records only as long as the retention rule says."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cme.audit.models import AccessLog
from tracking import services
from tracking.models import Case, CaseEvent, Child, NameToken
from tracking.retention import RetentionRule, children_past_retention, erase_child
from tracking.tests.conftest import pdf_file
from tracking.tests.factories import CaseFactory, ChildFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)
RULE = RetentionRule(age=25, years_without_dob=7)


def born(years_ago, days=0):
    return date(TODAY.year - years_ago, TODAY.month, TODAY.day) - timedelta(days=days)


def test_records_are_kept_until_the_25th_birthday():
    turned_25_today = ChildFactory(date_of_birth=born(25))
    ChildFactory(date_of_birth=born(25, days=-1))  # 25 tomorrow
    ChildFactory(date_of_birth=born(16))
    assert list(children_past_retention(TODAY, RULE)) == [turned_25_today]


def test_never_while_a_case_is_open():
    adult = ChildFactory(date_of_birth=born(30))
    CaseFactory(child=adult)
    assert list(children_past_retention(TODAY, RULE)) == []


def test_without_a_date_of_birth_seven_years_after_the_last_closure():
    old = CaseFactory(child__date_of_birth=None, closed=True)
    recent = CaseFactory(child__date_of_birth=None, closed=True)
    Case.objects.filter(pk=old.pk).update(closed_on=TODAY - timedelta(days=7 * 366))
    Case.objects.filter(pk=recent.pk).update(closed_on=TODAY - timedelta(days=6 * 365))
    never_a_case = ChildFactory(date_of_birth=None)
    Child.objects.filter(pk=never_a_case.pk).update(created_at=timezone.now() - timedelta(days=8 * 366))
    ChildFactory(date_of_birth=None)  # recorded recently, no case yet: kept
    assert list(children_past_retention(TODAY, RULE)) == [old.child, never_a_case]


def test_erasing_removes_everything_about_the_child_and_leaves_a_note(priya_officer, settings, tmp_path,
                                                                     django_capture_on_commit_callbacks):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    case = CaseFactory(child__date_of_birth=born(26), closed=True)
    document = services.upload_document(case, by=priya_officer, uploaded=pdf_file())
    stored = tmp_path / document.file.name
    assert stored.exists()
    child_pk = case.child.pk
    with django_capture_on_commit_callbacks(execute=True):
        erase_child(case.child, by=None, reason="past retention (age 25)")
    assert not Child.objects.filter(pk=child_pk).exists()
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not CaseEvent.objects.filter(case_id=case.pk).exists()
    assert not NameToken.objects.filter(child_id=child_pk).exists()
    assert not Child.history.model.objects.filter(id=child_pk).exists()
    assert not Case.history.model.objects.filter(id=case.pk).exists()
    assert not stored.exists()
    note = AccessLog.objects.get(action="erased")
    assert (note.object_id, note.child_id, note.detail["reason"]) == (str(child_pk), child_pk, "past retention (age 25)")


def test_a_child_with_an_open_case_cannot_be_erased():
    case = CaseFactory(child__date_of_birth=born(26))
    with pytest.raises(ValueError, match="open case"):
        erase_child(case.child, reason="test")


def test_the_command_lists_and_erases_only_when_asked(capsys):
    gone = ChildFactory(date_of_birth=timezone.localdate() - timedelta(days=26 * 366))
    ChildFactory()
    call_command("apply_retention")
    assert f"child {gone.pk}" in capsys.readouterr().out
    assert Child.objects.filter(pk=gone.pk).exists()
    call_command("apply_retention", "--erase")
    assert "Erased 1 child record(s)." in capsys.readouterr().out
    assert not Child.objects.filter(pk=gone.pk).exists()


def test_the_monthly_job_erases_only_when_switched_on(settings):
    from tracking.tasks import apply_retention

    gone = ChildFactory(date_of_birth=timezone.localdate() - timedelta(days=26 * 366))
    settings.CME_RETENTION_ERASE = False
    assert apply_retention() == {"past_retention": 1, "erased": 0}
    settings.CME_RETENTION_ERASE = True
    assert apply_retention() == {"past_retention": 1, "erased": 1}
    assert not Child.objects.filter(pk=gone.pk).exists()
