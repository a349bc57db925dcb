"""HTTP download routes for renditions, with ETag revalidation and honest caching headers."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.renditions import WHOLE_DOCUMENTS, Rendition, Renditions
from api.renditions import Request as RenditionRequest
from services import locales
from services.errors import Busy, CatalogueError, InvalidInput

log = logging.getLogger("local_offer.downloads")

MAX_BOOKLET_IDS = 100  # as renderCollection(ids:) allows
ROUTES = {  # path prefix -> subject type
    "services": "service",
    "pages": "page",
    "sections": "section",
}


def _split(name: str) -> tuple[str, str]:
    stem, dot, fmt = name.rpartition(".")
    if not dot or not stem or not fmt:
        raise InvalidInput("Ask for a file such as /renditions/services/<id>.pdf.",
                           field="format")
    return stem, fmt


def _request(request: Request, default_locale: str) -> RenditionRequest:
    params = request.query_params
    locale = params.get("locale") or locales.negotiate(
        None, request.headers.get("accept-language"), default_locale)
    if locale not in locales.BY_CODE:
        raise InvalidInput(f"Unsupported locale {locale!r}. Supported: "
                           f"{', '.join(locales.BY_CODE)}.", field="locale")
    size = params.get("fontSize")
    try:
        font_size = int(size) if size else None
    except ValueError:
        raise InvalidInput("fontSize must be a whole number of points.",
                           field="fontSize") from None
    kind = request.path_params.get("kind")
    if kind is not None:
        if kind not in ROUTES:
            raise InvalidInput(f"Unknown kind of document {kind!r}.", field="kind")
        ident, fmt = _split(request.path_params["name"])
        return RenditionRequest(ROUTES[kind], (ident,), fmt, locale, font_size)
    stem, fmt = _split(request.path_params["name"])
    whole = {name: subject for subject, name in WHOLE_DOCUMENTS.items()}
    if stem in whole:
        return RenditionRequest(whole[stem], (), fmt, locale, font_size)
    if stem == "booklet":
        ids = tuple(dict.fromkeys(i for i in params.get("ids", "").split(",") if i))
        if not 1 <= len(ids) <= MAX_BOOKLET_IDS:
            raise InvalidInput(f"A booklet needs ?ids= with 1 to {MAX_BOOKLET_IDS} service ids, "
                               "separated by commas.", field="ids")
        return RenditionRequest("services", ids, fmt, locale, font_size)
    raise InvalidInput("Ask for /renditions/local-offer.<format>, /renditions/you-said-we-did."
                       "<format> or /renditions/booklet.<format>.", field="name")


def _response(rendition: Rendition, request: Request) -> Response:
    etag = f'"{rendition.sha256}"'
    headers = {
        "ETag": etag,
        # Always revalidate: a catalogue edit changes the document, and a 304 is cheap.
        "Cache-Control": "public, no-cache",
        "Content-Language": rendition.locale,
        "Vary": "Accept-Language",
        "Content-Disposition": f'inline; filename="{rendition.filename}"',
        "X-Content-Type-Options": "nosniff",
    }
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    media_type = rendition.media_type
    if not rendition.binary and "charset" not in media_type:
        media_type += "; charset=utf-8"
    if media_type.startswith("text/html"):
        # Catalogue text is untrusted: a rendered page may never run script or load elsewhere.
        headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'unsafe-inline'; "
                                              "img-src data:; font-src data:")
    return Response(rendition.content, media_type=media_type, headers=headers)


def routes(renditions: Renditions, default_locale: str) -> list[Route]:
    async def download(request: Request) -> Response:
        try:
            rendition = await renditions.get(_request(request, default_locale))
        except Busy as error:
            return JSONResponse({"error": error.code, "message": error.message}, status_code=503,
                                headers={"Retry-After": str(error.retry_after)})
        except CatalogueError as error:
            status = {"NOT_FOUND": 404, "BAD_USER_INPUT": 400}.get(error.code, 400)
            return JSONResponse({"error": error.code, "message": error.message,
                                 "field": error.field}, status_code=status)
        return _response(rendition, request)

    return [
        Route("/renditions/{kind}/{name:path}", download, methods=["GET", "HEAD"]),
        Route("/renditions/{name}", download, methods=["GET", "HEAD"]),
    ]
