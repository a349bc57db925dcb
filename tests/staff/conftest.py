"""Fixtures for staff work: a fresh demo Local Offer for every test, and staff tokens.

Each test gets its own copy (the tests change it), on SQLite and, when
LOCAL_OFFER_TEST_DATABASE_URL is set, on PostgreSQL.

The demo is migrated and seeded once per backend into a template: SQLite copies the file,
PostgreSQL makes a database from the template database (CREATE DATABASE ... TEMPLATE), so each
test starts from the same catalogue in a fraction of a second and never sees another's changes.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from api.app import create_app
from api.settings import Settings
from services import auth
from services.database import make_engine, normalise_url, upgrade
from services.seed import seed_demo
from services.store import Store

POSTGRES_URL = os.environ.get("LOCAL_OFFER_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
# Unique per run, so two test runs against one server never share (or drop) a template.
TEMPLATE_DATABASE = f"test_staff_template_{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Template:
    backend: str
    url: str


def _postgres(database: str) -> str:
    assert POSTGRES_URL
    return (
        make_url(normalise_url(POSTGRES_URL))
        .set(database=database)
        .render_as_string(hide_password=False)
    )


def _admin(statement: str) -> None:
    """CREATE/DROP DATABASE cannot run in a transaction: use autocommit on the server's db."""
    assert POSTGRES_URL
    admin = sa.create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(statement))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def staff_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Template]:
    if request.param == "postgresql":
        _admin(f'DROP DATABASE IF EXISTS "{TEMPLATE_DATABASE}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{TEMPLATE_DATABASE}"')
        url = _postgres(TEMPLATE_DATABASE)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('staff') / 'template.db'}"
    engine = make_engine(url)
    upgrade(engine)
    seed_demo(engine)
    engine.dispose()  # a template database must have no connections when it is copied
    yield Template(request.param, url)
    if request.param == "postgresql":
        _admin(f'DROP DATABASE IF EXISTS "{TEMPLATE_DATABASE}" WITH (FORCE)')


@pytest.fixture
def staff_engine(staff_template: Template, tmp_path: Path) -> Iterator[Engine]:
    """A database of its own for one test, holding the demo Local Offer."""
    if staff_template.backend == "postgresql":
        name = f"test_staff_{uuid.uuid4().hex[:12]}"
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DATABASE}"')
        engine = make_engine(_postgres(name))
        yield engine
        engine.dispose()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    source = Path(make_url(staff_template.url).database or "")
    target = tmp_path / "staff.db"
    shutil.copyfile(source, target)
    engine = make_engine(f"sqlite:///{target}")
    yield engine
    engine.dispose()


@pytest.fixture
def staff_settings() -> Settings:
    # High enough that only the rate-limit test meets the limit.
    return Settings(public_mutations_per_minute=1000)


@pytest.fixture
async def staff_client(
    staff_engine: Engine, staff_settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(staff_settings, store=Store(staff_engine))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def tokens(staff_engine: Engine) -> dict[str, str]:
    """A bearer token for each role, by role name."""
    return {
        role: auth.create_token(staff_engine, name=f"Test {role}", role=role)[1]
        for role in auth.ROLES
    }
