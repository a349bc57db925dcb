"""Search filters mean what a family would expect, on every backend."""

from __future__ import annotations

import pytest

from services.errors import InvalidInput
from services.search import Near, ServiceQuery, fts5_query
from services.store import Store


def search(store: Store, **kwargs) -> list:
    return store.search_services(ServiceQuery(**kwargs), offset=0, limit=200).services


def test_age_is_contained(demo_store: Store) -> None:
    found = search(demo_store, age=19)
    assert found
    assert all((s.minimum_age or 0) <= 19 <= (s.maximum_age or 25) for s in found)


def test_age_range_overlaps(demo_store: Store) -> None:
    found = search(demo_store, age_from=0, age_to=2)
    assert found and all((s.minimum_age or 0) <= 2 for s in found)
    assert all((s.maximum_age or 25) >= 0 for s in found)


def test_free_only(demo_store: Store) -> None:
    records = demo_store.service_records([s.id for s in search(demo_store, free_only=True)])
    assert records and all(r.is_free for r in records)
    assert len(records) < demo_store.count_services()


def test_out_of_area(demo_store: Store) -> None:
    outside = search(demo_store, out_of_area=True)
    assert len(outside) >= 8 and all(s.out_of_area and s.out_of_area_name for s in outside)
    assert not any(s.out_of_area for s in search(demo_store, out_of_area=False))


def test_section_includes_children(demo_store: Store) -> None:
    health = {s.id for s in search(demo_store, sections=("health",))}
    mental = {s.id for s in search(demo_store, sections=("mental-health",))}
    assert mental and mental < health


def test_needs_and_modes_and_languages(demo_store: Store) -> None:
    autism = search(demo_store, needs=("communication-interaction",))
    assert autism
    online = search(demo_store, delivery_modes=("online",))
    records = demo_store.service_records([s.id for s in online])
    assert records and all(any(t.id == "online" for t in r.delivery_modes) for r in records)
    polish = demo_store.service_records([s.id for s in search(demo_store, languages=("pl",))])
    assert polish and all(any(lang.code == "pl" for lang in r.languages) for r in polish)


def test_near_orders_by_distance(demo_store: Store) -> None:
    result = demo_store.search_services(
        ServiceQuery(near=Near(52.63, -1.48, 3.0)), offset=0, limit=200)
    distances = [result.distances_km[s.id] for s in result.services]
    assert distances and distances == sorted(distances) and max(distances) <= 3.0
    everything = demo_store.search_services(ServiceQuery(near=Near(52.63, -1.48, 200)),
                                            offset=0, limit=1)
    assert everything.total > result.total


def test_text_is_ranked(demo_store: Store) -> None:
    found = search(demo_store, text="wheelchair")
    assert found and "wheelchair" in found[0].name.lower()


def test_paging_is_stable(demo_store: Store) -> None:
    first = demo_store.search_services(ServiceQuery(), offset=0, limit=10)
    second = demo_store.search_services(ServiceQuery(), offset=10, limit=10)
    assert first.total == second.total == demo_store.count_services()
    assert not {s.id for s in first.services} & {s.id for s in second.services}


def test_fts_query_quotes_every_word() -> None:
    assert fts5_query(["near", 'a"b']) == '"near" "a""b"'
    assert ServiceQuery(text='speech* AND "(therapy)" -x').words == [
        "speech", "and", "therapy", "x"]


def test_validation_names_the_field() -> None:
    with pytest.raises(InvalidInput) as error:
        ServiceQuery(near=Near(91, 0, 5)).validate()
    assert error.value.field == "near.latitude"
