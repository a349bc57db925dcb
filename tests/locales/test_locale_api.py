"""Languages over HTTP: negotiation and Content-Language, the `locales` list, text served
translated or in English with its real language reported, and stale translations never served."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from babel.dates import format_date
from babel.numbers import format_currency
from locale_content import PAGE, PAGE_TITLE, SERVICE, SERVICE_TEXT, demo_catalogues
from lxml import html as lxml_html
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from api.app import create_app
from api.settings import Settings
from graphql_client import graphql
from services import locales
from services.changes import bump_catalogue_version
from services.models import Page, Service
from services.store import Store

LOCALE_OF_ANSWER = "{ localOffer { title translation { locale } } }"


@pytest.mark.parametrize(("header", "expected"), [
    ("en-US", "en-GB"), ("pt-BR", "pt"), ("ur-PK", "ur"), ("pa-IN", "pa"),
    ("fr, pl;q=0.5", "pl"), ("pl;q=0.3, ar;q=0.9", "ar"), ("bn;q=0, es", "es"),
    ("de", "en-GB"), ("", "en-GB"),
])
async def test_accept_language_is_negotiated(client: httpx.AsyncClient, header: str,
                                             expected: str) -> None:
    response = await client.post("/graphql", json={"query": LOCALE_OF_ANSWER},
                                 headers={"accept-language": header})
    assert response.status_code == 200
    assert response.headers["content-language"] == expected
    assert response.json()["data"]["localOffer"]["translation"]["locale"] == expected


async def test_explicit_locale_wins_and_sets_content_language(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": f'{{ service(id: "{SERVICE}", locale: "bn") {{ translation {{ locale }} '
                       "} }"},
        headers={"accept-language": "ur-PK"})
    assert response.headers["content-language"] == "bn"
    assert response.json()["data"]["service"]["translation"]["locale"] == "bn"


async def test_unsupported_locale_is_bad_input_listing_the_supported(
        client: httpx.AsyncClient) -> None:
    body = await graphql(client, '{ sections(locale: "fr") { name } }')
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "locale"
    for code in locales.BY_CODE:
        assert code in error["message"]


async def test_locales_lists_every_language_with_completeness(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "{ locales { code englishName nativeName direction "
                                 "interfaceCompleteness contentCompleteness } }")
    found = {row["code"]: row for row in body["data"]["locales"]}
    assert list(found) == [loc.code for loc in locales.SUPPORTED]
    assert found["ur"]["nativeName"] == "اردو" and found["ur"]["direction"] == "RTL"
    assert found["ar"]["direction"] == "RTL" and found["pl"]["direction"] == "LTR"
    assert found["pa"]["englishName"] == "Panjabi (Gurmukhi)"
    assert {row["interfaceCompleteness"] for row in found.values()} == {100.0}
    assert found["en-GB"]["contentCompleteness"] == 100.0
    assert all(0.0 <= row["contentCompleteness"] <= 100.0 for row in found.values())


# -- with content catalogues written for the test ----------------------------------------------


@pytest.fixture
async def translated(scratch_store: Store, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The demo on a database of the test's own, with SERVICE_TEXT and PAGE_TITLE translated."""
    app = create_app(Settings(), store=scratch_store,
                     catalogues=demo_catalogues(scratch_store, tmp_path / "content"))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


SERVICE_QUERY = """query ($id: ID!, $locale: String) {
  service(id: $id, locale: $locale) {
    name description eligibilityDescription easyRead assuredDate assuredDateText
    translation { locale status fields { field language direction status } }
    costOptions { amount currency formattedAmount }
    sections { name translation { status } }
  }
}"""


