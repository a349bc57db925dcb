"""Requests for information in a different way: taking, producing, sending and purging them.

Also the manual-work report: formats no renderer makes, and documents to print and post.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import Session, col, func, select

from services import audit, locales, personal_data, subjects
from services.auth import Principal
from services.errors import InvalidInput, NotFound
from services.models import FormatRequest, FormatRequestDocument, FormatRequestNote, utcnow
from services.validation import Problems
from services.workdays import add_working_days

MAX_NOTE = 2000
MAX_OTHER_NEEDS = 1000
MAX_FORMAT_DETAILS = 500


class RequestFormat(enum.StrEnum):
    """The formats a family may ask for, after the DWP and HMCTS alternative-format lists."""

    easy_read = "easy_read"
    large_print = "large_print"
    plain_text_email = "plain_text_email"
    printed_copy = "printed_copy"
    braille = "braille"
    audio = "audio"
    another_language = "another_language"
    other = "other"


class Delivery(enum.StrEnum):
    email = "email"
    post = "post"
    collect = "collect"


class RequestStatus(enum.StrEnum):
    received = "received"  # waiting for staff
    ready = "ready"  # documents produced, waiting to be sent
    sent = "sent"  # closed: the family has it
    cancelled = "cancelled"  # closed without sending (withdrawn, or no way to reach them)


OPEN = (RequestStatus.received.value, RequestStatus.ready.value)
CLOSED = (RequestStatus.sent.value, RequestStatus.cancelled.value)

# Renderers (by registry name) that make each format; the first is what is sent. A format not
# here, or whose renderers are missing from the registry, is manual work.
RENDERERS: dict[str, tuple[str, ...]] = {
    RequestFormat.easy_read: ("easy_read_pdf", "easy_read"),
    RequestFormat.large_print: ("large_print_pdf",),
    RequestFormat.plain_text_email: ("plain_text",),
    RequestFormat.printed_copy: ("pdf",),
    RequestFormat.another_language: ("pdf", "html"),
    RequestFormat.braille: ("braille",),
    RequestFormat.audio: ("audio",),
}
MANUAL_REASONS = {
    RequestFormat.braille: "Braille is transcribed outside this service (e.g. by RNIB).",
    RequestFormat.audio: "Audio is recorded outside this service.",
    RequestFormat.other: "The family described a format this service cannot make.",
}


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None


@dataclass(frozen=True)
class NewRequest:
    """What a family sends; checked by `submit`."""

    subject_type: str
    subject_ids: tuple[str, ...]
    format: str
    delivery: str
    contact: Contact
    font_size_pt: int | None = None
    locale: str | None = None
    format_details: str | None = None
    other_needs: str | None = None


@dataclass(frozen=True)
class Produced:
    """A document a renderer made for a request."""

    renderer: str
    media_type: str
    extension: str
    content: bytes


def renderers_for(request_format: str, available: Sequence[str]) -> tuple[str, ...] | None:
    """The renderers that make a format, or None when some are missing: manual work."""
    wanted = RENDERERS.get(request_format)
    if not wanted or any(name not in available for name in wanted):
        return None
    return wanted


def _reference(prefix: str, row_id: int, created: dt.datetime) -> str:
    return f"{prefix}-{created.year}-{row_id:06d}"


def _check(new: NewRequest, session: Session) -> FormatRequest:
    p = Problems()
    subject_type = p.choice(
        "subject", new.subject_type, tuple(t.value for t in subjects.SubjectType)
    )
    ids = subjects.check(session, p, subject_type, new.subject_ids) if subject_type else ()
    fmt = p.choice("format", new.format, tuple(f.value for f in RequestFormat), required=True)
    delivery = p.choice("delivery", new.delivery, tuple(d.value for d in Delivery), required=True)
    size = None
    if fmt == RequestFormat.large_print:
        size = p.integer("fontSizePt", new.font_size_pt or 18, minimum=16, maximum=28)
    locale = new.locale or locales.SOURCE_LOCALE
    if locale not in locales.BY_CODE:
        p.add("language", f"language must be one of: {', '.join(locales.BY_CODE)}.")
    if fmt == RequestFormat.another_language and locale == locales.SOURCE_LOCALE:
        p.add("language", "language is required for another language, e.g. 'pl' or 'ur'.")
    details = p.text(
        "formatDetails",
        new.format_details,
        max_length=MAX_FORMAT_DETAILS,
        required=fmt == RequestFormat.other,
    )
    c = new.contact
    name = p.text("contact.name", c.name, max_length=200, required=True)
    email = p.email("contact.email", c.email, required=delivery == Delivery.email)
    phone = p.phone("contact.phone", c.phone)
    address = p.text(
        "contact.address", c.address, max_length=500, required=delivery == Delivery.post
    )
    postcode = p.postcode("contact.postcode", c.postcode, required=delivery == Delivery.post)
    if delivery == Delivery.collect and not (email or phone):
        p.add("contact.phone", "Give a telephone number or email address, to say it is ready.")
    if fmt == RequestFormat.plain_text_email and delivery and delivery != Delivery.email:
        p.add("delivery", "Plain text by email is sent by email.")
    other_needs = p.text("otherNeeds", new.other_needs, max_length=MAX_OTHER_NEEDS)
    p.raise_if_any()
    return FormatRequest(
        reference=uuid.uuid4().hex,  # replaced by the numbered reference once the id exists
        subject_type=subject_type or "",
        subject_ids=" ".join(ids),
        format=fmt or "",
        font_size_pt=size,
        locale=locale,
        format_details=details or "",
        delivery=delivery or "",
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
        contact_address=address,
        contact_postcode=postcode,
        other_needs=other_needs or "",
        answer_by=dt.date.today(),
    )


def submit(
    engine: Engine, new: NewRequest, *, working_days: int, today: dt.date | None = None
) -> FormatRequest:
    """Check and store a request; every problem is reported at once and nothing is saved."""
    today = today or dt.date.today()
    with personal_data.session(engine, "a request for another format") as session:
        row = _check(new, session)
        row.answer_by = add_working_days(today, working_days)
        session.add(row)
        session.flush()
        assert row.id is not None
        row.reference = _reference("LO", row.id, row.created_at)
        audit.record(
            session,
            "public",
            "request.create",
            "format_request",
            row.reference,
            f"format={row.format} delivery={row.delivery}",
        )
        session.commit()
    return row


def get(engine: Engine, reference: str) -> FormatRequest:
    with personal_data.session(engine, "a request for another format") as session:
        return _get(session, reference)


def _get(session: Session, reference: str) -> FormatRequest:
    row = session.exec(
        select(FormatRequest).where(col(FormatRequest.reference) == reference.strip().upper())
    ).first()
    if row is None:
        raise NotFound(f"No request has the reference {reference[:40]!r}.", field="reference")
    return row


def is_overdue(row: FormatRequest, today: dt.date | None = None) -> bool:
    return row.status in OPEN and row.answer_by < (today or dt.date.today())


def search(
    engine: Engine,
    *,
    statuses: Sequence[str] = (),
    formats: Sequence[str] = (),
    overdue: bool | None = None,
    offset: int = 0,
    limit: int = 20,
    today: dt.date | None = None,
) -> tuple[list[FormatRequest], int]:
    """Requests, oldest answer-by date first; one statement for the page, one for the count."""
    today = today or dt.date.today()
    stmt = select(FormatRequest)
    if statuses:
        stmt = stmt.where(col(FormatRequest.status).in_(statuses))
    if formats:
        stmt = stmt.where(col(FormatRequest.format).in_(formats))
    late = sa.and_(col(FormatRequest.status).in_(OPEN), col(FormatRequest.answer_by) < today)
    if overdue is True:
        stmt = stmt.where(late)
    elif overdue is False:
        stmt = stmt.where(sa.not_(late))
    count = select(func.count()).select_from(stmt.subquery())
    page = stmt.order_by(col(FormatRequest.answer_by), col(FormatRequest.id)).offset(offset)
    with personal_data.session(engine, "a request for another format") as session:
        rows = list(session.exec(page.limit(limit)).all())
        total = session.exec(count).one()
    return rows, int(total)


def notes_for(engine: Engine, request_ids: Sequence[int]) -> list[list[FormatRequestNote]]:
    groups: dict[int, list[FormatRequestNote]] = defaultdict(list)
    with personal_data.session(engine, "a request for another format") as session:
        for note in session.exec(
            select(FormatRequestNote)
            .where(col(FormatRequestNote.request_id).in_(set(request_ids)))
            .order_by(col(FormatRequestNote.id))
        ).all():
            groups[note.request_id].append(note)
    return [groups.get(i, []) for i in request_ids]


def documents_for(engine: Engine, request_ids: Sequence[int]) -> list[list[FormatRequestDocument]]:
    """The documents' descriptions, without their bytes."""
    groups: dict[int, list[FormatRequestDocument]] = defaultdict(list)
    with personal_data.session(engine, "a request for another format") as session:
        for doc in session.exec(
            select(FormatRequestDocument)
            .options(defer(FormatRequestDocument.content))  # type: ignore[arg-type]
            .where(col(FormatRequestDocument.request_id).in_(set(request_ids)))
            .order_by(col(FormatRequestDocument.id))
        ).all():
            groups[doc.request_id].append(doc)
    return [groups.get(i, []) for i in request_ids]


