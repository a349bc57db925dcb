"""Calling the API as a family's app or as a member of staff, in tests."""

from __future__ import annotations

from typing import Any

import httpx

from graphql_client import graphql


async def call(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    **headers: str,
) -> dict[str, Any]:
    """One GraphQL request, with the staff token in the Authorization header if given."""
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await graphql(client, query, variables, **headers)


async def ok(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
) -> dict[str, Any]:
    """The data of a request that must succeed."""
    result = await call(client, query, variables, token=token)
    assert "errors" not in result, result["errors"]
    return result["data"]


def codes(result: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


def fields(result: dict[str, Any]) -> set[str]:
    """The fields named by BAD_USER_INPUT errors."""
    return {e["extensions"].get("field") for e in result.get("errors", [])}
