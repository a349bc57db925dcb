"""The typed per-request context resolvers receive as `info.context`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from anyio import to_thread
from strawberry.dataloader import DataLoader

from api.loaders import Loaders
from api.ratelimit import SlidingWindow
from api.settings import Settings
from services import feedback
from services.auth import Principal
from services.models import Feedback
from services.store import Store

if TYPE_CHECKING:
    from starlette.requests import Request

    from api.renditions import Renditions
    from services.translation_status import ContentTranslations


@dataclass
class Context:
    store: Store
    settings: Settings
    loaders: Loaders
    locale: str
    request: Request | None = None
    response: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
    # The staff member whose bearer token came with the request (api.auth checks roles).
    principal: Principal | None = None
    # Shared by every request to one app: counts public mutations per client address.
    rate_limiter: SlidingWindow = field(default_factory=lambda: SlidingWindow(0))
    renditions: Renditions | None = None
    # Shared by every request to one app: the content catalogues (translations of catalogue
    # text) and their status, read once at start-up (api.translation serves from them).
    content: ContentTranslations | None = None

    @cached_property
    def corrections(self) -> DataLoader[str, list[Feedback]]:
        """Open corrections per service id; made on first use, as only staff ask for them."""
        engine = self.store.engine

        async def load(ids: list[str]) -> list[list[Feedback]]:
            return await to_thread.run_sync(feedback.open_corrections_for_services, engine, ids)

        return DataLoader(load_fn=load)
