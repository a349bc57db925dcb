"""The Open Referral UK feed over HTTP on the demo catalogue: valid, complete, filterable, cheap."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from services.openreferral import feed_id
from services.store import PUBLIC_STATUSES, Store

PAGE_KEYS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}
PORTAGE = "svc-a-portage-home-visiting"


async def get(client: httpx.AsyncClient, path: str, **params: Any) -> Any:
    response = await client.get(f"/openreferral{path}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"] == "application/json"
    return response.json()


def check_page(body: dict[str, Any]) -> None:
    """The ORUK `Page` shape: every key, each of its type."""
    assert set(body) == set(PAGE_KEYS), body.keys()
    for key, kind in PAGE_KEYS.items():
        assert type(body[key]) is kind, (key, body[key])
    assert body["size"] == len(body["contents"])


async def all_pages(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    pages = [await get(client, path, page=1, **params)]
    for number in range(2, pages[0]["total_pages"] + 1):
        pages.append(await get(client, path, page=number, **params))
    return pages


def public_ids(store: Store) -> set[str]:
    services = store.get_services(store.all_service_ids())
    return {s.id for s in services if s is not None and s.status in PUBLIC_STATUSES}


@contextmanager
def counting(engine: Any) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# -- the API and its records --------------------------------------------------------------------


async def test_api_info_names_the_uk_profile(client: httpx.AsyncClient) -> None:
    body = await get(client, "/")
    assert body["version"] == "HSDS-UK-3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"].endswith("openapi.json")


async def test_every_service_validates_against_the_uk_profile_and_hsds(
    client: httpx.AsyncClient, demo_store: Store, schemas: Any
) -> None:
    ids = demo_store.all_service_ids()
    assert len(ids) >= 120
    for native in ids:
        body = await get(client, f"/services/{feed_id('service', native)}")
        assert body["id"] == feed_id("service", native)
        schemas.check(body, "uk/service", "hsds/service")


async def test_service_pages_validate_and_count_every_public_service(
    client: httpx.AsyncClient, demo_store: Store, schemas: Any
) -> None:
    expected = {feed_id("service", i) for i in public_ids(demo_store)}
    for full in (False, True):
        pages = await all_pages(client, "/services", per_page=100, full=str(full).lower())
        seen: list[str] = []
        for body in pages:
            check_page(body)
            assert body["total_items"] == len(expected)
            for item in body["contents"]:
                if full:
                    schemas.check(item, "uk/service", "hsds/service")
                else:
                    schemas.check(item, "uk/service_list", "hsds/service_list")
                    assert "service_at_locations" not in item  # lists carry no child lists
                seen.append(item["id"])
        assert len(seen) == len(set(seen)) and set(seen) == expected


async def test_pagination_totals_and_flags(client: httpx.AsyncClient, demo_store: Store) -> None:
    total = len(public_ids(demo_store))
    pages = await all_pages(client, "/services", per_page=7)
    assert len(pages) == math.ceil(total / 7) == pages[0]["total_pages"]
    for number, body in enumerate(pages, start=1):
        check_page(body)
        assert body["page_number"] == number
        assert body["first_page"] is (number == 1)
        assert body["last_page"] is (number == len(pages))
        assert body["size"] == (7 if number < len(pages) else total - 7 * (len(pages) - 1))
    ids = [item["id"] for body in pages for item in body["contents"]]
    assert len(ids) == len(set(ids)) == total

    beyond = await get(client, "/services", per_page=7, page=len(pages) + 1)
    check_page(beyond)
    assert beyond["empty"] is True and beyond["size"] == 0 and beyond["last_page"] is True
    assert beyond["total_items"] == total


async def test_round_trip_of_a_known_service(client: httpx.AsyncClient, demo_store: Store) -> None:
    [record] = demo_store.service_records([PORTAGE])
    service = record.service
    body = await get(client, f"/services/{feed_id('service', PORTAGE)}")
    assert body == await get(client, f"/services/{PORTAGE}")  # our own id answers too

    for field in ("name", "description", "eligibility_description", "application_process",
                  "minimum_age", "maximum_age", "alternate_name", "url", "email", "status"):
        assert body[field] == getattr(service, field), field
    assert service.assured_date is not None
    assert body["assured_date"] == service.assured_date.isoformat()
    assert record.organization is not None
    assert body["organization"]["name"] == record.organization.name
    assert body["organization"]["website"] == record.organization.url
    assert [p["number"] for p in body["phones"]] == [service.phone]
    assert [s["description"] for s in body["schedules"]] == [service.schedule_description]
    assert [sal["location"]["name"] for sal in body["service_at_locations"]] == [
        loc.location.name for loc in record.locations
    ]
    first = body["service_at_locations"][0]["location"]
    assert first["addresses"][0]["postal_code"] == record.locations[0].location.postal_code
    assert [a["description"] for a in first["accessibility"]] == [
        a.description for a in record.locations[0].accessibility
    ]
    assert sorted(lang["code"] for lang in body["languages"]) == sorted(
        lang.code for lang in record.languages
    )

    # Every attribute's term is served by /taxonomy_terms under the same id.
    by_type: dict[str, list[str]] = {}
    for attribute in body["attributes"]:
        assert attribute["link_id"] == body["id"]
        term = await get(client, f"/taxonomy_terms/{attribute['taxonomy_term_id']}")
        assert term == attribute["taxonomy_term"]
        by_type.setdefault(attribute["link_type"], []).append(term["name"])
    assert by_type["sections"] == [t.name for t in record.sections]
    assert by_type.get("needs", []) == [t.name for t in record.needs]
    assert by_type["delivery_modes"] == [t.name for t in record.delivery_modes]

    extras = body["x_local_offer"]
    assert extras["referral_route"] == service.referral_route
    assert extras["decision_process"] == service.decision_process
    assert extras["out_of_area"] is service.out_of_area
    assert extras["easy_read"] == service.easy_read_description.splitlines()


async def test_free_and_paid_services_carry_their_cost_options(
    client: httpx.AsyncClient, demo_store: Store
) -> None:
    records = demo_store.service_records(demo_store.all_service_ids())
    paid = next(r for r in records if any((c.amount or 0) > 0 for c in r.cost_options))
    body = await get(client, f"/services/{feed_id('service', paid.service.id)}")
    assert [(c.get("amount"), c["currency"]) for c in body["cost_options"]] == [
        (c.amount, "GBP") for c in paid.cost_options
    ]
    out_of_area = next(r for r in records if r.service.out_of_area)
    body = await get(client, f"/services/{feed_id('service', out_of_area.service.id)}")
    assert [a["name"] for a in body["service_areas"]] == [out_of_area.service.out_of_area_name]


# -- filters -------------------------------------------------------------------------------------


async def ids_for(client: httpx.AsyncClient, **params: Any) -> set[str]:
    pages = await all_pages(client, "/services", per_page=100, **params)
    return {item["id"] for body in pages for item in body["contents"]}


async def test_text_search_finds_a_known_service(client: httpx.AsyncClient) -> None:
    found = await ids_for(client, search="Portage home visiting")
    assert feed_id("service", PORTAGE) in found
    assert await ids_for(client, text="Portage home visiting") == found  # `text` is an alias
    assert await ids_for(client, search="!!!") == set()  # punctuation alone matches nothing


@pytest.mark.parametrize("term", ["health", "autism", "online"])
async def test_taxonomy_term_filter_matches_the_catalogue(
    client: httpx.AsyncClient, demo_store: Store, term: str
) -> None:
    records = demo_store.service_records(sorted(public_ids(demo_store)))
    expected = {
        feed_id("service", r.service.id)
        for r in records
        if any(t.id == term or t.parent_id == term
               for t in [*r.sections, *r.needs, *r.delivery_modes])
    }
    assert expected
    by_uuid = await ids_for(client, taxonomy_term_id=feed_id("taxonomy_term", term))
    assert by_uuid == expected
    assert await ids_for(client, taxonomy_term_id=term) == expected


async def test_taxonomy_filter(client: httpx.AsyncClient, demo_store: Store) -> None:
    records = demo_store.service_records(sorted(public_ids(demo_store)))
    with_needs = {feed_id("service", r.service.id) for r in records if r.needs}
    assert with_needs
    assert await ids_for(client, taxonomy_id=feed_id("taxonomy", "send-needs")) == with_needs
    # A term inside the same taxonomy narrows; one from another taxonomy is ANDed.
    autism = await ids_for(client, taxonomy_term_id="autism")
    assert await ids_for(client, taxonomy_term_id="autism", taxonomy_id="send-needs") == autism
    online = await ids_for(client, taxonomy_term_id="online")
    both = await ids_for(client, taxonomy_term_id="online", taxonomy_id="send-needs")
    assert both == online & with_needs


async def test_age_filters_find_services_for_that_age_range(
    client: httpx.AsyncClient, demo_store: Store
) -> None:
    services = [s for s in demo_store.get_services(sorted(public_ids(demo_store))) if s]

    def overlaps(s: Any, low: int, high: int) -> bool:
        return (s.maximum_age is None or s.maximum_age >= low) and (
            s.minimum_age is None or s.minimum_age <= high
        )

    expected = {feed_id("service", s.id) for s in services if overlaps(s, 19, 25)}
    assert 0 < len(expected) < len(services)
    assert await ids_for(client, minimum_age=19, maximum_age=25) == expected
    young = {feed_id("service", s.id) for s in services if overlaps(s, 0, 2)}
    assert await ids_for(client, maximum_age="2.0") == young


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=-1", "page"),
        ("page=99999999999999999999999", "page"),
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=1&per_page=2", "per_page"),
        ("minimum_age=x", "minimum_age"),
        ("minimum_age=26", "minimum_age"),
        ("maximum_age=4.5", "maximum_age"),
        ("minimum_age=10&maximum_age=5", "minimum_age"),
        ("search=" + "a" * 201, "search"),
        ("search=a&text=b", "search"),
        ("taxonomy_term_id=no-such-term", "taxonomy_term_id"),
        (f"taxonomy_term_id={uuid.uuid4()}", "taxonomy_term_id"),
        ("taxonomy_id=no-such-taxonomy", "taxonomy_id"),
        ("day=monday", "day"),
        ("start_time=09:00", "start_time"),
        ("postcode=BF1%202AB", "postcode"),
        ("full=maybe", "full"),
        ("format=ndjson", "format"),
    ],
)
async def test_bad_query_parameters_are_400_json(
    client: httpx.AsyncClient, query: str, field: str
) -> None:
    response = await client.get(f"/openreferral/services?{query}")
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "BAD_USER_INPUT" and body["field"] == field and body["message"]
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["/taxonomies", "/taxonomy_terms"])
async def test_bad_paging_on_taxonomies_is_400(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(f"/openreferral{path}?per_page=500")
    assert response.status_code == 400 and response.json()["field"] == "per_page"


@pytest.mark.parametrize(
    "path",
    [
        f"/services/{uuid.uuid4()}",
        "/services/no-such-service",
        f"/taxonomies/{uuid.uuid4()}",
        "/taxonomies/no-such-taxonomy",
        f"/taxonomy_terms/{uuid.uuid4()}",
        "/taxonomy_terms/no-such-term",
    ],
)
async def test_unknown_ids_are_404_json(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(f"/openreferral{path}")
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"
    assert response.headers["access-control-allow-origin"] == "*"


# -- taxonomies ----------------------------------------------------------------------------------


async def test_taxonomies_validate_and_hold_their_terms(
    client: httpx.AsyncClient, demo_store: Store, schemas: Any
) -> None:
    body = await get(client, "/taxonomies")
    check_page(body)
    taxonomies = demo_store.taxonomies()
    assert body["total_items"] == len(taxonomies)
    assert {t["id"] for t in body["contents"]} == {feed_id("taxonomy", t.id) for t in taxonomies}
    for item in body["contents"]:
        schemas.check(item, "uk/taxonomy", "hsds/taxonomy")
        full = await get(client, f"/taxonomies/{item['id']}")
        schemas.check(full, "uk/taxonomy", "hsds/taxonomy")
        [native] = [t.id for t in taxonomies if feed_id("taxonomy", t.id) == item["id"]]
        assert [t["code"] for t in full["taxonomy_terms"]] == [
            t.code for t in demo_store.terms(native)
        ]


async def test_taxonomy_terms_validate_and_link_up(
    client: httpx.AsyncClient, demo_store: Store, schemas: Any
) -> None:
    pages = await all_pages(client, "/taxonomy_terms", per_page=20)
    terms = [item for body in pages for item in body["contents"]]
    assert pages[0]["total_items"] == len(terms) == len(demo_store.all_terms())
    ids = {t["id"] for t in terms}
    taxonomy_ids = {feed_id("taxonomy", t.id) for t in demo_store.taxonomies()}
    for term in terms:
        schemas.check(term, "uk/taxonomy_term", "hsds/taxonomy_term")
        assert term.get("parent_id", term["id"]) in ids
        assert term["taxonomy_id"] in taxonomy_ids
    one = await get(client, f"/taxonomy_terms/{terms[-1]['id']}")
    assert one == terms[-1]


# -- cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"full": "true"}, {"taxonomy_term_id": "health", "search": "support"}],
)
async def test_a_page_costs_the_same_statements_whatever_its_size(
    client: httpx.AsyncClient, demo_store: Store, params: dict[str, str]
) -> None:
    counts = {}
    for per_page in (1, 100):
        with counting(demo_store.engine) as statements:
            body = await get(client, "/services", per_page=per_page, **params)
        assert body["size"] == min(per_page, body["total_items"])
        counts[per_page] = len(statements)
    assert counts[1] == counts[100], counts
    assert counts[100] <= 16, counts


async def test_one_service_costs_a_fixed_number_of_statements(
    client: httpx.AsyncClient, demo_store: Store
) -> None:
    with counting(demo_store.engine) as statements:
        await get(client, f"/services/{feed_id('service', PORTAGE)}")
    assert len(statements) <= 14, statements
