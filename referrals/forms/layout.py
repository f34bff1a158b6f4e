"""Radios numbered as the shared error summary links to them.

crispy-forms-gds numbers the options of plain radios from 1 but those of
conditional radios from 0, and ``templates/includes/error_summary.html``
links a radio field's error to ``id_<name>_0``. Every radio field on the
referral pages is therefore rendered through ``ConditionalRadios`` (numbered
from 0), with the legend size and style that ``Field.radios`` would give.
"""

from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Size


class Option(ConditionalQuestion):
    """One radio; ``aria-controls`` only when it reveals a question."""

    template = "referrals/layout/radio_option.html"


def _option(choice):
    if isinstance(choice, ConditionalQuestion):
        return Option(choice.value, *choice.fields)
    return Option(choice)


class Radios(ConditionalRadios):
    def __init__(self, field, *choices, legend_size=None, small=False, inline=False):
        super().__init__(field, *[_option(c) for c in choices])
        self.context = {"radios_small": small, "radios_inline": inline}
        if legend_size:
            self.context["legend_size"] = Size.for_legend(legend_size)

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        if not self.choices:
            self.choices = [Option(str(label)) for _, label in form.fields[self.field].choices]
        with context.push(**self.context):
            return super().render(form, context, template_pack=template_pack, **kwargs)


__all__ = ["ConditionalQuestion", "Radios"]
