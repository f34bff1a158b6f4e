"""Hostile and random input to every form in the service (OWASP ASVS V5).

For every URL in the access table, as someone allowed to use it, read the
page's POST forms and send them garbage: very long strings, control
characters, HTML and script, SQL fragments, impossible dates, wrong types,
missing fields. Never a server error, never our script back unescaped;
and a post without its CSRF token is refused, not crashed on.

Examples per form: FUZZ_EXAMPLES (default 12; CI sets more).
"""

import os
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_authorisation import ACCESS, KWARGS, PUBLIC, world  # noqa: F401  (world is a fixture)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
SCRIPT = '<script>alert("cme-xss")</script>'
HOSTILE = [
    SCRIPT, '"><img src=x onerror=alert(1)>', "' OR '1'='1' --", "'; DROP TABLE tracking_child; --",
    "\x00", "\x1b[31m", "\u202e\u200b", "A" * 100_000, "9" * 400, "-1", "0", "1e309", "NaN", "31", "13",
    "29/02/2023", "2026-13-45", "../../etc/passwd", "{{ 7|add:7 }}", "{% debug %}", "%s%s%s", "null", "[]",
    "😀" * 50, " ", "", "²", "١٢", "9" * 5000,  # digits int() refuses: a superscript, more than 4,300 of them
]
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.integers().map(str),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3),  # a field sent twice
)
# Pages whose POST ends the session or starts one; covered by their own tests.
SKIP = {"logout", "login"}
PREFERRED_ROLE = ["officer", "senior", "school", "partner", "admin", "viewer"]


# The day, month and year boxes of a date: plausible numbers as well as junk,
# so that some examples get past "must be a real date" to the checks behind it.
DATE_PARTS = st.one_of(
    st.sampled_from(["1", "7", "12", "13", "28", "29", "31", "0", "-1", "2024", "2026", "1899", "99999",
                     "9" * 400, "9" * 5000, "²", "", "x"]),
    st.integers(min_value=-5, max_value=3000).map(str),
)


class FormReader(HTMLParser):
    """The POST forms of a page: their action, field names, and the values the
    page itself offers for each (radio and checkbox values, select options)."""

    def __init__(self):
        super().__init__()
        self.forms, self._current, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken" and attrs.get("type") != "file":
                offered = self._current["fields"].setdefault(name, set())
                if attrs.get("type") in ("radio", "checkbox", "hidden") and attrs.get("value") is not None:
                    offered.add(attrs["value"])
                self._select = name if tag == "select" else None
        elif tag == "option" and self._select and attrs.get("value") is not None:
            self._current["fields"][self._select].add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


NASTY_DATES = [("1", "9" * 400, "2024"), ("31", "2", "2024"), ("29", "2", "2023"), ("1", "1", "99999"),
               ("0", "0", "0000"), ("1", "13", "2024"), ("1", "1", "1066"), ("31", "12", "9999")]
DATES = st.one_of(st.sampled_from(NASTY_DATES), st.tuples(DATE_PARTS, DATE_PARTS, DATE_PARTS))


def strategy_for(name, offered):
    options = [values]
    if offered:
        options.append(st.sampled_from(sorted(offered)))
    return st.one_of(*options)


def draw_payload(data, fields):
    """One value per field; the three boxes of each date drawn together."""
    payload = {}
    dates = {name[:-2] for name in fields if re.search(r"_[012]$", name)}
    for prefix in sorted(dates):
        if all(f"{prefix}_{i}" in fields for i in range(3)):
            for i, part in enumerate(data.draw(DATES, label=prefix)):
                payload[f"{prefix}_{i}"] = part
    for field, offered in sorted(fields.items()):
        if field not in payload:
            payload[field] = data.draw(strategy_for(field, offered), label=field)
    return payload


def post_forms(client, url):
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    reader = FormReader()
    reader.feed(response.content.decode())
    sign_out = reverse("logout")
    return [(form["action"] or url, form["fields"]) for form in reader.forms if form["action"] != sign_out]


def broken_error_links(body):
    """Error-summary links whose target id is missing (a GOV.UK error summary
    must take the user to the field to fix)."""
    summary = re.search(r'class="govuk-error-summary".*?</div>\s*</div>', body, re.S)
    if not summary:
        return []
    targets = re.findall(r'href="#([^"]+)"', summary.group(0))
    return [t for t in targets if f'id="{t}"' not in body]


FUZZABLE = sorted(name for name in ACCESS if name not in SKIP)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FUZZABLE)
def test_no_form_crashes_or_reflects_script_on_hostile_input(client, world, name):  # noqa: F811
    access = ACCESS[name]
    role = next((r for r in PREFERRED_ROLE if access == PUBLIC or r in access), None)
    user = world.users[role] if role else None
    url = reverse(name, kwargs=KWARGS[name](world) if name in KWARGS else None)
    if user:
        client.force_login(user)
    forms = post_forms(client, url)
    if not forms:
        return

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.data())
    def fuzz(data):
        for action, fields in forms:
            payload = draw_payload(data, fields)
            if user:
                client.force_login(user)
            response = client.post(action, payload)
            assert response.status_code < 500, f"{name} {action}: {response.status_code} for {payload!r}"[:2000]
            body = response.content.decode(errors="replace")
            assert SCRIPT not in body, f"{name}: script reflected unescaped"
            for target in broken_error_links(body):
                raise AssertionError(f"{name}: error summary links to #{target}, which is not on the page")

    fuzz()


@pytest.mark.django_db
def test_a_post_without_its_csrf_token_is_refused_plainly(world):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["officer"])
    response = client.post(reverse("tracking:child_search"), {"name": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.django_db
def test_stored_script_is_shown_as_text_on_every_page_that_shows_it(client, world):  # noqa: F811
    """A name with script in it, saved through a real form, appears escaped."""
    from tracking.tests.factories import ChildFactory

    child = ChildFactory(first_name=SCRIPT, last_name="Nowak")
    client.force_login(world.users["officer"])
    for url in [reverse("tracking:child_detail", args=[child.pk]), reverse("tracking:child_search") + "?name=Nowak"]:
        body = client.get(url).content.decode()
        assert SCRIPT not in body
        assert re.search(r"&lt;script&gt;alert\(&quot;cme-xss&quot;\)&lt;/script&gt;", body), url
