"""Offset cursors, page-size checks and page info for every Relay-style list in the API."""

from __future__ import annotations

import base64

from api.types import PageInfo
from services.errors import InvalidInput

CURSOR_PREFIX = "offset:"
MAX_PAGE = 100
MAX_OFFSET = 10_000_000  # far past any real list; bigger numbers overflow database integers


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(text)
        offset = int(text[len(CURSOR_PREFIX) :])
        if not 0 <= offset <= MAX_OFFSET:
            raise ValueError(text)
        return offset
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput("`after` is not a cursor from this API.", field="after") from error


def window(first: int, after: str | None, max_page: int = MAX_PAGE) -> tuple[int, int]:
    """(offset, limit) for `first` items after a cursor."""
    if not 1 <= first <= max_page:
        raise InvalidInput(f"`first` must be between 1 and {max_page}.", field="first")
    return (decode_cursor(after) + 1 if after else 0), first


def page_info(offset: int, shown: int, total: int) -> PageInfo:
    """Where a page of `shown` items starting at `offset` stands among `total`."""
    return PageInfo(
        has_next_page=offset + shown < total,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset) if shown else None,
        end_cursor=encode_cursor(offset + shown - 1) if shown else None,
    )
