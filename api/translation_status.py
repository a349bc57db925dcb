"""The `locales` list and, for translators, which records still need translating per language."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from anyio import to_thread
from strawberry.types import Info

from api.context import Context
from api.pagination import encode_cursor, window
from api.translation import TextDirection, TranslationStatus, content
from api.types import PageInfo
from services import locales
from services.errors import InvalidInput
from services.translation_status import RecordState, interface_completeness
from services.translations import Status


@strawberry.type(name="Locale", description="A language the Local Offer is published in.")
class PublishedLocale:
    code: str = strawberry.field(
        description="The code to pass as `locale` or in Accept-Language, e.g. 'pl', 'en-GB'.")
    english_name: str = strawberry.field(description="Its name in English, e.g. 'Urdu'.")
    native_name: str = strawberry.field(description="Its name in itself, e.g. 'اردو'.")
    direction: TextDirection = strawberry.field(description="Which way its script runs.")
    interface_completeness: float = strawberry.field(
        description="Percentage (0 to 100) of the interface translated: headings, labels, "
        "easy-read sentences, the hard-words glossary and picture descriptions.")
    content_completeness: float = strawberry.field(
        description="Percentage (0 to 100) of the catalogue's own text (every text field of "
        "every service, information page, section, need and the Local Offer) with a current "
        "translation. Stale translations (of English that has since changed) do not count.")


@strawberry.enum(description="A kind of record whose text is translated.")
class ContentKind(Enum):
    SERVICE = strawberry.enum_value("service", description="A service.")
    PAGE = strawberry.enum_value("page", description="An information page (id is its slug).")
    TERM = strawberry.enum_value("term", description="A section or a SEND need.")
    LOCAL_OFFER = strawberry.enum_value(
        "local_offer", description="The Local Offer's own description and contact text.")


@strawberry.type(description="One translatable field of a record in one language.")
class FieldTranslation:
    field: str = strawberry.field(
        description="The catalogue field, e.g. `eligibility_description`.")
    key: str = strawberry.field(
        description="The entry's msgctxt in the language's content.po, e.g. "
        "`service:svc-1:description`: search for it in a PO editor.")
    status: TranslationStatus = strawberry.field(description="Where its translation stands.")


@strawberry.type(description="A record and where its translation stands in one language.")
class RecordTranslation:
    kind: ContentKind = strawberry.field(description="What kind of record it is.")
    id: str = strawberry.field(description="Its id (a page's slug).")
    label: str = strawberry.field(description="Its English name or title.")
    status: TranslationStatus = strawberry.field(
        description="Its worst field: STALE, then MISSING, then TRANSLATED.")
    fields: list[FieldTranslation] = strawberry.field(
        description="Its translatable fields that have text, in catalogue order.")

    @classmethod
    def from_state(cls, state: RecordState) -> RecordTranslation:
        return cls(kind=ContentKind(state.kind), id=state.record_id, label=state.label,
                   status=TranslationStatus(state.status.value),
                   fields=[FieldTranslation(field=f.field, key=f.key,
                                            status=TranslationStatus(f.status.value))
                           for f in state.fields])


@strawberry.type(description="One record in a translation status list.")
class RecordTranslationEdge:
    cursor: str = strawberry.field(description="Opaque position, for `after`.")
    node: RecordTranslation = strawberry.field(description="The record.")


@strawberry.type(description="A page of records and their translation status (Relay "
                             "connection). Page size is at most 100.")
class RecordTranslationConnection:
    edges: list[RecordTranslationEdge] = strawberry.field(description="The records on this page.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(description="How many records match in all.")


def supported(locale: str) -> str:
    if locale not in locales.BY_CODE:
        raise InvalidInput(f"Unsupported locale {locale!r}. Supported: "
                           f"{', '.join(locales.BY_CODE)}.", field="locale")
    return locale


@strawberry.type(description="Languages and translation status.")
class TranslationQuery:
    @strawberry.field(description="Every language the Local Offer is published in, English "
                                  "first, with how complete its translations are.")
    async def locales(self, info: Info[Context, None]) -> list[PublishedLocale]:
        report = content(info.context)

        def build() -> list[PublishedLocale]:
            return [PublishedLocale(
                code=loc.code, english_name=loc.english_name, native_name=loc.native_name,
                direction=TextDirection(loc.direction),
                interface_completeness=interface_completeness(loc.code),
                content_completeness=report.completeness(loc.code),
            ) for loc in locales.SUPPORTED]

        return await to_thread.run_sync(build)

    @strawberry.field(description="For translators: records whose text in `locale` is not "
                                  "(only) current translations, in catalogue order. `first` is "
                                  "at most 100.")
    async def translation_status(
        self,
        info: Info[Context, None],
        locale: Annotated[str, strawberry.argument(
            description="The language to report on, e.g. 'ur'.")],
        kind: Annotated[ContentKind | None, strawberry.argument(
            description="Only records of this kind.")] = None,
        statuses: Annotated[list[TranslationStatus] | None, strawberry.argument(
            description="Only records with a field in one of these states; default MISSING "
            "and STALE (what is left to do). Give TRANSLATED too to list every record.")] = None,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(
            description="Cursor after which the page starts.")] = None,
    ) -> RecordTranslationConnection:
        supported(locale)
        offset, limit = window(first, after)
        wanted = {Status(s.value) for s in statuses} if statuses else {Status.missing,
                                                                       Status.stale}
        report = content(info.context)
        states = await to_thread.run_sync(report.records, locale)
        matching = [s for s in states
                    if (kind is None or s.kind == kind.value)
                    and any(f.status in wanted for f in s.fields)]
        page = matching[offset:offset + limit]
        edges = [RecordTranslationEdge(cursor=encode_cursor(offset + i),
                                       node=RecordTranslation.from_state(s))
                 for i, s in enumerate(page)]
        return RecordTranslationConnection(
            edges=edges,
            total_count=len(matching),
            page_info=PageInfo(
                has_next_page=offset + len(edges) < len(matching),
                has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
