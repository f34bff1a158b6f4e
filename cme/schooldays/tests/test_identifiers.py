"""UPN, URN and DfE number validation, and the Django validators."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.gb import upn as stdnum_upn

from cme.schooldays.identifiers import (
    CHECK_LETTERS,
    LA_CODES,
    InvalidIdentifier,
    upn_check_letter,
    validate_dfe_number,
    validate_upn,
    validate_urn,
)
from cme.schooldays.validators import dfe_number_validator, upn_validator, urn_validator

# -- UPN: worked examples -----------------------------------------------------------
# Check letters worked by hand: sum of value x position over positions 2-13, mod 23.
#   801200005001: 8x2 + 1x4 + 2x5 + 5x10 + 1x13 = 93;  93 mod 23 = 1  -> B
#   852400012001: 8x2 + 5x3 + 2x4 + 4x5 + 1x9 + 2x10 + 1x13 = 101; mod 23 = 9 -> K
#   80120000500A (temporary, A = 0): 80 mod 23 = 11 -> M
#   80120000500Z (temporary, Z = 22): 80 + 286 = 366; mod 23 = 21 -> Y
#   852400012002: 101 + 13 = 114; mod 23 = 22 -> Z


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("B801200005001", "B801200005001"),
        ("K852400012001", "K852400012001"),
        ("k852 4000 12001", "K852400012001"),  # spaces and lower case are tidied
        (" K852400012001 ", "K852400012001"),
        ("M80120000500A", "M80120000500A"),  # temporary UPN
        ("y80120000500z", "Y80120000500Z"),
    ],
)
def test_valid_upns_are_returned_compact_and_upper_case(entered, stored):
    assert validate_upn(entered) == stored


@pytest.mark.parametrize(
    ("body", "letter"),
    [("801200005001", "B"), ("852400012001", "K"), ("80120000500A", "M"), ("80120000500Z", "Y")],
)
def test_upn_check_letter(body, letter):
    assert upn_check_letter(body) == letter


@pytest.mark.parametrize("body", ["80120000500", "8012000050011", "8012000A5001", "80120000500I", ""])
def test_upn_check_letter_rejects_a_body_that_is_not_12_upn_characters(body):
    with pytest.raises(ValueError):
        upn_check_letter(body)


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("", "Enter the UPN, or leave it blank if it is not known"),
        ("K85240001200", "A UPN is 13 characters; you entered 12"),
        ("K8524000120011", "A UPN is 13 characters; you entered 14"),
        ("8852400012001", 'The first character of a UPN is a check letter (A to Z but not I, O or S); you entered "8"'),
        ("O852400012001", 'The first character of a UPN is a check letter (A to Z but not I, O or S); you entered "O"'),
        ("K852A00012001", 'Characters 2 to 12 of a UPN are digits; character 5 is "A"'),
        ("K85240001200/", 'The last character of a UPN is a digit, or in a temporary UPN a letter other than I, O or S; you entered "/"'),
        ("K85240001200S", 'The last character of a UPN is a digit, or in a temporary UPN a letter other than I, O or S; you entered "S"'),
        ("K999400012001", "Characters 2 to 4 of a UPN are an LA code; 999 is not one"),
        ("A852400012001", "The check letter should be K, not A — check the UPN was copied correctly"),
        ("K852400012002", "The check letter should be Z, not K — check the UPN was copied correctly"),
    ],
)
def test_invalid_upns_say_what_is_wrong(entered, message):
    with pytest.raises(InvalidIdentifier) as error:
        validate_upn(entered)
    assert error.value.message == message
    assert str(error.value) == message


@pytest.mark.parametrize("la_code", [838, 839, 940, 941, 942, 943])
def test_upns_from_las_created_since_2011_are_accepted(la_code):
    body = f"{la_code}400012001"
    assert validate_upn(upn_check_letter(body) + body) == upn_check_letter(body) + body


def test_every_la_code_stdnum_knows_is_accepted():
    # A private name: if a stdnum upgrade renames it, this fails and the list
    # must be compared by hand before the upgrade lands.
    assert set(stdnum_upn._la_numbers) <= LA_CODES


# -- UPN: properties --------------------------------------------------------------------

UPN_CHARACTERS = CHECK_LETTERS + "0123456789"


@st.composite
def upns(draw) -> str:
    """A well-formed UPN with a correct check letter; temporary about half the time."""
    la_code = draw(st.sampled_from(sorted(LA_CODES)))
    middle = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    last = draw(st.sampled_from(UPN_CHARACTERS))
    body = f"{la_code}{middle}{last}"
    return upn_check_letter(body) + body


@given(upns())
def test_upns_with_a_correct_check_letter_validate(number):
    assert validate_upn(number) == number
    assert validate_upn(number.lower()) == number
    if int(number[1:4]) in getattr(stdnum_upn, "_la_numbers", ()):
        assert stdnum_upn.is_valid(number)


def _same_check_value(a: str, b: str) -> bool:
    """A digit d and the letter with index d carry the same value mod 23."""
    def value(c: str) -> int:
        return int(c) if c.isdigit() else CHECK_LETTERS.index(c)
    return value(a) == value(b)


@given(upns(), st.integers(min_value=0, max_value=12), st.sampled_from(UPN_CHARACTERS + "IOS/- x"))
def test_any_single_character_change_is_caught(number, position, replacement):
    """Changing one character of a valid UPN makes it invalid.

    The one exception is built into the DfE scheme: in position 13 a digit d
    and the d-th check letter (0/A, 1/B, ... 9/K) have the same value, so
    swapping one for the other keeps the check letter right. Both spellings
    are then well-formed UPNs.
    """
    if replacement == number[position]:
        return
    changed = number[:position] + replacement + number[position + 1 :]
    undetectable = position == 12 and replacement in UPN_CHARACTERS and _same_check_value(
        number[12], replacement
    )
    if undetectable:
        assert validate_upn(changed) == changed
    else:
        with pytest.raises(InvalidIdentifier):
            validate_upn(changed)


# -- URN and DfE number ------------------------------------------------------------------

@pytest.mark.parametrize(("entered", "stored"), [("116250", "116250"), (" 116250 ", "116250"), (116250, "116250")])
def test_valid_urns(entered, stored):
    assert validate_urn(entered) == stored


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("", "Enter the school's URN"),
        ("11625", "A URN is 6 digits, like 116250; you entered 5 digits"),
        ("1162501", "A URN is 6 digits, like 116250; you entered 7 digits"),
        ("11625a", 'A URN is 6 digits, like 116250; "11625a" contains other characters'),
    ],
)
def test_invalid_urns_say_what_is_wrong(entered, message):
    with pytest.raises(InvalidIdentifier) as error:
        validate_urn(entered)
    assert error.value.message == message


@pytest.mark.parametrize("entered", ["852/4000", "8524000", "852 4000", "852-4000", " 852 / 4000 "])
def test_dfe_numbers_are_normalised_with_a_slash(entered):
    assert validate_dfe_number(entered) == "852/4000"


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("", "Enter the DfE number, like 852/4000"),
        ("85/24000", 'A DfE number is a 3-digit LA code and a 4-digit establishment number, like 852/4000; "85/24000" is not'),
        ("852/400", 'A DfE number is a 3-digit LA code and a 4-digit establishment number, like 852/4000; "852/400" is not'),
        ("852/4000/1", 'A DfE number is a 3-digit LA code and a 4-digit establishment number, like 852/4000; "852/4000/1" is not'),
        ("852400", "A DfE number is 7 digits (LA code and establishment number), like 852/4000; you entered 6 digits"),
        ("abc/defg", 'A DfE number contains only digits, like 852/4000; "abc/defg" does not'),
    ],
)
def test_invalid_dfe_numbers_say_what_is_wrong(entered, message):
    with pytest.raises(InvalidIdentifier) as error:
        validate_dfe_number(entered)
    assert error.value.message == message


# -- Django validators ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("validator", "good", "bad", "message", "code"),
    [
        (upn_validator, "K852400012001", "A852400012001",
         "The check letter should be K, not A — check the UPN was copied correctly", "invalid_upn"),
        (urn_validator, "116250", "11625", "A URN is 6 digits, like 116250; you entered 5 digits", "invalid_urn"),
        (dfe_number_validator, "852/4000", "852/400",
         'A DfE number is a 3-digit LA code and a 4-digit establishment number, like 852/4000; "852/400" is not',
         "invalid_dfe_number"),
    ],
)
def test_django_validators_raise_validation_error_with_the_same_message(validator, good, bad, message, code):
    assert validator(good) is None
    with pytest.raises(ValidationError) as error:
        validator(bad)
    assert error.value.messages == [message]
    assert error.value.code == code


def test_a_upn_from_a_welsh_school_is_accepted():
    """A child arriving from Cardiff (LA 681) or Carmarthenshire (669)."""
    from cme.schooldays.identifiers import upn_check_letter, validate_upn

    for body in ("669000110012", "681200512345"):
        assert validate_upn(upn_check_letter(body) + body) == upn_check_letter(body) + body
