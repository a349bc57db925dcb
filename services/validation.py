"""Checking what people type: collect every field's problem, then refuse them all at once.

Messages name the field and the rule, never the value: a value may be someone's email address.
"""

from __future__ import annotations

import re
from typing import Any

from services.errors import InvalidFields, InvalidInput

# Deliberately loose: one @, no spaces, a dot in the domain. Delivery is the real test.
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
# The GOV.UK/ONS shape of a UK postcode, space optional (BF1 2AB, SW1A 1AA, GIR 0AA).
POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$")
PHONE = re.compile(r"^\+?[0-9 ()\-]{7,25}$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class Problems:
    """Collects field errors while an input is checked."""

    def __init__(self) -> None:
        self.errors: list[InvalidInput] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(InvalidInput(message, field=field))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidFields(self.errors)

    # -- checks: each returns the cleaned value (or None), recording any problem -------------

    def text(
        self, field: str, value: str | None, *, max_length: int, required: bool = False
    ) -> str | None:
        cleaned = value.strip() if isinstance(value, str) else None
        if not cleaned:
            if required:
                self.add(field, f"{field} is required.")
            return None
        if len(cleaned) > max_length:
            self.add(field, f"{field} must be at most {max_length} characters.")
        return cleaned

    def email(self, field: str, value: str | None, *, required: bool = False) -> str | None:
        cleaned = self.text(field, value, max_length=254, required=required)
        if cleaned and not EMAIL.match(cleaned):
            self.add(field, f"{field} is not an email address, like name@example.com.")
        return cleaned

    def postcode(self, field: str, value: str | None, *, required: bool = False) -> str | None:
        cleaned = self.text(field, value, max_length=10, required=required)
        if not cleaned:
            return None
        compact = re.sub(r"\s+", "", cleaned.upper())
        if not POSTCODE.match(compact):
            self.add(field, f"{field} is not a UK postcode, like BF1 2AB.")
            return cleaned
        return f"{compact[:-3]} {compact[-3:]}"

    def phone(self, field: str, value: str | None, *, required: bool = False) -> str | None:
        cleaned = self.text(field, value, max_length=25, required=required)
        if cleaned and (not PHONE.match(cleaned) or sum(c.isdigit() for c in cleaned) < 7):
            self.add(field, f"{field} is not a telephone number, like 0113 496 0000.")
        return cleaned

    def url(self, field: str, value: str | None, *, required: bool = False) -> str | None:
        cleaned = self.text(field, value, max_length=500, required=required)
        if cleaned and not URL.match(cleaned):
            self.add(field, f"{field} must be a web address starting https:// or http://.")
        return cleaned

    def integer(
        self, field: str, value: Any, *, minimum: int, maximum: int, required: bool = False
    ) -> int | None:
        if value is None:
            if required:
                self.add(field, f"{field} is required.")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            self.add(field, f"{field} must be a whole number from {minimum} to {maximum}.")
            return None
        return value

    def choice(
        self, field: str, value: str | None, choices: tuple[str, ...], *, required: bool = False
    ) -> str | None:
        if value is None:
            if required:
                self.add(field, f"{field} is required.")
            return None
        if value not in choices:
            self.add(field, f"{field} must be one of: {', '.join(choices)}.")
            return None
        return value
