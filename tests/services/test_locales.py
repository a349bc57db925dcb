"""Locale negotiation: explicit choice, then Accept-Language by q-value, then en-GB."""

from __future__ import annotations

import pytest

from services.locales import SUPPORTED, negotiate


@pytest.mark.parametrize(("header", "expected"), [
    ("en-US", "en-GB"), ("pt-BR", "pt"), ("ur-PK", "ur"), ("pa-IN", "pa"),
    ("fr, pl;q=0.5", "pl"), ("pl;q=0.3, ar;q=0.9", "ar"), ("de", "en-GB"), ("", "en-GB"),
    ("*", "en-GB"), ("ro;q=0, es", "es"), ("bn;q=bad, pl;q=0.1", "pl"),
])
def test_accept_language(header: str, expected: str) -> None:
    assert negotiate(None, header) == expected


def test_explicit_wins() -> None:
    assert negotiate("pl", "ur") == "pl"


def test_right_to_left_scripts() -> None:
    assert {loc.code for loc in SUPPORTED if loc.direction == "rtl"} == {"ur", "ar"}
    assert len(SUPPORTED) == 9
