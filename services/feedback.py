"""'You said, we did' (SEND Regulations 2014 reg. 56): comments, moderation and responses.

Comments are held for moderation and published with the council's response and what it is
doing about them; corrections to a service reach editors on its record.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from services import audit, personal_data, subjects
from services.auth import OFFICER, Principal
from services.changes import bump_catalogue_version
from services.documents import Document, PageRecord
from services.errors import Forbidden, InvalidInput, NotFound
from services.models import Feedback, LocalOffer, Page, utcnow
from services.validation import Problems

MAX_COMMENT = 2000
MAX_RESPONSE = 2000
MAX_THEME = 100
MAX_PUBLISHED = 500


class FeedbackKind(enum.StrEnum):
    content_or_gaps = "content_or_gaps"
    accessibility = "accessibility"
    how_developed = "how_developed"
    correction = "correction"


class CorrectionType(enum.StrEnum):
    out_of_date = "out_of_date"
    closed = "closed"
    contact_details_wrong = "contact_details_wrong"
    not_available_in_my_area = "not_available_in_my_area"
    unclear = "unclear"
    other = "other"


class FeedbackStatus(enum.StrEnum):
    pending = "pending"  # held for moderation
    published = "published"
    rejected = "rejected"


class RejectReason(enum.StrEnum):
    abusive = "abusive"
    contains_personal_data = "contains_personal_data"
    duplicate = "duplicate"


class ActionStatus(enum.StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"


# The theme a published comment is grouped under when the officer does not name one.
DEFAULT_THEMES = {
    FeedbackKind.content_or_gaps: "What the Local Offer covers",
    FeedbackKind.accessibility: "How easy the information is to use",
    FeedbackKind.how_developed: "How the Local Offer is developed",
    FeedbackKind.correction: "Corrections to service information",
}
FEEDBACK_SUBJECTS = ("local_offer", "section", "service", "page")


@dataclass(frozen=True)
class NewFeedback:
    subject_type: str
    subject_id: str | None
    kind: str
    comment: str
    correction_type: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


def submit(engine: Engine, new: NewFeedback) -> Feedback:
    """Check and hold a comment for moderation; every problem is reported at once."""
    p = Problems()
    kind = p.choice("kind", new.kind, tuple(k.value for k in FeedbackKind), required=True)
    subject_type = p.choice("subject", new.subject_type, FEEDBACK_SUBJECTS, required=True)
    correction = None
    if kind == FeedbackKind.correction:
        correction = p.choice(
            "correctionType",
            new.correction_type,
            tuple(c.value for c in CorrectionType),
            required=True,
        )
        if subject_type not in ("service", "page"):
            p.add("subject", "A correction is about a service or an information page.")
    comment = p.text("comment", new.comment, max_length=MAX_COMMENT, required=True)
    name = p.text("contact.name", new.contact_name, max_length=200)
    email = p.email("contact.email", new.contact_email)
    phone = p.phone("contact.phone", new.contact_phone)
    with personal_data.session(engine, "a comment") as session:
        sent: tuple[str, ...] = (new.subject_id,) if new.subject_id else ()
        ids = subjects.check(session, p, subject_type, sent) if subject_type else ()
        p.raise_if_any()
        row = Feedback(
            reference=uuid.uuid4().hex,  # replaced by the numbered reference once the id exists
            subject_type=subject_type or "",
            subject_id=ids[0] if ids else None,
            kind=kind or "",
            correction_type=correction,
            comment=comment or "",
            contact_name=name,
            contact_email=email,
            contact_phone=phone,
        )
        session.add(row)
        session.flush()
        row.reference = f"FB-{row.created_at.year}-{row.id:06d}"
        audit.record(
            session, "public", "feedback.create", "feedback", row.reference, f"kind={row.kind}"
        )
        session.commit()
    return row


def get(engine: Engine, reference: str) -> Feedback:
    with personal_data.session(engine, "a comment") as session:
        return _get(session, reference)


def _get(session: Session, reference: str) -> Feedback:
    row = session.exec(
        select(Feedback).where(col(Feedback.reference) == reference.strip().upper())
    ).first()
    if row is None:
        raise NotFound(f"No comment has the reference {reference[:40]!r}.", field="reference")
    return row


def search(
    engine: Engine,
    *,
    statuses: Sequence[str] = (),
    kinds: Sequence[str] = (),
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[Feedback], int]:
    """Comments for staff, oldest first so moderation works down a queue."""
    stmt = select(Feedback)
    if statuses:
        stmt = stmt.where(col(Feedback.status).in_(statuses))
    if kinds:
        stmt = stmt.where(col(Feedback.kind).in_(kinds))
    count = select(func.count()).select_from(stmt.subquery())
    with personal_data.session(engine, "a comment") as session:
        rows = list(session.exec(stmt.order_by(col(Feedback.id)).offset(offset).limit(limit)).all())
        total = session.exec(count).one()
    return rows, int(total)


def _open_corrections() -> list[sa.ColumnElement[bool]]:
    return [
        col(Feedback.kind) == FeedbackKind.correction.value,
        col(Feedback.status) != FeedbackStatus.rejected.value,
        sa.or_(
            col(Feedback.action_status).is_(None),
            col(Feedback.action_status) != ActionStatus.done.value,
        ),
    ]


def open_corrections(engine: Engine, *, limit: int = 100) -> list[Feedback]:
    """Every correction not yet done or rejected, oldest first: an editor's to-do list."""
    with personal_data.session(engine, "a comment") as session:
        return list(
            session.exec(
                select(Feedback).where(*_open_corrections()).order_by(col(Feedback.id)).limit(limit)
            ).all()
        )


