"""Per-client limits on public mutations: a sliding window of the last minute, in memory.

Each worker process keeps its own window, so with N workers a client may get up to N times the
limit through; that is enough to stop a script flooding the council's inbox. A shared limit
across replicas would need a shared store (the database, or Redis) and is not done here.
Behind a proxy, run uvicorn with --proxy-headers and --forwarded-allow-ips so that the client
address is the family's, not the proxy's.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from services.errors import CatalogueError

WINDOW_SECONDS = 60.0
# Forget idle clients once this many are remembered, so memory stays bounded.
MAX_CLIENTS = 10_000


class RateLimited(CatalogueError):
    code = "RATE_LIMITED"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many requests from your connection. Please try again in {retry_after} seconds."
        )
        self.retry_after = retry_after


class SlidingWindow:
    """At most `limit` hits per client in any `window` seconds; 0 turns the limit off."""

    def __init__(
        self,
        limit: int,
        *,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.hits: dict[str, deque[float]] = {}

    def hit(self, client: str) -> None:
        """Count one hit, or raise RateLimited saying how long to wait."""
        if self.limit <= 0:
            return
        now = self.clock()
        hits = self.hits.get(client)
        if hits is None:
            if len(self.hits) >= MAX_CLIENTS:
                self._forget_idle(now)
            hits = self.hits[client] = deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            raise RateLimited(max(1, math.ceil(hits[0] + self.window - now)))
        hits.append(now)

    def _forget_idle(self, now: float) -> None:
        for client in [c for c, h in self.hits.items() if not h or h[-1] <= now - self.window]:
            del self.hits[client]
        if len(self.hits) >= MAX_CLIENTS:  # all busy: drop the oldest half rather than grow
            for client in list(self.hits)[: MAX_CLIENTS // 2]:
                del self.hits[client]