def document_content(engine: Engine, reference: str, document_id: int) -> FormatRequestDocument:
    """One produced document with its bytes; NotFound once purged."""
    with personal_data.session(engine, "a request for another format") as session:
        row = _get(session, reference)
        doc = session.get(FormatRequestDocument, document_id)
        if doc is None or doc.request_id != row.id or doc.content is None:
            raise NotFound(f"Request {row.reference} has no document {document_id}.", field="id")
        return doc


def record_documents(
    engine: Engine,
    reference: str,
    produced: Sequence[Produced],
    *,
    catalogue_version: int,
    by: Principal,
    complete: bool,
) -> FormatRequest:
    """Store what was produced. `complete` says the documents are all the format needs, so
    the request is ready to send; otherwise it stays open for the manual part."""
    with personal_data.session(engine, "a request for another format") as session:
        row = _get(session, reference)
        if row.status in CLOSED:
            raise InvalidInput(f"Request {row.reference} is closed.", field="reference")
        assert row.id is not None
        for doc in produced:
            session.add(
                FormatRequestDocument(
                    request_id=row.id,
                    renderer=doc.renderer,
                    locale=row.locale,
                    media_type=doc.media_type,
                    filename=f"{row.reference}-{doc.renderer}-{row.locale}.{doc.extension}",
                    sha256=hashlib.sha256(doc.content).hexdigest(),
                    size=len(doc.content),
                    catalogue_version=catalogue_version,
                    content=doc.content,
                    created_by=by.label,
                )
            )
        if complete:
            row.status = RequestStatus.ready.value
        row.updated_at = utcnow()
        session.add(row)
        audit.record(
            session,
            by.label,
            "request.produce",
            "format_request",
            row.reference,
            "renderers=" + ",".join(d.renderer for d in produced),
        )
        session.commit()
    return row


