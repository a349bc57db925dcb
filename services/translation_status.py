"""How far each language's translations go: per-field status, completeness and PO checks.

Content completeness is measured against the catalogue's *current* English (a translation of
text that has since changed is stale and does not count); interface completeness against
`locales/messages.pot`. `check_catalogue` finds what translators most often break: plural forms
left empty and `{placeholders}` that differ from the English.
"""

from __future__ import annotations

import string
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from services.changes import catalogue_version
from services.errors import InvalidInput
from services.models import NEEDS_TAXONOMY, SECTIONS_TAXONOMY, utcnow
from services.store import Store
from services.translations import (
    LOCALES_DIR,
    ContentCatalogues,
    Status,
    is_source,
    source_entries,
)

MESSAGES = "messages"
# Worst first: a record's status is that of its worst field.
SEVERITY = (Status.stale, Status.missing, Status.translated, Status.source)
TITLE_FIELDS = ("name", "title")


@dataclass(frozen=True)
class FieldState:
    """One translatable field of one record in one language."""

    key: str  # the msgctxt: kind:id:field
    field: str
    status: Status


@dataclass(frozen=True)
class RecordState:
    """A record's translatable fields in one language, and its English name for people."""

    kind: str
    record_id: str
    label: str
    fields: tuple[FieldState, ...]

    @property
    def status(self) -> Status:
        found = {f.status for f in self.fields}
        return next(s for s in SEVERITY if s in found) if found else Status.source


def split_key(record_key: str) -> tuple[str, str, str]:
    """`service:svc-1:description` -> ("service", "svc-1", "description")."""
    kind, _, rest = record_key.partition(":")
    record_id, _, field = rest.rpartition(":")
    return kind, record_id, field


def catalogue_sources(store: Store) -> list[tuple[str, str]]:
    """(key, English text) for every translatable field in the catalogue: what
    `local-offer translations update` exports and what completeness is measured against."""
    services = [s for s in store.get_services(store.all_service_ids()) if s is not None]
    terms = store.terms(SECTIONS_TAXONOMY) + store.terms(NEEDS_TAXONOMY)
    return list(source_entries(services, store.pages(), terms, store.local_offer()))


def record_states(sources: Iterable[tuple[str, str]], catalogues: ContentCatalogues,
                  locale: str) -> list[RecordState]:
    """Every record with translatable text, in export order, with each field's status."""
    grouped: dict[tuple[str, str], list[FieldState]] = {}
    labels: dict[tuple[str, str], str] = {}
    for record_key, text in sources:
        kind, record_id, field = split_key(record_key)
        served = catalogues.serve(locale, record_key, text)
        grouped.setdefault((kind, record_id), []).append(FieldState(record_key, field,
                                                                     served.status))
        if field in TITLE_FIELDS:
            labels.setdefault((kind, record_id), text)
    return [RecordState(kind, record_id, labels.get((kind, record_id), record_id), tuple(fields))
            for (kind, record_id), fields in grouped.items()]


def percentage(done: int, total: int) -> float:
    return round(100.0 * done / total, 1) if total else 100.0


class ContentTranslations:
    """The content catalogues measured against the catalogue's current English.

    One per app. The English is read again only when the catalogue version moves on (any edit
    bumps it), so a `locales` query on a 10,000-service catalogue costs one small query."""

    def __init__(self, store: Store, catalogues: ContentCatalogues) -> None:
        self.store = store
        self.catalogues = catalogues
        self._lock = threading.Lock()
        self._cached: tuple[int, list[tuple[str, str]]] | None = None

    def sources(self) -> list[tuple[str, str]]:
        version = catalogue_version(self.store.engine)
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                self._cached = (version, catalogue_sources(self.store))
            return self._cached[1]

    def completeness(self, locale: str) -> float:
        """Percentage of the catalogue's text served translated (not stale) in `locale`."""
        if is_source(locale):
            return 100.0
        sources = self.sources()
        done = sum(1 for record_key, text in sources
                   if self.catalogues.serve(locale, record_key, text).status == Status.translated)
        return percentage(done, len(sources))

    def records(self, locale: str) -> list[RecordState]:
        return record_states(self.sources(), self.catalogues, locale)


