"""The staff audit trail: who did what to which record, and when (never personal data)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from services.models import AuditEvent

MAX_EVENTS = 500


def record(
    session: Session,
    actor: str,
    action: str,
    record_type: str,
    record_id: str,
    detail: str = "",
) -> None:
    """Add an event to the caller's transaction, so the action and its audit commit together.

    `actor` is a Principal's label; `detail` must never carry contact details or free text a
    family wrote.
    """
    session.add(
        AuditEvent(
            actor=actor,
            action=action,
            record_type=record_type,
            record_id=record_id,
            detail=detail[:500],
        )
    )


def events(
    engine: Engine,
    *,
    record_type: str | None = None,
    record_id: str | None = None,
    limit: int = 100,
) -> list[AuditEvent]:
    """The newest events first, optionally for one record."""
    stmt = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(min(limit, MAX_EVENTS))
    if record_type:
        stmt = stmt.where(col(AuditEvent.record_type) == record_type)
    if record_id:
        stmt = stmt.where(col(AuditEvent.record_id) == record_id)
    with Session(engine) as session:
        return list(session.exec(stmt).all())
