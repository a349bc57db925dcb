"""Catalogue rows to ORUK records: ids, paging, edge cases, and that the validators really bite."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from services import openreferral as oruk
from services.documents import LocationRecord, ServiceRecord
from services.models import Location, Organization, Service
from services.seed import load_catalogue, read_demo
from services.store import Store


def record(**service: Any) -> ServiceRecord:
    defaults: dict[str, Any] = {
        "id": "svc-test",
        "organization_id": "org-test",
        "name": "Test service",
        "last_modified": dt.datetime(2026, 3, 1, 9, 30),
    }
    return ServiceRecord(
        service=Service(**(defaults | service)),
        organization=None,
        locations=[],
        sections=[],
        needs=[],
        delivery_modes=[],
        cost_options=[],
        languages=[],
        send_provision=[],
    )


# -- ids and pages -------------------------------------------------------------------------------


def test_feed_ids_are_stable_uuids_per_kind() -> None:
    first = oruk.feed_id("service", "svc-a-portage")
    assert first == oruk.feed_id("service", "svc-a-portage")
    assert str(uuid.UUID(first)) == first
    assert first != oruk.feed_id("location", "svc-a-portage")
    # A record that already has a UUID (imported from another feed) keeps it.
    native = "0B6F1A48-2D6C-4C3A-9C2B-6E5E7D4F3A21"
    assert oruk.feed_id("service", native) == native.lower()


def test_resolve_id_takes_feed_or_native_ids() -> None:
    natives = ["svc-a", "svc-b"]
    assert oruk.resolve_id("service", oruk.feed_id("service", "svc-b"), natives) == "svc-b"
    assert oruk.resolve_id("service", "svc-a", natives) == "svc-a"
    assert oruk.resolve_id("service", oruk.feed_id("location", "svc-b"), natives) is None
    assert oruk.resolve_id("service", "svc-c", natives) is None


def test_an_empty_result_is_one_empty_first_and_last_page() -> None:
    assert oruk.page([], total=0, page_number=1, per_page=50) == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


# -- records -------------------------------------------------------------------------------------


def test_unknown_values_are_left_out_not_null(schemas: Any) -> None:
    body = oruk.service_full(record(url=None, email=None, description=""))
    assert None not in body.values()
    assert {"url", "email", "description", "fees", "organization"}.isdisjoint(body)
    assert body["last_modified"] == "2026-03-01T09:30:00+00:00"  # naive rows are UTC
    schemas.check(body, "uk/service", "hsds/service")


def test_an_organization_keeps_its_required_description(schemas: Any) -> None:
    org = Organization(id="org-test", name="Test org", description="")
    body = oruk.service_full(replace(record(), organization=org))
    assert body["organization"]["description"] == ""
    assert body["organization"]["phones"] == []
    schemas.check(body, "uk/service", "hsds/service")


def test_a_location_without_an_address_has_no_addresses(schemas: Any) -> None:
    online = Location(id="loc-online", name="Online", location_type="virtual")
    body = oruk.service_full(replace(record(), locations=[LocationRecord(online, [])]))
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"] == [] and location["location_type"] == "virtual"
    assert "latitude" not in location
    schemas.check(body, "uk/service", "hsds/service")


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"email": "email-example_com"}, "email"),
        ({"url": "example/counselling"}, "uri"),
        ({"id": "svc-not-a-uuid"}, "uuid"),
        ({"status": "open"}, "is not one of"),
        ({"last_modified": "2026-03-01T09:30:00"}, "date-time"),
    ],
)
def test_the_validators_catch_what_the_oruk_validator_fails(
    schemas: Any, change: dict[str, str], complaint: str
) -> None:
    """The ORUK validator's failing mocks have a bad email and url: ours must fail them too."""
    good = oruk.service_full(record(email="team@example.org.uk", url="https://example.org.uk"))
    schemas.check(good, "uk/service")
    bad = copy.deepcopy(good) | change
    problems = schemas.errors("uk/service", bad)
    assert any(complaint in p for p in problems), problems
    missing = {k: v for k, v in good.items() if k != "name"}
    assert any("'name' is a required property" in p for p in schemas.errors("uk/service", missing))


# -- statuses and imported ids, on a catalogue of our own ---------------------------------------


def small_catalogue() -> dict[str, Any]:
    demo = read_demo()
    service = {
        "organization": "org-t",
        "sections": ["health"],
        "needs": [],
        "delivery_modes": ["online"],
        "languages": ["en"],
        "locations": [],
    }
    imported = "6f1c2a9e-3b7d-4e8a-9c1f-2d3e4f5a6b7c"
    return {
        "taxonomies": demo["taxonomies"],
        "organizations": [{"id": "org-t", "name": "Test org", "description": "Runs tests."}],
        "locations": [{"id": "loc-bare", "name": "Somewhere", "description": ""}],
        "services": [
            {**service, "id": "svc-open", "name": "Open service", "locations": ["loc-bare"]},
            {**service, "id": "svc-closed", "name": "Closed for now",
             "status": "temporarily closed"},
            {**service, "id": "svc-gone", "name": "Gone service", "status": "defunct"},
            {**service, "id": "svc-paused", "name": "Paused service", "status": "inactive"},
            {**service, "id": imported, "name": "Imported service"},
        ],
        "pages": [],
    }


async def test_hidden_services_are_not_listed_but_answer_by_id(
    empty_engine: Any, schemas: Any
) -> None:
    load_catalogue(empty_engine, small_catalogue())
    app = create_app(Settings(), store=Store(empty_engine))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        listed = (await client.get("/openreferral/services")).json()
        names = {s["name"] for s in listed["contents"]}
        assert names == {"Open service", "Closed for now", "Imported service"}
        assert listed["total_items"] == 3

        for native, status in (("svc-gone", "defunct"), ("svc-paused", "inactive")):
            response = await client.get(f"/openreferral/services/{oruk.feed_id('service', native)}")
            assert response.status_code == 200 and response.json()["status"] == status

        imported = "6f1c2a9e-3b7d-4e8a-9c1f-2d3e4f5a6b7c"
        body = (await client.get(f"/openreferral/services/{imported.upper()}")).json()
        assert body["id"] == imported and body["name"] == "Imported service"

        body = (await client.get(f"/openreferral/services/{oruk.feed_id('service', 'svc-open')}"))
        location = body.json()["service_at_locations"][0]["location"]
        assert location["addresses"] == []  # no address known: none invented
        schemas.check(body.json(), "uk/service", "hsds/service")