def close(
    engine: Engine, reference: str, *, status: str, by: Principal, note: str | None = None
) -> FormatRequest:
    """Mark a request sent (or cancelled); closing starts the purge clock."""
    if status not in CLOSED:
        raise InvalidInput(f"status must be one of: {', '.join(CLOSED)}.", field="status")
    with personal_data.session(engine, "a request for another format") as session:
        row = _get(session, reference)
        if row.status in CLOSED:
            raise InvalidInput(
                f"Request {row.reference} is already {row.status}.", field="reference"
            )
        now = utcnow()
        row.status, row.closed_at, row.updated_at = status, now, now
        session.add(row)
        if note:
            _add_note(session, row, note, by)
        audit.record(session, by.label, f"request.{status}", "format_request", row.reference)
        session.commit()
    return row


def add_note(engine: Engine, reference: str, text: str, *, by: Principal) -> FormatRequestNote:
    with personal_data.session(engine, "a request for another format") as session:
        row = _get(session, reference)
        if row.purged_at is not None:
            raise InvalidInput(f"Request {row.reference} has been purged.", field="reference")
        note = _add_note(session, row, text, by)
        audit.record(session, by.label, "request.note", "format_request", row.reference)
        session.commit()
    return note


def _add_note(session: Session, row: FormatRequest, text: str, by: Principal) -> FormatRequestNote:
    p = Problems()
    cleaned = p.text("note", text, max_length=MAX_NOTE, required=True)
    p.raise_if_any()
    assert row.id is not None and cleaned
    note = FormatRequestNote(request_id=row.id, author=by.label, text=cleaned)
    session.add(note)
    row.updated_at = utcnow()
    session.add(row)
    return note


