"""Fields with a length limit: the GOV.UK message when too long, and the
GOV.UK character count on text boxes (never a silent maxlength)."""

import re

from crispy_forms.utils import render_crispy_form
from django import forms

from cme.forms import GovukForm


class NoteForm(GovukForm):
    note = forms.CharField(label="Note", max_length=10000, widget=forms.Textarea)
    reason = forms.CharField(label="Why did the family move? (optional)", max_length=50, required=False,
                             widget=forms.Textarea)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    own = forms.CharField(label="Own", max_length=5, required=False,
                          error_messages={"max_length": "Own words stay"})


def test_too_long_answers_get_a_message_that_says_the_limit():
    form = NoteForm({"note": "n" * 10001, "reason": "r" * 51, "postcode": "SO15 2AB 1234", "own": "123456"})
    assert not form.is_valid()
    assert form.errors == {
        "note": ["Note must be 10,000 characters or fewer"],
        "reason": ["Your answer must be 50 characters or fewer"],  # a question makes a poor subject
        "postcode": ["Postcode must be 10 characters or fewer"],
        "own": ["Own words stay"],
    }


def test_a_text_box_gets_the_character_count_and_no_maxlength_to_cut_a_paste_short():
    html = render_crispy_form(NoteForm({"note": "n" * 10001}))
    textarea = re.search(r"<textarea[^>]*id=\"id_note\"[^>]*>", html).group(0)
    assert "maxlength" not in textarea and "govuk-js-character-count" in textarea
    assert 'data-module="govuk-character-count" data-maxlength="10000"' in html
    assert "You can enter up to 10,000 characters" in html
    assert "n" * 10001 in html  # what was typed is kept, to shorten
    postcode = re.search(r"<input[^>]*id=\"id_postcode\"[^>]*>", html).group(0)
    assert 'maxlength="10"' in postcode  # a one-line box keeps its limit: nothing long is pasted there
