"""Reads for the tracking app. Views start here, never from Model.objects."""

import re

from django.db.models import Q

from .models import School


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
