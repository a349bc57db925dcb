"""Domain errors. Hierarchy:

CatalogueError                 anything the catalogue refuses, with a message safe to show
├── InvalidInput               a value a client sent is wrong (field names it)
├── NotFound                   a record asked for by id or slug does not exist
└── Forbidden                  the caller lacks the role for this
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


class NotFound(CatalogueError):
    code = "NOT_FOUND"


class Forbidden(CatalogueError):
    code = "FORBIDDEN"
