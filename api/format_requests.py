"""GraphQL for requests for another format: the family's request, the officer's work on it.

Public: the request and its status. Officer: the queue, document production, notes, sending.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from api import auth
from api.blocking import run
from api.context import Context
from api.pagination import encode_cursor, page_info, window
from api.ratelimit import RateLimited
from api.renditions import Request as RenditionRequest
from api.types import PageInfo
from renderers import REGISTRY
from services import format_requests as requests_
from services.auth import OFFICER
from services.changes import catalogue_version
from services.errors import InvalidInput
from services.models import FormatRequest as FormatRequestRow
from services.models import FormatRequestDocument as DocumentRow
from services.models import FormatRequestNote as NoteRow

DOCUMENTS_PATH = "/staff/format-requests/{reference}/documents/{id}"


@strawberry.enum(description="A format a family can ask for (after the DWP and HMCTS lists).")
class AlternativeFormat(Enum):
    EASY_READ = strawberry.enum_value(
        "easy_read", description="Easy read: short sentences, one idea a line, with pictures."
    )
    LARGE_PRINT = strawberry.enum_value(
        "large_print",
        description="Large print at the size asked for (16 to 28 point; 18 if not said).",
    )
    PLAIN_TEXT_EMAIL = strawberry.enum_value(
        "plain_text_email", description="Plain text in an email, for screen readers."
    )
    PRINTED_COPY = strawberry.enum_value(
        "printed_copy", description="A printed copy, for people without the internet."
    )
    BRAILLE = strawberry.enum_value("braille", description="Braille (made outside this service).")
    AUDIO = strawberry.enum_value("audio", description="Audio (recorded outside this service).")
    ANOTHER_LANGUAGE = strawberry.enum_value(
        "another_language", description="Another language: say which in `language`."
    )
    OTHER = strawberry.enum_value(
        "other", description="Something else: describe it in `formatDetails`."
    )


@strawberry.enum(description="How the council sends what was asked for.")
class DeliveryMethod(Enum):
    EMAIL = strawberry.enum_value("email", description="By email: give an email address.")
    POST = strawberry.enum_value("post", description="By post: give an address and postcode.")
    COLLECT = strawberry.enum_value(
        "collect",
        description="Collected from the council: give a telephone number or email "
        "address to be told when it is ready.",
    )


@strawberry.enum(description="Where a request for another format stands.")
class FormatRequestStatus(Enum):
    RECEIVED = strawberry.enum_value("received", description="Waiting for staff.")
    READY = strawberry.enum_value("ready", description="Documents made, waiting to be sent.")
    SENT = strawberry.enum_value("sent", description="Sent or collected: closed.")
    CANCELLED = strawberry.enum_value(
        "cancelled", description="Closed without sending (withdrawn, or no way to reach them)."
    )


@strawberry.enum(description="What a request or a comment is about.")
class SubjectType(Enum):
    LOCAL_OFFER = strawberry.enum_value("local_offer", description="The whole Local Offer.")
    SECTION = strawberry.enum_value("section", description="A Local Offer section.")
    SERVICE = strawberry.enum_value("service", description="One service.")
    PAGE = strawberry.enum_value("page", description="An information page.")
    SERVICES = strawberry.enum_value("services", description="A set of services.")
    YOU_SAID_WE_DID = strawberry.enum_value(
        "you_said_we_did", description="The 'You said, we did' record."
    )


@strawberry.input(
    one_of=True, description="What the request is about: set exactly one of these fields."
)
class RequestSubjectInput:
    local_offer: bool | None = strawberry.field(
        default=strawberry.UNSET, description="true: the whole Local Offer."
    )
    section_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="A section id: every service and page in it."
    )
    service_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="One service's id."
    )
    page_slug: str | None = strawberry.field(
        default=strawberry.UNSET, description="An information page's slug."
    )
    service_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Several services' ids (up to 50), as a booklet."
    )
    you_said_we_did: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="true: the 'You said, we did' record of comments and responses.",
    )

    def to_subject(self) -> tuple[str, tuple[str, ...]]:
        check_subject_not_empty({"sectionId": self.section_id, "serviceId": self.service_id,
                                 "pageSlug": self.page_slug, "serviceIds": self.service_ids})
        if self.section_id:
            return "section", (str(self.section_id),)
        if self.service_id:
            return "service", (str(self.service_id),)
        if self.page_slug:
            return "page", (self.page_slug,)
        if self.service_ids:
            return "services", tuple(str(i) for i in self.service_ids)
        if self.you_said_we_did:
            return "you_said_we_did", ()
        if self.local_offer is False or self.you_said_we_did is False:
            raise InvalidInput("A subject given as true or false must be true.", field="subject")
        return "local_offer", ()


def check_subject_not_empty(given: dict[str, object]) -> None:
    """@oneOf makes a subject name one thing; an empty one is a mistake, never "the whole
    Local Offer"."""
    for name, value in given.items():
        if value is not strawberry.UNSET and value is not None and not value:
            raise InvalidInput(f"subject.{name} is empty: name what you want, or leave it out.",
                               field=f"subject.{name}")


