"""What every format needs to know about a document in a locale: dates, money, names, groups."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency

from renderers.i18n import (
    SOURCE_LANGUAGE,
    Catalogue,
    catalogue,
    same_language,
    text_direction,
)
from renderers.options import RenderOptions
from services.documents import Document, PageRecord, ServiceRecord
from services.models import TaxonomyTerm

# How a council name ends; what is left is the place ("Brackenford City Council" -> Brackenford).
_COUNCIL_SUFFIX = re.compile(
    r"\s+(?:(?:Metropolitan\s+)?(?:City|County|Borough|District|Town)\s+)*Council$", re.IGNORECASE
)
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Lang:
    """`lang`/`dir` for a fragment whose language differs from the document's; else empty."""

    lang: str | None = None
    dir: str | None = None


NO_LANG = Lang()  # the document's own language: no attributes to add


@dataclass
class Group:
    """Records under one Local Offer section (term None: those in no section of the document)."""

    term: TaxonomyTerm | None
    pages: list[PageRecord] = field(default_factory=list)
    services: list[ServiceRecord] = field(default_factory=list)


class Context:
    """One document being rendered in one locale."""

    def __init__(self, document: Document, options: RenderOptions) -> None:
        self.document = document
        self.options = options
        self.locale = options.locale
        self.cat: Catalogue = catalogue(options.locale)
        self.babel_locale: Locale = self.cat.babel_locale
        self.dir = text_direction(self.babel_locale)
        offer = document.local_offer
        self.home = _COUNCIL_SUFFIX.sub("", offer.council_name).strip() or offer.council_name

    # -- translation -----------------------------------------------------------------------

    def gettext(self, message: str, **values: object) -> str:
        return fill(self.cat.gettext(message), message, values)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        source = singular if n == 1 else plural
        return fill(self.cat.ngettext(singular, plural, n), source, {"n": n, **values})

    # -- formatting ------------------------------------------------------------------------

    def date(self, day: dt.date) -> str:
        """A date in full ("Monday, 3 March 2025"): easy read and screen readers need no
        figures to decode."""
        return format_date(day, format="full", locale=self.babel_locale)

    def money(self, amount: float, currency: str = "GBP") -> str:
        return format_currency(amount, currency or "GBP", locale=self.babel_locale)

    def language_name(self, code: str, fallback: str = "") -> str:
        try:
            name = Locale.parse(code.replace("_", "-"), sep="-").get_display_name(self.babel_locale)
        except (UnknownLocaleError, ValueError, TypeError):
            name = None
        return name or fallback or code

    def lang_of(self, record: ServiceRecord | PageRecord, field_name: str) -> Lang:
        """The language of one field of a record, when it is not the document's (an untranslated
        or stale field served in English)."""
        return self._lang(record.content_lang.get(field_name))

    def term_lang(self, term: TaxonomyTerm, field_name: str = "name") -> Lang:
        """The language of a section's or need's text, when not the document's."""
        return self._lang(self.document.content_lang.get(f"term:{term.id}:{field_name}"))

    def offer_lang(self, field_name: str) -> Lang:
        """The language of the Local Offer's own text (title, description, ...)."""
        offer_id = self.document.local_offer.id
        return self._lang(self.document.content_lang.get(f"local_offer:{offer_id}:{field_name}"))

    def title_lang(self) -> Lang:
        return self._lang(self.document.content_lang.get("document:title"))

    def source_lang(self) -> Lang:
        """For catalogue text that is never translated (accessibility notes, providers' SEN
        answers, price names): English, marked as such in any other language."""
        return self._lang(SOURCE_LANGUAGE)

    def _lang(self, tag: str | None) -> Lang:
        if not tag or same_language(tag, self.locale):
            return Lang()
        try:
            direction = text_direction(tag)
        except Exception:  # noqa: BLE001 - an odd tag still gets its lang, with ltr by default
            direction = "ltr"
        return Lang(tag, direction)

    # -- structure -------------------------------------------------------------------------

    def groups(self) -> list[Group]:
        """Pages and services under the document's sections, each record once (in the first
        section it belongs to, directly or through a child term), leftovers last."""
        document = self.document
        groups = [Group(term) for term in document.sections]
        rest = Group(None)

        def home_of(terms: list[TaxonomyTerm]) -> Group:
            ids = {t.id for t in terms} | {t.parent_id for t in terms if t.parent_id}
            return next((g for g in groups if g.term is not None and g.term.id in ids), rest)

        for page in document.pages:
            home_of([page.section] if page.section else []).pages.append(page)
        for service in document.services:
            home_of(service.sections).services.append(service)
        found = [g for g in groups if g.pages or g.services]
        if rest.pages or rest.services:
            found.append(rest)
        return found


def fill(translated: str, source: str, values: dict[str, object]) -> str:
    """Put values into a translated template; a translation with broken placeholders falls
    back to the English template rather than failing the whole document."""
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return source.format(**values)


def anchor(prefix: str, key: str) -> str:
    """An id attribute from a record key: letters, digits and dashes only."""
    return f"{prefix}-" + (re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-").lower() or "x")


def web_url(url: str | None) -> str | None:
    """A catalogue URL fit for an href: http(s) with a host, nothing else (no javascript:)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(
        c.isspace() or c in "<>\"'" for c in url
    ):
        return None
    return url


def email_href(email: str | None) -> str | None:
    if email and _EMAIL.match(email.strip()):
        return "mailto:" + email.strip()
    return None


def phone_href(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if len(digits) >= 3 else None
