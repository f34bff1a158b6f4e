"""Field-level change history (django-simple-history), as people read it:
who changed what, from what to what, and when."""

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Change:
    when: object
    who: object
    kind: str  # "Created", "Changed", "Deleted"
    fields: list = field(default_factory=list)  # (label, old, new)


def _label(model_field):
    text = str(model_field.verbose_name)
    return text[:1].upper() + text[1:]


def changes(obj, limit=50):
    """The object's history, newest first, each entry with its field changes.

    A fixed number of queries: one for the records (with who made them) and
    one per kind of related record named in the changes.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = obj._meta.model
    raw = []
    wanted = defaultdict(set)  # related model -> ids to name
    for newer, older in zip(records, records[1:] + [None]):
        kind = {"+": "Created", "~": "Changed", "-": "Deleted"}[newer.history_type]
        diffs = []
        if older is not None and newer.history_type == "~":
            # Every tracked field, including ones forms cannot edit (a case's
            # status), which simple-history's diff_against leaves out.
            for tracked in newer.tracked_fields:
                model_field = model._meta.get_field(tracked.name)
                old, new = getattr(older, model_field.attname), getattr(newer, model_field.attname)
                if old == new:
                    continue
                if model_field.is_relation:
                    wanted[model_field.related_model].update(v for v in (old, new) if v is not None)
                diffs.append((model_field, old, new))
            if not diffs:
                continue
        raw.append((newer, kind, diffs))
    names = {
        related: {o.pk: str(o) for o in related._default_manager.filter(pk__in=ids)}
        for related, ids in wanted.items()
    }

    def show(model_field, value):
        if value in (None, ""):
            return "—"
        if model_field.is_relation:
            return names[model_field.related_model].get(value, f"#{value} (deleted)")
        if model_field.choices:
            return dict(model_field.flatchoices).get(value, value)
        return value

    return [
        Change(
            when=record.history_date, who=record.history_user, kind=kind,
            fields=[(_label(f), show(f, old), show(f, new)) for f, old, new in diffs],
        )
        for record, kind, diffs in raw[:limit]
    ]
