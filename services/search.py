"""Service search: the filter a client sends, its validation, and safe full-text queries."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from services.errors import InvalidInput
from services.models import DeliveryMode

MAX_AGE = 25
MAX_TEXT = 200
MAX_RADIUS_KM = 200.0
# Kilometres per degree of latitude; longitude is scaled by cos(latitude) at the search centre,
# which keeps the distance SQL free of trigonometry (SQLite has none by default).
KM_PER_DEGREE = 111.2

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    radius_km: float

    def validate(self) -> None:
        if not -90 <= self.latitude <= 90:
            raise InvalidInput("near.latitude must be between -90 and 90.", field="near.latitude")
        if not -180 <= self.longitude <= 180:
            raise InvalidInput(
                "near.longitude must be between -180 and 180.", field="near.longitude"
            )
        if not 0 < self.radius_km <= MAX_RADIUS_KM:
            raise InvalidInput(
                f"near.radiusKm must be more than 0 and at most {MAX_RADIUS_KM:g}.",
                field="near.radiusKm",
            )

    @property
    def longitude_scale(self) -> float:
        return math.cos(math.radians(self.latitude))


@dataclass(frozen=True)
class ServiceQuery:
    """What `services(filter:)` asks for; every list is OR within itself, AND across fields."""

    text: str | None = None
    sections: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    age: int | None = None
    age_from: int | None = None
    age_to: int | None = None
    free_only: bool = False
    delivery_modes: tuple[str, ...] = ()
    out_of_area: bool | None = None
    near: Near | None = None
    languages: tuple[str, ...] = ()
    ids: tuple[str, ...] = field(default=())

    def validate(self) -> None:
        """Refuse what cannot be a real search, naming the field."""
        for name, value in (
            ("age", self.age),
            ("ageRange.from", self.age_from),
            ("ageRange.to", self.age_to),
        ):
            if value is not None and not 0 <= value <= MAX_AGE:
                raise InvalidInput(
                    f"{name} must be between 0 and {MAX_AGE}: the Local Offer covers ages "
                    f"0 to {MAX_AGE}.",
                    field=name,
                )
        if self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            raise InvalidInput("ageRange.from must not be more than ageRange.to.", field="ageRange")
        if self.text is not None and len(self.text) > MAX_TEXT:
            raise InvalidInput(f"text must be at most {MAX_TEXT} characters.", field="text")
        known_modes = {m.value for m in DeliveryMode}
        for mode in self.delivery_modes:
            if mode not in known_modes:
                raise InvalidInput(f"Unknown delivery mode {mode!r}.", field="deliveryModes")
        if self.near is not None:
            self.near.validate()

    @property
    def words(self) -> list[str]:
        """The search text as plain words: FTS operators and punctuation are never syntax."""
        return [w.lower() for w in _WORD.findall(self.text or "")][:20]

    @property
    def has_text(self) -> bool:
        return bool(self.text and self.text.strip())


def fts5_query(words: list[str]) -> str:
    """Each word quoted, so AND/NEAR/*/- and quotes are searched as words, never operators."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)
