"""Options every renderer accepts: the locale and, for large print, the type size."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from services.errors import InvalidInput

DEFAULT_LOCALE = "en-GB"
# UKAAF: 16pt is the minimum for large print and 18pt the recommended default; beyond 28pt a
# reader is better served by a magnifier or an audio/braille format than by fewer words a page.
LARGE_PRINT_MIN_PT = 16
LARGE_PRINT_DEFAULT_PT = 18
LARGE_PRINT_MAX_PT = 28


@dataclass(frozen=True)
class RenderOptions:
    """What a caller may choose about a rendering; validated on construction."""

    locale: str = DEFAULT_LOCALE
    font_size_pt: int | None = None

    def __post_init__(self) -> None:
        parse_locale(self.locale)
        size = self.font_size_pt
        if size is not None and (
            isinstance(size, bool)
            or not isinstance(size, int)
            or not LARGE_PRINT_MIN_PT <= size <= LARGE_PRINT_MAX_PT
        ):
            raise InvalidInput(
                f"Large print size must be a whole number of points from {LARGE_PRINT_MIN_PT} "
                f"to {LARGE_PRINT_MAX_PT}.",
                field="font_size_pt",
            )

    @property
    def large_print_pt(self) -> int:
        return self.font_size_pt or LARGE_PRINT_DEFAULT_PT


def parse_locale(tag: str) -> Locale:
    """A BCP 47 tag ("en-GB", "ur", "pa-Guru") as a Babel locale; unknown tags are bad input."""
    try:
        return Locale.parse(tag.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError, TypeError, AttributeError) as error:
        raise InvalidInput(f"Unknown locale {tag!r}.", field="locale") from error
