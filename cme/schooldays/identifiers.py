"""Pupil and school identifiers: UPN, URN and DfE number.

Pure functions; each ``validate_*`` returns the normalised value or raises
``InvalidIdentifier`` whose ``message`` tells the user what is wrong in plain
English. (Django validators wrapping these are in ``validators.py``.)

Sources
-------
* UPN: DfE "Unique pupil numbers (UPNs)" guidance — 13 characters: a check
  letter, the 3-digit LA code, the 4-digit establishment number, 2 digits for
  the year of allocation and a 3-character serial. A *temporary* UPN has a
  letter in position 13. The check letter is the sum of (character value ×
  position) over positions 2–13, modulo 23, indexed into
  ``ABCDEFGHJKLMNPQRTUVWXYZ``; digits have their own value and a letter in
  position 13 has its index in that alphabet. ``stdnum.gb.upn`` implements
  this (including temporary UPNs) and we use its ``compact`` and
  ``calc_check_digit``; we add precise messages and LA codes created after
  its 2011 list.
* URN: DfE "Get Information About Schools" unique reference number, 6 digits.
* DfE number (LAESTAB): LA code (3 digits) and establishment number
  (4 digits), written ``852/4000``.

A missing UPN is never a reason to reject a child: callers only validate a
UPN that was given.
"""

from __future__ import annotations

import re

from stdnum.gb import upn as stdnum_upn

__all__ = [
    "CHECK_LETTERS",
    "InvalidIdentifier",
    "LA_CODES",
    "upn_check_letter",
    "validate_dfe_number",
    "validate_upn",
    "validate_urn",
]

#: Letters a check letter (and the letter of a temporary UPN) can be: A–Z
#: without I, O and S, in order of value (A = 0 … Z = 22).
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

#: LA codes ``stdnum.gb.upn`` knows (DfE "New local authority codes",
#: January 2011). Copied so that we can name an unknown code in a message
#: rather than depend on a private attribute of stdnum; a test checks that
#: stdnum's list is contained in ours.
_LA_CODES_2011 = frozenset({
    201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 301,
    302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315,
    316, 317, 318, 319, 320, 330, 331, 332, 333, 334, 335, 336, 340, 341,
    342, 343, 344, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370,
    371, 372, 373, 380, 381, 382, 383, 384, 390, 391, 392, 393, 394, 420,
    800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815, 816,
    821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 840, 841, 845, 846,
    850, 851, 852, 855, 856, 857, 860, 861, 865, 866, 867, 868, 869, 870,
    871, 872, 873, 874, 876, 877, 878, 879, 880, 881, 882, 883, 884, 885,
    886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896, 908, 909, 916,
    919, 921, 925, 926, 928, 929, 931, 933, 935, 936, 937, 938,
})

#: LA codes created by local government reorganisation since 2011, which
#: stdnum does not know. UPNs allocated by schools in these LAs carry them.
#: The superseded codes (835, 836, 837, 909, 928) stay valid: a UPN keeps
#: the code it was allocated under.
_LA_CODES_SINCE_2011 = frozenset({
    838,  # Dorset (April 2019)
    839,  # Bournemouth, Christchurch and Poole (April 2019)
    940,  # North Northamptonshire (April 2021)
    941,  # West Northamptonshire (April 2021)
    942,  # Cumberland (April 2023)
    943,  # Westmorland and Furness (April 2023)
})

#: Welsh local authorities (660 Isle of Anglesey to 681 Cardiff). Wales uses
#: the same UPN scheme, and children move across the border: a pupil
#: arriving from a Welsh school brings a UPN with one of these codes.
_WELSH_LA_CODES = frozenset(range(660, 682))

#: Every LA code accepted in characters 2–4 of a UPN.
LA_CODES: frozenset[int] = _LA_CODES_2011 | _LA_CODES_SINCE_2011 | _WELSH_LA_CODES


