"""Name keys for search and matching.

Officers look for children whose names reach them misspelt, transliterated,
hyphenated differently or in the wrong order. Each word of each name is
stored as a ``NameToken`` with three keys:

- ``token``: the word folded to plain lower-case letters ("Zoë" → "zoe",
  "O'Brien" → "obrien"); "Smith-Jones" is two words, "smith" and "jones".
- ``phonetic``: its Metaphone code (jellyfish), so "Mohammed", "Muhammad" and
  "Mohamed" all give "MHMT".
- ``skeleton``: consonant skeleton with common spelling swaps folded
  (c/k/q, ph/f, z/s, leading vowels), so "Aisha"/"Ayesha" and
  "Sean"/"Shaun" meet where Metaphone keeps them apart.
"""

import re

import jellyfish
from unidecode import unidecode

_NOT_LETTERS = re.compile(r"[^a-z]+")
_SWAPS = [("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s"), ("j", "y"), ("v", "f")]


def fold(text: str) -> str:
    """Plain lower-case ASCII letters and single spaces."""
    text = unidecode(text or "").lower().replace("'", "").replace("’", "")
    return " ".join(_NOT_LETTERS.sub(" ", text).split())


def words(text: str) -> list[str]:
    return fold(text).split()


def search_words(text: str) -> list[str]:
    """The words of a name, plus the words run together: "Al-Sayed" gives
    "al", "sayed" and "alsayed", so it meets "Alsayed" written as one word."""
    parts = words(text)
    return parts + ["".join(parts)] if len(parts) > 1 else parts


def phonetic(word: str) -> str:
    return jellyfish.metaphone(word).upper() if word else ""


def skeleton(word: str) -> str:
    if not word:
        return ""
    for old, new in _SWAPS:
        word = word.replace(old, new)
    head, rest = word[0], word[1:]
    if head in "aeiouy":
        head = "a"
    rest = re.sub(r"[aeiouyhw]", "", rest)
    collapsed = re.sub(r"(.)\1+", r"\1", head + rest)
    return collapsed


def keys(word: str) -> tuple[str, str, str]:
    """(token, phonetic, skeleton) for one folded word."""
    return word, phonetic(word), skeleton(word)


def words_match(a: str, b: str) -> str | None:
    """How two folded words match, if they do: "exact", "sounds alike" or None."""
    if not a or not b:
        return None
    if a == b:
        return "exact"
    if phonetic(a) == phonetic(b) or (len(a) > 2 and skeleton(a) == skeleton(b)):
        return "sounds alike"
    return None