@strawberry.input(description="How to reach the person asking. Only staff ever see it.")
class ContactInput:
    name: str = strawberry.field(description="Their name (up to 200 characters).")
    email: str | None = strawberry.field(
        default=None, description="Email address: needed to send by email."
    )
    phone: str | None = strawberry.field(default=None, description="Telephone number.")
    address: str | None = strawberry.field(
        default=None, description="Postal address without the postcode: needed to send by post."
    )
    postcode: str | None = strawberry.field(
        default=None, description="UK postcode, e.g. BF1 2AB: needed to send by post."
    )


@strawberry.input(description="A request for Local Offer information in a different way.")
class AlternativeFormatRequestInput:
    subject: RequestSubjectInput = strawberry.field(description="What the request is about.")
    format: AlternativeFormat = strawberry.field(description="The format wanted.")
    delivery: DeliveryMethod = strawberry.field(description="How to send it.")
    contact: ContactInput = strawberry.field(description="How to reach the person asking.")
    font_size_pt: int | None = strawberry.field(
        default=None, description="For large print: the point size, 16 to 28 (18 if not given)."
    )
    language: str | None = strawberry.field(
        default=None,
        description="A language the Local Offer is published in, e.g. 'pl' or 'ur' (see "
        "localOffer languages); needed for ANOTHER_LANGUAGE, and allowed with any format.",
    )
    format_details: str | None = strawberry.field(
        default=None, description="For OTHER: the format wanted (up to 500 characters)."
    )
    other_needs: str | None = strawberry.field(
        default=None,
        description="Anything else the council should know to help (up to 1000 characters).",
    )


@strawberry.type(description="What a family is told when the council has their request.")
class FormatRequestReceipt:
    reference: str = strawberry.field(description="Quote this when contacting the council.")
    status: FormatRequestStatus = strawberry.field(description="Where the request stands.")
    format: AlternativeFormat = strawberry.field(description="The format asked for.")
    delivery: DeliveryMethod = strawberry.field(description="How it will be sent.")
    answer_by: dt.date = strawberry.field(
        description="The date the council should answer by, in working days from the request."
    )

    @classmethod
    def from_model(cls, row: FormatRequestRow) -> FormatRequestReceipt:
        return cls(
            reference=row.reference,
            status=FormatRequestStatus(row.status),
            format=AlternativeFormat(row.format),
            delivery=DeliveryMethod(row.delivery),
            answer_by=row.answer_by,
        )


@strawberry.type(description="What a request or a comment is about.")
class Subject:
    type: SubjectType = strawberry.field(description="The kind of subject.")
    ids: list[str] = strawberry.field(description="Service or section ids, or a page slug.")


@strawberry.type(
    description="How to reach the person who asked. Personal data: staff only; "
    "removed when the request is purged."
)
class Contact:
    name: str | None = strawberry.field(description="Their name.")
    email: str | None = strawberry.field(description="Email address.")
    phone: str | None = strawberry.field(description="Telephone number.")
    address: str | None = strawberry.field(description="Postal address.")
    postcode: str | None = strawberry.field(description="Postcode.")


@strawberry.type(description="A staff note on a request.")
class FormatRequestNote:
    author: str = strawberry.field(description="Who wrote it.")
    text: str = strawberry.field(description="The note.")
    created_at: dt.datetime = strawberry.field(description="When.")

    @classmethod
    def from_model(cls, row: NoteRow) -> FormatRequestNote:
        return cls(author=row.author, text=row.text, created_at=row.created_at)


