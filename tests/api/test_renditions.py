"""Renditions over GraphQL and HTTP: every format, caching by content, bounded work."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlmodel import Session

from api.app import create_app
from api.settings import Settings
from graphql_client import graphql
from renderers import REGISTRY
from services.changes import bump_catalogue_version
from services.seed import seed_demo
from services.store import Store

SERVICE = "svc-a-hollins-park-primary"
RENDITION = """query($id: ID!, $format: RenderFormat!, $locale: String, $size: Int) {
  service(id: $id) { rendition(format: $format, locale: $locale,
                               options: {fontSizePt: $size}) {
    format mediaType locale sha256 byteSize text url } } }"""


async def rendition(client: httpx.AsyncClient, fmt: str, **variables) -> dict:
    result = await graphql(client, RENDITION, {"id": SERVICE, "format": fmt.upper(),
                                               **variables})
    assert "errors" not in result, result["errors"]
    return result["data"]["service"]["rendition"]


@pytest.mark.parametrize("fmt", list(REGISTRY))
async def test_every_format_downloads_as_described(client: httpx.AsyncClient, fmt: str) -> None:
    described = await rendition(client, fmt, locale="pl")
    renderer = REGISTRY[fmt]
    assert described["mediaType"] == renderer.media_type and described["locale"] == "pl"
    assert (described["text"] is None) == renderer.binary
    response = await client.get(described["url"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(renderer.media_type)
    assert hashlib.sha256(response.content).hexdigest() == described["sha256"]
    assert len(response.content) == described["byteSize"]
    assert response.headers["etag"] == f'"{described["sha256"]}"'
    assert response.headers["content-language"] == "pl"
    assert "no-cache" in response.headers["cache-control"]
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("inline; filename=") and renderer.extension in disposition
    if renderer.binary:
        assert response.content.startswith(b"%PDF-")
    else:
        assert response.text == described["text"]
    again = await client.get(described["url"], headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


async def test_html_downloads_may_not_run_script(client: httpx.AsyncClient) -> None:
    described = await rendition(client, "html")
    response = await client.get(described["url"])
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_download_locale_from_accept_language(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/renditions/services/{SERVICE}.plain_text",
                                headers={"Accept-Language": "ur-PK, en;q=0.5"})
    assert response.status_code == 200 and response.headers["content-language"] == "ur"


@pytest.mark.parametrize(("path", "status", "field"), [
    ("/renditions/services/no-such-service.pdf", 404, "subject"),
    (f"/renditions/services/{SERVICE}.docx", 400, "format"),
    (f"/renditions/services/{SERVICE}.large_print_pdf?fontSize=40", 400, "font_size_pt"),
    (f"/renditions/services/{SERVICE}.large_print_pdf?fontSize=big", 400, "fontSize"),
    (f"/renditions/services/{SERVICE}.pdf?locale=xx", 400, "locale"),
    ("/renditions/pages/no-such-page.html", 404, "subject"),
    ("/renditions/booklet.html", 400, "ids"),
    ("/renditions/unknown/thing.html", 400, "kind"),
])
async def test_bad_download_requests_are_clear(client: httpx.AsyncClient, path: str,
                                               status: int, field: str) -> None:
    response = await client.get(path)
    assert response.status_code == status
    assert response.json()["field"] == field and response.json()["message"]


async def test_page_collection_and_whole_offer(client: httpx.AsyncClient) -> None:
    result = await graphql(client, """{
      page(slug: "send-mediation") { rendition(format: EASY_READ, locale: "pl") { url byteSize } }
      renderCollection(format: PLAIN_TEXT, section: "health") { text }
      byIds: renderCollection(format: HTML, ids: ["svc-a-hollins-park-primary"]) { byteSize }
      found: renderCollection(format: PLAIN_TEXT, filter: {text: "wheelchair"}) { text }
      localOfferRendition(format: PLAIN_TEXT) { byteSize }
    }""")
    assert "errors" not in result, result["errors"]
    data = result["data"]
    assert data["page"]["rendition"]["byteSize"] > 0
    assert "Contents" in data["renderCollection"]["text"]
    assert "Wheelchair" in data["found"]["text"]
    assert data["localOfferRendition"]["byteSize"] > data["byIds"]["byteSize"]


@pytest.mark.parametrize("arguments", ['', 'section: "health", ids: ["x"]', 'ids: []'])
async def test_collection_needs_exactly_one_subject(client: httpx.AsyncClient,
                                                    arguments: str) -> None:
    result = await graphql(client, "{ renderCollection(format: HTML%s) { url } }"
                           % (", " + arguments if arguments else ""))
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_collection_names_unknown_ids(client: httpx.AsyncClient) -> None:
    result = await graphql(client, '{ renderCollection(format: HTML, ids: ["nope"]) { url } }')
    assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "nope" in result["errors"][0]["message"]


@pytest.fixture
async def own_app(empty_engine) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    """An app on its own database, for tests that change the catalogue or the settings."""
    seed_demo(empty_engine)
    app = create_app(Settings(render_concurrency=1, render_queue=1),
                     store=Store(empty_engine))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c, app


async def test_repeat_is_served_from_cache_until_the_catalogue_changes(own_app, empty_engine
                                                                       ) -> None:
    client, app = own_app
    renditions = app.state.renditions
    first = await rendition(client, "pdf")
    made = renditions.renders
    assert (await rendition(client, "pdf"))["sha256"] == first["sha256"]
    assert renditions.renders == made  # served from the cache
    with Session(empty_engine) as session:
        bump_catalogue_version(session)
        session.commit()
    await rendition(client, "pdf")
    assert renditions.renders == made + 1  # a change means a fresh rendering


async def test_past_the_queue_bound_the_answer_is_503(own_app, monkeypatch) -> None:
    client, app = own_app
    renditions = app.state.renditions
    release = threading.Event()
    real = renditions._render

    def slow(request):
        release.wait(10)
        return real(request)

    monkeypatch.setattr(renditions, "_render", slow)
    # concurrency 1 + queue 1: two different documents in progress, the third is refused.
    pending = [asyncio.create_task(client.get(f"/renditions/services/{SERVICE}.plain_text"
                                              f"?locale={loc}")) for loc in ("pl", "ro")]
    for _ in range(200):  # wait until both are in progress, however slow the machine
        if renditions.outstanding == 2:
            break
        await asyncio.sleep(0.05)
    assert renditions.outstanding == 2
    refused = await client.get(f"/renditions/services/{SERVICE}.plain_text?locale=es")
    release.set()
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert [r.status_code for r in await asyncio.gather(*pending)] == [200, 200]
    assert (await client.get(f"/renditions/services/{SERVICE}.plain_text?locale=es")
            ).status_code == 200


@pytest.mark.parametrize("name", ["local-offer", "you-said-we-did"])
async def test_whole_documents_download(client: httpx.AsyncClient, name: str) -> None:
    response = await client.get(f"/renditions/{name}.plain_text?locale=pl")
    assert response.status_code == 200 and response.text.strip()
    assert response.headers["content-disposition"].endswith('-pl.txt"')


async def test_booklet_download_checks_its_ids(client: httpx.AsyncClient) -> None:
    unknown = await client.get("/renditions/booklet.html?ids=nope,svc-a-hollins-park-primary")
    assert unknown.status_code == 404 and "nope" in unknown.json()["message"]
    too_many = ",".join(f"x{i}" for i in range(101))
    assert (await client.get(f"/renditions/booklet.html?ids={too_many}")).status_code == 400


async def test_downloads_follow_the_default_locale(demo_store) -> None:
    app = create_app(Settings(default_locale="pl"), store=demo_store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        response = await c.get(f"/renditions/services/{SERVICE}.plain_text")
    assert response.headers["content-language"] == "pl"
