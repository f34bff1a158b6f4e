"""Django validators for UPN, URN and DfE number.

Thin wrappers over ``identifiers.py`` that raise Django's ``ValidationError``
with the same plain-English message, for use in model fields and forms::

    upn = models.CharField(max_length=13, blank=True, validators=[upn_validator])

Django does not run validators on empty values of ``blank=True`` fields, so a
missing UPN is never rejected. Validators check; they do not normalise —
forms should store ``identifiers.validate_upn(value)`` (etc.), which returns
the compact form.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError

from .identifiers import InvalidIdentifier, validate_dfe_number, validate_upn, validate_urn

__all__ = ["dfe_number_validator", "upn_validator", "urn_validator"]


def _run(check: Callable[[str], str], value: str, code: str) -> None:
    try:
        check(value)
    except InvalidIdentifier as error:
        raise ValidationError(error.message, code=code) from error


def upn_validator(value: str) -> None:
    """Reject a malformed UPN (wrong length, characters, LA code or check letter)."""
    _run(validate_upn, value, "invalid_upn")


def urn_validator(value: str) -> None:
    """Reject a URN that is not 6 digits."""
    _run(validate_urn, value, "invalid_urn")


def dfe_number_validator(value: str) -> None:
    """Reject a DfE number that is not a 3-digit LA code and 4-digit establishment number."""
    _run(validate_dfe_number, value, "invalid_dfe_number")
