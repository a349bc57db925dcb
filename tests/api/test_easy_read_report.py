"""Editors see where staff-written easy-read text breaks the rules, so they can fix it."""

from __future__ import annotations

import httpx

from graphql_client import graphql
from services.auth import create_token

DRAFT = ("You can get help from the SALT team and the EP.\n"
         "We meet three times a term, e.g. on Mondays.\n"
         "Our next meeting is on 3/3/25.\n"
         "This service is for children and young people who live in Brackenford and who need "
         "help with speaking, listening and understanding.")


async def test_editor_checks_a_draft(client: httpx.AsyncClient, demo_engine) -> None:
    _, token = create_token(demo_engine, name="Easy read editor", role="editor")
    result = await graphql(client, "query($t: String!) { checkEasyRead(text: $t) "
                                   "{ rule message excerpt } }", {"t": DRAFT},
                           Authorization=f"Bearer {token}")
    assert "errors" not in result, result
    rules = [f["rule"] for f in result["data"]["checkEasyRead"]]
    assert rules.count("acronym") == 2  # SALT and EP; nothing in the glossary explains them
    assert {"number_word", "abbreviation", "date_in_figures", "sentence_length"} <= set(rules)
    long = next(f for f in result["data"]["checkEasyRead"] if f["rule"] == "sentence_length")
    assert "21 words" in long["message"] and long["excerpt"].startswith("This service")


async def test_report_on_a_demo_service_is_clean(client: httpx.AsyncClient, demo_engine) -> None:
    _, token = create_token(demo_engine, name="Easy read editor", role="editor")
    result = await graphql(client, '{ service(id: "svc-a-hollins-park-primary") '
                                   "{ easyRead easyReadReport { rule } } }",
                           Authorization=f"Bearer {token}")
    assert result["data"]["service"]["easyRead"]
    assert result["data"]["service"]["easyReadReport"] == []


async def test_families_cannot_see_the_report(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ checkEasyRead(text: "Hello.") { rule } }')
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
