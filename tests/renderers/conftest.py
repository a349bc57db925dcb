"""Fixtures for renderer tests: WeasyPrint log guard, one shared browser, the demo catalogue."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the helper modules beside this file

from browser_tools import AXE, CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from renderer_factories import demo_documents  # noqa: E402


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """Any WeasyPrint warning or error (a refused URL, an ignored CSS rule, a missing alt)
    fails the test that caused it."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
    if handler.records:
        messages = "\n".join(f"{r.levelname}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"WeasyPrint logged:\n{messages}")


def _missing(reason: str) -> None:
    """CI must have every tool: there a missing one fails; on a laptop it skips, saying why."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason + " (CI=true: install it with scripts/system-deps.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium per test module, driven by Playwright (never a
    downloaded browser build), with an empty profile and no background network.

    Module scope, not session: Playwright's sync API keeps an event loop running while it is
    open, which would break the asyncio tests that pytest runs after this module."""
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is not installed (Debian package chromium)")
    if not AXE.exists():
        _missing(f"{AXE} is missing (npm package axe-core)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="renderer-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1024, "height": 900}, offline=True,
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def demo() -> dict[str, Any]:
    found = demo_documents()
    if found is None:
        pytest.skip("services/demo has no part-*.json files yet")
    return found
