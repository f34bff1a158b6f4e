"""Every write to monthly returns: generate (or regenerate), edit commentary, publish.

Each function takes the acting user as ``by`` (``None`` for the scheduled
job), does its whole write in one transaction and records what it did in
the return's history. The status changes only in ``reports.workflow``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cme.accounts.models import Role, User
from cme.accounts.tasks import send_email

from . import documents, workflow
from .models import MonthlyReturn, MonthlyReturnEvent
from .selectors import live_figures

COMMENTARY_MAX_LENGTH = 2000


class ReturnRefused(Exception):
    """The write was refused; ``message`` says what to do instead, ``field`` which answer it is about."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _check_manager(by):
    if by is not None and not by.can_manage_service:
        raise ReturnRefused("Only a senior CME officer, manager or administrator can change a monthly return")


def _make_documents(monthly_return):
    """Render the PDF and CSV of the return as it stands and attach them (not yet saved)."""
    old = [f.name for f in (monthly_return.pdf, monthly_return.csv) if f]
    pdf = documents.render_return_pdf(monthly_return)
    csv_text = documents.render_return_csv(monthly_return)
    monthly_return.pdf.save(monthly_return.file_name("pdf"), ContentFile(pdf), save=False)
    monthly_return.csv.save(monthly_return.file_name("csv"), ContentFile(csv_text.encode("utf-8-sig")), save=False)
    # The files replaced are removed once the new ones are safely recorded.
    storage = monthly_return.pdf.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in old if storage.exists(name)])


def _event(monthly_return, kind, by, summary, **data):
    MonthlyReturnEvent.objects.create(
        monthly_return=monthly_return, kind=kind, occurred_at=timezone.now(), by=by, summary=summary[:300], data=data,
    )


def generate_return(*, as_at: date, by, correction_reason: str = "") -> MonthlyReturn:
    """Compute the return as at ``as_at`` and store it as the month's draft.

    If the month has a draft it is replaced (its commentary is kept). If the
    month's return is published and there is no draft, this makes a
    correction — the next version — which needs ``correction_reason``.
    """
    _check_manager(by)
    if as_at > timezone.localdate():
        raise ReturnRefused("The date the return is as at must be today or in the past", "as_at")
    correction_reason = (correction_reason or "").strip()
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return _generate(as_at, by, correction_reason)
        except IntegrityError:
            # Someone else made the month's draft at the same moment: the second
            # attempt finds it and replaces it.
            if attempt == 2:
                raise


def _generate(as_at, by, correction_reason):
    month = as_at.replace(day=1)
    existing = list(MonthlyReturn.objects.select_for_update().filter(month=month).order_by("version"))
    draft = next((r for r in existing if r.is_draft), None)
    published = [r for r in existing if not r.is_draft]
    if draft is None and published and not correction_reason:
        raise ReturnRefused(
            f"The return for {as_at:%B %Y} has been published (version {published[-1].version}). "
            "To correct it, enter the reason for the correction",
            "correction_reason",
        )
    figures = live_figures(as_at)
    now = timezone.now()
    if draft is None:
        monthly_return = MonthlyReturn(
            as_at=as_at, version=(published[-1].version + 1) if published else 1,
            correction_reason=correction_reason if published else "",
        )
        kind, summary = MonthlyReturnEvent.Kind.GENERATED, f"Generated as at {as_at:%-d %B %Y}"
    else:
        monthly_return = draft
        if correction_reason and published:
            monthly_return.correction_reason = correction_reason
        kind = MonthlyReturnEvent.Kind.REGENERATED
        summary = f"Regenerated as at {as_at:%-d %B %Y}" + (
            f" (was as at {draft.as_at:%-d %B %Y})" if draft.as_at != as_at else ""
        )
    monthly_return.as_at = as_at
    monthly_return.figures = figures.to_json()
    monthly_return.generated_at = now
    monthly_return.generated_by = by
    _make_documents(monthly_return)
    monthly_return.save()
    _event(monthly_return, kind, by, summary, as_at=as_at.isoformat(), total=figures.value("total"))
    return monthly_return


def generate_scheduled_return(*, as_at: date):
    """What the daily job does on a return day: make the month's draft as at
    ``as_at`` unless that is done already, and tell the managers it is ready.

    Idempotent: if the month already has a return as at ``as_at``, or its return
    is published, nothing happens and ``None`` is returned.
    """
    month = as_at.replace(day=1)
    with transaction.atomic():
        existing = list(MonthlyReturn.objects.select_for_update().filter(month=month))
        if any(r.as_at == as_at or not r.is_draft for r in existing):
            return None
        try:
            with transaction.atomic():
                monthly_return = _generate(as_at, None, "")
        except IntegrityError:
            return None  # another worker made it at the same moment
        tell_managers_draft_ready(monthly_return)
    return monthly_return


def tell_managers_draft_ready(monthly_return):
    """E-mail the senior officers a link to the draft, once the draft is committed."""
    recipients = list(
        User.objects.filter(role=Role.SENIOR_OFFICER, is_active=True).exclude(email="")
        .order_by("email").values_list("email", flat=True)
    )
    if not recipients:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("reports:return_detail", args=[monthly_return.pk])
    subject = f"CME tracking return as at {monthly_return.as_at:%-d %B %Y}: draft ready to check"
    body = (
        f"The draft CME tracking return as at {monthly_return.as_at:%-d %B %Y} is ready.\n\n"
        f"Check the figures, add your commentary and publish it:\n{link}\n\n"
        "You will need to sign in. This e-mail contains no personal data; the return is OFFICIAL-SENSITIVE.\n"
    )
    send_email.delay_on_commit(recipients, subject, body)


@transaction.atomic
def update_commentary(monthly_return, *, by, commentary: dict) -> MonthlyReturn:
    """Replace the commentary of a draft (by section key) and remake its PDF and CSV."""
    _check_manager(by)
    locked = MonthlyReturn.objects.select_for_update().get(pk=monthly_return.pk)
    if not locked.is_draft:
        raise ReturnRefused(f"{locked} is published, so its commentary cannot change")
    sections = {section.key for section in locked.get_figures().sections}
    unknown = set(commentary) - sections
    if unknown:
        raise ReturnRefused(f"There is no section {', '.join(sorted(unknown))} in this return")
    cleaned = {key: text.strip() for key, text in commentary.items() if text and text.strip()}
    too_long = [key for key, text in cleaned.items() if len(text) > COMMENTARY_MAX_LENGTH]
    if too_long:
        raise ReturnRefused(f"Commentary must be {COMMENTARY_MAX_LENGTH:,} characters or fewer", too_long[0])
    changed = sorted(k for k in sections if cleaned.get(k, "") != (locked.commentary or {}).get(k, ""))
    if not changed:
        return locked
    locked.commentary = cleaned
    _make_documents(locked)
    locked.save()
    _event(locked, MonthlyReturnEvent.Kind.COMMENTARY, by,
           f"Commentary edited: {', '.join(changed)}", sections=changed)
    return locked


def publish_return(monthly_return, *, by) -> MonthlyReturn:
    """Publish a draft: its final PDF and CSV are made without the draft marking,
    and from then on it never changes."""
    with transaction.atomic():
        return workflow.transition(monthly_return, "publish", by, make_documents=_make_documents)
