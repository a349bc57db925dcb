"""Keeping personal data out of logs when the database refuses a write that holds some.

SQLAlchemy hides bound parameters (services.database sets hide_parameters), but PostgreSQL
itself quotes the failing row in its error detail ("Failing row contains (...)"). Writes of
contact details run inside `withheld()`, which re-raises such errors without that text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session


class PersonalDataWriteError(RuntimeError):
    """A database error on a write holding personal data, with the values left out."""


@contextmanager
def withheld(what: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "sqlite_errorname", "")
        raise PersonalDataWriteError(
            f"The database refused to save {what} ({type(error.orig).__name__} {code}); "
            "the values are withheld because they hold personal data."
        ) from None


@contextmanager
def session(engine: Engine, what: str) -> Iterator[Session]:
    """A session whose database errors never quote the values of the rows involved."""
    with withheld(what), Session(engine, expire_on_commit=False) as s:
        yield s
