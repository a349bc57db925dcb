"""Gettext catalogues for renderers and the Jinja environment that uses them, one per locale."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from renderers.options import parse_locale

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # msgids are written in English: English needs no catalogue
COMPILE_COMMAND = "make compile-messages"  # what builds the .mo files (also run by make install)

log = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Marks a string in a table for extraction (a Babel default keyword); translated per locale
    when it is used, through `Catalogue.gettext`."""
    return message


class MissingCatalogue(RuntimeError):
    """A language has no compiled `messages` catalogue. This is an error at start-up, never a
    silent fallback to English: a page half in English with no `lang` saying so fails readers."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        names = ", ".join(str(p) for p in paths)
        super().__init__(
            f"No compiled interface catalogue: {names} "
            f"{'is' if len(paths) == 1 else 'are'} missing. Run `{COMPILE_COMMAND}` "
            f"(pybabel compile -D {DOMAIN} -d locales), or `make install`."
        )


def catalogue_file(locale: str, folder: Path | None = None) -> Path | None:
    """The compiled `messages` catalogue a locale loads (`locales/<lang>/LC_MESSAGES/
    messages.mo`), None for English (the msgids are English), MissingCatalogue if absent."""
    folder = folder or LOCALES_DIR
    parsed = parse_locale(locale)
    if parsed.language == SOURCE_LANGUAGE:
        return None
    # The most specific name first ("pa_Guru", then "pa").
    for name in dict.fromkeys([str(parsed), parsed.language]):
        path = folder / name / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            return path
    raise MissingCatalogue([folder / parsed.language / "LC_MESSAGES" / f"{DOMAIN}.mo"])


@lru_cache(maxsize=64)
def load_translations(locale: str) -> NullTranslations:
    """The `messages` catalogue for a locale; English needs none. A language without a compiled
    catalogue raises MissingCatalogue rather than quietly showing English."""
    path = catalogue_file(locale)
    if path is None:
        return NullTranslations()
    with path.open("rb") as handle:
        return Translations(handle, domain=DOMAIN)


def require_catalogues(locales: Iterable[str], folder: Path | None = None) -> None:
    """Check at start-up that every locale's catalogue loads; one error names every missing
    file. A catalogue older than its PO file is only warned about (translations not yet
    compiled are still a working catalogue)."""
    missing: list[Path] = []
    for code in locales:
        try:
            path = catalogue_file(code, folder)
        except MissingCatalogue as error:
            missing += error.paths
            continue
        po = path.with_suffix(".po") if path else None
        if path and po and po.is_file() and po.stat().st_mtime > path.stat().st_mtime:
            log.warning("%s is older than %s: run `%s`.", path, po, COMPILE_COMMAND)
    if missing:
        raise MissingCatalogue(missing)


def text_direction(locale: str | Locale) -> str:
    """"rtl" for right-to-left scripts (Urdu, Arabic), else "ltr"; for `dir` attributes."""
    parsed = locale if isinstance(locale, Locale) else parse_locale(locale)
    return "rtl" if parsed.character_order == "right-to-left" else "ltr"


def same_language(tag: str, other: str) -> bool:
    """Whether two BCP 47 tags name the same language ("en" and "en-GB" do)."""
    def primary(value: str) -> str:
        return value.replace("_", "-").split("-")[0].lower()

    return primary(tag) == primary(other)


class Catalogue:
    """The gettext functions of one locale, for Python code that builds sentences."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.babel_locale = parse_locale(locale)
        self.direction = text_direction(self.babel_locale)
        self.translations = load_translations(locale)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))


@lru_cache(maxsize=64)
def catalogue(locale: str) -> Catalogue:
    return Catalogue(locale)


@lru_cache(maxsize=64)
def environment(locale: str) -> Environment:
    """A Jinja environment with this locale's translations installed; autoescaped, strict."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(load_translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env
