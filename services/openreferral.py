"""Catalogue rows as Open Referral UK 3.0 records (the UK profile of HSDS 3.0): pure mapping.

What goes where, and why:

- Ids. The profile requires every `id` to be a UUID; our ids are readable slugs. A record whose id
  already is a UUID (say, imported from another ORUK feed) keeps it, so an exchange round-trips;
  any other id is mapped to a name-based UUID (v5) under a namespace fixed for this service, so
  it is the same in every response and every run. `resolve_id` maps a feed id back.
- Fields. The UK profile is a subset of HSDS 3.0; it leaves out some HSDS service fields that a
  Local Offer must publish (`eligibility_description`, `application_process`, `alternate_name`,
  `fees_description`, `phones`, language `name`/`code`, cost `currency`). The profile permits
  further properties that do not conflict with HSDS, so we publish those HSDS 3.0 fields as HSDS
  defines them, and `fees` (the profile's field) as well as `fees_description`.
- Local Offer extras with no HSDS field (referral route, how decisions are made, out of area,
  review due date, easy read, SEND Regulations answers) go in one local property, `x_local_offer`:
  the profile asks for a convention that marks local properties, and the `x_` prefix will never
  collide with an HSDS field.
- HSDS string fields are not nullable: unknown values are left out rather than sent as null.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from services.documents import LocationRecord, ServiceRecord
from services.models import (
    DELIVERY_TAXONOMY,
    NEEDS_TAXONOMY,
    SECTIONS_TAXONOMY,
    Organization,
    Service,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
)

# What `GET /` answers: the profile's own version label and documentation (as the ORUK validator
# expects them), and the OpenAPI file that defines these endpoints.
HSDS_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json"

# Never change: consumers key their copies of our records on the ids derived from it.
ID_NAMESPACE = uuid.UUID("b9728528-7a15-4661-99d4-5e557918a599")
_CANONICAL_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)

# HSDS requires state_province on an address; a Local Offer is published by an English council
# (Children and Families Act 2014), and England is the UK subdivision that field can hold.
STATE_PROVINCE = "England"

EXTENSION = "x_local_offer"

# attribute.link_type says why a term is linked to a service; the same codes the store keeps.
LINK_TYPES = {
    SECTIONS_TAXONOMY: "sections",
    NEEDS_TAXONOMY: "needs",
    DELIVERY_TAXONOMY: "delivery_modes",
}


# -- ids ---------------------------------------------------------------------------------------


def is_uuid(value: str) -> bool:
    return bool(_CANONICAL_UUID.fullmatch(value))


def feed_id(kind: str, native_id: str) -> str:
    """The UUID a record of this kind has in the feed (see the module docstring)."""
    if is_uuid(native_id):
        return native_id.lower()
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{native_id}"))


def resolve_id(kind: str, wanted: str, native_ids: Iterable[str]) -> str | None:
    """The native id that `wanted` names, given as a feed id or as the native id itself."""
    natives = list(native_ids)
    if wanted in natives:
        return wanted
    if not is_uuid(wanted):
        return None
    wanted = wanted.lower()
    return next((n for n in natives if feed_id(kind, n) == wanted), None)


# -- helpers -----------------------------------------------------------------------------------


def _compact(record: dict[str, Any], *, keep: Iterable[str] = ()) -> dict[str, Any]:
    """Leave out unknown values: HSDS types are not nullable. `keep` names required fields."""
    kept = set(keep)
    return {k: v for k, v in record.items() if k in kept or (v is not None and v != "")}


def _datetime(value: dt.datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive datetimes; the store writes UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# -- records -----------------------------------------------------------------------------------


def api_info() -> dict[str, str]:
    """What `GET /` says about the API."""
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


def page(
    contents: Sequence[dict[str, Any]], *, total: int, page_number: int, per_page: int
) -> dict[str, Any]:
    """A paginated list as the ORUK `Page` schema has it; pages are numbered from 1."""
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": list(contents),
    }


def _phone(owner: str, owner_id: str, number: str, **link: str) -> dict[str, Any]:
    return {"id": feed_id("phone", f"{owner}:{owner_id}"), **link, "number": number}


def organization_record(org: Organization, *, phones: bool = False) -> dict[str, Any]:
    """An organization; `phones` adds HSDS 3.0 phones (the UK profile has no place for them)."""
    oid = feed_id("organization", org.id)
    record = _compact(
        {
            "id": oid,
            "name": org.name,
            "description": org.description,
            "email": org.email,
            "website": org.url,
        },
        keep=("description",),
    )
    if phones:
        record["phones"] = (
            [_phone("organization", org.id, org.phone, organization_id=oid)] if org.phone else []
        )
    return record


def service_summary(service: Service, organization: Organization | None) -> dict[str, Any]:
    """A service as `/services` lists it: its own fields and its organization, no child lists."""
    return _compact(
        {
            "id": feed_id("service", service.id),
            "organization_id": feed_id("organization", service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            # `fees` is the UK profile's field, `fees_description` HSDS 3.0's: consumers read one.
            "fees": service.fees_description,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "application_process": service.application_process,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _date(service.assured_date),
            "last_modified": _datetime(service.last_modified),
            "organization": organization_record(organization) if organization else None,
        }
    )


def taxonomy_record(
    taxonomy: Taxonomy, terms: Sequence[TaxonomyTerm] | None = None
) -> dict[str, Any]:
    """A taxonomy; with `terms`, its terms too (as `/taxonomies/{id}` answers)."""
    record = _compact(
        {
            "id": feed_id("taxonomy", taxonomy.id),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "version": taxonomy.version,
        },
        keep=("description",),
    )
    if terms is not None:
        record["taxonomy_terms"] = [taxonomy_term_record(t, taxonomy, detail=False) for t in terms]
    return record


def taxonomy_term_record(
    term: TaxonomyTerm, taxonomy: Taxonomy | None, *, detail: bool = True
) -> dict[str, Any]:
    """A term. `taxonomy` is the taxonomy's name as text in both the profile and HSDS 3.0; HSDS
    puts the taxonomy itself in `taxonomy_detail` (left out where the taxonomy encloses it)."""
    return _compact(
        {
            "id": feed_id("taxonomy_term", term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": feed_id("taxonomy_term", term.parent_id) if term.parent_id else None,
            "taxonomy": taxonomy.name if taxonomy else None,
            "taxonomy_id": feed_id("taxonomy", term.taxonomy_id),
            "taxonomy_detail": taxonomy_record(taxonomy) if taxonomy and detail else None,
        },
        keep=("description",),
    )


def location_record(record: LocationRecord) -> dict[str, Any]:
    loc = record.location
    lid = feed_id("location", loc.id)
    addresses = []
    if loc.address_1 or loc.city or loc.postal_code:
        # address_1, city and postal_code are required by the profile: an unknown part is "".
        addresses.append(
            {
                "id": feed_id("address", loc.id),
                "location_id": lid,
                "address_1": loc.address_1 or "",
                "city": loc.city or "",
                "state_province": STATE_PROVINCE,
                "postal_code": loc.postal_code or "",
                "country": loc.country,
                "address_type": "postal" if loc.location_type == "postal" else "physical",
            }
        )
    return _compact(
        {
            "id": lid,
            "location_type": loc.location_type,
            "name": loc.name,
            "description": loc.description,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "addresses": addresses,
            "accessibility": [
                {
                    "id": feed_id("accessibility", a.id),
                    "location_id": lid,
                    "description": a.description,
                    # The UK profile adds `accessibility` for the same text; its examples fill both.
                    "accessibility": a.description,
                }
                for a in record.accessibility
            ],
        }
    )


def _attributes(record: ServiceRecord, taxonomies: Mapping[str, Taxonomy]) -> list[dict[str, Any]]:
    service = record.service
    sid = feed_id("service", service.id)
    linked = (
        (SECTIONS_TAXONOMY, record.sections),
        (NEEDS_TAXONOMY, record.needs),
        (DELIVERY_TAXONOMY, record.delivery_modes),
    )
    return [
        {
            # From the (service, term) pair, which is what makes an attribute unique.
            "id": feed_id("attribute", f"{service.id}:{term.id}"),
            "link_id": sid,
            "link_type": LINK_TYPES[taxonomy_id],
            "link_entity": "service",
            "taxonomy_term_id": feed_id("taxonomy_term", term.id),
            "taxonomy_term": taxonomy_term_record(term, taxonomies.get(term.taxonomy_id)),
        }
        for taxonomy_id, terms in linked
        for term in terms
    ]


def _local_offer(record: ServiceRecord) -> dict[str, Any]:
    """What a Local Offer says and HSDS has no field for (SEND Code of Practice chapter 4)."""
    service = record.service
    return _compact(
        {
            "referral_route": service.referral_route,
            "decision_process": service.decision_process,
            "out_of_area": service.out_of_area,
            "out_of_area_name": service.out_of_area_name,
            "review_due_date": _date(service.review_due_date),
            "easy_read": [line for line in service.easy_read_description.splitlines() if line],
            "send_provision": [
                {"question": a.question, "answer": a.answer} for a in record.send_provision
            ],
        }
    )


def service_full(
    record: ServiceRecord,
    *,
    service_areas: Sequence[ServiceArea] = (),
    taxonomies: Mapping[str, Taxonomy] | None = None,
) -> dict[str, Any]:
    """A service with everything about it, as `/services/{id}` answers. `taxonomies` (by native
    id) names each linked term's taxonomy."""
    service = record.service
    sid = feed_id("service", service.id)
    full = service_summary(service, record.organization)
    if record.organization is not None:
        full["organization"] = organization_record(record.organization, phones=True)
    full["phones"] = (
        [_phone("service", service.id, service.phone, service_id=sid)] if service.phone else []
    )
    full["schedules"] = (
        [
            {
                "id": feed_id("schedule", service.id),
                "service_id": sid,
                "description": service.schedule_description,
            }
        ]
        if service.schedule_description
        else []
    )
    full["service_areas"] = [
        _compact(
            {
                "id": feed_id("service_area", area.id),
                "service_id": sid,
                "name": area.name,
                "description": area.description,
            }
        )
        for area in service_areas
    ]
    full["service_at_locations"] = [
        {
            # From the (service, location) pair, which the catalogue keeps unique.
            "id": feed_id("service_at_location", f"{service.id}@{loc.location.id}"),
            "service_id": sid,
            "location_id": feed_id("location", loc.location.id),
            "location": location_record(loc),
        }
        for loc in record.locations
    ]
    full["languages"] = [
        {
            "id": feed_id("language", lang.id),
            "service_id": sid,
            "name": lang.name,
            "code": lang.code,
        }
        for lang in record.languages
    ]
    full["cost_options"] = [
        _compact(
            {
                "id": feed_id("cost_option", cost.id),
                "service_id": sid,
                "option": cost.option,
                "amount": cost.amount,
                "currency": cost.currency,
                "amount_description": cost.amount_description,
            }
        )
        for cost in record.cost_options
    ]
    full["attributes"] = _attributes(record, taxonomies or {})
    full[EXTENSION] = _local_offer(record)
    return full
