"""Runs blocking store and service calls in a worker thread, so the event loop never waits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from anyio import to_thread

T = TypeVar("T")


async def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` in a worker thread (keyword arguments are why this is not simply
    `to_thread.run_sync`)."""
    return await to_thread.run_sync(lambda: fn(*args, **kwargs))
