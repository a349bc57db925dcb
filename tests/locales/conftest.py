"""Fixtures for locale tests: the renderer tests' browser and WeasyPrint guard, demo stores."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from services.database import make_engine, upgrade
from services.seed import seed_demo
from services.store import Store

RENDERER_TESTS = Path(__file__).resolve().parents[1] / "renderers"
sys.path.insert(0, str(RENDERER_TESTS))  # renderer_factories, pdf_inspect

# One browser recipe for the whole suite: the renderer tests' fixtures, bound here by name so
# pytest offers them to this folder too (a conftest's fixtures reach only its own folder).
_spec = importlib.util.spec_from_file_location("renderer_test_fixtures",
                                               RENDERER_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_renderer_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_renderer_fixtures)
browser = _renderer_fixtures.browser
page = _renderer_fixtures.page
weasyprint_log = _renderer_fixtures.weasyprint_log  # autouse: any WeasyPrint warning fails
AXE = _renderer_fixtures.AXE


@pytest.fixture
def scratch_engine(tmp_path: Path) -> Iterator[Engine]:
    """The demo Local Offer in a database of this test's own, free to change."""
    engine = make_engine(f"sqlite:///{tmp_path / 'scratch.db'}")
    upgrade(engine)
    seed_demo(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def scratch_store(scratch_engine: Engine) -> Store:
    return Store(scratch_engine)
