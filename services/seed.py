"""Loads a catalogue from data files (the demo Local Offer or a synthetic one) in one go."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from babel import Locale
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from services.errors import InvalidInput
from services.models import (
    DELIVERY_TAXONOMY,
    NEEDS_TAXONOMY,
    SECTIONS_TAXONOMY,
    SEND_PROVISION_QUESTIONS,
    Accessibility,
    Attribute,
    CostOption,
    Language,
    LocalOffer,
    Location,
    Organization,
    Page,
    SendProvisionAnswer,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    utcnow,
)

DEMO = Path(__file__).parent / "demo"
REVIEW_INTERVAL_MONTHS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last))


def read_demo(folder: Path = DEMO) -> dict[str, Any]:
    """The demo catalogue: taxonomy, council, and every part-*.json merged."""
    merged: dict[str, Any] = {"organizations": [], "locations": [], "services": [], "pages": []}
    for part in sorted(folder.glob("part-*.json")):
        data = json.loads(part.read_text(encoding="utf-8"))
        for key in merged:
            merged[key].extend(data.get(key, []))
    merged["taxonomies"] = json.loads((folder / "taxonomy.json").read_text("utf-8"))["taxonomies"]
    merged["local_offer"] = json.loads((folder / "council.json").read_text("utf-8"))
    return merged


def _language_name(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, LookupError):
        return code


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def catalogue_rows(data: dict[str, Any]) -> dict[type[SQLModel], list[dict[str, Any]]]:
    """Turn catalogue data into table rows, refusing dangling references before any write."""
    rows: dict[type[SQLModel], list[dict[str, Any]]] = {
        m: []
        for m in (
            Taxonomy,
            TaxonomyTerm,
            Organization,
            Location,
            Accessibility,
            Service,
            ServiceAtLocation,
            CostOption,
            Language,
            ServiceArea,
            Attribute,
            SendProvisionAnswer,
            Page,
            LocalOffer,
        )
    }
    now = utcnow()
    position = 0
    for taxonomy in data["taxonomies"]:
        rows[Taxonomy].append({k: taxonomy.get(k, "") for k in ("id", "name", "description")})
        for term in taxonomy["terms"]:
            for parent, node in [(None, term)] + [
                (term["id"], c) for c in term.get("children", [])
            ]:
                position += 1
                rows[TaxonomyTerm].append(
                    {
                        "id": node["id"],
                        "taxonomy_id": taxonomy["id"],
                        "parent_id": parent,
                        "code": node["id"],
                        "name": node["name"],
                        "description": node.get("description", ""),
                        "position": position,
                    }
                )
    terms = {r["id"]: r["taxonomy_id"] for r in rows[TaxonomyTerm]}
    orgs = {o["id"] for o in data["organizations"]}
    locations = {loc["id"] for loc in data["locations"]}

    def check(kind: str, value: str, known: Iterable[str], owner: str) -> None:
        if value not in known:
            raise InvalidInput(f"{owner} refers to unknown {kind} {value!r}.")

    for o in data["organizations"]:
        rows[Organization].append(
            {
                **{k: o.get(k) for k in ("id", "name", "email", "url", "phone")},
                "description": o.get("description", ""),
                "last_modified": now,
            }
        )
    for loc in data["locations"]:
        if loc.get("organization"):
            check("organization", loc["organization"], orgs, loc["id"])
        rows[Location].append(
            {
                "id": loc["id"],
                "organization_id": loc.get("organization"),
                "name": loc["name"],
                "location_type": "physical",
                "country": "GB",
                "description": loc.get("description", ""),
                **{
                    k: loc.get(k)
                    for k in ("address_1", "city", "postal_code", "latitude", "longitude")
                },
            }
        )
        for i, feature in enumerate(loc.get("accessibility", [])):
            rows[Accessibility].append(
                {"id": f"{loc['id']}:a{i}", "location_id": loc["id"], "description": feature}
            )
    seen: set[str] = set()
    for s in data["services"]:
        sid = s["id"]
        if sid in seen:
            raise InvalidInput(f"Service id {sid!r} appears twice.")
        seen.add(sid)
        check("organization", s["organization"], orgs, sid)
        assured = _date(s.get("assured_date"))
        rows[Service].append(
            {
                "id": sid,
                "organization_id": s["organization"],
                "name": s["name"],
                "status": s.get("status", "active"),
                "description": s.get("description", ""),
                "eligibility_description": s.get("eligibility_description", ""),
                "application_process": s.get("application_process", ""),
                "decision_process": s.get("decision_process", ""),
                "referral_route": s.get("referral_route", "self_referral"),
                **{
                    k: s.get(k)
                    for k in (
                        "alternate_name",
                        "url",
                        "email",
                        "phone",
                        "minimum_age",
                        "maximum_age",
                        "fees_description",
                    )
                },
                "schedule_description": s.get("schedule"),
                "out_of_area": bool(s.get("out_of_area")),
                "out_of_area_name": s.get("out_of_area") or None,
                "easy_read_description": "\n".join(s.get("easy_read", [])),
                "assured_date": assured,
                "review_due_date": add_months(assured, REVIEW_INTERVAL_MONTHS) if assured else None,
                "last_modified": now,
            }
        )
        for loc_id in s.get("locations", []):
            check("location", loc_id, locations, sid)
            rows[ServiceAtLocation].append(
                {"id": f"{sid}@{loc_id}", "service_id": sid, "location_id": loc_id}
            )
        for i, c in enumerate(s.get("cost_options", [])):
            rows[CostOption].append(
                {
                    "id": f"{sid}:c{i}",
                    "service_id": sid,
                    "currency": "GBP",
                    **{k: c.get(k) for k in ("option", "amount", "amount_description")},
                }
            )
        for code in dict.fromkeys(s.get("languages", ["en"])):
            rows[Language].append(
                {
                    "id": f"{sid}:{code}",
                    "service_id": sid,
                    "code": code,
                    "name": _language_name(code),
                }
            )
        if s.get("out_of_area"):
            rows[ServiceArea].append(
                {
                    "id": f"{sid}:area",
                    "service_id": sid,
                    "name": s["out_of_area"],
                    "description": None,
                }
            )
        for taxonomy, key in (
            (SECTIONS_TAXONOMY, "sections"),
            (NEEDS_TAXONOMY, "needs"),
            (DELIVERY_TAXONOMY, "delivery_modes"),
        ):
            for term in dict.fromkeys(s.get(key, [])):
                if terms.get(term) != taxonomy:
                    raise InvalidInput(f"{sid} refers to unknown {key} term {term!r}.")
                rows[Attribute].append(
                    {
                        "id": f"{sid}:{term}",
                        "link_id": sid,
                        "link_type": key,
                        "link_entity": "service",
                        "taxonomy_term_id": term,
                        "value": None,
                    }
                )
        for i, question in enumerate(SEND_PROVISION_QUESTIONS):
            answer = (s.get("send_provision") or {}).get(question)
            if answer:
                rows[SendProvisionAnswer].append(
                    {
                        "id": f"{sid}:{question}",
                        "service_id": sid,
                        "question": question,
                        "answer": answer,
                        "position": i,
                    }
                )
    for p in data.get("pages", []):
        if p.get("section"):
            check("section", p["section"], terms, p["slug"])
        rows[Page].append(
            {
                "id": p["slug"],
                "slug": p["slug"],
                "section_id": p.get("section"),
                "title": p["title"],
                "summary": p.get("summary", ""),
                "body": p.get("body", ""),
                "easy_read_description": "\n".join(p.get("easy_read", [])),
                "assured_date": _date(p.get("assured_date")),
                "last_modified": now,
            }
        )
    if data.get("local_offer"):
        rows[LocalOffer].append({"id": 1, "last_modified": now, **data["local_offer"]})
    return rows


def load_catalogue(engine: Engine, data: dict[str, Any], *, batch: int = 2000) -> int:
    """Insert a whole catalogue in one transaction: all of it or none. Returns services loaded."""
    rows = catalogue_rows(data)
    with engine.begin() as connection:
        for model, items in rows.items():
            table = model.__table__  # type: ignore[attr-defined]
            for start in range(0, len(items), batch):
                connection.execute(sa.insert(table), items[start : start + batch])
    with engine.begin() as connection:
        # Fresh statistics, so the query planner picks indexes that suit this catalogue.
        connection.execute(sa.text("ANALYZE"))
    return len(rows[Service])


def is_empty(engine: Engine) -> bool:
    with engine.connect() as connection:
        return not connection.execute(sa.text("SELECT 1 FROM service LIMIT 1")).first()


def seed_demo(engine: Engine) -> int:
    """Load the demo Local Offer into an empty database; never touches existing data."""
    if not is_empty(engine):
        return 0
    return load_catalogue(engine, read_demo())