class InvalidIdentifier(ValueError):
    """An identifier failed validation; ``message`` is safe to show users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def upn_check_letter(body12: str) -> str:
    """The check letter for the 12 characters after it (positions 2–13).

    ``body12`` must be 11 digits followed by a digit or a check-alphabet
    letter (temporary UPN); anything else raises ``ValueError``.
    """
    body = body12.upper()
    if len(body) != 12 or not body[:11].isdigit() or not (
        body[11].isdigit() or body[11] in CHECK_LETTERS
    ):
        raise ValueError(f"{body12!r} is not the 12-character body of a UPN")
    return stdnum_upn.calc_check_digit(body)


def _describe(char: str) -> str:
    return "a space" if char.isspace() else f'"{char}"'


def validate_upn(value: str) -> str:
    """Validate a UPN and return it compact and upper-case.

    Accepts spaces and lower case (``"a 801200005001"`` → ``"A801200005001"``).
    Raises ``InvalidIdentifier`` naming the first problem found, in the
    order: length, characters, LA code, check letter.
    """
    number = stdnum_upn.compact(value or "")
    if not number:
        raise InvalidIdentifier("Enter the UPN, or leave it blank if it is not known")
    if len(number) != 13:
        raise InvalidIdentifier(f"A UPN is 13 characters; you entered {len(number)}")
    first = number[0]
    if first not in CHECK_LETTERS:
        raise InvalidIdentifier(
            "The first character of a UPN is a check letter "
            f"(A to Z but not I, O or S); you entered {_describe(first)}"
        )
    for position, char in enumerate(number[1:12], start=2):
        if not char.isdigit() or not char.isascii():
            raise InvalidIdentifier(
                f"Characters 2 to 12 of a UPN are digits; character {position} is {_describe(char)}"
            )
    last = number[12]
    if not ((last.isdigit() and last.isascii()) or last in CHECK_LETTERS):
        raise InvalidIdentifier(
            "The last character of a UPN is a digit, or in a temporary UPN a "
            f"letter other than I, O or S; you entered {_describe(last)}"
        )
    la_code = number[1:4]
    if int(la_code) not in LA_CODES:
        raise InvalidIdentifier(f"Characters 2 to 4 of a UPN are an LA code; {la_code} is not one")
    expected = upn_check_letter(number[1:])
    if expected != first:
        raise InvalidIdentifier(
            f"The check letter should be {expected}, not {first} — "
            "check the UPN was copied correctly"
        )
    return number


def validate_urn(value: str | int) -> str:
    """Validate a school's unique reference number (URN) and return 6 digits.

    Surrounding spaces are ignored. Raises ``InvalidIdentifier``.
    """
    urn = str(value).strip() if value is not None else ""
    if not urn:
        raise InvalidIdentifier("Enter the school's URN")
    if not urn.isdigit() or not urn.isascii():
        raise InvalidIdentifier(f'A URN is 6 digits, like 116250; "{urn}" contains other characters')
    if len(urn) != 6:
        raise InvalidIdentifier(f"A URN is 6 digits, like 116250; you entered {len(urn)} digits")
    return urn


def validate_dfe_number(value: str) -> str:
    """Validate a DfE number and return it as ``"852/4000"``.

    Accepts ``"852/4000"``, ``"8524000"``, ``"852 4000"`` and ``"852-4000"``.
    Only the shape is checked (3-digit LA code, 4-digit establishment
    number), not that the LA code is in ``LA_CODES``: GIAS also lists
    establishments under codes outside the English LA list (e.g. Welsh
    LAs). Raises ``InvalidIdentifier``.
    """
    raw = (value or "").strip()
    if not raw:
        raise InvalidIdentifier("Enter the DfE number, like 852/4000")
    if "/" in raw or "-" in raw or " " in raw:
        parts = [part for part in re.split(r"\s*[/\-\s]\s*", raw) if part]
        if len(parts) != 2 or len(parts[0]) != 3 or len(parts[1]) != 4:
            raise InvalidIdentifier(
                "A DfE number is a 3-digit LA code and a 4-digit establishment "
                f'number, like 852/4000; "{raw}" is not'
            )
        digits = parts[0] + parts[1]
    else:
        digits = raw
    if not digits.isdigit() or not digits.isascii():
        raise InvalidIdentifier(f'A DfE number contains only digits, like 852/4000; "{raw}" does not')
    if len(digits) != 7:
        raise InvalidIdentifier(
            "A DfE number is 7 digits (LA code and establishment number), like 852/4000; "
            f"you entered {len(digits)} digits"
        )
    return f"{digits[:3]}/{digits[3:]}"
