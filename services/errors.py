"""Domain errors. Hierarchy:

CatalogueError                 anything the catalogue refuses, with a message safe to show
├── InvalidInput               a value a client sent is wrong (field names it)
│   └── InvalidFields          several values are wrong at once (one InvalidInput per field)
├── NotFound                   a record asked for by id or slug does not exist
├── Forbidden                  the caller lacks the role for this
└── Busy                       too much work queued; try again after `retry_after` seconds
"""

from __future__ import annotations


class CatalogueError(Exception):
    """Base of every expected error; `code` is the GraphQL extensions code."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(CatalogueError):
    code = "BAD_USER_INPUT"


class InvalidFields(InvalidInput):
    """Every wrong field of one input, so a form can show them all; nothing was saved."""

    def __init__(self, errors: list[InvalidInput]) -> None:
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


class NotFound(CatalogueError):
    code = "NOT_FOUND"


class Forbidden(CatalogueError):
    code = "FORBIDDEN"


class Busy(CatalogueError):
    code = "SERVICE_UNAVAILABLE"

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after
