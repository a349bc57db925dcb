"""What renderers turn into formats: records with their relations, and documents made of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from services.models import (
    Accessibility,
    CostOption,
    Language,
    LocalOffer,
    Location,
    Organization,
    Page,
    SendProvisionAnswer,
    Service,
    TaxonomyTerm,
)


@dataclass(frozen=True)
class LocationRecord:
    location: Location
    accessibility: list[Accessibility]


@dataclass(frozen=True)
class ServiceRecord:
    """A service with everything a document says about it.

    `content_lang` maps a text field name to the language its text is actually in, where that
    differs from the document's locale (an untranslated or stale field falls back to English).
    """

    service: Service
    organization: Organization | None
    locations: list[LocationRecord]
    sections: list[TaxonomyTerm]
    needs: list[TaxonomyTerm]
    delivery_modes: list[TaxonomyTerm]
    cost_options: list[CostOption]
    languages: list[Language]
    send_provision: list[SendProvisionAnswer]
    content_lang: dict[str, str] = field(default_factory=dict)

    @property
    def is_free(self) -> bool:
        return not any((c.amount or 0) > 0 for c in self.cost_options)


@dataclass(frozen=True)
class PageRecord:
    page: Page
    section: TaxonomyTerm | None
    content_lang: dict[str, str] = field(default_factory=dict)


DocumentKind = Literal["service", "page", "booklet", "local_offer"]


@dataclass(frozen=True)
class Document:
    """One thing to render: a service, an information page, a booklet of services, or the
    whole Local Offer. `sections` orders and titles a booklet's contents.

    `content_lang` does for the text outside the records what their own `content_lang` does:
    it maps `term:<id>:<field>`, `local_offer:<id>:<field>` and `document:title` to the
    language the text is actually in, where that differs from the document's locale."""

    kind: DocumentKind
    title: str
    local_offer: LocalOffer
    services: list[ServiceRecord] = field(default_factory=list)
    pages: list[PageRecord] = field(default_factory=list)
    sections: list[TaxonomyTerm] = field(default_factory=list)
    generated_on: dt.date = field(default_factory=dt.date.today)
    content_lang: dict[str, str] = field(default_factory=dict)

    @property
    def last_checked(self) -> dt.date | None:
        """The oldest assured date in the document: when all of it was last checked."""
        dates = [r.service.assured_date for r in self.services if r.service.assured_date]
        dates += [p.page.assured_date for p in self.pages if p.page.assured_date]
        return min(dates) if dates else None
