"""Public mutations are rate limited per client address, with a clear error; staff are not."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.engine import Engine
from staff_api import call, codes

from api.app import create_app
from api.ratelimit import RateLimited, SlidingWindow
from api.settings import Settings
from services.store import Store

FEEDBACK = """mutation { submitFeedback(input: {subject: {localOffer: true},
  kind: CONTENT_OR_GAPS, comment: "More about short breaks, please."}) { reference } }"""


def client_for(app: object, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_public_mutations_are_limited_per_client(
    staff_engine: Engine, tokens: dict[str, str]
) -> None:
    app = create_app(Settings(public_mutations_per_minute=3), store=Store(staff_engine))
    async with client_for(app, "203.0.113.7") as family, client_for(app, "198.51.100.2") as other:
        for _ in range(3):
            assert "errors" not in await call(family, FEEDBACK)
        response = await family.post("/graphql", json={"query": FEEDBACK})
        result = response.json()
        assert codes(result) == ["RATE_LIMITED"]
        assert "try again" in result["errors"][0]["message"]
        assert 1 <= int(response.headers["retry-after"]) <= 60
        # Another address has its own allowance; reading is never limited.
        assert "errors" not in await call(other, FEEDBACK)
        assert "errors" not in await call(family, "{ youSaidWeDid { theme } }")
        # Staff mutations are not public mutations.
        staff = await call(
            family,
            'mutation { markReviewed(id: "svc-a-hollins-park-primary") { id } }',
            token=tokens["editor"],
        )
        assert "errors" not in staff


def test_sliding_window_forgets_old_hits() -> None:
    now = [0.0]
    window = SlidingWindow(2, window=60, clock=lambda: now[0])
    window.hit("a")
    now[0] = 30
    window.hit("a")
    with pytest.raises(RateLimited) as raised:
        window.hit("a")
    assert raised.value.retry_after == 30
    now[0] = 60.5  # the first hit has left the window
    window.hit("a")
    SlidingWindow(0).hit("a")  # 0 turns the limit off
