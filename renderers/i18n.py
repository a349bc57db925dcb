"""Gettext catalogues for renderers and the Jinja environment that uses them, one per locale."""

from __future__ import annotations

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


def N_(message: str) -> str:
    """Marks a string in a table for extraction (a Babel default keyword); translated per locale
    when it is used, through `Catalogue.gettext`."""
    return message


@lru_cache(maxsize=64)
def load_translations(locale: str) -> NullTranslations:
    """The `messages` catalogue for a locale from `locales/<lang>/LC_MESSAGES/messages.mo`.

    English is the source language and needs none. A missing catalogue for another language falls
    back to English (NullTranslations) for now; the translations task makes that an error.
    """
    parsed = parse_locale(locale)
    if parsed.language == SOURCE_LANGUAGE:
        return NullTranslations()
    # Babel tries the most specific name first ("pa_Guru", then "pa").
    candidates = [str(parsed), parsed.language]
    return Translations.load(str(LOCALES_DIR), candidates, domain=DOMAIN)


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
