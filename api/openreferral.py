"""The Open Referral UK 3.0 feed: read-only routes under /openreferral/ over the public catalogue.

Each request makes one trip off the event loop and a fixed number of SQL statements, whatever
the page size. Query parameters are those of the ORUK profile's OpenAPI file; a wrong value is a
400 naming the parameter, and a filter we cannot honour is refused rather than ignored, so a
consumer never mistakes an unfiltered list for a filtered one.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial, wraps
from typing import Any, TypeVar

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.blocking import run
from services import openreferral as oruk
from services.changes import catalogue_version
from services.errors import CatalogueError, InvalidInput, NotFound
from services.models import DELIVERY_TAXONOMY, NEEDS_TAXONOMY, SECTIONS_TAXONOMY, TaxonomyTerm
from services.search import MAX_AGE, MAX_TEXT, ServiceQuery
from services.store import Store

PREFIX = "/openreferral"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # keeps offsets far from integer limits in every database
# The ORUK profile requires CORS for everyone: feeds are read by browser apps on other sites.
HEADERS = {"Access-Control-Allow-Origin": "*"}

# Defined by HSDS or the profile, but our catalogue cannot honour them (opening times are text,
# services are not located by postcode here): refused, because ignoring them would mislead.
UNSUPPORTED = {
    "day": "opening days",
    "start_time": "opening times",
    "end_time": "opening times",
    "postcode": "postcode",
    "proximity": "distance from a postcode",
    "organization_id": "organization",
    "modified_after": "date of change",
    "minimal": "a minimal listing",
}
_WHOLE = re.compile(r"[0-9]{1,7}")
_AGE = re.compile(r"[0-9]{1,3}(?:\.0*)?")

T = TypeVar("T")


# -- query parameters ----------------------------------------------------------------------------


def _one(params: QueryParams, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise InvalidInput(f"Give {name} once.", field=name)
    return values[0] if values else None


def _whole(params: QueryParams, name: str, default: int, high: int) -> int:
    value = _one(params, name)
    if value is None or value == "":
        return default
    if not _WHOLE.fullmatch(value) or not 1 <= int(value) <= high:
        raise InvalidInput(f"{name} must be a whole number from 1 to {high}.", field=name)
    return int(value)


def _age(params: QueryParams, name: str) -> int | None:
    value = _one(params, name)
    if value is None or value == "":
        return None
    if not _AGE.fullmatch(value) or float(value) > MAX_AGE:
        raise InvalidInput(
            f"{name} must be a whole number of years from 0 to {MAX_AGE}: the Local Offer covers "
            f"ages 0 to {MAX_AGE}.",
            field=name,
        )
    return int(float(value))


def _flag(params: QueryParams, name: str) -> bool:
    value = (_one(params, name) or "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise InvalidInput(f"{name} must be true or false.", field=name)
    return value in ("true", "1")


def _paging(params: QueryParams) -> tuple[int, int]:
    return (
        _whole(params, "page", 1, MAX_PAGE),
        _whole(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


@dataclass(frozen=True)
class ServiceFilter:
    """The `/services` filter as sent: ids may be feed UUIDs or our own ids."""

    text: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None


def service_filter(params: QueryParams) -> ServiceFilter:
    for name, what in UNSUPPORTED.items():
        if _one(params, name):
            raise InvalidInput(
                f"This feed cannot filter services by {what}; leave out {name}.", field=name
            )
    if (_one(params, "format") or "json").lower() != "json":
        raise InvalidInput("This feed answers in json only.", field="format")
    # The profile names the text parameter `search`; `text` is accepted as another name for it.
    search, text = _one(params, "search"), _one(params, "text")
    if search and text and search != text:
        raise InvalidInput("Give search or text, not both.", field="search")
    words = search or text
    if words is not None and len(words) > MAX_TEXT:
        raise InvalidInput(f"search must be at most {MAX_TEXT} characters.", field="search")
    minimum, maximum = _age(params, "minimum_age"), _age(params, "maximum_age")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise InvalidInput("minimum_age must not be more than maximum_age.", field="minimum_age")
    return ServiceFilter(
        text=words or None,
        taxonomy_term_id=_one(params, "taxonomy_term_id") or None,
        taxonomy_id=_one(params, "taxonomy_id") or None,
        minimum_age=minimum,
        maximum_age=maximum,
    )


# -- store work (runs in a worker thread) --------------------------------------------------------


def to_query(store: Store, wanted: ServiceFilter) -> ServiceQuery | None:
    """The catalogue search for an ORUK filter; None when nothing can match.

    minimum_age and maximum_age ask for services for someone in that age range (the ranges
    overlap), which is how families search the Local Offer: a 0 to 25 service is found for
    minimum_age=5. Terms link to services through three taxonomies, each its own search field.
    """
    fields: dict[str, list[str]] = {t: [] for t in (SECTIONS_TAXONOMY, NEEDS_TAXONOMY,
                                                    DELIVERY_TAXONOMY)}
    if wanted.taxonomy_term_id or wanted.taxonomy_id:
        terms = store.all_terms()
        term: TaxonomyTerm | None = None
        if wanted.taxonomy_term_id:
            by_id = {t.id: t for t in terms}
            native = oruk.resolve_id("taxonomy_term", wanted.taxonomy_term_id, by_id)
            if native is None:
                raise InvalidInput(
                    f"No taxonomy term has the id {wanted.taxonomy_term_id!r}.",
                    field="taxonomy_term_id",
                )
            term = by_id[native]
            _field(fields, term.taxonomy_id, "taxonomy_term_id").append(term.id)
        if wanted.taxonomy_id:
            taxonomy = oruk.resolve_id(
                "taxonomy", wanted.taxonomy_id, [t.id for t in store.taxonomies()]
            )
            if taxonomy is None:
                raise InvalidInput(
                    f"No taxonomy has the id {wanted.taxonomy_id!r}.", field="taxonomy_id"
                )
            # A term already narrows its own taxonomy; adding the roots would widen it (OR).
            if term is None or term.taxonomy_id != taxonomy:
                roots = [t.id for t in terms if t.taxonomy_id == taxonomy and t.parent_id is None]
                if not roots:
                    return None
                _field(fields, taxonomy, "taxonomy_id").extend(roots)
    return ServiceQuery(
        text=wanted.text,
        sections=tuple(fields[SECTIONS_TAXONOMY]),
        needs=tuple(fields[NEEDS_TAXONOMY]),
        delivery_modes=tuple(fields[DELIVERY_TAXONOMY]),
        age_from=wanted.minimum_age,
        age_to=wanted.maximum_age,
    )


def _field(fields: dict[str, list[str]], taxonomy_id: str, param: str) -> list[str]:
    if taxonomy_id not in fields:
        raise InvalidInput(
            f"Services are not classified by the taxonomy {taxonomy_id!r}.", field=param
        )
    return fields[taxonomy_id]


def full_services(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    records = store.service_records(ids)
    areas = store.service_areas_for_services([r.service.id for r in records])
    taxonomies = {t.id: t for t in store.taxonomies()}
    return [
        oruk.service_full(r, service_areas=a, taxonomies=taxonomies)
        for r, a in zip(records, areas, strict=True)
    ]


def services_page(
    store: Store, wanted: ServiceFilter, page_number: int, per_page: int, full: bool
) -> dict[str, Any]:
    query = to_query(store, wanted)
    if query is None:
        return oruk.page([], total=0, page_number=page_number, per_page=per_page)
    result = store.search_services(query, offset=(page_number - 1) * per_page, limit=per_page)
    if full:
        contents = full_services(store, [s.id for s in result.services])
    else:
        orgs = store.get_organizations([s.organization_id for s in result.services])
        contents = [
            oruk.service_summary(s, o) for s, o in zip(result.services, orgs, strict=True)
        ]
    return oruk.page(contents, total=result.total, page_number=page_number, per_page=per_page)


_uuid_index: dict[tuple[int, int], dict[str, str]] = {}


def service_uuids(store: Store) -> dict[str, str]:
    """Feed UUID -> service id, built once per catalogue version (a new service bumps it):
    hashing every id on every request cost ~60 ms at 10,000 services."""
    key = (id(store), catalogue_version(store.engine))
    if key not in _uuid_index:
        _uuid_index.clear()  # only the current version is worth keeping
        _uuid_index[key] = {oruk.feed_id("service", i): i for i in store.all_service_ids()}
    return _uuid_index[key]


def one_service(store: Store, wanted: str) -> dict[str, Any]:
    """Any service by id, whatever its status: HSDS `status` tells a consumer that a service it
    copied has closed."""
    native: str | None = wanted
    if oruk.is_uuid(wanted):
        native = service_uuids(store).get(wanted.lower())
    found = full_services(store, [native]) if native else []
    if not found:
        raise NotFound(f"No service has the id {wanted!r}.", field="id")
    return found[0]


def taxonomies_page(store: Store, page_number: int, per_page: int) -> dict[str, Any]:
    rows = store.taxonomies()  # a handful, chosen by the council: paged here, not in SQL
    start = (page_number - 1) * per_page
    contents = [oruk.taxonomy_record(t) for t in rows[start : start + per_page]]
    return oruk.page(contents, total=len(rows), page_number=page_number, per_page=per_page)


def one_taxonomy(store: Store, wanted: str) -> dict[str, Any]:
    rows = {t.id: t for t in store.taxonomies()}
    native = oruk.resolve_id("taxonomy", wanted, rows)
    if native is None:
        raise NotFound(f"No taxonomy has the id {wanted!r}.", field="id")
    return oruk.taxonomy_record(rows[native], store.terms(native))


def terms_page(store: Store, page_number: int, per_page: int) -> dict[str, Any]:
    taxonomies = {t.id: t for t in store.taxonomies()}
    terms = store.all_terms()  # tens to hundreds of rows: paged here, not in SQL
    start = (page_number - 1) * per_page
    contents = [
        oruk.taxonomy_term_record(t, taxonomies.get(t.taxonomy_id))
        for t in terms[start : start + per_page]
    ]
    return oruk.page(contents, total=len(terms), page_number=page_number, per_page=per_page)


def one_term(store: Store, wanted: str) -> dict[str, Any]:
    terms = {t.id: t for t in store.all_terms()}
    native = oruk.resolve_id("taxonomy_term", wanted, terms)
    if native is None:
        raise NotFound(f"No taxonomy term has the id {wanted!r}.", field="id")
    taxonomies = {t.id: t for t in store.taxonomies()}
    term = terms[native]
    return oruk.taxonomy_term_record(term, taxonomies.get(term.taxonomy_id))


# -- routes --------------------------------------------------------------------------------------


def _json(handler: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
    """The handler's result as JSON; an expected error as JSON with its status. Both with CORS."""

    @wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            body = await handler(request)
        except CatalogueError as error:
            status = 404 if isinstance(error, NotFound) else 400
            return JSONResponse(
                {"error": error.code, "message": error.message, "field": error.field},
                status_code=status,
                headers=HEADERS,
            )
        return JSONResponse(body, headers=HEADERS)

    return endpoint


