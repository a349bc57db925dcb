"""The languages the Local Offer is published in: codes, names and writing direction."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

SOURCE_LOCALE = "en-GB"


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


# English first, then the most spoken languages in England after English (2021 census).
SUPPORTED: tuple[SupportedLocale, ...] = tuple(
    _describe(c) for c in ("en-GB", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn")
)
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
