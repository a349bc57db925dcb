"""Catalogue text in the reader's language: each field translated or in English, and which.

Resolvers localize a domain row once (`localize`) and build their type from the copy; the
original row stays untouched for relations and staff fields. Every text field's real language
is reported through `translation`, so an app can set `lang` and `dir` on English fragments just
as the HTML renderers do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Generic, TypeVar

import strawberry
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

from services import locales
from services.translation_status import ContentTranslations
from services.translations import ContentCatalogues, Status, copy_row, is_source, key

if TYPE_CHECKING:
    from api.context import Context

T = TypeVar("T")

# Catalogue field -> GraphQL field, where the two are not just snake_case and camelCase.
GRAPHQL_NAMES = {"schedule_description": "schedule", "easy_read_description": "easyRead"}
WORST_FIRST = (Status.stale, Status.missing, Status.translated, Status.source)


@strawberry.enum(description="Which way a script runs: set `dir` on the text from this.")
class TextDirection(Enum):
    LTR = strawberry.enum_value(
        "ltr", description="Left to right: English, Polish, Romanian, Panjabi, Bengali, ...")
    RTL = strawberry.enum_value(
        "rtl", description="Right to left: Urdu and Arabic; pages are laid out mirrored.")


@strawberry.enum(description="Where a piece of catalogue text stands in the language asked for.")
class TranslationStatus(Enum):
    SOURCE = strawberry.enum_value(
        "source", description="English was asked for: this is the catalogue's own text.")
    TRANSLATED = strawberry.enum_value(
        "translated", description="A current translation is served.")
    MISSING = strawberry.enum_value(
        "missing", description="Not translated yet: the English text is served instead.")
    STALE = strawberry.enum_value(
        "stale", description="The English changed after it was translated: the old "
        "translation is not served, the English text is, until a translator updates it.")


@strawberry.type(description="The language one text field is really served in, and why.")
class FieldLanguage:
    field: str = strawberry.field(
        description="The field's name in this schema, e.g. `eligibilityDescription`.")
    language: str = strawberry.field(
        description="The language the served text is in (BCP 47), e.g. 'ur', or 'en' when the "
        "English is served in place of a translation.")
    direction: TextDirection = strawberry.field(description="Which way the served text runs.")
    status: TranslationStatus = strawberry.field(description="Why it is in that language.")


@strawberry.type(description="The languages a record's text fields are served in.")
class TranslationInfo:
    locale: str = strawberry.field(description="The locale the text was asked for in.")
    status: TranslationStatus = strawberry.field(
        description="The record as a whole: STALE if any field is stale, else MISSING if any is "
        "missing, else TRANSLATED (SOURCE when English was asked for).")
    fields: list[FieldLanguage] = strawberry.field(
        description="Every text field that has text, with the language it is served in. A "
        "field served in another language than `locale` should be marked up with its own "
        "`lang` and `dir`.")


@dataclass(frozen=True)
class Localized(Generic[T]):
    """A row with its text in the reader's language, and what was served for each field."""

    row: T
    translation: TranslationInfo


def graphql_name(field: str) -> str:
    if field in GRAPHQL_NAMES:
        return GRAPHQL_NAMES[field]
    head, *rest = field.split("_")
    return head + "".join(part.capitalize() for part in rest)


def direction(code: str) -> TextDirection:
    return TextDirection(locales.direction(code))


def content(context: Context) -> ContentTranslations:
    """The app's content catalogues (made here only for a context built without one)."""
    if context.content is None:
        context.content = ContentTranslations(context.store, ContentCatalogues())
    return context.content


def worst(statuses: Iterable[Status], default: Status) -> Status:
    found = set(statuses)
    return next((s for s in WORST_FIRST if s in found), default)


def localize(context: Context | None, row: T, kind: str, record_id: str | int,
             fields: Iterable[str]) -> Localized[T]:
    """The row in the context's locale: each field translated, or English when there is no
    current translation (missing or stale). Without a context, English as stored."""
    locale = context.locale if context is not None else locales.SOURCE_LOCALE
    present = [f for f in fields if getattr(row, f)]
    if is_source(locale) or context is None:
        entries = [FieldLanguage(field=graphql_name(f), language=locale,
                                 direction=direction(locale), status=TranslationStatus.SOURCE)
                   for f in present]
        return Localized(row, TranslationInfo(locale=locale, status=TranslationStatus.SOURCE,
                                              fields=entries))
    catalogues = content(context).catalogues
    updates: dict[str, str] = {}
    entries, statuses = [], []
    for field in present:
        served = catalogues.serve(locale, key(kind, record_id, field), getattr(row, field))
        updates[field] = served.text
        statuses.append(served.status)
        entries.append(FieldLanguage(field=graphql_name(field), language=served.language,
                                     direction=direction(served.language),
                                     status=TranslationStatus(served.status.value)))
    localized = copy_row(row, updates) if updates else row
    status = TranslationStatus(worst(statuses, Status.translated).value)
    return Localized(localized, TranslationInfo(locale=locale, status=status, fields=entries))


def babel_locale(context: Context | None) -> Locale:
    code = context.locale if context is not None else locales.SOURCE_LOCALE
    return Locale.parse(code, sep="-")


def date_text(day: dt.date | None, context: Context | None) -> str | None:
    """A date written out in the reader's language ("poniedziałek, 3 marca 2025")."""
    return format_date(day, format="full", locale=babel_locale(context)) if day else None


def money_text(amount: float | None, currency: str, context: Context | None) -> str | None:
    """An amount in the reader's number and currency conventions ("4,50 £")."""
    if amount is None:
        return None
    return format_currency(amount, currency or "GBP", locale=babel_locale(context))
