from django import forms, template

from cme.forms import DateField

register = template.Library()


def _anchor(bound_field):
    if isinstance(bound_field.field, DateField):
        return f"{bound_field.auto_id}_{DateField.first_wrong_box(bound_field.field)}"
    if isinstance(bound_field.field.widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    if isinstance(bound_field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{bound_field.auto_id}_0"  # first option (crispy-gds ids start at 0)
    return bound_field.auto_id


def _form_items(form):
    items = []
    if form is None:
        return items
    if isinstance(form, forms.BaseFormSet):
        for error in form.non_form_errors():
            items.append((form.prefix, error))
        for sub in form.forms:
            items.extend(_form_items(sub))
        return items
    fields = list(form.visible_fields())
    first = _anchor(fields[0]) if fields else "main-content"
    for error in form.non_field_errors():
        items.append((first, error))
    for bound in fields:
        for error in bound.errors:
            items.append((_anchor(bound), error))
    return items


@register.simple_tag
def error_items(form=None, forms=None, forms_list=None):
    """(anchor, message) for every error on a form, a formset, or a list of
    them (passed as ``forms`` or ``forms_list``)."""
    items = _form_items(form) if form not in (None, "") else []
    for f in list(forms or []) + list(forms_list or []):
        items.extend(_form_items(f))
    return items


@register.filter
def character_count(bound_field):
    """The GOV.UK character count's limit for a text box (``cme.forms.limit_text_lengths``), or None."""
    return getattr(bound_field.field, "character_count", None)
