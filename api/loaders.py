"""Per-request DataLoaders: one SQL statement per relation, whatever the page size."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from anyio import to_thread
from strawberry.dataloader import DataLoader

from services.models import (
    DELIVERY_TAXONOMY,
    NEEDS_TAXONOMY,
    SECTIONS_TAXONOMY,
    Accessibility,
    CostOption,
    Language,
    Location,
    Organization,
    SendProvisionAnswer,
    Service,
    TaxonomyTerm,
)
from services.store import Store

T = TypeVar("T")


def _loader(fn: Callable[[Sequence[str]], list[T]]) -> DataLoader[str, T]:
    async def load(keys: list[str]) -> list[T]:
        # Store calls block on the database: run them off the event loop.
        return await to_thread.run_sync(fn, keys)

    return DataLoader(load_fn=load)


def _terms(store: Store, taxonomy: str) -> Callable[[Sequence[str]], list[list[TaxonomyTerm]]]:
    return lambda ids: store.terms_for_services(taxonomy, ids)


@dataclass
class Loaders:
    services: DataLoader[str, Service | None]
    organizations: DataLoader[str, Organization | None]
    terms: DataLoader[str, TaxonomyTerm | None]
    locations: DataLoader[str, list[Location]]
    accessibility: DataLoader[str, list[Accessibility]]
    cost_options: DataLoader[str, list[CostOption]]
    languages: DataLoader[str, list[Language]]
    send_provision: DataLoader[str, list[SendProvisionAnswer]]
    sections: DataLoader[str, list[TaxonomyTerm]]
    needs: DataLoader[str, list[TaxonomyTerm]]
    delivery_modes: DataLoader[str, list[TaxonomyTerm]]

    @classmethod
    def create(cls, store: Store) -> Loaders:
        loaders: dict[str, Any] = {
            "services": _loader(store.get_services),
            "organizations": _loader(store.get_organizations),
            "terms": _loader(store.get_terms),
            "locations": _loader(store.locations_for_services),
            "accessibility": _loader(store.accessibility_for_locations),
            "cost_options": _loader(store.cost_options_for_services),
            "languages": _loader(store.languages_for_services),
            "send_provision": _loader(store.send_provision_for_services),
            "sections": _loader(_terms(store, SECTIONS_TAXONOMY)),
            "needs": _loader(_terms(store, NEEDS_TAXONOMY)),
            "delivery_modes": _loader(_terms(store, DELIVERY_TAXONOMY)),
        }
        return cls(**loaders)
