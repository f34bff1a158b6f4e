"""Proposing existing children that a new name may belong to.

Used when an officer triages a referral, when a school tells us of a new
pupil, and when a new record is created (to catch failed-to-track children).
The officer always confirms; this only ranks and explains.

A child is proposed only on evidence about *them*: the same UPN, or a name
that matches (exactly or by sound, in either order). A date of birth or a
postcode alone never proposes anyone; they strengthen a name match.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from . import names
from .models import Case, Child, ChildAlert, NameToken

POOL_LIMIT = 300


@dataclass
class Candidate:
    child: Child
    score: int = 0
    reasons: list = field(default_factory=list)

    @property
    def is_strong(self):
        """Enough to treat as the same child when raising alerts."""
        return self.score >= 70


def swapped_day_month(dob):
    if dob and dob.day <= 12 and dob.day != dob.month:
        try:
            return date(dob.year, dob.day, dob.month)
        except ValueError:
            return None
    return None


def _name_score(first_words, last_words, tokens):
    """Score how a child's name tokens match the given first/last words."""
    child_first = [t for t in tokens if t.part == NameToken.Part.FIRST]
    child_last = [t for t in tokens if t.part == NameToken.Part.LAST]

    def best(words, child_tokens):
        grades = []
        for word in words:
            matches = [names.words_match(word, t.token) for t in child_tokens]
            grades.append("exact" if "exact" in matches else "sounds alike" if "sounds alike" in matches else None)
        return grades

    straight = (best(first_words, child_first), best(last_words, child_last))
    crossed = (best(first_words, child_last), best(last_words, child_first))

    def value(pair):
        first, last = pair
        points = 0
        if first and any(first):
            points += 30 if "exact" in first else 22
        if last and any(last):
            points += 30 if "exact" in last else 22
        return points

    straight_value, crossed_value = value(straight), value(crossed)
    if straight_value == 0 and crossed_value == 0:
        return 0, []
    if crossed_value > straight_value:
        return crossed_value - 4, ["first and last names transposed"]
    reasons = []
    first, last = straight
    if first and any(first):
        reasons.append("first name " + ("the same" if "exact" in first else "sounds alike"))
    if last and any(last):
        reasons.append("last name " + ("the same" if "exact" in last else "sounds alike"))
    return straight_value, reasons


def find_candidates(*, first_name="", last_name="", date_of_birth=None, upn="", postcode="",
                    sibling_names=(), exclude_ids=(), only_alerted=False, only_with_active_case=False, limit=10):
    """Ranked children who may be the one described, each with its reasons.

    ``only_alerted`` / ``only_with_active_case`` narrow the search itself (not
    just the results), so a likely child is never crowded out by others.
    """
    first_words, last_words = names.search_words(first_name), names.search_words(last_name)
    all_words = first_words + last_words
    upn = (upn or "").strip().upper()
    eligible = Child.objects.all()
    if only_alerted:
        eligible = eligible.filter(alerts__is_active=True, alerts__kind=ChildAlert.Kind.FAILED_TO_TRACK)
    if only_with_active_case:
        eligible = eligible.filter(pk__in=Case.objects.active().values("child_id"))
    restricted = only_alerted or only_with_active_case

    pool = set()
    if upn:
        pool |= set(eligible.filter(upn=upn).values_list("pk", flat=True))
    if all_words:
        keys = [names.keys(w) for w in all_words]
        token_filter = Q(token__in=[k[0] for k in keys]) | Q(phonetic__in=[k[1] for k in keys if k[1]]) | Q(
            skeleton__in=[k[2] for k in keys if len(k[0]) > 2]
        )
        tokens = NameToken.objects.filter(token_filter)
        if restricted:
            tokens = tokens.filter(child__in=eligible.values("pk"))
        ranked = (
            tokens
            .values("child_id")
            .annotate(hits=Count("part", distinct=True))
            .order_by("-hits")
        )
        if date_of_birth:
            dobs = [d for d in (date_of_birth, swapped_day_month(date_of_birth)) if d]
            # Prefer children born on the day (or with day and month swapped), then the rest.
            pool |= set(ranked.filter(child__date_of_birth__in=dobs).values_list("child_id", flat=True)[:POOL_LIMIT])
        # Both parts of the name must find something (in either order), unless only one was given.
        parts_given = bool(first_words) + bool(last_words)
        pool |= set(ranked.filter(hits__gte=parts_given).values_list("child_id", flat=True)[:POOL_LIMIT])
    pool -= set(exclude_ids)
    if not pool:
        return []

    children = Child.objects.filter(pk__in=pool).prefetch_related("name_tokens", "addresses", "siblings__name_tokens")
    postcode_key = (postcode or "").upper().replace(" ", "")
    sibling_words = [names.words(s) for s in sibling_names if s]

    candidates = []
    for child in children:
        candidate = Candidate(child=child)
        if upn and child.upn == upn:
            candidate.score += 100
            candidate.reasons.append("same UPN")
        name_points, name_reasons = _name_score(first_words, last_words, list(child.name_tokens.all()))
        candidate.score += name_points
        candidate.reasons += name_reasons
        if date_of_birth and child.date_of_birth:
            if child.date_of_birth == date_of_birth:
                candidate.score += 40
                candidate.reasons.append("same date of birth")
            elif child.date_of_birth == swapped_day_month(date_of_birth):
                candidate.score += 25
                candidate.reasons.append("date of birth with day and month swapped")
            elif abs((child.date_of_birth - date_of_birth).days) > 366 and name_points:
                candidate.score -= 30  # a namesake of a different age
        if postcode_key and any(a.postcode_key == postcode_key for a in child.addresses.all()):
            candidate.score += 20
            candidate.reasons.append(f"has lived at {postcode.upper()}")
        for sibling in child.siblings.all():
            tokens = [t.token for t in sibling.name_tokens.all()]
            if any(words and all(any(names.words_match(w, t) for t in tokens) for w in words) for words in sibling_words):
                candidate.score += 20
                candidate.reasons.append(f"has a sibling called {sibling.first_name} {sibling.last_name}")
                break
        # A name match is required unless the UPN matches.
        if name_points or (upn and child.upn == upn):
            candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.child.last_name, c.child.first_name, c.child.pk))
    return candidates[:limit]