@strawberry.type(description="A document made for a request, kept so it can be sent again.")
class FormatRequestDocument:
    id: strawberry.ID = strawberry.field(description="Identifier, within the request.")
    format: str = strawberry.field(description="The renderer that made it, e.g. large_print_pdf.")
    language: str = strawberry.field(description="The language it is in.")
    media_type: str = strawberry.field(description="Its MIME type.")
    filename: str = strawberry.field(description="A file name for it.")
    sha256: str = strawberry.field(description="SHA-256 of its bytes, in hex.")
    byte_size: int = strawberry.field(description="Its size in bytes.")
    catalogue_version: int = strawberry.field(
        description="The catalogue version it was made from: older than the current version "
        "means the information may have changed since."
    )
    created_by: str = strawberry.field(description="Who made it.")
    created_at: dt.datetime = strawberry.field(description="When it was made.")
    download_path: str | None = strawberry.field(
        description="Where staff download it (with their bearer token); null once purged."
    )

    @classmethod
    def from_model(cls, row: DocumentRow, reference: str, purged: bool) -> FormatRequestDocument:
        return cls(
            id=strawberry.ID(str(row.id)),
            format=row.renderer,
            language=row.locale,
            media_type=row.media_type,
            filename=row.filename,
            sha256=row.sha256,
            byte_size=row.size,
            catalogue_version=row.catalogue_version,
            created_by=row.created_by,
            created_at=row.created_at,
            download_path=None if purged else DOCUMENTS_PATH.format(reference=reference, id=row.id),
        )


@strawberry.type(description="A request for another format, as staff see it.")
class FormatRequest:
    reference: str = strawberry.field(description="The reference the family was given.")
    subject: Subject = strawberry.field(description="What it is about.")
    format: AlternativeFormat = strawberry.field(description="The format asked for.")
    font_size_pt: int | None = strawberry.field(description="For large print: the point size.")
    language: str = strawberry.field(description="The language asked for.")
    format_details: str = strawberry.field(description="For OTHER: the format described.")
    delivery: DeliveryMethod = strawberry.field(description="How to send it.")
    contact: Contact | None = strawberry.field(description="How to reach them; null once purged.")
    other_needs: str = strawberry.field(description="Anything else they told us.")
    status: FormatRequestStatus = strawberry.field(description="Where it stands.")
    answer_by: dt.date = strawberry.field(description="When the council should answer by.")
    overdue: bool = strawberry.field(description="Still open after the answer-by date.")
    created_at: dt.datetime = strawberry.field(description="When it was made.")
    updated_at: dt.datetime = strawberry.field(description="When staff last acted on it.")
    closed_at: dt.datetime | None = strawberry.field(description="When it was sent or cancelled.")
    purged_at: dt.datetime | None = strawberry.field(
        description="When its personal data was removed."
    )
    notes: list[FormatRequestNote] = strawberry.field(description="Staff notes, oldest first.")
    documents: list[FormatRequestDocument] = strawberry.field(
        description="Documents made for it, oldest first."
    )

    @classmethod
    def from_model(
        cls, row: FormatRequestRow, notes: list[NoteRow], documents: list[DocumentRow]
    ) -> FormatRequest:
        purged = row.purged_at is not None
        return cls(
            reference=row.reference,
            subject=Subject(type=SubjectType(row.subject_type), ids=row.subject_ids.split()),
            format=AlternativeFormat(row.format),
            font_size_pt=row.font_size_pt,
            language=row.locale,
            format_details=row.format_details,
            delivery=DeliveryMethod(row.delivery),
            contact=None
            if purged
            else Contact(
                name=row.contact_name,
                email=row.contact_email,
                phone=row.contact_phone,
                address=row.contact_address,
                postcode=row.contact_postcode,
            ),
            other_needs=row.other_needs,
            status=FormatRequestStatus(row.status),
            answer_by=row.answer_by,
            overdue=requests_.is_overdue(row),
            created_at=row.created_at,
            updated_at=row.updated_at,
            closed_at=row.closed_at,
            purged_at=row.purged_at,
            notes=[FormatRequestNote.from_model(n) for n in notes],
            documents=[
                FormatRequestDocument.from_model(d, row.reference, purged) for d in documents
            ],
        )


@strawberry.type(description="One request in a list.")
class FormatRequestEdge:
    cursor: str = strawberry.field(description="Opaque position, for `after`.")
    node: FormatRequest = strawberry.field(description="The request.")


