"""The GraphQL schema: root query resolvers (thin: they call the store) and schema assembly."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.types import Info

from api import staff
from api.auth import staff_only
from api.blocking import run
from api.context import Context
from api.errors import ErrorPolicy
from api.limits import limits_extension
from api.pagination import encode_cursor, page_info, window
from api.rendition_types import (
    FormatArgument,
    LocaleArgument,
    OptionsArgument,
    Rendition,
    render,
)
from api.settings import Settings
from api.translation_status import TranslationQuery
from api.types import (
    EasyReadFinding,
    LocalOffer,
    Page,
    Service,
    ServiceConnection,
    ServiceEdge,
    ServiceFilter,
    TermWithCount,
    easy_read_findings,
)
from services import locales
from services.auth import EDITOR
from services.errors import InvalidInput, NotFound
from services.models import NEEDS_TAXONOMY, SECTIONS_TAXONOMY
from services.search import Near, ServiceQuery
from services.store import TermCount

MAX_COLLECTION = 100  # services in a booklet made from ids or a search
MAX_DRAFT = 20_000  # characters of draft easy-read text checked at once


def check_locale(locale: str | None, info: Info[Context, None]) -> Context:
    """The context to answer this root field in: the request's, or for an explicit locale
    (which must be one we publish in) a copy in that locale, so other root fields of the same
    request keep theirs."""
    if locale is None:
        return info.context
    if locale not in locales.BY_CODE:
        supported = ", ".join(locales.BY_CODE)
        raise InvalidInput(
            f"Unsupported locale {locale!r}. Supported: {supported}.", field="locale"
        )
    if info.context.response is not None:
        info.context.response.headers["content-language"] = locale
    return dataclasses.replace(info.context, locale=locale)


def to_query(f: ServiceFilter | None) -> ServiceQuery:
    if f is None:
        return ServiceQuery()
    return ServiceQuery(
        text=f.text,
        sections=tuple(str(s) for s in f.sections or ()),
        needs=tuple(str(n) for n in f.needs or ()),
        age=f.age,
        age_from=f.age_range.from_ if f.age_range else None,
        age_to=f.age_range.to if f.age_range else None,
        free_only=bool(f.free_only),
        delivery_modes=tuple(str(m.value) for m in f.delivery_modes or ()),
        out_of_area=f.out_of_area,
        near=Near(f.near.latitude, f.near.longitude, f.near.radius_km) if f.near else None,
        languages=tuple(f.languages or ()),
    )


def tree(counts: list[TermCount], context: Context) -> list[TermWithCount]:
    nodes = {c.term.id: TermWithCount.with_count(c.term, c.service_count, context)
             for c in counts}
    roots = []
    for c in counts:
        if c.term.parent_id and c.term.parent_id in nodes:
            nodes[c.term.parent_id].children.append(nodes[c.term.id])
        else:
            roots.append(nodes[c.term.id])
    return roots


@strawberry.type(description="Everything a family-facing app can read from the Local Offer.")
class Query(staff.Query, TranslationQuery):
    @strawberry.field(description="Search and list services. `first` is at most 100.")
    async def services(
        self,
        info: Info[Context, None],
        filter: Annotated[
            ServiceFilter | None,
            strawberry.argument(  # noqa: A002
                description="What to search for; no filter lists every service."
            ),
        ] = None,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor after which the page starts.")
        ] = None,
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in, e.g. 'pl' or 'ur'.")
        ] = None,
    ) -> ServiceConnection:
        context = check_locale(locale, info)
        offset, first = window(first, after, info.context.settings.max_page_size)
        result = await run(
            info.context.store.search_services, to_query(filter), offset=offset, limit=first
        )
        for row in result.services:
            info.context.loaders.services.prime(row.id, row)
        edges = [
            ServiceEdge(
                cursor=encode_cursor(offset + i),
                node=Service.from_model(s, context),
                distance_km=result.distances_km.get(s.id),
            )
            for i, s in enumerate(result.services)
        ]
        return ServiceConnection(
            edges=edges,
            total_count=result.total,
            page_info=page_info(offset, len(edges), result.total),
        )

    @strawberry.field(description="One service by id; null with a NOT_FOUND error if unknown.")
    async def service(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The service's id.")],  # noqa: A002
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in, e.g. 'pl' or 'ur'.")
        ] = None,
    ) -> Service | None:
        context = check_locale(locale, info)
        row = await info.context.loaders.services.load(str(id))
        if row is None:
            raise NotFound(f"No service has the id {str(id)!r}.", field="id")
        return Service.from_model(row, context)

    @strawberry.field(description="The Local Offer sections as a tree, with service counts.")
    async def sections(
        self,
        info: Info[Context, None],
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in, e.g. 'pl' or 'ur'.")
        ] = None,
    ) -> list[TermWithCount]:
        context = check_locale(locale, info)
        counts = await run(info.context.store.term_counts, SECTIONS_TAXONOMY)
        return tree(counts, context)

    @strawberry.field(
        description="The SEND needs as a tree (four broad areas and finer terms), "
        "with service counts."
    )
    async def needs(
        self,
        info: Info[Context, None],
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in, e.g. 'pl' or 'ur'.")
        ] = None,
    ) -> list[TermWithCount]:
        context = check_locale(locale, info)
        return tree(await run(info.context.store.term_counts, NEEDS_TAXONOMY), context)

    @strawberry.field(description="Information pages, optionally in some sections only.")
    async def pages(
        self,
        info: Info[Context, None],
        sections: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Section ids; a section includes its children."),
        ] = None,
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in.")
        ] = None,
    ) -> list[Page]:
        context = check_locale(locale, info)
        store = info.context.store
        ids = await run(store.expand_terms, SECTIONS_TAXONOMY, sections or [], "sections")
        return [Page.from_model(p, context) for p in await run(store.pages, ids)]

    @strawberry.field(description="One information page by slug; null with NOT_FOUND if unknown.")
    async def page(
        self,
        info: Info[Context, None],
        slug: Annotated[str, strawberry.argument(description="The page's slug, e.g. 'mediation'.")],
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in.")
        ] = None,
    ) -> Page | None:
        context = check_locale(locale, info)
        row = await run(info.context.store.page_by_slug, slug)
        if row is None:
            raise NotFound(f"No information page has the slug {slug!r}.", field="slug")
        return Page.from_model(row, context)

    @strawberry.field(
        description="The council, how to contact it, how to get this information "
        "in a different way, and how to comment or complain."
    )
    async def local_offer(
        self,
        info: Info[Context, None],
        locale: Annotated[
            str | None, strawberry.argument(description="Language to answer in, e.g. 'pl' or 'ur'.")
        ] = None,
    ) -> LocalOffer:
        context = check_locale(locale, info)
        row = await run(info.context.store.local_offer)
        if row is None:
            raise NotFound("This Local Offer has not been set up yet.")
        return LocalOffer.from_model(row, context)

    @strawberry.field(
        description="A booklet of services with a contents list, as a document: name exactly "
        "one of `section`, `ids` or `filter` (a search, as in `services`; its first "
        f"{MAX_COLLECTION} results)."
    )
    async def render_collection(
        self,
        info: Info[Context, None],
        format: FormatArgument,  # noqa: A002
        section: Annotated[strawberry.ID | None, strawberry.argument(
            description="Every service in this section and its children.")] = None,
        ids: Annotated[list[strawberry.ID] | None, strawberry.argument(
            description=f"These services, in this order (at most {MAX_COLLECTION}).")] = None,
        filter: Annotated[ServiceFilter | None, strawberry.argument(  # noqa: A002
            description="The services a search finds.")] = None,
        locale: LocaleArgument = None,
        options: OptionsArgument = None,
    ) -> Rendition:
        chosen = [name for name, value in (("section", section), ("ids", ids),
                                           ("filter", filter)) if value is not None]
        if len(chosen) != 1:
            raise InvalidInput("Name exactly one of section, ids or filter.", field="section")
        if section is not None:
            return await render(info, "section", (str(section),), format, locale, options)
        if ids is not None:
            wanted = tuple(dict.fromkeys(str(i) for i in ids))
            if not 1 <= len(wanted) <= MAX_COLLECTION:
                raise InvalidInput(f"ids must name 1 to {MAX_COLLECTION} services.", field="ids")
            found = await info.context.loaders.services.load_many(list(wanted))
            missing = [i for i, row in zip(wanted, found, strict=True) if row is None]
            if missing:
                raise NotFound(f"No service has the id(s) {', '.join(missing)}.", field="ids")
            return await render(info, "services", wanted, format, locale, options)
        result = await run(info.context.store.search_services, to_query(filter),
                           offset=0, limit=MAX_COLLECTION)
        if not result.services:
            raise NotFound("The search finds no services to put in a booklet.", field="filter")
        return await render(info, "services", tuple(s.id for s in result.services), format,
                            locale, options)

    @strawberry.field(
        description="Staff (editor): check draft easy-read text before saving it. Returns what "
        "breaks the easy-read rules; empty when the text is fine.",
        extensions=staff_only(EDITOR),
    )
    def check_easy_read(
        self,
        info: Info[Context, None],
        text: Annotated[str, strawberry.argument(
            description="The draft: one sentence or idea per line.")],
    ) -> list[EasyReadFinding] | None:
        if len(text) > MAX_DRAFT:
            raise InvalidInput(f"text must be at most {MAX_DRAFT} characters.", field="text")
        return easy_read_findings(text, info.context.locale)

    @strawberry.field(description="The whole Local Offer (every information page and public "
                                  "service) as one document.")
    async def local_offer_rendition(
        self,
        info: Info[Context, None],
        format: FormatArgument,  # noqa: A002
        locale: LocaleArgument = None,
        options: OptionsArgument = None,
    ) -> Rendition:
        return await render(info, "local_offer", (), format, locale, options)


class LocalOfferSchema(strawberry.Schema):
    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        """Expected errors are not news, and ErrorPolicy already logged the unexpected ones."""


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with its extensions; validation rules are built here, once."""
    limits = limits_extension(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
    )
    return LocalOfferSchema(
        query=Query,
        mutation=staff.Mutation,
        extensions=[
            limits,
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            ErrorPolicy,
        ],
    )
