"""Fixtures for the Open Referral UK feed tests: the schema validators, built once."""

from __future__ import annotations

import pytest
from oruk_schemas import Schemas, schema_root


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    return Schemas(schema_root())
