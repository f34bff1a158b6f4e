"""Finding schools: the schools list, and the school lookup on forms."""

import re

from django.db.models import Q

from ..models import School


def search_schools(query: str = ""):
    schools = School.objects.select_related("la").order_by("name", "urn")
    query = (query or "").strip()
    if not query:
        return schools
    digits = re.sub(r"\D", "", query)
    if query.isdigit() and len(query) == 6:
        return schools.filter(urn=query)
    if re.fullmatch(r"\d{3}\s*/?\s*\d{4}", query):
        return schools.filter(dfe_number=f"{digits[:3]}/{digits[3:]}")
    return schools.filter(Q(name__icontains=query) | Q(urn__startswith=query) | Q(postcode__iexact=query))


def school_label(school):
    """How a school is written in the lookup box: "Oak Primary School (URN 116100)"."""
    return f"{school.name} (URN {school.urn})"


def schools_to_suggest():
    """The home local authority's open schools, suggested as an officer types."""
    return School.objects.open().in_home_la().only("name", "urn").order_by("name")


_URN_IN_TEXT = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def resolve_school(text):
    """(school, None) for what someone typed in a school box, or (None, what to fix)."""
    text = " ".join((text or "").split())
    urn = _URN_IN_TEXT.search(text)
    if urn:
        school = School.objects.filter(urn=urn.group(1)).first()
        if school is None:
            return None, f"There is no school with URN {urn.group(1)}. Check the number, or enter the school’s name"
        return school, None
    exact = list(School.objects.filter(name__iexact=text)[:2])
    if len(exact) == 1:
        return exact[0], None
    matches = list(School.objects.filter(name__icontains=text).order_by("name")[:6])
    if len(matches) == 1:
        return matches[0], None
    if not matches:
        return None, f"No school is called “{text}”. Check the spelling, or enter the school’s 6-digit URN"
    shown = "; ".join(school_label(s) for s in (exact or matches)[:5])
    return None, f"More than one school matches “{text}”: {shown}. Enter the school’s URN"
