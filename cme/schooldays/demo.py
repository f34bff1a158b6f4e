"""Demo term dates: the LA calendar 2022/23 to 2027/28, and two schools with their own dates.

Loaded through the services from ``demo_terms``. Safe to run again: a year
that already has LA term dates, or a school that already has its own
calendar, is left as it is (so a manager's changes survive a re-seed).
"""

from collections import defaultdict

from . import selectors, services
from .age import school_year_label, school_year_of
from .demo_terms import (
    DEMO_SCHOOL_YEARS,
    ELM_ACADEMY_INSET_DAYS,
    ELM_ACADEMY_TERMS,
    LA_CLOSURES,
    LA_TERMS,
    OAK_PRIMARY_INSET_DAYS,
)
from .models import Calendar

# The demo schools' URNs (tracking/demo.py); cme.* apps do not import tracking.
OAK_PRIMARY_URN = "116100"
ELM_ACADEMY_URN = "116300"


def _by_year(terms, closures):
    years = defaultdict(lambda: ([], []))
    for term in terms:
        years[term.school_year][0].append((term.name, term.start, term.end))
    for day in sorted(closures):
        years[school_year_of(day)][1].append((day, "INSET day"))
    return years


def _load_school(urn, name, terms, closures):
    if Calendar.objects.filter(school_urn=urn).exists():
        return
    for school_year, (year_terms, year_closures) in sorted(_by_year(terms, closures).items()):
        services.save_school_year(
            by=None, school_year=school_year, terms=year_terms, closures=year_closures,
            school_urn=urn, school_name=name,
        )


def seed(stdout):
    la_years = _by_year(LA_TERMS, LA_CLOSURES)
    loaded = selectors.school_years_with_terms()
    missing = [year for year in DEMO_SCHOOL_YEARS if year not in loaded]
    # Add years outwards from those already loaded, so the calendar never has a gap.
    later = [year for year in missing if not loaded or year > loaded[-1]]
    earlier = sorted((year for year in missing if loaded and year < loaded[0]), reverse=True)
    for school_year in later + earlier:
        terms, closures = la_years[school_year]
        services.save_school_year(by=None, school_year=school_year, terms=terms, closures=closures)

    _load_school(OAK_PRIMARY_URN, "Oak Primary School", (), OAK_PRIMARY_INSET_DAYS)
    _load_school(ELM_ACADEMY_URN, "Elm Academy", ELM_ACADEMY_TERMS, ELM_ACADEMY_INSET_DAYS)

    years = selectors.school_years_with_terms()
    stdout.write(
        f"Term dates: LA calendar {school_year_label(years[0])} to {school_year_label(years[-1])}; "
        "Oak Primary School has its own INSET days, Elm Academy its own 2023/24 terms."
    )