@dataclass(frozen=True)
class ManualWork:
    request: FormatRequest
    reason: str


def manual_work(engine: Engine, available: Sequence[str], *, limit: int = 200) -> list[ManualWork]:
    """Open requests a person has to finish: formats no renderer makes, and documents that
    must be printed and posted or put out for collection. Oldest answer-by date first."""
    with personal_data.session(engine, "a request for another format") as session:
        rows = session.exec(
            select(FormatRequest)
            .where(col(FormatRequest.status).in_(OPEN))
            .order_by(col(FormatRequest.answer_by), col(FormatRequest.id))
        ).all()
    work = []
    for row in rows:
        reason = None
        if row.status == RequestStatus.received and renderers_for(row.format, available) is None:
            reason = MANUAL_REASONS.get(
                RequestFormat(row.format), "No renderer makes this format yet: make it by hand."
            )
        elif row.status == RequestStatus.ready and row.delivery == Delivery.post:
            reason = "Print the documents and post them."
        elif row.status == RequestStatus.ready and row.delivery == Delivery.collect:
            reason = "Print the documents and put them out for collection."
        if reason:
            work.append(ManualWork(row, reason))
    return work[:limit]


def purge_closed(engine: Engine, *, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Remove contact details, other needs, notes and document bytes from requests closed more
    than `older_than_days` ago. What was asked for and sent stays, for statistics. Returns how
    many requests were purged."""
    if older_than_days < 0:
        raise InvalidInput("older_than_days must not be negative.", field="olderThanDays")
    cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
    with personal_data.session(engine, "a request for another format") as session:
        ids = list(
            session.exec(
                select(FormatRequest.id).where(
                    col(FormatRequest.closed_at).is_not(None),
                    col(FormatRequest.closed_at) <= cutoff,
                    col(FormatRequest.purged_at).is_(None),
                )
            ).all()
        )
        if not ids:
            return 0
        session.execute(
            sa.update(FormatRequest)
            .where(col(FormatRequest.id).in_(ids))
            .values(
                contact_name=None,
                contact_email=None,
                contact_phone=None,
                contact_address=None,
                contact_postcode=None,
                other_needs="",
                purged_at=utcnow(),
            )
        )
        session.execute(
            sa.delete(FormatRequestNote).where(col(FormatRequestNote.request_id).in_(ids))
        )
        session.execute(
            sa.update(FormatRequestDocument)
            .where(col(FormatRequestDocument.request_id).in_(ids))
            .values(content=None)
        )
        audit.record(
            session,
            "purge",
            "request.purge",
            "format_request",
            "*",
            f"{len(ids)} requests closed before {cutoff.date().isoformat()}",
        )
        session.commit()
    return len(ids)
