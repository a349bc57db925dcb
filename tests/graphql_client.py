"""Sends GraphQL requests in tests the way an app does: POST /graphql with JSON."""

from __future__ import annotations

import httpx


async def graphql(client: httpx.AsyncClient, query: str, variables: dict | None = None,
                  **headers: str) -> dict:
    """POST a GraphQL request; the HTTP status is always 200 with a JSON body."""
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}},
                                 headers=headers)
    assert response.status_code == 200, response.text
    return response.json()
