"""Loading is all or nothing, and seeding never overwrites a council's data."""

from __future__ import annotations

import copy

import pytest
import sqlalchemy as sa

from services.errors import InvalidInput
from services.seed import load_catalogue, read_demo, seed_demo
from services.store import Store


def test_dangling_reference_loads_nothing(empty_engine) -> None:
    data = copy.deepcopy(read_demo())
    data["services"][-1]["locations"] = ["loc-does-not-exist"]
    with pytest.raises(InvalidInput, match="loc-does-not-exist"):
        load_catalogue(empty_engine, data)
    assert Store(empty_engine).count_services() == 0


def test_database_error_mid_load_rolls_back(empty_engine) -> None:
    data = copy.deepcopy(read_demo())
    data["services"].append(dict(data["services"][0], id="dup", name=None))  # NOT NULL fails
    with pytest.raises(sa.exc.IntegrityError):
        load_catalogue(empty_engine, data)
    assert Store(empty_engine).count_services() == 0


def test_seed_only_fills_an_empty_catalogue(empty_engine) -> None:
    loaded = seed_demo(empty_engine)
    assert loaded >= 120
    with empty_engine.begin() as c:
        c.execute(sa.text("UPDATE service SET name = 'Changed by the council' WHERE id = "
                          "(SELECT min(id) FROM service)"))
    assert seed_demo(empty_engine) == 0
    with empty_engine.connect() as c:
        names = c.execute(sa.text("SELECT name FROM service")).scalars().all()
    assert "Changed by the council" in names
