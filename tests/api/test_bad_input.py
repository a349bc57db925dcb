"""Bad input gets a clear error with a code, never a 500 or a stack trace."""

from __future__ import annotations

import httpx
import pytest

from graphql_client import graphql


def only_error(result: dict) -> dict:
    assert len(result["errors"]) == 1, result
    return result["errors"][0]


async def test_unknown_service_is_null_with_not_found(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ service(id: "no-such-service") { id name } }')
    assert result["data"] == {"service": None}
    error = only_error(result)
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "no-such-service" in error["message"]


async def test_unknown_page_is_null_with_not_found(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ page(slug: "nope") { title } }')
    assert result["data"] == {"page": None}
    assert only_error(result)["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("age", [-1, 26, 200])
async def test_age_outside_0_to_25_is_bad_user_input(client: httpx.AsyncClient, age: int) -> None:
    result = await graphql(client, "query($a: Int){ services(filter: {age: $a}) { totalCount } }",
                           {"a": age})
    error = only_error(result)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "age"}
    assert "0 and 25" in error["message"]


async def test_reversed_age_range_is_bad_user_input(client: httpx.AsyncClient) -> None:
    result = await graphql(client, "{ services(filter: {ageRange: {from: 10, to: 5}}) "
                                   "{ totalCount } }")
    assert only_error(result)["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("text", ['"', "(", "NEAR", "speech*", "-autism", "AND", "OR NOT",
                                  'autism" OR "x', "speech NEAR(therapy, 2)", "^", "'; DROP",
                                  "الدعم", "zwiększenie"])
async def test_search_syntax_is_plain_words(client: httpx.AsyncClient, text: str) -> None:
    result = await graphql(client, "query($t: String){ services(filter: {text: $t}) "
                                   "{ totalCount edges { node { id } } } }", {"t": text})
    assert "errors" not in result, result
    assert result["data"]["services"]["totalCount"] >= 0


async def test_operator_words_are_searched_as_words(client: httpx.AsyncClient) -> None:
    plain = await graphql(client, '{ services(filter: {text: "autism"}) { totalCount } }')
    starred = await graphql(client, '{ services(filter: {text: "autism*"}) { totalCount } }')
    assert plain["data"]["services"]["totalCount"] > 0
    assert starred == plain  # "*" is punctuation, not a prefix operator


async def test_unknown_section_is_named(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ services(filter: {sections: ["health", "made-up"]}) '
                                   "{ totalCount } }")
    error = only_error(result)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "sections"}
    assert "made-up" in error["message"] and "health" not in error["message"]


async def test_unknown_need_is_named(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ services(filter: {needs: ["autism", "unicorns"]}) '
                                   "{ totalCount } }")
    assert "unicorns" in only_error(result)["message"]


@pytest.mark.parametrize("first", [0, -5, 101, 10_000])
async def test_page_size_limit(client: httpx.AsyncClient, first: int) -> None:
    result = await graphql(client, "query($f: Int){ services(first: $f) { totalCount } }",
                           {"f": first})
    error = only_error(result)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "100" in error["message"]


async def test_forged_cursor_is_bad_user_input(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ services(after: "not-a-cursor") { totalCount } }')
    assert only_error(result)["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_unsupported_locale_lists_supported(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ services(locale: "tlh") { totalCount } }')
    error = only_error(result)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "pl" in error["message"] and "ur" in error["message"]


async def test_bad_near_radius(client: httpx.AsyncClient) -> None:
    result = await graphql(client, "{ services(filter: {near: {latitude: 52.6, longitude: -1.5, "
                                   "radiusKm: 0}}) { totalCount } }")
    assert only_error(result)["extensions"]["field"] == "near.radiusKm"


async def test_too_deep_query_is_refused(client: httpx.AsyncClient) -> None:
    deep = "{ sections { " + "children { " * 12 + "id" + " }" * 12 + " } }"
    result = await graphql(client, deep)
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "depth" in result["errors"][0]["message"]


async def test_too_many_aliases_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(f"a{i}: localOffer {{ title }}" for i in range(40)) + " }"
    result = await graphql(client, query)
    assert "alias" in result["errors"][0]["message"].lower()


async def test_too_many_tokens_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ localOffer { " + " ".join(["title"] * 3000) + " } }"
    result = await graphql(client, query)
    assert "token" in result["errors"][0]["message"].lower()


@pytest.mark.parametrize("body", [b"{not json", b'{"query": 5}', b"", b'{"variables": {}}'])
async def test_malformed_requests_get_4xx_without_trace(client: httpx.AsyncClient,
                                                        body: bytes) -> None:
    response = await client.post("/graphql", content=body,
                                 headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.text and 'File "' not in response.text


async def test_unexpected_errors_are_masked_and_logged(
    client: httpx.AsyncClient, demo_store, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("connection string postgres://secret@db")

    monkeypatch.setattr(demo_store, "local_offer", broken)
    result = await graphql(client, "{ localOffer { title } }")
    error = only_error(result)
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in str(result) and "RuntimeError" not in str(result)
    assert "secret" in caplog.text  # the operator can still see what happened


async def test_huge_cursor_is_bad_user_input(client: httpx.AsyncClient) -> None:
    import base64

    cursor = base64.urlsafe_b64encode(b"offset:10000000000000000000000").decode()
    result = await graphql(client, "query($a: String){ services(after: $a) { totalCount } }",
                           {"a": cursor})
    assert only_error(result)["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_wrong_variable_types_are_bad_input_and_never_logged(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    result = await graphql(client, "query($f: Int!){ services(first: $f) { totalCount } }",
                           {"f": "jo.secret@example.com"})
    assert only_error(result)["extensions"]["code"] == "BAD_USER_INPUT"
    assert "jo.secret" not in caplog.text  # variables can hold a family's contact details


async def test_syntax_errors_have_a_code(client: httpx.AsyncClient) -> None:
    error = only_error(await graphql(client, "{ services { totalCount "))
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["locations"]


def test_unpublished_default_locale_stops_start_up(demo_store) -> None:
    from api.app import create_app
    from api.settings import Settings

    with pytest.raises(ValueError, match="fr"):
        create_app(Settings(default_locale="fr"), store=demo_store)


async def test_a_locale_applies_to_its_own_root_field_only(client: httpx.AsyncClient) -> None:
    result = await graphql(client, """{
      english: page(slug: "send-mediation") { title section { name } translation { locale } }
      urdu: page(slug: "send-mediation", locale: "ur") { title section { name }
                                                          translation { locale } }
    }""")
    assert "errors" not in result, result
    english, urdu = result["data"]["english"], result["data"]["urdu"]
    assert english["translation"]["locale"] == "en-GB" and urdu["translation"]["locale"] == "ur"
    assert english["title"] != urdu["title"]
    assert english["section"]["name"] != urdu["section"]["name"]