def open_corrections_for_services(engine: Engine, ids: Sequence[str]) -> list[list[Feedback]]:
    """Batch loader: the open corrections about each service, in key order."""
    groups: dict[str, list[Feedback]] = defaultdict(list)
    with personal_data.session(engine, "a comment") as session:
        for row in session.exec(
            select(Feedback)
            .where(
                *_open_corrections(),
                col(Feedback.subject_type) == "service",
                col(Feedback.subject_id).in_(set(ids)),
            )
            .order_by(col(Feedback.id))
        ).all():
            groups[row.subject_id or ""].append(row)
    return [groups.get(i, []) for i in ids]


def publish(
    engine: Engine,
    reference: str,
    *,
    by: Principal,
    theme: str | None = None,
    published_comment: str | None = None,
) -> Feedback:
    """Publish a comment under a theme, optionally as edited text (say, a name taken out)."""
    p = Problems()
    theme = p.text("theme", theme, max_length=MAX_THEME)
    edited = p.text("publishedComment", published_comment, max_length=MAX_COMMENT)
    p.raise_if_any()
    with personal_data.session(engine, "a comment") as session:
        row = _get(session, reference)
        if row.status == FeedbackStatus.rejected:
            raise InvalidInput(f"Comment {row.reference} was rejected.", field="reference")
        row.status = FeedbackStatus.published.value
        row.theme = theme or DEFAULT_THEMES[FeedbackKind(row.kind)]
        row.published_comment = edited
        row.moderated_at = utcnow()
        session.add(row)
        bump_catalogue_version(session)  # the 'You said, we did' document changes
        audit.record(session, by.label, "feedback.publish", "feedback", row.reference)
        session.commit()
    return row


def reject(engine: Engine, reference: str, *, reason: str, by: Principal) -> Feedback:
    if reason not in tuple(r.value for r in RejectReason):
        raise InvalidInput("Unknown reason.", field="reason")
    with personal_data.session(engine, "a comment") as session:
        row = _get(session, reference)
        was_published = row.status == FeedbackStatus.published
        now = utcnow()
        row.status, row.reject_reason = FeedbackStatus.rejected.value, reason
        row.moderated_at, row.closed_at = now, now
        session.add(row)
        if was_published:
            bump_catalogue_version(session)
        audit.record(
            session, by.label, "feedback.reject", "feedback", row.reference, f"reason={reason}"
        )
        session.commit()
    return row


def respond(
    engine: Engine,
    reference: str,
    *,
    by: Principal,
    action_status: str,
    response: str | None = None,
) -> Feedback:
    """Say what the council will do, or move the action on; DONE closes the comment."""
    p = Problems()
    status = p.choice(
        "actionStatus", action_status, tuple(a.value for a in ActionStatus), required=True
    )
    text = p.text("response", response, max_length=MAX_RESPONSE)
    p.raise_if_any()
    with personal_data.session(engine, "a comment") as session:
        row = _get(session, reference)
        if row.kind != FeedbackKind.correction and not by.has_role(OFFICER):
            raise Forbidden("Editors respond to corrections; officers respond to comments.")
        if row.status == FeedbackStatus.rejected:
            raise InvalidInput(f"Comment {row.reference} was rejected.", field="reference")
        if not (text or row.response):
            raise InvalidInput("Say what the council will do.", field="response")
        now = utcnow()
        row.response = text or row.response
        row.action_status = status
        row.responded_at = now
        row.closed_at = now if status == ActionStatus.done else None
        session.add(row)
        if row.status == FeedbackStatus.published:
            bump_catalogue_version(session)
        audit.record(
            session, by.label, "feedback.respond", "feedback", row.reference, f"action={status}"
        )
        session.commit()
    return row


