"""Keeping information checked: services due for review, and recording a review."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from services import audit
from services.auth import Principal
from services.changes import bump_catalogue_version, log_changes
from services.errors import NotFound
from services.models import Service, ServiceReview, utcnow
from services.seed import add_months
from services.store import PUBLIC_STATUSES
from services.validation import Problems

MAX_NOTE = 2000
MAX_WITHIN_DAYS = 366


def is_overdue(service: Service, today: dt.date | None = None) -> bool:
    """A service never checked, or past its review date. It stays public: families still
    need it, and staff are told."""
    due = service.review_due_date
    return due is None or due < (today or dt.date.today())


def due_for_review(
    engine: Engine,
    *,
    within_days: int,
    offset: int = 0,
    limit: int = 20,
    today: dt.date | None = None,
) -> tuple[list[Service], int, int]:
    """Published services due within `within_days` (overdue ones, never-checked first), the
    number due and the number overdue."""
    today = today or dt.date.today()
    p = Problems()
    p.integer("withinDays", within_days, minimum=0, maximum=MAX_WITHIN_DAYS, required=True)
    p.raise_if_any()
    horizon = today + dt.timedelta(days=within_days)
    due = sa.or_(col(Service.review_due_date).is_(None), col(Service.review_due_date) <= horizon)
    stmt = select(Service).where(col(Service.status).in_(PUBLIC_STATUSES), due)
    due_dates = stmt.subquery().c.review_due_date
    overdue = sa.or_(due_dates.is_(None), due_dates < today)
    counts = select(func.count(), func.coalesce(func.sum(sa.case((overdue, 1), else_=0)), 0))
    page = stmt.order_by(
        sa.nulls_first(col(Service.review_due_date).asc()), col(Service.name), col(Service.id)
    )
    with Session(engine) as session:
        rows = list(session.exec(page.offset(offset).limit(limit)).all())
        total, late = session.execute(counts).one()
    return rows, int(total), int(late)


def mark_reviewed(
    engine: Engine,
    service_id: str,
    *,
    note: str | None,
    by: Principal,
    interval_months: int,
    today: dt.date | None = None,
) -> Service:
    """Checked today: assured today, due again after the review interval."""
    today = today or dt.date.today()
    p = Problems()
    cleaned = p.text("note", note, max_length=MAX_NOTE) or ""
    p.raise_if_any()
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(Service, service_id)
        if row is None:
            raise NotFound(f"No service has the id {service_id!r}.", field="id")
        next_due = add_months(today, interval_months)
        log_changes(
            session,
            resource_type="service",
            resource_id=row.id,
            action="review",
            changes={
                "assured_date": (row.assured_date, today),
                "review_due_date": (row.review_due_date, next_due),
            },
            updated_by=by.label,
        )
        row.assured_date, row.review_due_date, row.last_modified = today, next_due, utcnow()
        session.add(row)
        session.add(
            ServiceReview(
                service_id=row.id,
                reviewed_on=today,
                next_due=next_due,
                reviewed_by=by.label,
                note=cleaned,
            )
        )
        bump_catalogue_version(session)  # documents say when the information was checked
        audit.record(session, by.label, "service.review", "service", row.id)
        session.commit()
    return row
