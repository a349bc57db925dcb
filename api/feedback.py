"""GraphQL for 'You said, we did': comments, the published record, moderation and responses.

Public: comments and the published record. Officer: moderation, responses, action tracking.
Editors: corrections.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry
from sqlmodel import Session
from strawberry.types import Info

from api import auth
from api.blocking import run
from api.context import Context
from api.format_requests import (
    Contact,
    Subject,
    SubjectType,
    check_subject_not_empty,
    rate_limit,
)
from api.pagination import encode_cursor, page_info, window
from api.types import PageInfo
from services import feedback as feedback_
from services import subjects
from services.auth import EDITOR, OFFICER
from services.errors import InvalidInput
from services.models import Feedback as FeedbackRow


@strawberry.enum(description="What a comment is about.")
class FeedbackKind(Enum):
    CONTENT_OR_GAPS = strawberry.enum_value(
        "content_or_gaps", description="What the Local Offer says, or what is missing from it."
    )
    ACCESSIBILITY = strawberry.enum_value(
        "accessibility", description="How easy the information is to find, read and use."
    )
    HOW_DEVELOPED = strawberry.enum_value(
        "how_developed", description="How the council develops the Local Offer with families."
    )
    CORRECTION = strawberry.enum_value(
        "correction",
        description="Something wrong about a service or page: say what in correctionType.",
    )


@strawberry.enum(description="What is wrong, for a correction.")
class CorrectionType(Enum):
    OUT_OF_DATE = strawberry.enum_value("out_of_date", description="The information is old.")
    CLOSED = strawberry.enum_value("closed", description="The service has closed.")
    CONTACT_DETAILS_WRONG = strawberry.enum_value(
        "contact_details_wrong", description="The telephone, email or address is wrong."
    )
    NOT_AVAILABLE_IN_MY_AREA = strawberry.enum_value(
        "not_available_in_my_area", description="It is not available where the family lives."
    )
    UNCLEAR = strawberry.enum_value("unclear", description="It is hard to understand.")
    OTHER = strawberry.enum_value("other", description="Something else: say in the comment.")


@strawberry.enum(description="Where a comment stands in moderation.")
class FeedbackStatus(Enum):
    PENDING = strawberry.enum_value("pending", description="Held for moderation.")
    PUBLISHED = strawberry.enum_value("published", description="Shown in 'You said, we did'.")
    REJECTED = strawberry.enum_value("rejected", description="Not published; see the reason.")


@strawberry.enum(description="Why a comment was not published.")
class RejectReason(Enum):
    ABUSIVE = strawberry.enum_value("abusive", description="Abusive or offensive.")
    CONTAINS_PERSONAL_DATA = strawberry.enum_value(
        "contains_personal_data", description="It identifies someone; publishing would harm them."
    )
    DUPLICATE = strawberry.enum_value("duplicate", description="The same as another comment.")


@strawberry.enum(description="What the council is doing about a comment.")
class ActionStatus(Enum):
    PLANNED = strawberry.enum_value("planned", description="The council will do this.")
    IN_PROGRESS = strawberry.enum_value("in_progress", description="The council is doing it.")
    DONE = strawberry.enum_value("done", description="Done.")


@strawberry.input(
    one_of=True, description="What the comment is about: set exactly one of these fields."
)
class FeedbackSubjectInput:
    local_offer: bool | None = strawberry.field(
        default=strawberry.UNSET, description="true: the Local Offer as a whole."
    )
    section_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="A section's id."
    )
    service_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="A service's id."
    )
    page_slug: str | None = strawberry.field(
        default=strawberry.UNSET, description="An information page's slug."
    )

    def to_subject(self) -> tuple[str, str | None]:
        check_subject_not_empty({"sectionId": self.section_id, "serviceId": self.service_id,
                                 "pageSlug": self.page_slug})
        if self.section_id:
            return "section", str(self.section_id)
        if self.service_id:
            return "service", str(self.service_id)
        if self.page_slug:
            return "page", self.page_slug
        if self.local_offer is False:
            raise InvalidInput("subject.localOffer must be true if given.", field="subject")
        return "local_offer", None


@strawberry.input(description="Optional: how the council can reply. Never published.")
class FeedbackContactInput:
    name: str | None = strawberry.field(default=None, description="Your name.")
    email: str | None = strawberry.field(default=None, description="Your email address.")
    phone: str | None = strawberry.field(default=None, description="Your telephone number.")


@strawberry.input(description="A comment on the Local Offer.")
class FeedbackInput:
    subject: FeedbackSubjectInput = strawberry.field(description="What it is about.")
    kind: FeedbackKind = strawberry.field(description="What kind of comment it is.")
    comment: str = strawberry.field(description="The comment, 1 to 2000 characters.")
    correction_type: CorrectionType | None = strawberry.field(
        default=None, description="For a CORRECTION: what is wrong."
    )
    contact: FeedbackContactInput | None = strawberry.field(
        default=None, description="Optional: how the council can reply."
    )


@strawberry.type(description="What someone is told when their comment is received.")
class FeedbackReceipt:
    reference: str = strawberry.field(description="Quote this when contacting the council.")
    status: FeedbackStatus = strawberry.field(
        description="PENDING: it is read before it is published."
    )


@strawberry.type(description="A published comment and the council's response.")
class PublishedComment:
    reference: str = strawberry.field(description="The comment's reference.")
    kind: FeedbackKind = strawberry.field(description="What kind of comment it is.")
    about: str = strawberry.field(description="What it is about, by name.")
    comment: str = strawberry.field(description="What was said (you said).")
    response: str | None = strawberry.field(
        description="What the council is doing about it (we did); null until it responds."
    )
    action_status: ActionStatus | None = strawberry.field(
        description="How far the council has got; null until it responds."
    )
    published_on: dt.date = strawberry.field(description="When it was published.")
    responded_on: dt.date | None = strawberry.field(description="When the council responded.")


@strawberry.type(description="Published comments on one theme.")
class YouSaidWeDidTheme:
    theme: str = strawberry.field(description="The theme, e.g. 'Short breaks'.")
    comments: list[PublishedComment] = strawberry.field(description="Newest first.")


@strawberry.type(description="A comment as staff see it.")
class FeedbackComment:
    reference: str = strawberry.field(description="The comment's reference.")
    subject: Subject = strawberry.field(description="What it is about.")
    about: str = strawberry.field(description="What it is about, by name.")
    kind: FeedbackKind = strawberry.field(description="What kind of comment it is.")
    correction_type: CorrectionType | None = strawberry.field(
        description="For a correction: what is wrong."
    )
    comment: str = strawberry.field(description="What was said.")
    published_comment: str | None = strawberry.field(
        description="The text as published, when staff edited it (say, to take a name out)."
    )
    theme: str | None = strawberry.field(description="The theme it is published under.")
    contact: Contact | None = strawberry.field(
        description="How to reply (personal data); null when none was given or once purged."
    )
    status: FeedbackStatus = strawberry.field(description="Where it stands in moderation.")
    reject_reason: RejectReason | None = strawberry.field(description="Why it was rejected.")
    response: str | None = strawberry.field(description="The council's response.")
    action_status: ActionStatus | None = strawberry.field(description="The action's progress.")
    created_at: dt.datetime = strawberry.field(description="When it was received.")
    moderated_at: dt.datetime | None = strawberry.field(
        description="When it was published or rejected."
    )
    responded_at: dt.datetime | None = strawberry.field(description="When staff last responded.")

    @classmethod
    def from_model(cls, row: FeedbackRow, about: str) -> FeedbackComment:
        has_contact = any((row.contact_name, row.contact_email, row.contact_phone))
        return cls(
            reference=row.reference,
            subject=Subject(
                type=SubjectType(row.subject_type), ids=[row.subject_id] if row.subject_id else []
            ),
            about=about,
            kind=FeedbackKind(row.kind),
            correction_type=CorrectionType(row.correction_type) if row.correction_type else None,
            comment=row.comment,
            published_comment=row.published_comment,
            theme=row.theme,
            contact=Contact(
                name=row.contact_name,
                email=row.contact_email,
                phone=row.contact_phone,
                address=None,
                postcode=None,
            )
            if has_contact
            else None,
            status=FeedbackStatus(row.status),
            reject_reason=RejectReason(row.reject_reason) if row.reject_reason else None,
            response=row.response,
            action_status=ActionStatus(row.action_status) if row.action_status else None,
            created_at=row.created_at,
            moderated_at=row.moderated_at,
            responded_at=row.responded_at,
        )


@strawberry.type(description="One comment in a list.")
class FeedbackEdge:
    cursor: str = strawberry.field(description="Opaque position, for `after`.")
    node: FeedbackComment = strawberry.field(description="The comment.")


@strawberry.type(description="A page of comments (Relay connection); at most 100 a page.")
class FeedbackConnection:
    edges: list[FeedbackEdge] = strawberry.field(description="The comments on this page.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(description="How many comments match in all.")


@strawberry.input(description="Which comments to list; fields left out do not filter.")
class FeedbackFilter:
    statuses: list[FeedbackStatus] | None = strawberry.field(
        default=None, description="Comments in any of these statuses."
    )
    kinds: list[FeedbackKind] | None = strawberry.field(
        default=None, description="Comments of any of these kinds."
    )


async def staff_view(info: Info[Context, None], rows: list[FeedbackRow]) -> list[FeedbackComment]:
    """Comments with the names of what they are about: one more statement for any number."""

    def about() -> list[str]:
        with Session(info.context.store.engine) as session:
            return subjects.names(session, [(r.subject_type, r.subject_id) for r in rows])

    names = await run(about)
    return [FeedbackComment.from_model(r, n) for r, n in zip(rows, names, strict=True)]


@strawberry.type(description="'You said, we did'.")
class FeedbackQuery:
    @strawberry.field(
        description="'You said, we did': published comments about the Local Offer grouped by "
        "theme, with what the council is doing about each (SEND Regulations 2014, reg. 56). "
        "At most 500 comments, newest first."
    )
    async def you_said_we_did(
        self,
        info: Info[Context, None],
        since: Annotated[
            dt.date | None,
            strawberry.argument(description="Only comments published on or after this date."),
        ] = None,
    ) -> list[YouSaidWeDidTheme]:
        themes = await run(feedback_.you_said_we_did, info.context.store.engine, since=since)
        return [
            YouSaidWeDidTheme(
                theme=t.name,
                comments=[
                    PublishedComment(
                        reference=c.reference,
                        kind=FeedbackKind(c.kind),
                        about=c.about,
                        comment=c.comment,
                        response=c.response,
                        action_status=ActionStatus(c.action_status) if c.action_status else None,
                        published_on=c.published_on,
                        responded_on=c.responded_on,
                    )
                    for c in t.comments
                ],
            )
            for t in themes
        ]

    @strawberry.field(
        description="Staff (officer): comments, oldest first. `first` is at most 100.",
        extensions=auth.staff_only(OFFICER),
    )
    async def feedback(
        self,
        info: Info[Context, None],
        filter: Annotated[
            FeedbackFilter | None,
            strawberry.argument(  # noqa: A002
                description="Which comments; none lists them all."
            ),
        ] = None,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor after which the page starts.")
        ] = None,
    ) -> FeedbackConnection | None:
        offset, limit = window(first, after)
        f = filter or FeedbackFilter()
        rows, total = await run(
            feedback_.search,
            info.context.store.engine,
            statuses=[s.value for s in f.statuses or []],
            kinds=[k.value for k in f.kinds or []],
            offset=offset,
            limit=limit,
        )
        nodes = await staff_view(info, rows)
        edges = [
            FeedbackEdge(cursor=encode_cursor(offset + i), node=n) for i, n in enumerate(nodes)
        ]
        return FeedbackConnection(
            edges=edges,
            total_count=total,
            page_info=page_info(offset, len(edges), total),
        )

    @strawberry.field(
        description="Staff (officer): one comment by reference.",
        extensions=auth.staff_only(OFFICER),
    )
    async def feedback_comment(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The comment's reference.")],
    ) -> FeedbackComment | None:
        row = await run(feedback_.get, info.context.store.engine, reference)
        return (await staff_view(info, [row]))[0]

    @strawberry.field(
        description="Staff (editor or officer): corrections families sent that are not yet "
        "done or rejected, oldest first (at most 100).",
        extensions=auth.staff_only(EDITOR, OFFICER),
    )
    async def open_corrections(self, info: Info[Context, None]) -> list[FeedbackComment] | None:
        rows = await run(feedback_.open_corrections, info.context.store.engine)
        return await staff_view(info, rows)


@strawberry.type(description="'You said, we did'.")
class FeedbackMutation:
    @strawberry.mutation(
        description="Comment on the Local Offer, a section, a service or a page, or correct a "
        "service. Comments are read before they are published; contact details never are. "
        "Too many comments from one connection are RATE_LIMITED."
    )
    async def submit_feedback(
        self,
        info: Info[Context, None],
        input: Annotated[
            FeedbackInput,
            strawberry.argument(  # noqa: A002
                description="The comment."
            ),
        ],
    ) -> FeedbackReceipt:
        rate_limit(info)
        subject_type, subject_id = input.subject.to_subject()
        contact = input.contact or FeedbackContactInput()
        row = await run(
            feedback_.submit,
            info.context.store.engine,
            feedback_.NewFeedback(
                subject_type=subject_type,
                subject_id=subject_id,
                kind=str(input.kind.value),
                comment=input.comment,
                correction_type=str(input.correction_type.value) if input.correction_type else None,
                contact_name=contact.name,
                contact_email=contact.email,
                contact_phone=contact.phone,
            ),
        )
        return FeedbackReceipt(reference=row.reference, status=FeedbackStatus(row.status))

    @strawberry.mutation(
        description="Staff (officer): publish a comment in 'You said, we did'.",
        extensions=auth.staff_only(OFFICER),
    )
    async def publish_feedback(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The comment's reference.")],
        theme: Annotated[
            str | None,
            strawberry.argument(
                description="The theme to group it under (up to 100 characters); by default one "
                "for its kind."
            ),
        ] = None,
        published_comment: Annotated[
            str | None,
            strawberry.argument(
                description="The text to publish instead, e.g. with a name taken out."
            ),
        ] = None,
    ) -> FeedbackComment | None:
        row = await run(
            feedback_.publish,
            info.context.store.engine,
            reference,
            by=auth.principal(info),
            theme=theme,
            published_comment=published_comment,
        )
        return (await staff_view(info, [row]))[0]

    @strawberry.mutation(
        description="Staff (officer): do not publish a comment.",
        extensions=auth.staff_only(OFFICER),
    )
    async def reject_feedback(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The comment's reference.")],
        reason: Annotated[RejectReason, strawberry.argument(description="Why not.")],
    ) -> FeedbackComment | None:
        row = await run(
            feedback_.reject,
            info.context.store.engine,
            reference,
            reason=reason.value,
            by=auth.principal(info),
        )
        return (await staff_view(info, [row]))[0]

    @strawberry.mutation(
        description="Staff (officer; an editor for corrections only): say what the council will "
        "do about a comment, or move its action on. DONE closes it (and an open correction).",
        extensions=auth.staff_only(OFFICER, EDITOR),
    )
    async def respond_to_feedback(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The comment's reference.")],
        action_status: Annotated[
            ActionStatus, strawberry.argument(description="How far the council has got.")
        ],
        response: Annotated[
            str | None,
            strawberry.argument(
                description="What the council will do or did (up to 2000 characters); needed the "
                "first time."
            ),
        ] = None,
    ) -> FeedbackComment | None:
        row = await run(
            feedback_.respond,
            info.context.store.engine,
            reference,
            by=auth.principal(info),
            action_status=action_status.value,
            response=response,
        )
        return (await staff_view(info, [row]))[0]