@strawberry.type(description="A page of requests (Relay connection); at most 100 a page.")
class FormatRequestConnection:
    edges: list[FormatRequestEdge] = strawberry.field(description="The requests on this page.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(description="How many requests match in all.")


@strawberry.input(description="Which requests to list; fields left out do not filter.")
class FormatRequestFilter:
    statuses: list[FormatRequestStatus] | None = strawberry.field(
        default=None, description="Requests in any of these statuses."
    )
    formats: list[AlternativeFormat] | None = strawberry.field(
        default=None, description="Requests for any of these formats."
    )
    overdue: bool | None = strawberry.field(
        default=None,
        description="true: only open requests past their answer-by date; false: only the others.",
    )


@strawberry.type(description="An open request a person has to finish by hand, and why.")
class ManualWorkItem:
    request: FormatRequest = strawberry.field(description="The request.")
    reason: str = strawberry.field(description="What has to be done by hand.")


def client_address(info: Info[Context, None]) -> str:
    request = info.context.request
    return request.client.host if request is not None and request.client else "unknown"


def rate_limit(info: Info[Context, None]) -> None:
    """Count a public mutation against the caller's address."""
    try:
        info.context.rate_limiter.hit(client_address(info))
    except RateLimited as error:
        if info.context.response is not None:
            info.context.response.headers["retry-after"] = str(error.retry_after)
        raise


async def staff_view(
    info: Info[Context, None], rows: list[FormatRequestRow]
) -> list[FormatRequest]:
    """Requests with their notes and documents: two more statements for any number of rows."""
    engine = info.context.store.engine
    ids = [r.id for r in rows if r.id is not None]
    notes = await run(requests_.notes_for, engine, ids)
    documents = await run(requests_.documents_for, engine, ids)
    return [
        FormatRequest.from_model(r, n, d) for r, n, d in zip(rows, notes, documents, strict=True)
    ]


async def render(info: Info[Context, None], row: FormatRequestRow, name: str) -> requests_.Produced:
    """One document through the shared renditions (cached, bounded, translated)."""
    renditions = info.context.renditions
    if renditions is None:  # every app from create_app has them; a bare Context may not
        raise RuntimeError("This context has no renditions to make documents with.")
    size = row.font_size_pt if name.startswith("large_print") else None
    rendition = await renditions.get(
        RenditionRequest(row.subject_type, tuple(row.subject_ids.split()), name, row.locale, size)
    )
    return requests_.Produced(
        renderer=name,
        media_type=rendition.media_type,
        extension=REGISTRY[name].extension,
        content=rendition.content,
    )


@strawberry.type(description="Requests for another format.")
class FormatRequestQuery:
    @strawberry.field(
        description="Where a request stands, by its reference; NOT_FOUND if "
        "unknown. Holds no personal data."
    )
    async def format_request_status(
        self,
        info: Info[Context, None],
        reference: Annotated[
            str, strawberry.argument(description="The reference, e.g. LO-2026-000123.")
        ],
    ) -> FormatRequestReceipt:
        row = await run(requests_.get, info.context.store.engine, reference)
        return FormatRequestReceipt.from_model(row)

    @strawberry.field(
        description="Staff (officer): requests for another format, the soonest answer-by "
        "date first. `first` is at most 100.",
        extensions=auth.staff_only(OFFICER),
    )
    async def format_requests(
        self,
        info: Info[Context, None],
        filter: Annotated[
            FormatRequestFilter | None,
            strawberry.argument(  # noqa: A002
                description="Which requests; none lists them all."
            ),
        ] = None,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor after which the page starts.")
        ] = None,
    ) -> FormatRequestConnection | None:
        offset, limit = window(first, after)
        f = filter or FormatRequestFilter()
        rows, total = await run(
            requests_.search,
            info.context.store.engine,
            statuses=[s.value for s in f.statuses or []],
            formats=[x.value for x in f.formats or []],
            overdue=f.overdue,
            offset=offset,
            limit=limit,
        )
        nodes = await staff_view(info, rows)
        edges = [
            FormatRequestEdge(cursor=encode_cursor(offset + i), node=n) for i, n in enumerate(nodes)
        ]
        return FormatRequestConnection(
            edges=edges,
            total_count=total,
            page_info=page_info(offset, len(edges), total),
        )

    @strawberry.field(
        description="Staff (officer): one request by reference.",
        extensions=auth.staff_only(OFFICER),
    )
    async def format_request(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The request's reference.")],
    ) -> FormatRequest | None:
        row = await run(requests_.get, info.context.store.engine, reference)
        return (await staff_view(info, [row]))[0]

    @strawberry.field(
        description="Staff (officer): open requests a person must finish: formats no renderer "
        "makes (braille, audio, other) and documents to print and post or put out for "
        "collection. Soonest answer-by date first.",
        extensions=auth.staff_only(OFFICER),
    )
    async def format_requests_needing_manual_work(
        self, info: Info[Context, None]
    ) -> list[ManualWorkItem] | None:
        work = await run(requests_.manual_work, info.context.store.engine, list(REGISTRY))
        views = await staff_view(info, [w.request for w in work])
        return [
            ManualWorkItem(request=v, reason=w.reason) for v, w in zip(views, work, strict=True)
        ]


