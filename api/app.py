"""The Starlette application factory: /graphql, /healthz, and (later) rendition downloads."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from anyio import to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from api import auth, downloads, openreferral, staff
from api.context import Context
from api.errors import classify
from api.loaders import Loaders
from api.ratelimit import SlidingWindow
from api.renditions import Renditions
from api.schema import build_schema
from api.settings import Settings
from renderers import i18n
from services import auth as staff_tokens
from services import locales
from services.database import make_engine
from services.store import Store
from services.translation_status import ContentTranslations
from services.translations import ContentCatalogues

log = logging.getLogger("local_offer")


class LocalOfferGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with our typed context and locale negotiation."""

    def __init__(
        self, store: Store, settings: Settings, *, renditions: Renditions | None = None,
        content: ContentTranslations | None = None, **kwargs: Any
    ) -> None:
        super().__init__(build_schema(settings), graphql_ide="graphiql", **kwargs)
        self.store = store
        self.settings = settings
        self.renditions = renditions
        self.content = content
        self.rate_limiter = SlidingWindow(settings.public_mutations_per_minute)

    async def process_result(self, request: Request, result: Any) -> Any:  # type: ignore[override]
        # Parse errors skip the schema's extensions; give them a code like every other error.
        if result.errors:
            result.errors = [classify(e) if not (e.extensions or {}).get("code") else e
                             for e in result.errors]
        return await super().process_result(request, result)

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        locale = locales.negotiate(
            None, request.headers.get("accept-language"), self.settings.default_locale
        )
        response.headers["content-language"] = locale
        # Only a request with a bearer token pays for the lookup; an unknown or revoked token
        # leaves it anonymous, so public fields still answer and staff ones are FORBIDDEN.
        token = auth.bearer_token(request.headers.get("authorization"))
        principal = (
            await to_thread.run_sync(staff_tokens.authenticate, self.store.engine, token)
            if token
            else None
        )
        return Context(
            store=self.store,
            settings=self.settings,
            loaders=Loaders.create(self.store),
            locale=locale,
            request=request,
            response=response,
            principal=principal,
            rate_limiter=self.rate_limiter,
            renditions=self.renditions,
            content=self.content,
        )


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               catalogues: ContentCatalogues | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    if settings.default_locale not in locales.BY_CODE:
        raise ValueError(f"LOCAL_OFFER_DEFAULT_LOCALE={settings.default_locale!r} is not a "
                         f"published locale: choose one of {', '.join(locales.BY_CODE)}.")
    # Every published language must load: a missing compiled catalogue stops start-up here
    # (naming the file and the command that builds it) instead of serving English silently.
    i18n.require_catalogues(loc.code for loc in locales.SUPPORTED)
    if store is None:
        store = Store(make_engine(settings.database_url, echo=settings.sql_echo))
    # One copy of the content catalogues (locales/*/content.po): GraphQL text and renditions
    # share it, so both serve the same translation of a field.
    catalogues = catalogues or ContentCatalogues()
    renditions = Renditions(
        store,
        catalogues,
        concurrency=settings.render_concurrency,
        queue=settings.render_queue,
        cache_bytes=settings.render_cache_mb * 1024 * 1024,
    )
    graphql = LocalOfferGraphQL(store, settings, renditions=renditions,
                                content=ContentTranslations(store, catalogues))

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
            *staff.routes(store),
            *downloads.routes(renditions, settings.default_locale),
            *openreferral.routes(store),
        ]
    )
    app.state.store = store
    app.state.settings = settings
    app.state.renditions = renditions
    return app
