"""Template tags for the tracking pages: GOV.UK form fields (radios with
their follow-up questions), status and priority tags, and the unread
notifications banner."""

from django import forms, template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

from ..models import Priority, Status
from ..selectors import case_age as _case_age
from ..selectors import unread_count

register = template.Library()

STATUS_COLOURS = {
    Status.OPEN: "blue",
    Status.LOCATED: "green",
    Status.FAILED_TO_TRACK: "yellow",
    Status.CLOSED: "grey",
}
PRIORITY_COLOURS = {Priority.ACT_TODAY: "red", Priority.HIGH: "orange", Priority.STANDARD: "grey"}


def _choice_options(bound, form, revealed_by):
    reveals = getattr(form, "reveals", {}).get(bound.name, {})
    hints = getattr(form, "option_hints", {}).get(bound.name, {})
    chosen = str(bound.value())
    options = []
    for index, (choice_value, label) in enumerate(c for c in bound.field.choices if c[0] != ""):
        option_id = f"{bound.auto_id}_{index}"
        reveal = "".join(_render(form[name], form, revealed_by) for name in reveals.get(choice_value, []))
        options.append({
            "id": option_id, "value": choice_value, "label": label,
            "checked": str(choice_value) == chosen, "hint": hints.get(choice_value, ""),
            "reveal": mark_safe(reveal),
        })
    return options


def _render(bound, form, revealed_by):
    if isinstance(bound.field.widget, forms.RadioSelect):
        return render_to_string("tracking/includes/radios.html", {
            "field": bound, "options": _choice_options(bound, form, revealed_by),
            "legend_size": getattr(form, "legend_sizes", {}).get(bound.name, "s"),
            "inline": bound.name in getattr(form, "inline_radios", ()),
        })
    return as_crispy_field(bound)


@register.simple_tag
def tracking_fields(form):
    """Every field of the form, in order; questions revealed by an answer are
    rendered under that answer, not on their own."""
    revealed = {name for answers in getattr(form, "reveals", {}).values() for names in answers.values() for name in names}
    html = [str(hidden) for hidden in form.hidden_fields()]
    html += [_render(bound, form, revealed) for bound in form.visible_fields() if bound.name not in revealed]
    return mark_safe("".join(html))


@register.simple_tag
def tracking_field(form, name):
    return mark_safe(_render(form[name], form, set()))


@register.inclusion_tag("tracking/includes/tag.html")
def status_tag(case):
    return {"colour": STATUS_COLOURS.get(case.status, "grey"), "text": case.get_status_display()}


@register.inclusion_tag("tracking/includes/tag.html")
def priority_tag(case):
    return {"colour": PRIORITY_COLOURS.get(case.priority, "grey"), "text": case.get_priority_display()}


@register.simple_tag
def case_age(case, today=None):
    """How long the case has been open: a ``CaseAge``."""
    return _case_age(case.opened_on, today or timezone.localdate())


@register.inclusion_tag("tracking/includes/unread_notifications.html", takes_context=True)
def unread_notifications(context):
    """A banner telling a senior officer how many notifications they have not read."""
    user = context.get("user")
    count = unread_count(user) if user is not None and user.is_authenticated and user.is_senior else 0
    return {"count": count}
