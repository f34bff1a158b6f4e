"""The accessibility check itself: it lets through GOV.UK Frontend's known
aria-expanded on a radio that reveals a question, and nothing else."""

from .conftest import axe_violations

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Check</title></head><body><main>
<h1>Check</h1><fieldset><legend>Where has the pupil gone?</legend>
<input class="govuk-radios__input" id="a" name="d" type="radio" aria-controls="r" aria-expanded="false">
<label for="a">A new school</label>
<div id="r"><label for="s">New school</label><input id="s" name="s"></div>
<input {other} id="b" name="d" type="radio"><label for="b">Not known</label>
</fieldset></main></body></html>"""


def _findings(page, other):
    page.set_content(PAGE.format(other=other))
    return [violation["id"] for violation in axe_violations(page).response["violations"]]


def test_govuk_reveal_on_a_radio_is_let_through(page):
    assert _findings(page, other='class="govuk-radios__input"') == []


def test_aria_expanded_on_any_other_radio_still_fails(page):
    assert _findings(page, other='aria-expanded="true"') == ["aria-allowed-attr"]


def test_another_disallowed_attribute_on_a_govuk_radio_still_fails(page):
    assert _findings(page, other='class="govuk-radios__input" aria-expanded="true" aria-pressed="true"') == [
        "aria-allowed-attr"]
