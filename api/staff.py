"""The staff side of the API assembled: the root Query and Mutation parts, and downloads.

Also who is calling, and (admin) tokens and the audit trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.types import Info

from api import auth
from api.blocking import run
from api.context import Context
from api.editing import EditingMutation, EditingQuery
from api.feedback import FeedbackMutation, FeedbackQuery
from api.format_requests import DOCUMENTS_PATH, FormatRequestMutation, FormatRequestQuery
from services import audit
from services import auth as tokens
from services import format_requests as requests_
from services.auth import ADMIN, EDITOR, OFFICER
from services.errors import CatalogueError
from services.models import AuditEvent as AuditRow
from services.models import StaffToken as TokenRow
from services.store import Store


@strawberry.type(description="The staff member calling.")
class StaffMember:
    name: str = strawberry.field(description="Their name, as on their token.")
    role: str = strawberry.field(description="editor, officer or admin.")
    token_id: str = strawberry.field(description="Their token's public id.")


@strawberry.type(description="A staff bearer token (never the secret itself).")
class StaffToken:
    id: str = strawberry.field(description="The token's public id.")
    name: str = strawberry.field(description="Whose it is.")
    role: str = strawberry.field(description="editor, officer or admin.")
    created_at: dt.datetime = strawberry.field(description="When it was made.")
    revoked_at: dt.datetime | None = strawberry.field(description="When it stopped working.")

    @classmethod
    def from_model(cls, row: TokenRow) -> StaffToken:
        return cls(
            id=row.id,
            name=row.name,
            role=row.role,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )


@strawberry.type(description="A staff action: who, what, when, on which record.")
class AuditEvent:
    at: dt.datetime = strawberry.field(description="When.")
    actor: str = strawberry.field(description="Who ('public' for a family's request).")
    action: str = strawberry.field(description="What, e.g. request.produce.")
    record_type: str = strawberry.field(description="The kind of record.")
    record_id: str = strawberry.field(description="The record's id or reference.")
    detail: str = strawberry.field(description="More about it; never personal data.")

    @classmethod
    def from_model(cls, row: AuditRow) -> AuditEvent:
        return cls(
            at=row.at,
            actor=row.actor,
            action=row.action,
            record_type=row.record_type,
            record_id=row.record_id,
            detail=row.detail,
        )


@strawberry.type(description="Families' requests and comments, and staff work.")
class Query(FormatRequestQuery, FeedbackQuery, EditingQuery):
    @strawberry.field(
        description="Staff: who the bearer token belongs to.",
        extensions=auth.staff_only(EDITOR, OFFICER),
    )
    def viewer(self, info: Info[Context, None]) -> StaffMember | None:
        p = auth.principal(info)
        return StaffMember(name=p.name, role=p.role, token_id=p.token_id)

    @strawberry.field(
        description="Staff (admin): every staff token, oldest first.",
        extensions=auth.staff_only(ADMIN),
    )
    async def staff_tokens(self, info: Info[Context, None]) -> list[StaffToken] | None:
        return [
            StaffToken.from_model(t)
            for t in await run(tokens.list_tokens, info.context.store.engine)
        ]

    @strawberry.field(
        description="Staff (admin): the audit trail, newest first (at most 500).",
        extensions=auth.staff_only(ADMIN),
    )
    async def audit_log(
        self,
        info: Info[Context, None],
        record_id: Annotated[
            str | None,
            strawberry.argument(description="Only events on this record (an id or a reference)."),
        ] = None,
        first: Annotated[int, strawberry.argument(description="How many, 1 to 500.")] = 100,
    ) -> list[AuditEvent] | None:
        rows = await run(
            audit.events, info.context.store.engine, record_id=record_id, limit=max(1, first)
        )
        return [AuditEvent.from_model(r) for r in rows]


@strawberry.type(
    description="Everything a client can change: families' requests and comments, and staff work."
)
class Mutation(FormatRequestMutation, FeedbackMutation, EditingMutation):
    @strawberry.mutation(
        description="Staff (admin): stop a token working at once.",
        extensions=auth.staff_only(ADMIN),
    )
    async def revoke_staff_token(
        self,
        info: Info[Context, None],
        id: Annotated[
            str,
            strawberry.argument(  # noqa: A002
                description="The token's public id, e.g. tok_1a2b3c4d5e6f."
            ),
        ],
    ) -> StaffToken | None:
        row = await run(
            tokens.revoke_token, info.context.store.engine, id, actor=auth.principal(info).label
        )
        return StaffToken.from_model(row)


MAX_DOCUMENT_ID = 2**62

def routes(store: Store) -> list[Route]:
    """Staff downloads of documents made for requests (officer token required)."""

    async def document(request: Request) -> Response:
        token = auth.bearer_token(request.headers.get("authorization"))
        who = await run(tokens.authenticate, store.engine, token) if token else None
        if who is None or not who.has_role(OFFICER):
            return JSONResponse(
                {
                    "error": "FORBIDDEN",
                    "message": "This needs a staff token with the role officer.",
                },
                status_code=403,
            )
        if request.path_params["id"] > MAX_DOCUMENT_ID:  # no such row; and too big for SQL
            return JSONResponse({"error": "NOT_FOUND", "message": "No such document."},
                                status_code=404)
        try:
            doc = await run(
                requests_.document_content,
                store.engine,
                request.path_params["reference"],
                int(request.path_params["id"]),
            )
        except CatalogueError as error:
            return JSONResponse({"error": error.code, "message": error.message}, status_code=404)
        return Response(
            doc.content,
            media_type=doc.media_type,
            headers={
                "Content-Disposition": f'attachment; filename="{doc.filename}"',
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    path = DOCUMENTS_PATH.format(reference="{reference}", id="{id:int}")
    return [Route(path, document, methods=["GET"])]