def routes(store: Store) -> list[Route]:
    async def info(_: Request) -> dict[str, str]:
        return oruk.api_info()

    async def services(request: Request) -> dict[str, Any]:
        params = request.query_params
        wanted = service_filter(params)
        page_number, per_page = _paging(params)
        full = _flag(params, "full")
        return await run(partial(services_page, store, wanted, page_number, per_page, full))

    async def service(request: Request) -> dict[str, Any]:
        return await run(partial(one_service, store, request.path_params["id"]))

    async def taxonomies(request: Request) -> dict[str, Any]:
        page_number, per_page = _paging(request.query_params)
        return await run(partial(taxonomies_page, store, page_number, per_page))

    async def taxonomy(request: Request) -> dict[str, Any]:
        return await run(partial(one_taxonomy, store, request.path_params["id"]))

    async def taxonomy_terms(request: Request) -> dict[str, Any]:
        page_number, per_page = _paging(request.query_params)
        return await run(partial(terms_page, store, page_number, per_page))

    async def taxonomy_term(request: Request) -> dict[str, Any]:
        return await run(partial(one_term, store, request.path_params["id"]))

    return [
        Route(f"{PREFIX}/", _json(info)),
        Route(f"{PREFIX}/services", _json(services)),
        Route(f"{PREFIX}/services/{{id}}", _json(service)),
        Route(f"{PREFIX}/taxonomies", _json(taxonomies)),
        Route(f"{PREFIX}/taxonomies/{{id}}", _json(taxonomy)),
        Route(f"{PREFIX}/taxonomy_terms", _json(taxonomy_terms)),
        Route(f"{PREFIX}/taxonomy_terms/{{id}}", _json(taxonomy_term)),
    ]
