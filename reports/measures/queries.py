"""The queries behind the measures: set-based SQL, a fixed number per return.

Every question is "as at the end of D", answered from history, never from
today's state:

* a case's status and category as at D are those written on its **latest
  status-bearing timeline event** (``CaseEvent.status_after`` /
  ``category_after``, written when the case opens and on every status or
  category change) that happened before the end of D;
* a risk factor applies on D when its ``VulnerabilityFlag`` period covers D;
* a failed-to-track alert applies on D when it was raised before the end of
  D and not cleared by then.

All of it is correlated subqueries and conditional aggregates over indexed
columns, so a return costs the same handful of queries for 25 cases or
25,000 (``reports/benchmarks``).
"""

from __future__ import annotations

from django.db.models import Case as When_Case  # noqa: N812 - Case is the CME case here
from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.fields.json import KT

from tracking.models import Case, CaseEvent, Category, ChildAlert, FlagKind, Outcome, Status, VulnerabilityFlag

from .ages import year_groups_for
from .as_at import AsAt
from .definitions import SEPARATE_MEASURES, all_measures, dob_in

#: A case still being worked as at D: the child is missing education.
ACTIVE_STATUSES = (Status.OPEN, Status.FAILED_TO_TRACK)
#: Categories counted from the start of the child's Reception year, before
#: they reach compulsory school age (see docs/reports.md, "Age range").
RECEPTION_CATEGORIES = (Category.FAILED_TO_START_RECEPTION, Category.DEFERRED_ENTRY)


def latest_status_event(at: AsAt, case_ref="pk"):
    """The case's latest status-bearing event before the end of D (a subquery)."""
    return (
        CaseEvent.objects.filter(case=OuterRef(case_ref), occurred_at__lt=at.cutoff)
        .exclude(status_after="")
        .order_by("-occurred_at", "-id")
    )


def cases_as_at(at: AsAt, *, with_outcome=False):
    """Every case, annotated with ``status_at`` and ``category_at`` as at the end
    of D (``None`` for a case with no status event by then: not yet opened);
    with ``outcome_at`` too if asked, from the outcome the status event recorded.

    A case typed in later with an earlier opening date is on the timeline from
    that date (``tracking.services.open_case`` dates its opening event so), and
    so counts from that date, like any other case."""
    latest = latest_status_event(at)
    annotations = {
        "status_at": Subquery(latest.values("status_after")[:1]),
        "category_at": Subquery(latest.values("category_after")[:1]),
    }
    if with_outcome:
        annotations["outcome_at"] = Subquery(
            latest.annotate(outcome=KT("data__outcome")).values("outcome")[:1]
        )
    return Case.objects.annotate(**annotations)