def languages(record: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    return {f["field"]: (f["language"], f["direction"], f["status"])
            for f in record["translation"]["fields"]}


async def test_text_is_translated_or_english_with_its_language(
        translated: httpx.AsyncClient) -> None:
    body = await graphql(translated, SERVICE_QUERY, {"id": SERVICE, "locale": "ur"})
    service = body["data"]["service"]
    assert service["name"] == SERVICE_TEXT["ur"]["name"]
    assert service["easyRead"] == SERVICE_TEXT["ur"]["easy_read_description"].splitlines()
    english = (await graphql(translated, SERVICE_QUERY, {"id": SERVICE}))["data"]["service"]
    assert service["eligibilityDescription"] == english["eligibilityDescription"]  # untranslated
    fields = languages(service)
    assert fields["name"] == ("ur", "RTL", "TRANSLATED")
    assert fields["easyRead"] == ("ur", "RTL", "TRANSLATED")
    assert fields["eligibilityDescription"] == ("en", "LTR", "MISSING")
    assert service["translation"] == {**service["translation"], "locale": "ur",
                                      "status": "MISSING"}
    assert all(s["translation"]["status"] in ("MISSING", "TRANSLATED")
               for s in service["sections"])
    # Dates written out by Babel in the reader's language.
    day = dt.date.fromisoformat(service["assuredDate"])
    assert service["assuredDateText"] == format_date(day, format="full", locale="ur")

    assert english["translation"]["status"] == "SOURCE"
    assert set(languages(english).values()) == {("en-GB", "LTR", "SOURCE")}


async def test_numbers_are_formatted_for_the_locale(translated: httpx.AsyncClient) -> None:
    query = ('{ services(first: 100, locale: "pl", filter: {freeOnly: false}) { edges { node { '
             "costOptions { amount currency formattedAmount } } } } }")
    body = await graphql(translated, query)
    costs = [c for e in body["data"]["services"]["edges"] for c in e["node"]["costOptions"]
             if c["amount"]]
    assert costs, "the demo has paid services"
    for cost in costs:
        assert cost["formattedAmount"] == format_currency(cost["amount"], cost["currency"],
                                                          locale="pl")


def change_english(engine: Engine) -> tuple[str, str]:
    """Staff reword the page title and the service description (the version moves on)."""
    with Session(engine) as session:
        page = session.exec(select(Page).where(Page.slug == PAGE)).one()
        service = session.get(Service, SERVICE)
        assert service is not None
        page.title = "What is SEN support at nursery, school and college?"
        service.description = "A nursery school for children aged 2 to 5, with an enhanced " \
                              "provision for young children with complex needs."
        session.add(page)
        session.add(service)
        bump_catalogue_version(session)
        session.commit()
        return page.title, service.description


async def test_stale_translations_are_never_served(translated: httpx.AsyncClient,
                                                   scratch_engine: Engine) -> None:
    page_query = f'{{ page(slug: "{PAGE}", locale: "ur") {{ title translation {{ fields {{ ' \
                 "field language status } } } }"
    before = (await graphql(translated, page_query))["data"]["page"]
    assert before["title"] == PAGE_TITLE["ur"]
    html_before = (await translated.get(f"/renditions/pages/{PAGE}.html?locale=ur")).text
    assert PAGE_TITLE["ur"] in html_before

    new_title, new_description = change_english(scratch_engine)

    page = (await graphql(translated, page_query))["data"]["page"]
    assert page["title"] == new_title
    assert {"field": "title", "language": "en", "status": "STALE"} in page["translation"]["fields"]
    service = (await graphql(translated, SERVICE_QUERY,
                             {"id": SERVICE, "locale": "ur"}))["data"]["service"]
    assert service["description"] == new_description
    assert languages(service)["description"] == ("en", "LTR", "STALE")
    assert service["name"] == SERVICE_TEXT["ur"]["name"]  # unchanged English: still current

    # The document says so too: the English title is marked as English, the old Urdu is gone.
    response = await translated.get(f"/renditions/pages/{PAGE}.html?locale=ur")
    assert response.headers["content-language"] == "ur"
    assert PAGE_TITLE["ur"] not in response.text
    tree = lxml_html.fromstring(response.text)
    assert tree.get("lang") == "ur" and tree.get("dir") == "rtl"
    heading = tree.xpath("//h1")[0]
    assert heading.text_content().strip() == new_title
    assert (heading.get("lang"), heading.get("dir")) == ("en", "ltr")

    # And translators are told.
    status = await graphql(translated, '{ translationStatus(locale: "ur", kind: PAGE, '
                                       'statuses: [STALE]) { totalCount edges { node { id status '
                                       "fields { field key status } } } } }")
    report = status["data"]["translationStatus"]
    assert report["totalCount"] == 1
    node = report["edges"][0]["node"]
    assert (node["id"], node["status"]) == (PAGE, "STALE")
    assert {"field": "title", "key": f"page:{PAGE}:title", "status": "STALE"} in node["fields"]


async def test_translation_status_pages_through_what_is_left(
        translated: httpx.AsyncClient) -> None:
    query = """query ($after: String) {
      translationStatus(locale: "pl", first: 40, after: $after) {
        totalCount edges { cursor node { kind id status } } pageInfo { hasNextPage endCursor }
      }
    }"""
    seen: list[tuple[str, str]] = []
    after = None
    while True:
        report = (await graphql(translated, query, {"after": after}))["data"]["translationStatus"]
        seen += [(e["node"]["kind"], e["node"]["id"]) for e in report["edges"]]
        if not report["pageInfo"]["hasNextPage"]:
            break
        after = report["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == report["totalCount"]
    assert ("SERVICE", SERVICE) in seen  # partly translated: its eligibility is missing
    done = await graphql(translated, '{ translationStatus(locale: "pl", statuses: [TRANSLATED], '
                                     "first: 100) { edges { node { id } } } }")
    assert SERVICE in {e["node"]["id"] for e in done["data"]["translationStatus"]["edges"]}
    bad = await graphql(translated, '{ translationStatus(locale: "xx") { totalCount } }')
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
