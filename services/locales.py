"""The languages the Local Offer is published in: codes, names and writing direction.

A language is published when it has an interface catalogue, `locales/<lang>/LC_MESSAGES/
messages.po`: that file is the one place a language is declared. `local-offer translations add
<code>` makes it (and the content catalogue) from the templates; see docs/translating.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale

SOURCE_LOCALE = "en-GB"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
# The order languages are listed in after English: the most spoken languages in England after
# English (2021 census). A language added later follows these, alphabetically.
CENSUS_ORDER = ("pl", "ro", "pa", "ur", "pt", "es", "ar", "bn")


@dataclass(frozen=True)
class SupportedLocale:
    code: str
    english_name: str
    native_name: str
    direction: str  # "ltr" or "rtl"

    @property
    def language(self) -> str:
        return self.code.split("-")[0]


# The census's names: Babel says "Punjabi" and "Bangla".
ENGLISH_NAMES = {"en-GB": "English", "pa": "Panjabi (Gurmukhi)", "bn": "Bengali"}


def _describe(code: str) -> SupportedLocale:
    locale = Locale.parse(code.replace("-", "_"))
    english = ENGLISH_NAMES.get(code) or locale.get_display_name("en") or code
    native = locale.get_display_name(locale) or code
    rtl = locale.character_order == "right-to-left"
    return SupportedLocale(code, english, native, "rtl" if rtl else "ltr")


def published_codes(folder: Path = LOCALES_DIR) -> tuple[str, ...]:
    """English (the source), then every language with a `messages.po`, in census order."""
    found = {path.parent.parent.name.replace("_", "-")
             for path in folder.glob("*/LC_MESSAGES/messages.po")}
    rank = {code: position for position, code in enumerate(CENSUS_ORDER)}
    others = sorted(found - {SOURCE_LOCALE}, key=lambda code: (rank.get(code, len(rank)), code))
    return (SOURCE_LOCALE, *others)


SUPPORTED: tuple[SupportedLocale, ...] = tuple(_describe(c) for c in published_codes())
BY_CODE = {loc.code: loc for loc in SUPPORTED}


def get(code: str) -> SupportedLocale:
    return BY_CODE[code]


def direction(code: str) -> str:
    return BY_CODE[code].direction if code in BY_CODE else "ltr"


def _match(tag: str) -> str | None:
    """A language tag to the locale we publish it in: en-US -> en-GB, pt-BR -> pt, ur-PK -> ur."""
    tag = tag.strip().replace("_", "-")
    if not tag or tag == "*":
        return None
    lowered = {c.lower(): c for c in BY_CODE}
    if tag.lower() in lowered:
        return lowered[tag.lower()]
    language = tag.split("-")[0].lower()
    return next((c for c in BY_CODE if c.split("-")[0].lower() == language), None)


def negotiate(
    explicit: str | None, accept_language: str | None, default: str = SOURCE_LOCALE
) -> str:
    """The explicit choice, else the best Accept-Language match by q-value, else the default."""
    if explicit:
        return explicit
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = _match(tag)
        if code and quality > 0:
            choices.append((-quality, position, code))
    return min(choices)[2] if choices else default
