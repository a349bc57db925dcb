"""The typed per-request context resolvers receive as `info.context`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any


from api.loaders import Loaders
from api.settings import Settings
from services.store import Store

if TYPE_CHECKING:
    from starlette.requests import Request


@dataclass
class Context:
    store: Store
    settings: Settings
    loaders: Loaders
    locale: str
    request: Request | None = None
    response: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
