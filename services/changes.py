"""Recording catalogue changes: the HSDS-shaped change log and the catalogue version counter."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from services.models import CatalogueVersion, ChangeLog, utcnow

MAX_ENTRIES = 500


def catalogue_version(engine: Engine) -> int:
    """The current catalogue version. Read it before reading the data a rendition is made
    from: a change committed in between then leaves the rendition keyed to an older version."""
    with engine.connect() as connection:
        value = connection.execute(
            sa.select(CatalogueVersion.version).where(col(CatalogueVersion.id) == 1)  # type: ignore[call-overload]
        ).scalar()
    return int(value) if value is not None else 1


def bump_catalogue_version(session: Session) -> None:
    """Add one to the version in the caller's transaction, so the change and the bump commit
    together. One UPDATE with `version + 1` is atomic on both SQLite and PostgreSQL."""
    updated = session.execute(
        sa.update(CatalogueVersion)
        .where(col(CatalogueVersion.id) == 1)
        .values(version=CatalogueVersion.version + 1, changed_at=utcnow())
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        session.add(CatalogueVersion(id=1, version=2))


def as_text(value: Any) -> str | None:
    """A field value as the change log stores it: text, dates in ISO 8601, lists as JSON."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def log_changes(
    session: Session,
    *,
    resource_type: str,
    resource_id: str,
    action: str,
    changes: Mapping[str, tuple[Any, Any]],
    updated_by: str,
) -> int:
    """One change-log row per field whose value really changed; returns how many."""
    now = utcnow()
    written = 0
    for field_name, (before, after) in changes.items():
        previous, replacement = as_text(before), as_text(after)
        if previous == replacement:
            continue
        session.add(
            ChangeLog(
                resource_id=resource_id,
                resource_type=resource_type,
                last_action_date=now,
                last_action_type=action,
                field_name=field_name,
                previous_value=previous,
                replacement_value=replacement,
                updated_by=updated_by,
            )
        )
        written += 1
    return written


def change_log(
    engine: Engine,
    *,
    resource_type: str | None = None,
    resource_id: str | None = None,
    limit: int = 100,
) -> list[ChangeLog]:
    """The newest changes first, optionally for one record."""
    stmt = select(ChangeLog).order_by(col(ChangeLog.id).desc()).limit(min(limit, MAX_ENTRIES))
    if resource_type:
        stmt = stmt.where(col(ChangeLog.resource_type) == resource_type)
    if resource_id:
        stmt = stmt.where(col(ChangeLog.resource_id) == resource_id)
    with Session(engine) as session:
        return list(session.exec(stmt).all())