def of_csa(at: AsAt, field="child__date_of_birth") -> Q:
    """Of compulsory school age on D, or date of birth not recorded (we cannot
    show such a child is not of CSA, so they are counted)."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": at.csa.as_tuple()})


def in_age_range(at: AsAt) -> Q:
    """The return's age range: of CSA on D; or, for Reception and deferred-entry
    cases, in the Reception year group on D though not yet of CSA."""
    return of_csa(at) | (Q(category_at__in=RECEPTION_CATEGORIES) & dob_in(at.reception))


def active_case_for_child(at: AsAt):
    """Exists: the child (of the outer case) has a case open or awaiting sign-off at D."""
    return Exists(
        cases_as_at(at).filter(child=OuterRef("child"), status_at__in=ACTIVE_STATUSES)
    )


def flag_on(kind, at: AsAt):
    return Exists(VulnerabilityFlag.objects.filter(child=OuterRef("child_id"), kind=kind).active_on(at.on))


def expected_year_group(at: AsAt, field="child__date_of_birth"):
    """The National Curriculum year the child's date of birth puts them in on D,
    as SQL (``cme.schooldays.age.nc_year``, turned into date-of-birth ranges);
    "" when the date of birth is not recorded."""
    groups = year_groups_for(at.on)
    youngest = groups[0][1]
    oldest = groups[-1][1]
    whens = [When(Q(**{f"{field}__gt": youngest.latest}), then=Value("BELOW"))]
    whens += [When(dob_in(births, field), then=Value(year.value)) for year, births in groups]
    whens.append(When(Q(**{f"{field}__lt": oldest.earliest}), then=Value("ABOVE")))
    return When_Case(*whens, default=Value(""), output_field=CharField())


def cme_cases(at: AsAt):
    """The CME cases as at D: open or awaiting failed-to-track sign-off at the
    end of D, for a child in the return's age range. Each child at most once
    (a child has at most one case that is not closed, a database constraint)."""
    return cases_as_at(at).filter(status_at__in=ACTIVE_STATUSES).filter(in_age_range(at))


def with_measure_annotations(queryset, at: AsAt):
    return queryset.annotate(
        open_to_yos=flag_on(FlagKind.YOUTH_OFFENDING, at),
        on_cp_plan=flag_on(FlagKind.CHILD_PROTECTION, at),
        child_in_need=flag_on(FlagKind.CHILD_IN_NEED, at),
    )


def _alert_active(at: AsAt) -> Q:
    return Q(raised_at__lt=at.cutoff) & (Q(cleared_at__isnull=True, is_active=True) | Q(cleared_at__gte=at.cutoff))


def historical_cases(at: AsAt):
    """Children on the historical (failed-to-track) list at D, by the case whose
    sign-off raised their alert: the alert was active at the end of D, the child
    was of CSA on D, and had no case open or awaiting sign-off then."""
    alerts = ChildAlert.objects.filter(kind=ChildAlert.Kind.FAILED_TO_TRACK).filter(_alert_active(at))
    return (
        cases_as_at(at).filter(pk__in=alerts.values("case"))
        .filter(of_csa(at))
        .exclude(active_case_for_child(at))
    )


def ehe_cases(at: AsAt):
    """Children last located as electively home educated: the child's latest case
    as at D (the last opened of those on the timeline by then) stood at the end
    of D as located or closed with the outcome "electively home educated", and
    the child was of CSA on D."""
    later_case = cases_as_at(at).filter(child=OuterRef("child"), status_at__isnull=False).filter(
        Q(opened_on__gt=OuterRef("opened_on")) | Q(opened_on=OuterRef("opened_on"), pk__gt=OuterRef("pk"))
    )
    had_ehe_event = CaseEvent.objects.filter(
        case=OuterRef("pk"), occurred_at__lt=at.cutoff, data__outcome=Outcome.EHE
    )
    return (
        cases_as_at(at, with_outcome=True)
        .filter(Exists(had_ehe_event))
        .filter(status_at__in=(Status.LOCATED, Status.CLOSED), outcome_at=Outcome.EHE)
        .filter(of_csa(at))
        .exclude(Exists(later_case))
    )


def count_children(queryset) -> int:
    return queryset.aggregate(n=Count("child", distinct=True))["n"]


def count_case_measures(at: AsAt) -> dict[str, int]:
    """Every measure that filters the CME cases, and the count per category,
    in one aggregate query."""
    # Children, not cases: a child is counted once even if a back-dated case
    # ever overlapped their previous one.
    aggregates = {
        m.key: Count("child", filter=m.q, distinct=True)
        for m in all_measures(at)
        if m.key not in SEPARATE_MEASURES
    }
    aggregates.update({
        f"category:{value}": Count("child", filter=Q(category_at=value), distinct=True) for value in Category.values
    })
    return with_measure_annotations(cme_cases(at), at).aggregate(**aggregates)


def count_all(at: AsAt) -> dict[str, int]:
    """Every figure of the return as at D: three queries."""
    counts = count_case_measures(at)
    counts["historical"] = count_children(historical_cases(at))
    counts["total_including_historical"] = counts["total"] + counts["historical"]
    counts["ehe"] = count_children(ehe_cases(at))
    return counts


def cases_behind(key: str, at: AsAt):
    """The cases behind one figure, for the drill-down list; ``None`` if there is no such measure."""
    if key == "historical":
        return historical_cases(at)
    if key == "ehe":
        return ehe_cases(at)
    if key == "total_including_historical":
        return cases_as_at(at).filter(
            Q(pk__in=cme_cases(at).values("pk")) | Q(pk__in=historical_cases(at).values("pk"))
        )
    measures = {m.key: m for m in all_measures(at)}
    if key.startswith("category:") and key.removeprefix("category:") in Category.values:
        return with_measure_annotations(cme_cases(at), at).filter(category_at=key.removeprefix("category:"))
    measure = measures.get(key)
    if measure is None or measure.q is None:
        return None
    return with_measure_annotations(cme_cases(at), at).filter(measure.q)
