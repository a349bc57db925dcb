"""Content catalogues: translations of the catalogue's own text, keyed by record and field.

Each language has `locales/<lang>/LC_MESSAGES/content.po`. An entry's `msgctxt` names the record
and field (`service:<id>:description`), its `msgid` is the English text it was translated from,
and its `msgstr` the translation. When the English text in the catalogue changes, the msgid no
longer matches: the translation is *stale*, and the English text is served instead, marked as
English. `local-offer translations update` then marks it fuzzy for the translator.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from services import locales
from services.documents import Document, PageRecord, ServiceRecord
from services.models import LocalOffer, Page, Service, TaxonomyTerm

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "content"
SOURCE_LANGUAGE = "en"

SERVICE_FIELDS = ("name", "alternate_name", "description", "eligibility_description",
                  "application_process", "decision_process", "fees_description",
                  "schedule_description", "easy_read_description")
PAGE_FIELDS = ("title", "summary", "body", "easy_read_description")
TERM_FIELDS = ("name", "description")
LOCAL_OFFER_FIELDS = ("title", "description", "different_format", "feedback", "complaints")


class Status(str, enum.Enum):
    """Where a field stands in one language."""

    source = "source"          # the language asked for is the source language
    translated = "translated"  # a current translation is served
    missing = "missing"        # no translation: English is served
    stale = "stale"            # translated from English that has since changed: English served


@dataclass(frozen=True)
class Entry:
    source: str
    translation: str
    fuzzy: bool


@dataclass(frozen=True)
class Served:
    """The text served for one field, the language it is really in, and why."""

    text: str
    language: str
    status: Status


def key(kind: str, record_id: str | int, field: str) -> str:
    return f"{kind}:{record_id}:{field}"


def is_source(locale: str) -> bool:
    return locale.split("-")[0].lower() == SOURCE_LANGUAGE


class ContentCatalogues:
    """Every language's content catalogue, read once; answers what to serve for a field."""

    def __init__(self, folder: Path = LOCALES_DIR) -> None:
        self.folder = folder
        self.entries: dict[str, dict[str, Entry]] = {}
        for loc in locales.SUPPORTED:
            if is_source(loc.code):
                continue
            self.entries[loc.code] = read_entries(self.po_path(loc.code))

    def po_path(self, locale: str) -> Path:
        return self.folder / locale.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"

    def serve(self, locale: str, record_key: str, source: str) -> Served:
        if is_source(locale):
            return Served(source, locale, Status.source)
        entry = self.entries.get(locale, {}).get(record_key)
        if entry is None or not entry.translation:
            return Served(source, SOURCE_LANGUAGE, Status.missing)
        if entry.fuzzy or entry.source != source:
            return Served(source, SOURCE_LANGUAGE, Status.stale)
        return Served(entry.translation, locale, Status.translated)

    def _localize(self, row: Any, kind: str, record_id: str | int, fields: Iterable[str],
                  locale: str) -> tuple[Any, dict[str, str]]:
        updates: dict[str, str] = {}
        fallbacks: dict[str, str] = {}
        for field in fields:
            source = getattr(row, field)
            if not source:
                continue
            served = self.serve(locale, key(kind, record_id, field), source)
            updates[field] = served.text
            if served.language != locale:
                fallbacks[field] = served.language
        if is_source(locale) or not updates:
            return row, fallbacks
        return copy_row(row, updates), fallbacks

    def service(self, record: ServiceRecord, locale: str) -> ServiceRecord:
        """The record in `locale`; `content_lang` names each field served in English."""
        service, fallbacks = self._localize(record.service, "service", record.service.id,
                                            SERVICE_FIELDS, locale)
        return dataclasses.replace(
            record, service=service, content_lang=fallbacks,
            sections=[self.term(t, locale) for t in record.sections],
            needs=[self.term(t, locale) for t in record.needs],
            delivery_modes=[self.term(t, locale) for t in record.delivery_modes],
        )

    def page(self, record: PageRecord, locale: str) -> PageRecord:
        page, fallbacks = self._localize(record.page, "page", record.page.slug, PAGE_FIELDS,
                                         locale)
        section = self.term(record.section, locale) if record.section else None
        return dataclasses.replace(record, page=page, section=section, content_lang=fallbacks)

    def term(self, term: TaxonomyTerm, locale: str) -> TaxonomyTerm:
        return self._localize(term, "term", term.id, TERM_FIELDS, locale)[0]  # type: ignore[no-any-return]

    def local_offer(self, row: LocalOffer, locale: str) -> LocalOffer:
        return self._localize(row, "local_offer", row.id, LOCAL_OFFER_FIELDS, locale)[0]  # type: ignore[no-any-return]

    def field_status(self, row: Any, kind: str, record_id: str | int, fields: Iterable[str],
                     locale: str) -> dict[str, Status]:
        return {f: self.serve(locale, key(kind, record_id, f), getattr(row, f)).status
                for f in fields if getattr(row, f)}


