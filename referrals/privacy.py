"""What the referrals app does when a child's record is erased at the end of
retention, and what it adds to a subject access export.

Connected in ``ReferralsConfig.ready`` to ``tracking.retention.child_erasing``
and ``tracking.subject_access.subject_access_sections``.
"""

from django.db.models import Q

from .models import AdmissionMatch, AdmissionNotice, Referral, ReferralChild, RemovalFromRollRequest

def erase_records_about(sender, child, by=None, **kwargs):
    """Erase the referrals, removal requests and new-pupil notices about ``child``.

    A referral about several children loses only this child's part, and goes
    when no child is left on it.
    """
    AdmissionMatch.objects.filter(Q(child=child) | Q(case__child=child)).delete()
    AdmissionNotice.objects.filter(child=child).delete()
    removals = RemovalFromRollRequest.objects.filter(Q(child=child) | Q(case__child=child))
    removal_ids = list(removals.values_list("pk", flat=True))
    removals.delete()
    RemovalFromRollRequest.history.model.objects.filter(id__in=removal_ids).delete()
    referral_ids = set(ReferralChild.objects.filter(Q(child=child) | Q(case__child=child))
                       .values_list("referral_id", flat=True))
    ReferralChild.objects.filter(Q(child=child) | Q(case__child=child)).delete()
    emptied = list(Referral.objects.filter(pk__in=referral_ids, children__isnull=True).values_list("pk", flat=True))
    Referral.objects.filter(duplicate_of__in=emptied).update(duplicate_of=None)
    Referral.objects.filter(pk__in=emptied).delete()
    Referral.history.model.objects.filter(id__in=emptied).delete()


def _present(obj):
    """Every field of a record, as a person reads it."""
    row = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key:
            continue
        value = getattr(obj, model_field.name)
        if model_field.choices and value not in (None, ""):
            value = getattr(obj, f"get_{model_field.name}_display")()
        label = str(model_field.verbose_name)
        row[label[:1].upper() + label[1:]] = (
            value.isoformat() if hasattr(value, "isoformat") else "" if value is None else str(value)
        )
    return row


def _messages(messages):
    return [{"Sent": m.sent_at.isoformat(), "From the LA": "yes" if m.from_la else "no", "Text": m.text}
            for m in messages]


def subject_access(sender, child, **kwargs):
    referrals = (Referral.objects.filter(children__child=child).distinct()
                 .select_related("referrer", "school", "decided_by", "duplicate_of").order_by("pk"))
    removals = (RemovalFromRollRequest.objects.filter(child=child)
                .select_related("ground", "school", "destination_school").order_by("pk"))
    notices = AdmissionNotice.objects.filter(child=child).select_related("school", "notified_by").order_by("pk")
    sections = []
    for referral in referrals:
        sections.append((f"Referral {referral.reference}", [_present(referral)]))
        sections.append((f"Referral {referral.reference}: messages", _messages(referral.messages.order_by("sent_at"))))
    sections.append(("Removal from roll requests", [_present(r) for r in removals]))
    for removal in removals:
        sections.append((f"Removal from roll request {removal.reference}: questions and answers",
                         _messages(removal.messages.order_by("sent_at", "id"))))
    sections.append(("New pupil notices", [_present(n) for n in notices]))
    return sections