@strawberry.type(description="Requests for another format.")
class FormatRequestMutation:
    @strawberry.mutation(
        description="Ask for Local Offer information in a different way. Answers with a "
        "reference and the date the council should answer by. Every wrong field is a "
        "BAD_USER_INPUT error naming it in extensions.field; too many requests from one "
        "connection are RATE_LIMITED."
    )
    async def request_alternative_format(
        self,
        info: Info[Context, None],
        input: Annotated[
            AlternativeFormatRequestInput,
            strawberry.argument(  # noqa: A002
                description="What, in which format, how to send it and to whom."
            ),
        ],
    ) -> FormatRequestReceipt:
        rate_limit(info)
        subject_type, ids = input.subject.to_subject()
        c = input.contact
        new = requests_.NewRequest(
            subject_type=subject_type,
            subject_ids=ids,
            format=str(input.format.value),
            delivery=str(input.delivery.value),
            contact=requests_.Contact(c.name, c.email, c.phone, c.address, c.postcode),
            font_size_pt=input.font_size_pt,
            locale=input.language,
            format_details=input.format_details,
            other_needs=input.other_needs,
        )
        row = await run(
            requests_.submit,
            info.context.store.engine,
            new,
            working_days=info.context.settings.request_answer_working_days,
        )
        return FormatRequestReceipt.from_model(row)

    @strawberry.mutation(
        description="Staff (officer): make a request's documents with the renderers, in its "
        "language, and keep them. Without `formats`, makes what its format needs; a request "
        "whose documents are all made is READY to send.",
        extensions=auth.staff_only(OFFICER),
    )
    async def produce_format_request_documents(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The request's reference.")],
        formats: Annotated[
            list[str] | None,
            strawberry.argument(
                description="Renderer names to make, e.g. large_print_pdf, easy_read, pdf."
            ),
        ] = None,
    ) -> FormatRequest | None:
        engine = info.context.store.engine
        row = await run(requests_.get, engine, reference)
        if row.status in requests_.CLOSED:
            raise InvalidInput(f"Request {row.reference} is closed.", field="reference")
        needed = requests_.renderers_for(row.format, list(REGISTRY))
        wanted = list(dict.fromkeys(formats or needed or []))
        if not wanted:
            raise InvalidInput(
                f"No renderer makes {row.format.replace('_', ' ')}: it is in the manual work "
                "report. Name formats to make a print version anyway.",
                field="formats",
            )
        unknown = [name for name in wanted if name not in REGISTRY]
        if unknown:
            raise InvalidInput(
                f"Unknown format(s): {', '.join(unknown)}. Formats: {', '.join(REGISTRY)}.",
                field="formats",
            )
        # Read before rendering: a change committed meanwhile makes these look older, not newer.
        version = await run(catalogue_version, engine)
        produced = [await render(info, row, name) for name in wanted]
        complete = needed is not None and set(needed) <= set(wanted)
        row = await run(
            requests_.record_documents,
            engine,
            row.reference,
            produced,
            catalogue_version=version,
            by=auth.principal(info),
            complete=complete,
        )
        return (await staff_view(info, [row]))[0]

    @strawberry.mutation(
        description="Staff (officer): the family has it (sent or collected); closes the request.",
        extensions=auth.staff_only(OFFICER),
    )
    async def mark_format_request_sent(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The request's reference.")],
        note: Annotated[
            str | None, strawberry.argument(description="How it was sent, if worth saying.")
        ] = None,
    ) -> FormatRequest | None:
        row = await run(
            requests_.close,
            info.context.store.engine,
            reference,
            status=requests_.RequestStatus.sent.value,
            by=auth.principal(info),
            note=note,
        )
        return (await staff_view(info, [row]))[0]

    @strawberry.mutation(
        description="Staff (officer): close a request without sending it.",
        extensions=auth.staff_only(OFFICER),
    )
    async def cancel_format_request(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The request's reference.")],
        note: Annotated[str, strawberry.argument(description="Why it was closed.")],
    ) -> FormatRequest | None:
        row = await run(
            requests_.close,
            info.context.store.engine,
            reference,
            status=requests_.RequestStatus.cancelled.value,
            by=auth.principal(info),
            note=note,
        )
        return (await staff_view(info, [row]))[0]

    @strawberry.mutation(
        description="Staff (officer): add a note to a request.", extensions=auth.staff_only(OFFICER)
    )
    async def add_format_request_note(
        self,
        info: Info[Context, None],
        reference: Annotated[str, strawberry.argument(description="The request's reference.")],
        text: Annotated[str, strawberry.argument(description="The note, up to 2000 characters.")],
    ) -> FormatRequest | None:
        engine = info.context.store.engine
        await run(requests_.add_note, engine, reference, text, by=auth.principal(info))
        row = await run(requests_.get, engine, reference)
        return (await staff_view(info, [row]))[0]
