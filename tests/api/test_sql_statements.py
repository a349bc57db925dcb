"""One request issues a constant number of SQL statements, whatever the page size."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import event

from graphql_client import graphql

PAGE = """query($first: Int) { services(first: $first) { totalCount edges { node {
  id name isFree deliveryModes costOptions { amount } languages { code }
  organization { name } locations { name accessibility } sections { name } needs { name }
  sendProvision { question } } } } }"""


@contextmanager
def counting(engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_page_of_1_and_of_100_issue_the_same_statements(client: httpx.AsyncClient,
                                                              demo_store) -> None:
    counts = {}
    for first in (1, 100):
        with counting(demo_store.engine) as statements:
            result = await graphql(client, PAGE, {"first": first})
        assert "errors" not in result
        assert len(result["data"]["services"]["edges"]) == first
        counts[first] = len(statements)
    assert counts[1] == counts[100], counts
    assert counts[100] <= 14  # page + count + one per relation
