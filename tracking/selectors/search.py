"""Finding a child: by any name (as it sounds, or the start of a word), date
of birth, UPN or postcode, or any of them together, best match first.

A name drives the search when given: every word typed must match one of the
names the child has had (legal, preferred, alias, previous), exactly, by
sound, or as the start of a word. A UPN finds its child whatever the name.
Without a name or UPN, the date of birth and postcode find children that
match all that was given. Everything given then adds to the ranking.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q

from .. import names
from ..matching import swapped_day_month
from ..models import Address, Case, Child, ChildAlert, NameToken

RESULT_LIMIT = 50
TOKEN_ROW_LIMIT = 5000
PREFIX_MIN_LENGTH = 2

EXACT, SOUNDS_ALIKE, PREFIX = 30, 22, 15


@dataclass
class SearchResult:
    child: Child
    score: int = 0
    reasons: list = field(default_factory=list)

    @property
    def active_case(self):
        return next((c for c in self.child.search_cases if not c.is_closed), None)

    @property
    def closed_cases(self):
        return [c for c in self.child.search_cases if c.is_closed]

    @property
    def alerts(self):
        return self.child.active_alerts


@dataclass
class SearchOutcome:
    results: list
    total: int  # how many children matched, of which ``results`` are the best

    @property
    def is_cut_short(self):
        return self.total > len(self.results)


def _grade(word, token):
    if word == token:
        return EXACT, "exact"
    if names.words_match(word, token):
        return SOUNDS_ALIKE, "sounds alike"
    if len(word) >= PREFIX_MIN_LENGTH and token.startswith(word):
        return PREFIX, "starts with"
    return 0, None


def _best_grade(word, tokens):
    """(points, kind, token) for the child's name word that best matches ``word``."""
    return max(((*_grade(word, t), t) for t in sorted(tokens)), key=lambda g: g[0])


def _reason(word, kind, token):
    if kind == "exact":
        return f"name “{word}”"
    if kind == "sounds alike":
        return f"“{word}” sounds like the name “{token}”"
    return f"“{word}” is the start of the name “{token}”"


def _name_matches(words):
    """{child id: (points, reasons)} for children whose names match every word."""
    query_words = list(words)
    joined = "".join(words) if len(words) > 1 else None
    all_words = query_words + ([joined] if joined else [])
    same_or_alike, starts = Q(), Q()
    for word in all_words:
        same_or_alike |= Q(token=word)
        if names.phonetic(word):
            same_or_alike |= Q(phonetic=names.phonetic(word))
        if len(word) > 2:
            same_or_alike |= Q(skeleton=names.skeleton(word))
        if len(word) >= PREFIX_MIN_LENGTH:
            starts |= Q(token__startswith=word)
    tokens = defaultdict(set)
    # Whole-word and sound matches first; the start of a word (which "mo" makes
    # common) only fills up to the limit.
    for condition, limit in ((same_or_alike, TOKEN_ROW_LIMIT * 4), (starts, TOKEN_ROW_LIMIT)):
        if not condition:
            continue
        for child_id, token in NameToken.objects.filter(condition).values_list("child_id", "token")[:limit]:
            tokens[child_id].add(token)

    matches = {}
    for child_id, child_tokens in tokens.items():
        grades = [(word, *_best_grade(word, child_tokens)) for word in query_words]
        points = sum(g[1] for g in grades) if all(g[1] for g in grades) else 0
        why = [_reason(word, kind, token) for word, _, kind, token in grades]
        if joined:
            _, joined_points, kind, token = (joined, *_best_grade(joined, child_tokens))
            if joined_points * len(query_words) > points:
                points, why = joined_points * len(query_words), [_reason(joined, kind, token)]
        if points:
            matches[child_id] = (points, why)
    return matches


def search_children(user, *, name="", date_of_birth: date | None = None, upn="", postcode="",
                    limit=RESULT_LIMIT) -> SearchOutcome:
    """Children matching what was given, best first, each with why it matched."""
    if not user.is_la_staff:
        return SearchOutcome([], 0)
    words = names.words(name)
    upn = "".join((upn or "").split()).upper()
    postcode_key = "".join((postcode or "").split()).upper()
    scores = defaultdict(int)
    reasons = defaultdict(list)

    pool = set()
    if words:
        for child_id, (points, why) in _name_matches(words).items():
            pool.add(child_id)
            scores[child_id] += points
            reasons[child_id] += why
    if upn:
        pool |= set(Child.objects.filter(upn=upn).values_list("pk", flat=True))
    if not words and not upn:
        narrowed = Child.objects.all()
        if date_of_birth:
            narrowed = narrowed.filter(date_of_birth__in=[d for d in (date_of_birth, swapped_day_month(date_of_birth)) if d])
        if postcode_key:
            narrowed = narrowed.filter(addresses__postcode_key__startswith=postcode_key)
        pool = set(narrowed.values_list("pk", flat=True).distinct()[:TOKEN_ROW_LIMIT])
    if not pool:
        return SearchOutcome([], 0)

    facts = Child.objects.filter(pk__in=pool).values_list("pk", "upn", "date_of_birth")
    for child_id, child_upn, dob in facts:
        if upn and child_upn == upn:
            scores[child_id] += 100
            reasons[child_id].append("same UPN")
        if date_of_birth and dob:
            if dob == date_of_birth:
                scores[child_id] += 40
                reasons[child_id].append("same date of birth")
            elif dob == swapped_day_month(date_of_birth):
                scores[child_id] += 25
                reasons[child_id].append("date of birth with day and month swapped")
    if postcode_key:
        lived_at = {}
        for child_id, key, written in Address.objects.filter(
            child_id__in=pool, postcode_key__startswith=postcode_key
        ).values_list("child_id", "postcode_key", "postcode"):
            points = 20 if key == postcode_key else 10
            if points > lived_at.get(child_id, (0, ""))[0]:
                lived_at[child_id] = (points, written)
        for child_id, (points, written) in lived_at.items():
            scores[child_id] += points
            reasons[child_id].append(f"has lived at {written}")

    ranked = sorted(pool, key=lambda pk: (-scores[pk], pk))
    top = ranked[: limit * 2]
    children = {
        child.pk: child
        for child in Child.objects.visible_to(user).filter(pk__in=top).prefetch_related(
            Prefetch("cases", queryset=Case.objects.select_related("assigned_officer").order_by("-opened_on", "-pk"),
                     to_attr="search_cases"),
            Prefetch("alerts", queryset=ChildAlert.objects.filter(is_active=True), to_attr="active_alerts"),
            Prefetch("addresses", queryset=Address.objects.all()),
        )
    }
    results = [SearchResult(children[pk], scores[pk], reasons[pk]) for pk in top if pk in children]
    results.sort(key=lambda r: (-r.score, r.active_case is None, r.child.last_name, r.child.first_name, r.child.pk))
    return SearchOutcome(results[:limit], len(pool))