def copy_row(row: Any, updates: dict[str, Any]) -> Any:
    """A detached copy of a table row with some fields replaced; the stored row is untouched."""
    data = {c: getattr(row, c) for c in type(row).model_fields}
    data.update(updates)
    return type(row)(**data)


def read_entries(path: Path) -> dict[str, Entry]:
    if not path.exists():
        return {}
    stat = path.stat()
    # Parsing a 300 kB PO file takes a while: an unchanged file is read once per process.
    return dict(_read_entries(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=32)
def _read_entries(path: Path, _mtime_ns: int, _size: int) -> dict[str, Entry]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.context): Entry(str(m.id), str(m.string or ""), m.fuzzy)
            for m in catalog if m.id and m.context}


def source_entries(services: Iterable[Service], pages: Iterable[Page],
                   terms: Iterable[TaxonomyTerm],
                   local_offer: LocalOffer | None) -> Iterator[tuple[str, str]]:
    """(key, English text) for every translatable field of the catalogue."""
    groups: list[tuple[str, Iterable[Any], tuple[str, ...], str]] = [
        ("service", services, SERVICE_FIELDS, "id"),
        ("page", pages, PAGE_FIELDS, "slug"),
        ("term", terms, TERM_FIELDS, "id"),
        ("local_offer", [local_offer] if local_offer else [], LOCAL_OFFER_FIELDS, "id"),
    ]
    for kind, rows, fields, id_attr in groups:
        for row in rows:
            for field in fields:
                text = getattr(row, field)
                if text:
                    yield key(kind, getattr(row, id_attr), field), text


def template(entries: Iterable[tuple[str, str]]) -> Catalog:
    catalog = Catalog(project="Local Offer content", fuzzy=False)
    for record_key, text in entries:
        catalog.add(text, context=record_key)
    return catalog


def update_catalogue(path: Path, locale: str, pot: Catalog) -> tuple[int, int]:
    """Merge the catalogue's current English into one language's PO file.

    Entries whose English changed keep their old translation, marked fuzzy (babel's update does
    this with the msgctxt as the match); entries for removed records become obsolete.
    Returns (entries, fuzzy).
    """
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale.replace("-", "_"))
    else:
        catalog = Catalog(locale=locale.replace("-", "_"), project="Local Offer content",
                          fuzzy=False)
    # A changed msgid under the same msgctxt is the same entry with new English: carry the
    # translation over and mark it fuzzy, which babel's own fuzzy matching does not guarantee.
    old = {str(m.context): m for m in catalog if m.id and m.context}
    merged = Catalog(locale=catalog.locale, project="Local Offer content", fuzzy=False)
    for message in pot:
        if not message.id:
            continue
        previous = old.get(str(message.context))
        string = previous.string if previous else ""
        flags = set()
        if previous and previous.id != message.id and previous.string:
            flags.add("fuzzy")
        elif previous and previous.fuzzy:
            flags.add("fuzzy")
        merged.add(message.id, string, context=message.context, flags=flags,
                   previous_id=previous.id if "fuzzy" in flags and previous else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, merged, width=100, include_previous=True, sort_output=False)
    return len(merged), sum(1 for m in merged if m.id and m.fuzzy)


