"""Editing over HTTP: validation, change log, search, archiving and the catalogue version.

Validation is all or nothing; the catalogue version is what makes cached renditions stale.
"""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
from sqlalchemy.engine import Engine
from staff_api import call, codes, fields, ok

from api.renditions import Renditions
from api.renditions import Request as RenditionRequest
from services.changes import catalogue_version
from services.seed import add_months
from services.store import Store
from services.translations import ContentCatalogues

SERVICE = "svc-a-hollins-park-primary"
ORG = "org-a-bcc-send"

UPDATE = """
mutation Update($id: ID!, $input: ServiceInput!) {
  updateService(id: $id, input: $input) { id name email minimumAge sections { id } }
}"""
CREATE = """
mutation Create($input: ServiceInput!) {
  createService(input: $input) { id name status assuredDate reviewDueDate }
}"""
ARCHIVE = """
mutation Archive($id: ID!) { archiveService(id: $id, status: DEFUNCT, reason: "Closed") { status } }
"""
SEARCH = """
query Search($text: String!) {
  services(filter: {text: $text}) { totalCount edges { node { id } } }
}
"""
LOG = """
query Log($id: ID!) {
  changeLog(resourceId: $id) {
    resourceType lastActionType fieldName previousValue replacementValue updatedBy
  }
}"""


async def search_ids(client: httpx.AsyncClient, text: str) -> list[str]:
    data = await ok(client, SEARCH, {"text": text})
    return [e["node"]["id"] for e in data["services"]["edges"]]


async def test_update_is_logged_searchable_and_bumps_the_version(
    staff_client: httpx.AsyncClient, staff_engine: Engine, tokens: dict[str, str]
) -> None:
    editor = tokens["editor"]
    before = catalogue_version(staff_engine)
    data = await ok(
        staff_client,
        UPDATE,
        {
            "id": SERVICE,
            "input": {
                "name": "Hollins Park Kingfisher Primary",
                "email": "office@hollins.example.org.uk",
                "sections": ["mainstream-schools"],
            },
        },
        token=editor,
    )
    assert data["updateService"]["name"] == "Hollins Park Kingfisher Primary"
    assert [s["id"] for s in data["updateService"]["sections"]] == ["mainstream-schools"]
    assert catalogue_version(staff_engine) == before + 1

    # Search is kept by triggers (SQLite) or a generated column (PostgreSQL).
    assert SERVICE in await search_ids(staff_client, "kingfisher primary")

    log = (await ok(staff_client, LOG, {"id": SERVICE}, token=editor))["changeLog"]
    by_field = {e["fieldName"]: e for e in log}
    assert by_field["name"]["previousValue"] == "Hollins Park Primary School: SEN support"
    assert by_field["name"]["replacementValue"] == "Hollins Park Kingfisher Primary"
    assert by_field["name"]["lastActionType"] == "update"
    assert by_field["name"]["updatedBy"].startswith("Test editor (tok_")
    assert json.loads(by_field["sections"]["previousValue"]) == [
        "mainstream-schools",
        "sen-support",
    ]
    assert "minimum_age" not in by_field  # only what changed is logged


async def test_any_invalid_field_saves_nothing(
    staff_client: httpx.AsyncClient, staff_engine: Engine, tokens: dict[str, str]
) -> None:
    before = catalogue_version(staff_engine)
    result = await call(
        staff_client,
        UPDATE,
        {
            "id": SERVICE,
            "input": {
                "name": "A perfectly good new name",
                "email": "not an email",
                "url": "javascript:alert(1)",
                "minimumAge": 30,
                "sections": ["no-such-section"],
                "easyRead": ["x" * 201],
            },
        },
        token=tokens["editor"],
    )
    assert set(codes(result)) == {"BAD_USER_INPUT"}
    assert fields(result) == {"email", "url", "minimumAge", "sections", "easyRead"}
    assert catalogue_version(staff_engine) == before
    assert SERVICE not in await search_ids(staff_client, "perfectly good")
    log = await ok(staff_client, LOG, {"id": SERVICE}, token=tokens["editor"])
    assert log["changeLog"] == []
    crossed = await call(
        staff_client,
        UPDATE,
        {"id": SERVICE, "input": {"minimumAge": 10, "maximumAge": 5}},
        token=tokens["editor"],
    )
    assert fields(crossed) == {"maximumAge"}
    unknown = await call(
        staff_client, UPDATE, {"id": "svc-nope", "input": {"name": "x"}}, token=tokens["editor"]
    )
    assert codes(unknown) == ["NOT_FOUND"]


