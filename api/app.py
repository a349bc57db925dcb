"""The Starlette application factory: /graphql, /healthz, and (later) rendition downloads."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from api.context import Context
from api.loaders import Loaders
from api.schema import build_schema
from api.settings import Settings
from services import locales
from services.database import make_engine
from services.store import Store

log = logging.getLogger("local_offer")


class LocalOfferGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with our typed context and locale negotiation."""

    def __init__(self, store: Store, settings: Settings, **kwargs: Any) -> None:
        super().__init__(build_schema(settings), graphql_ide="graphiql", **kwargs)
        self.store = store
        self.settings = settings

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        locale = locales.negotiate(
            None, request.headers.get("accept-language"), self.settings.default_locale
        )
        response.headers["content-language"] = locale
        return Context(
            store=self.store,
            settings=self.settings,
            loaders=Loaders.create(self.store),
            locale=locale,
            request=request,
            response=response,
        )


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    if store is None:
        store = Store(make_engine(settings.database_url, echo=settings.sql_echo))
    graphql = LocalOfferGraphQL(store, settings)

    async def healthz(_: Request) -> JSONResponse:
        try:
            with store.engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError:
            log.exception("Health check could not reach the database")
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    async def home(_: Request) -> Response:
        return RedirectResponse("/graphql")

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ]
    )
    app.state.store = store
    app.state.settings = settings
    return app