def localize_document(document: Document, catalogues: ContentCatalogues, locale: str) -> Document:
    """The document with every record's text in `locale`, English where no current
    translation exists (each such field is named in the record's `content_lang`, and for
    sections, needs, the Local Offer and the title in the document's own `content_lang`)."""
    if is_source(locale):
        return document
    title = _served_title(document, catalogues, locale)
    return dataclasses.replace(
        document,
        title=title.text,
        local_offer=catalogues.local_offer(document.local_offer, locale),
        services=[catalogues.service(r, locale) for r in document.services],
        pages=[catalogues.page(p, locale) for p in document.pages],
        sections=[catalogues.term(t, locale) for t in document.sections],
        content_lang=_outside_records(document, catalogues, locale, title),
    )


def _served_title(document: Document, catalogues: ContentCatalogues, locale: str) -> Served:
    """The title follows its record: a service's name, a page's title, a section's name."""
    if document.kind == "service" and len(document.services) == 1:
        service = document.services[0].service
        return catalogues.serve(locale, key("service", service.id, "name"), service.name)
    if document.kind == "page" and len(document.pages) == 1:
        page = document.pages[0].page
        return catalogues.serve(locale, key("page", page.slug, "title"), page.title)
    offer = document.local_offer
    if document.kind == "local_offer" and offer.title:
        return catalogues.serve(locale, key("local_offer", offer.id, "title"), offer.title)
    section = next((t for t in document.sections if t.name == document.title), None)
    if section is not None:
        return catalogues.serve(locale, key("term", section.id, "name"), section.name)
    # Any other title ("Services you asked about") was written in English.
    return Served(document.title, SOURCE_LANGUAGE, Status.missing)


def _outside_records(document: Document, catalogues: ContentCatalogues, locale: str,
                     title: Served) -> dict[str, str]:
    """Where the text of the title, the terms and the Local Offer is served in English."""
    languages: dict[str, str] = {}
    if title.language != locale:
        languages["document:title"] = title.language
    terms = {t.id: t for t in document.sections}
    for record in document.services:
        terms.update({t.id: t for t in (*record.sections, *record.needs,
                                        *record.delivery_modes)})
    terms.update({p.section.id: p.section for p in document.pages if p.section})
    rows: list[tuple[str, Any, str | int, tuple[str, ...]]] = [
        ("term", term, term.id, TERM_FIELDS) for term in terms.values()]
    rows.append(("local_offer", document.local_offer, document.local_offer.id,
                 LOCAL_OFFER_FIELDS))
    for kind, row, record_id, fields in rows:
        _, fallbacks = catalogues._localize(row, kind, record_id, fields, locale)
        languages.update({key(kind, record_id, f): lang for f, lang in fallbacks.items()})
    return languages


def export_and_update(services: Iterable[Service], pages: Iterable[Page],
                      terms: Iterable[TaxonomyTerm], local_offer: LocalOffer | None,
                      folder: Path = LOCALES_DIR) -> dict[str, tuple[int, int]]:
    """Write `content.pot` from the catalogue and merge it into every language's `content.po`.
    Returns, per locale, (entries, fuzzy entries awaiting the translator)."""
    pot = template(source_entries(services, pages, terms, local_offer))
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, pot, width=100, omit_header=False, sort_output=False)
    results = {}
    for loc in locales.SUPPORTED:
        if not is_source(loc.code):
            path = folder / loc.code.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"
            results[loc.code] = update_catalogue(path, loc.code, pot)
    return results