# -- the messages catalogue and PO checks ------------------------------------------------------


def messages_po(locale: str, folder: Path = LOCALES_DIR) -> Path:
    return folder / locale.replace("-", "_") / "LC_MESSAGES" / f"{MESSAGES}.po"


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def is_complete(message: Message) -> bool:
    """Translated, reviewed (not fuzzy) and, for plurals, every form filled."""
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings)


@lru_cache(maxsize=32)
def _completeness(po: Path, pot: Path, stamp: tuple[int, int]) -> float:
    template = read_catalogue(pot)
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    if not po.exists():
        return 0.0
    done = sum(1 for m in read_catalogue(po) if m.id and is_complete(m)
               and ((m.id if isinstance(m.id, str) else m.id[0]), m.context) in wanted)
    return percentage(done, len(wanted))


def interface_completeness(locale: str, folder: Path = LOCALES_DIR) -> float:
    """Percentage of `messages.pot` (interface strings, easy-read sentence templates, glossary,
    picture descriptions) translated in `locale`'s `messages.po`; English is complete."""
    if is_source(locale):
        return 100.0
    po, pot = messages_po(locale, folder), folder / f"{MESSAGES}.pot"
    stamp = (po.stat().st_mtime_ns if po.exists() else 0, pot.stat().st_mtime_ns)
    return _completeness(po, pot, stamp)


def placeholders(text: str) -> set[str]:
    """The `{names}` in a brace-format string (the renderers fill templates with str.format)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def check_catalogue(path: Path) -> list[str]:
    """Problems in one PO file, as lines for people: Babel's own `Catalog.check()` (plural
    form count, %-format), placeholders that differ from the English, and a compile to .mo."""
    catalog = read_catalogue(path)
    problems: list[str] = []
    for message, errors in catalog.check():
        problems += [f"{path}: {message.id!r}: {error}" for error in errors]
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [str(i) for i in (message.id if isinstance(message.id, tuple | list)
                                else (message.id,))]
        strings = [str(s) for s in (message.string if isinstance(message.string, tuple | list)
                                    else (message.string,))]
        if len(strings) > 1 and not all(strings):
            # Compiled as it is, gettext would print an empty sentence for those numbers.
            problems.append(f"{path}: {ids[0]!r}: some plural forms are empty")
        # Each form must use exactly the values of the English singular or plural: a missing
        # one drops information (an age, a date), an unknown one breaks the sentence.
        english = [placeholders(i) for i in ids]
        for form, text in enumerate(strings):
            found = placeholders(text)
            if text and found not in english:
                problems.append(f"{path}: {ids[0]!r} (form {form}): placeholders {sorted(found)} "
                                f"differ from the English {sorted(english[-1])}")
    try:
        write_mo(_Sink(), catalog)
    except Exception as error:  # noqa: BLE001 - any failure to compile is the finding
        problems.append(f"{path}: does not compile: {error}")
    return problems


class _Sink:
    """A file that keeps nothing: compiling only to see that it can be done."""

    def write(self, data: bytes) -> int:
        return len(data)


# -- adding a language ---------------------------------------------------------------------------


def add_language(code: str, folder: Path = LOCALES_DIR) -> list[Path]:
    """Start a new language: `locales/<lang>/LC_MESSAGES/messages.po` and `content.po` from the
    templates (`messages.pot`, `content.pot`), with the language's plural rules in the header.
    The messages.po is what publishes the language (services.locales); files that exist
    already are left alone. Returns the files made."""
    try:
        locale = Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError) as error:
        raise InvalidInput(f"{code!r} is not a language Babel knows (try e.g. 'so' or 'ta').",
                           field="code") from error
    if is_source(code):
        raise InvalidInput("English is the source language: it needs no catalogue.",
                           field="code")
    made: list[Path] = []
    for domain in (MESSAGES, "content"):
        po = folder / str(locale) / "LC_MESSAGES" / f"{domain}.po"
        template = folder / f"{domain}.pot"
        if po.exists() or not template.exists():
            continue
        catalog = read_catalogue(template)
        catalog.locale = locale
        catalog.fuzzy = False
        catalog.revision_date = utcnow()
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100)
        made.append(po)
    return made