async def test_create_and_archive_a_service(
    staff_client: httpx.AsyncClient, tokens: dict[str, str]
) -> None:
    editor = tokens["editor"]
    missing = await call(staff_client, CREATE, {"input": {"name": "Only a name"}}, token=editor)
    assert fields(missing) == {"organizationId", "description"}
    created = (
        await ok(
            staff_client,
            CREATE,
            {
                "input": {
                    "name": "Quillwort Sensory Play Mornings",
                    "organizationId": ORG,
                    "description": "Sensory play for under-fives with SEND and their parents.",
                    "minimumAge": 0,
                    "maximumAge": 5,
                    "sections": ["early-years"],
                    "deliveryModes": ["IN_PERSON"],
                    "languages": ["en", "pl"],
                }
            },
            token=editor,
        )
    )["createService"]
    today = dt.date.today()
    assert created["status"] == "ACTIVE"
    assert created["assuredDate"] == today.isoformat()
    assert created["reviewDueDate"] == add_months(today, 12).isoformat()
    assert await search_ids(staff_client, "quillwort") == [created["id"]]

    archived = await ok(staff_client, ARCHIVE, {"id": created["id"]}, token=editor)
    assert archived["archiveService"]["status"] == "DEFUNCT"
    assert await search_ids(staff_client, "quillwort") == []  # gone from public search
    page = await ok(
        staff_client, "query($id: ID!) { service(id: $id) { status } }", {"id": created["id"]}
    )
    assert page["service"]["status"] == "DEFUNCT"  # the record stays


async def test_organizations_locations_and_pages(
    staff_client: httpx.AsyncClient, tokens: dict[str, str]
) -> None:
    editor = tokens["editor"]
    org = (
        await ok(
            staff_client,
            """mutation { createOrganization(input: {
        name: "Brackenford Sensory Trust", url: "https://sensory.example.org.uk" }) { id name } }
    """,
            token=editor,
        )
    )["createOrganization"]
    bad = await call(
        staff_client,
        """mutation($id: ID!) {
        updateOrganization(id: $id, input: {email: "x", url: "ftp://x", phone: "abc"}) { id } }
    """,
        {"id": org["id"]},
        token=editor,
    )
    assert fields(bad) == {"email", "url", "phone"}

    location = (
        await ok(
            staff_client,
            """mutation($org: ID!) { createLocation(input: {
        name: "Sensory Room", organizationId: $org, postalCode: "bf12ab",
        accessibility: ["Step-free entrance", "Hearing loop"] }) { id postalCode accessibility }
    }""",
            {"org": org["id"]},
            token=editor,
        )
    )["createLocation"]
    assert location["postalCode"] == "BF1 2AB"
    assert location["accessibility"] == ["Step-free entrance", "Hearing loop"]
    bad = await call(
        staff_client,
        """mutation($id: ID!) { updateLocation(id: $id, input: {
        postalCode: "nowhere", latitude: 123 }) { id } }""",
        {"id": location["id"]},
        token=editor,
    )
    assert fields(bad) == {"postalCode", "latitude"}

    await ok(
        staff_client,
        """mutation($id: ID!, $loc: ID!) {
        updateService(id: $id, input: {locationIds: [$loc]}) { id } }""",
        {"id": SERVICE, "loc": location["id"]},
        token=editor,
    )
    await ok(
        staff_client,
        "mutation($id: ID!) { archiveLocation(id: $id) { id } }",
        {"id": location["id"]},
        token=editor,
    )
    where = await ok(
        staff_client, "query($id: ID!) { service(id: $id) { locations { id } } }", {"id": SERVICE}
    )
    assert where["service"]["locations"] == []

    page = (
        await ok(
            staff_client,
            """mutation { createPage(input: {
        slug: "sensory-rooms", title: "Sensory rooms", summary: "Where to find them.",
        body: "## What they are\\n\\nQuiet rooms.", sectionId: "health" }) { slug title } }
    """,
            token=editor,
        )
    )["createPage"]
    clash = await call(
        staff_client,
        """mutation { createPage(input: {
        slug: "sensory-rooms", title: "Again" }) { slug } }""",
        token=editor,
    )
    assert fields(clash) == {"slug"}
    await ok(
        staff_client,
        """mutation { updatePage(slug: "sensory-rooms",
        input: {title: "Sensory rooms near you"}) { title } }""",
        token=editor,
    )
    await ok(staff_client, 'mutation { archivePage(slug: "sensory-rooms") { slug } }', token=editor)
    gone = await call(staff_client, '{ page(slug: "sensory-rooms") { title } }')
    assert codes(gone) == ["NOT_FOUND"]
    log = (await ok(staff_client, LOG, {"id": page["slug"]}, token=editor))["changeLog"]
    snapshot = next(e for e in log if e["lastActionType"] == "archive")
    assert json.loads(snapshot["previousValue"])["title"] == "Sensory rooms near you"

    archived = await ok(
        staff_client,
        """mutation($id: ID!) {
        archiveOrganization(id: $id, status: INACTIVE) { id } }""",
        {"id": ORG},
        token=editor,
    )
    assert archived["archiveOrganization"]["id"] == ORG
    statuses = await ok(
        staff_client,
        """{ services(first: 100) { edges { node {
        organization { id } } } } }""",
    )
    assert ORG not in {e["node"]["organization"]["id"] for e in statuses["services"]["edges"]}