def purge_closed(engine: Engine, *, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Remove contact details from comments closed (done or rejected) more than N days ago."""
    cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
    with personal_data.session(engine, "a comment") as session:
        result = session.execute(
            sa.update(Feedback)
            .where(
                col(Feedback.closed_at).is_not(None),
                col(Feedback.closed_at) <= cutoff,
                col(Feedback.purged_at).is_(None),
            )
            .values(contact_name=None, contact_email=None, contact_phone=None, purged_at=utcnow())
        )
        count = int(result.rowcount)  # type: ignore[attr-defined]
        if count:
            audit.record(session, "purge", "feedback.purge", "feedback", "*", f"{count} comments")
        session.commit()
    return count


# -- the published record -----------------------------------------------------------------


@dataclass(frozen=True)
class PublishedComment:
    reference: str
    kind: str
    about: str
    comment: str
    response: str | None
    action_status: str | None
    published_on: dt.date
    responded_on: dt.date | None


@dataclass(frozen=True)
class Theme:
    name: str
    comments: list[PublishedComment]


def you_said_we_did(
    engine: Engine, *, since: dt.date | None = None, limit: int = MAX_PUBLISHED
) -> list[Theme]:
    """Published comments grouped by theme (themes in alphabetical order, newest comments
    first), with the council's response. Never holds contact details."""
    stmt = select(Feedback).where(col(Feedback.status) == FeedbackStatus.published.value)
    if since:
        stmt = stmt.where(
            col(Feedback.moderated_at) >= dt.datetime.combine(since, dt.time(), dt.UTC)
        )
    with personal_data.session(engine, "a comment") as session:
        rows = list(
            session.exec(stmt.order_by(col(Feedback.moderated_at).desc()).limit(limit)).all()
        )
        about = subjects.names(session, [(r.subject_type, r.subject_id) for r in rows])
    themes: dict[str, list[PublishedComment]] = defaultdict(list)
    for row, name in zip(rows, about, strict=True):
        themes[row.theme or DEFAULT_THEMES[FeedbackKind(row.kind)]].append(
            PublishedComment(
                reference=row.reference,
                kind=row.kind,
                about=name,
                comment=row.published_comment or row.comment,
                response=row.response,
                action_status=row.action_status,
                published_on=(row.moderated_at or row.created_at).date(),
                responded_on=row.responded_at.date() if row.responded_at else None,
            )
        )
    return [Theme(name, themes[name]) for name in sorted(themes)]


ACTION_WORDS = {
    ActionStatus.planned.value: "We plan to do this.",
    ActionStatus.in_progress.value: "We are doing this now.",
    ActionStatus.done.value: "We have done this.",
}


def you_said_we_did_document(
    local_offer: LocalOffer, themes: Sequence[Theme], *, today: dt.date | None = None
) -> Document:
    """The same content as an information page, so every renderer can make it in every
    format. The page body uses the page markup: '## ' headings, '- ' items, blank lines."""
    lines = [
        "This page shows what families told us about the Local Offer and what we are doing "
        "about it. We publish it because the SEND Regulations 2014 (regulation 56) say we must.",
    ]
    for theme in themes:
        lines.append(f"## {theme.name}")
        for c in theme.comments:
            # A comment is one paragraph: its own line breaks must not become headings or
            # list items in the council's document.
            comment = " ".join(c.comment.split())
            lines.append(f"You said (about {c.about}, {c.published_on:%d %B %Y}): {comment}")
            if c.response:
                status = ACTION_WORDS.get(c.action_status or "", "")
                lines.append(f"We did: {' '.join(c.response.split())} {status}".strip())
            else:
                lines.append("We did: we are still looking at this.")
    if not themes:
        lines.append("Nobody has commented yet.")
    page = Page(
        id="you-said-we-did",
        slug="you-said-we-did",
        title=subjects.YOU_SAID_WE_DID,
        summary="What families told us about the Local Offer, and what we did.",
        body="\n\n".join(lines),
        assured_date=today or dt.date.today(),
        last_modified=utcnow(),
    )
    return Document(
        "page",
        page.title,
        local_offer,
        pages=[PageRecord(page, None)],
        generated_on=today or dt.date.today(),
    )
