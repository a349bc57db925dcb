"""Shared fixtures: the demo catalogue on SQLite, and on PostgreSQL when a test URL is given."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from api.app import create_app
from api.settings import Settings
from services.database import make_engine, normalise_url, upgrade
from services.seed import seed_demo
from services.store import Store

POSTGRES_URL = os.environ.get("LOCAL_OFFER_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def fresh_postgres(url: str, schema: str) -> str:
    """A URL whose connections use an emptied schema of their own, so test runs never mix."""
    admin = sa.create_engine(normalise_url(url))
    with admin.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def backend_url(backend: str, tmp: Path, name: str) -> str:
    if backend == "postgresql":
        assert POSTGRES_URL
        return fresh_postgres(POSTGRES_URL, name)
    return f"sqlite:///{tmp / (name + '.db')}"


@pytest.fixture(scope="session", params=BACKENDS)
def demo_engine(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo Local Offer, migrated and seeded once per backend; tests must not change it."""
    url = backend_url(request.param, tmp_path_factory.mktemp("db"), "demo")
    engine = make_engine(url)
    upgrade(engine)
    seed_demo(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on SQLite (and PostgreSQL when parametrized to)."""
    backend = getattr(request, "param", "sqlite")
    engine = make_engine(backend_url(backend, tmp_path, "scratch"))
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_store(demo_engine: Engine) -> Store:
    return Store(demo_engine)


@pytest.fixture
async def client(demo_store: Store) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(), store=demo_store)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