async def test_an_edit_makes_a_cached_rendition_stale(
    staff_client: httpx.AsyncClient, staff_engine: Engine, tokens: dict[str, str]
) -> None:
    renditions = Renditions(Store(staff_engine), ContentCatalogues())
    request = RenditionRequest("service", (SERVICE,), "pdf", "en-GB")
    first = await renditions.get(request)
    again = await renditions.get(request)
    assert again is first and renditions.renders == 1  # served from the cache

    await ok(
        staff_client,
        UPDATE,
        {"id": SERVICE, "input": {"name": "Hollins Park Renamed"}},
        token=tokens["editor"],
    )
    fresh = await renditions.get(request)
    assert renditions.renders == 2
    assert fresh.sha256 != first.sha256


@pytest.mark.parametrize(
    "mutation",
    [
        f'updateService(id: "{SERVICE}", input: {{phone: "0113 496 0001"}}) {{ id }}',
        f'archiveService(id: "{SERVICE}") {{ id }}',
        f'markReviewed(id: "{SERVICE}") {{ id }}',
        'createOrganization(input: {name: "New"}) { id }',
        f'updateOrganization(id: "{ORG}", input: {{phone: "0113 496 0002"}}) {{ id }}',
        f'archiveOrganization(id: "{ORG}") {{ id }}',
        'createLocation(input: {name: "New place"}) { id }',
        'updateLocation(id: "loc-a-civic-centre", input: {city: "Brackenford"}) { id }',
        'archiveLocation(id: "loc-a-civic-centre") { id }',
        'createPage(input: {slug: "new-page", title: "New"}) { slug }',
        'updatePage(slug: "personal-budgets", input: {summary: "Changed."}) { slug }',
        'archivePage(slug: "personal-budgets") { slug }',
    ],
    ids=lambda m: m.split("(")[0],
)
async def test_every_edit_bumps_the_catalogue_version(
    staff_client: httpx.AsyncClient,
    staff_engine: Engine,
    tokens: dict[str, str],
    mutation: str,
) -> None:
    before = catalogue_version(staff_engine)
    await ok(staff_client, f"mutation {{ {mutation} }}", token=tokens["editor"])
    assert catalogue_version(staff_engine) == before + 1


@pytest.mark.parametrize(("values", "field"), [
    ({"name": ""}, "name"),
    ({"organizationId": "org-does-not-exist", "name": "Renamed"}, "organizationId"),
])
async def test_update_with_a_blank_or_dangling_value_is_a_field_error(
    staff_client: httpx.AsyncClient, staff_engine: Engine, tokens: dict[str, str],
    values: dict, field: str,
) -> None:
    before = catalogue_version(staff_engine)
    result = await call(staff_client, UPDATE, {"id": SERVICE, "input": values},
                        token=tokens["editor"])
    assert codes(result) and set(codes(result)) == {"BAD_USER_INPUT"}, result
    assert any(field in (f or "") for f in fields(result)), fields(result)
    assert catalogue_version(staff_engine) == before  # nothing saved
