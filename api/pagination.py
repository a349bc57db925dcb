"""Offset cursors and page-size checks for the staff lists (Relay-style connections)."""

from __future__ import annotations

import base64

from services.errors import InvalidInput

CURSOR_PREFIX = "offset:"
MAX_PAGE = 100


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(text)
        offset = int(text[len(CURSOR_PREFIX) :])
        if offset < 0:
            raise ValueError(text)
        return offset
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput("`after` is not a cursor from this API.", field="after") from error


def window(first: int, after: str | None) -> tuple[int, int]:
    """(offset, limit) for `first` items after a cursor."""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(f"`first` must be between 1 and {MAX_PAGE}.", field="first")
    return (decode_cursor(after) + 1 if after else 0), first
