"""Every operation an app sends (graphql/operations/*.graphql) runs over HTTP without errors."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from graphql_client import graphql

OPERATIONS = sorted((Path(__file__).parents[2] / "graphql" / "operations").glob("*.graphql"))


def test_there_are_operations() -> None:
    names = {p.stem for p in OPERATIONS}
    assert {"SearchServices", "ServicePage", "Sections", "InformationPage"} <= names


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda p: p.stem)
async def test_operation_runs(client: httpx.AsyncClient, operation: Path) -> None:
    variables_file = operation.with_suffix(".variables.json")
    variables = json.loads(variables_file.read_text()) if variables_file.exists() else {}
    result = await graphql(client, operation.read_text(), variables)
    assert "errors" not in result, result.get("errors")
    assert result["data"] and all(v is not None for v in result["data"].values())


async def test_search_page_returns_ranked_matches(client: httpx.AsyncClient) -> None:
    operation = (OPERATIONS[0].parent / "SearchServices.graphql").read_text()
    result = await graphql(client, operation, {"filter": {"text": "speech language therapy"}})
    services = result["data"]["services"]
    assert services["totalCount"] >= 3
    top = services["edges"][0]["node"]
    assert "speech" in (top["name"] + top["description"]).lower()
