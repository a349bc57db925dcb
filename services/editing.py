"""Staff editing of services, organisations, locations and information pages.

Every field is checked before anything is written; one transaction; a change log; a catalogue
version bump.

Inputs are dicts of the fields the editor sent (snake_case; a missing key means unchanged).
Errors name fields in the API's camelCase. Archiving a service sets its status (it leaves
public search); organisations archive their services; locations and pages have no status in
HSDS, so archiving one removes it and keeps its last values in the change log."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, delete, select

from services import audit
from services.auth import Principal
from services.changes import as_text, bump_catalogue_version, log_changes
from services.errors import InvalidInput, NotFound
from services.models import (
    DELIVERY_TAXONOMY,
    NEEDS_TAXONOMY,
    SECTIONS_TAXONOMY,
    Accessibility,
    Attribute,
    Language,
    Location,
    Organization,
    Page,
    ReferralRoute,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
    utcnow,
)
from services.seed import add_months
from services.store import PUBLIC_STATUSES
from services.validation import Problems

ARCHIVED_STATUSES = (ServiceStatus.inactive.value, ServiceStatus.defunct.value)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
MAX_LINES = 20


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


@dataclass(frozen=True)
class Rule:
    """How one field is checked; `empty` is what a blank value is stored as."""

    check: Callable[[Problems, str, Any], Any]
    required: bool = False
    empty: Any = None


def text(limit: int, *, required: bool = False, empty: Any = None) -> Rule:
    return Rule(lambda p, f, v: p.text(f, v, max_length=limit), required, empty)


def lines(p: Problems, field: str, value: Any) -> str:
    """Easy-read sentences: one idea a line, a few short lines."""
    items = [s.strip() for s in (value or []) if s and s.strip()]
    if len(items) > MAX_LINES:
        p.add(field, f"{field} may have at most {MAX_LINES} sentences.")
    if any(len(s) > 200 for s in items):
        p.add(field, f"Each sentence in {field} must be at most 200 characters.")
    return "\n".join(items)


def choice(values: tuple[str, ...], *, required: bool = False) -> Rule:
    return Rule(lambda p, f, v: p.choice(f, v, values), required)


def number(minimum: float, maximum: float) -> Rule:
    def check(p: Problems, field: str, value: Any) -> Any:
        if value is not None and not minimum <= value <= maximum:
            p.add(field, f"{field} must be from {minimum:g} to {maximum:g}.")
            return None
        return value

    return Rule(check)


EMAIL = Rule(lambda p, f, v: p.email(f, v))
URL = Rule(lambda p, f, v: p.url(f, v))
PHONE = Rule(lambda p, f, v: p.phone(f, v))
AGE = Rule(lambda p, f, v: p.integer(f, v, minimum=0, maximum=25))
BOOLEAN = Rule(lambda p, f, v: bool(v), empty=False)
LINES = Rule(lines, empty="")

SERVICE_RULES: dict[str, Rule] = {
    "name": text(300, required=True),
    "alternate_name": text(300),
    "description": text(5000, required=True, empty=""),
    "url": URL,
    "email": EMAIL,
    "phone": PHONE,
    "status": choice(tuple(s.value for s in ServiceStatus)),
    "eligibility_description": text(2000, empty=""),
    "minimum_age": AGE,
    "maximum_age": AGE,
    "application_process": text(2000, empty=""),
    "referral_route": choice(tuple(r.value for r in ReferralRoute)),
    "decision_process": text(2000, empty=""),
    "fees_description": text(1000),
    "schedule_description": text(500),
    "out_of_area": BOOLEAN,
    "out_of_area_name": text(200),
    "easy_read_description": LINES,
    "organization_id": text(100, required=True),
}
ORGANIZATION_RULES: dict[str, Rule] = {
    "name": text(300, required=True),
    "description": text(5000, empty=""),
    "email": EMAIL,
    "url": URL,
    "phone": PHONE,
}
LOCATION_RULES: dict[str, Rule] = {
    "name": text(300, required=True),
    "description": text(2000, empty=""),
    "address_1": text(300),
    "city": text(100),
    "postal_code": Rule(lambda p, f, v: p.postcode(f, v)),
    "latitude": number(-90, 90),
    "longitude": number(-180, 180),
    "organization_id": text(100),
}
PAGE_RULES: dict[str, Rule] = {
    "slug": text(100, required=True),
    "title": text(300, required=True),
    "summary": text(500, empty=""),
    "body": text(20000, empty=""),
    "easy_read_description": LINES,
    "section_id": text(100),
}
# The API's names for fields whose model name differs.
API_NAMES = {
    "schedule_description": "schedule",
    "easy_read_description": "easyRead",
    "address_1": "address1",
}


def field_name(name: str) -> str:
    return API_NAMES.get(name) or camel(name)


def _clean(
    p: Problems, rules: Mapping[str, Rule], values: Mapping[str, Any], *, creating: bool
) -> dict[str, Any]:
    """The model values for the fields sent, each checked; required ones only on create."""
    cleaned = {}
    for name, rule in rules.items():
        if name not in values:
            if creating and rule.required:
                p.add(field_name(name), f"{field_name(name)} is required.")
            continue
        value = rule.check(p, field_name(name), values[name])
        if value is None and rule.required:
            p.add(field_name(name), f"{field_name(name)} is required.")
        cleaned[name] = rule.empty if value is None else value
    unknown = set(values) - set(rules) - RELATIONS
    if unknown:
        raise InvalidInput(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    return cleaned


def _exists(session: Session, model: type[SQLModel], key: Any) -> bool:
    return key is not None and session.get(model, key) is not None


def _new_id(prefix: str, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50] or prefix
    return f"{prefix}-{slug}-{secrets.token_hex(3)}"


def _record(
    session: Session,
    by: Principal,
    resource_type: str,
    resource_id: str,
    action: str,
    changes: Mapping[str, tuple[Any, Any]],
    *,
    bump: bool = True,
) -> None:
    """The change log, the catalogue version (once a transaction) and the audit trail, in the
    caller's transaction."""
    log_changes(
        session,
        resource_type=resource_type,
        resource_id=resource_id,
        action=action,
        changes=changes,
        updated_by=by.label,
    )
    if bump:
        bump_catalogue_version(session)
    audit.record(
        session,
        by.label,
        f"{resource_type}.{action}",
        resource_type,
        resource_id,
        "fields=" + ",".join(sorted(changes))[:400],
    )


def _apply(row: SQLModel, cleaned: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    changes = {}
    for name, value in cleaned.items():
        changes[name] = (getattr(row, name), value)
        setattr(row, name, value)
    return changes


# -- services -------------------------------------------------------------------------------

RELATIONS = {"sections", "needs", "delivery_modes", "languages", "location_ids", "id"}


def _service_relations(
    session: Session, p: Problems, values: Mapping[str, Any]
) -> dict[str, list[str]]:
    """The linked terms, languages and locations sent, each id checked."""
    found: dict[str, list[str]] = {}
    for name, taxonomy in (
        ("sections", SECTIONS_TAXONOMY),
        ("needs", NEEDS_TAXONOMY),
        ("delivery_modes", DELIVERY_TAXONOMY),
    ):
        if name not in values:
            continue
        ids = list(dict.fromkeys(values[name] or []))
        known = set(
            session.exec(
                select(TaxonomyTerm.id).where(
                    col(TaxonomyTerm.taxonomy_id) == taxonomy, col(TaxonomyTerm.id).in_(ids)
                )
            ).all()
        )
        unknown = [i for i in ids if i not in known]
        if unknown:
            p.add(camel(name), f"Unknown {camel(name)} id(s): {', '.join(unknown[:5])}.")
        found[name] = ids
    if "languages" in values:
        codes = list(dict.fromkeys(c.strip().lower() for c in values["languages"] or []))
        if any(not LANGUAGE_CODE.match(c) for c in codes):
            p.add("languages", "languages are ISO 639-1 codes, like 'en' or 'pl'.")
        found["languages"] = codes
    if "location_ids" in values:
        ids = list(dict.fromkeys(values["location_ids"] or []))
        known = set(session.exec(select(Location.id).where(col(Location.id).in_(ids))).all())
        unknown = [i for i in ids if i not in known]
        if unknown:
            p.add("locationIds", f"Unknown location id(s): {', '.join(unknown[:5])}.")
        found["location_ids"] = ids
    return found


def _service_rules(session: Session, p: Problems, row: Service) -> None:
    """Checks across fields, on the values the service would have after the change."""
    if row.organization_id and not _exists(session, Organization, row.organization_id):
        p.add("organizationId", f"No organisation has the id {row.organization_id!r}.")
    low, high = row.minimum_age, row.maximum_age
    if low is not None and high is not None and low > high:
        p.add("maximumAge", "maximumAge must not be less than minimumAge.")
    if row.out_of_area and not row.out_of_area_name:
        p.add("outOfAreaName", "Say which area an out-of-area service is in.")


def _current_relations(session: Session, service_id: str) -> dict[str, list[str]]:
    terms = session.exec(
        select(TaxonomyTerm.taxonomy_id, TaxonomyTerm.id)
        .join(Attribute, col(Attribute.taxonomy_term_id) == col(TaxonomyTerm.id))
        .where(col(Attribute.link_entity) == "service", col(Attribute.link_id) == service_id)
        .order_by(col(TaxonomyTerm.position))
    ).all()
    by_taxonomy = {
        SECTIONS_TAXONOMY: "sections",
        NEEDS_TAXONOMY: "needs",
        DELIVERY_TAXONOMY: "delivery_modes",
    }
    current: dict[str, list[str]] = {name: [] for name in by_taxonomy.values()}
    for taxonomy, term in terms:
        if taxonomy in by_taxonomy:
            current[by_taxonomy[taxonomy]].append(term)
    current["languages"] = list(
        session.exec(select(Language.code).where(col(Language.service_id) == service_id)).all()
    )
    current["location_ids"] = list(
        session.exec(
            select(ServiceAtLocation.location_id).where(
                col(ServiceAtLocation.service_id) == service_id
            )
        ).all()
    )
    return current


def _language_name(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, LookupError):
        return code


def _replace_relations(
    session: Session, service_id: str, relations: Mapping[str, list[str]]
) -> dict[str, tuple[Any, Any]]:
    current = _current_relations(session, service_id)
    changes = {}
    for name, ids in relations.items():
        if sorted(current[name]) == sorted(ids):
            continue
        changes[name] = (current[name], ids)
        if name in ("sections", "needs", "delivery_modes"):
            old_terms = current[name]
            session.execute(
                delete(Attribute).where(
                    col(Attribute.link_id) == service_id,
                    col(Attribute.link_entity) == "service",
                    col(Attribute.taxonomy_term_id).in_(old_terms),
                )
            )
            session.add_all(
                Attribute(
                    id=f"{service_id}:{term}",
                    link_id=service_id,
                    link_type=name,
                    link_entity="service",
                    taxonomy_term_id=term,
                )
                for term in ids
            )
        elif name == "languages":
            session.execute(delete(Language).where(col(Language.service_id) == service_id))
            session.add_all(
                Language(
                    id=f"{service_id}:{c}", service_id=service_id, code=c, name=_language_name(c)
                )
                for c in ids
            )
        else:
            session.execute(
                delete(ServiceAtLocation).where(col(ServiceAtLocation.service_id) == service_id)
            )
            session.add_all(
                ServiceAtLocation(id=f"{service_id}@{loc}", service_id=service_id, location_id=loc)
                for loc in ids
            )
        session.flush()  # deletes before inserts that reuse the same ids
    return changes


def create_service(
    engine: Engine,
    values: Mapping[str, Any],
    *,
    by: Principal,
    review_interval_months: int,
    today: dt.date | None = None,
) -> Service:
    """A new service, assured today and due for review after the interval."""
    today = today or dt.date.today()
    p = Problems()
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        cleaned = _clean(p, SERVICE_RULES, values, creating=True)
        relations = _service_relations(session, p, values)
        service_id = p.text("id", values.get("id"), max_length=100)
        if service_id and not SLUG.match(service_id):
            p.add("id", "id may use lowercase letters, digits and single hyphens.")
        if service_id and _exists(session, Service, service_id):
            p.add("id", f"A service already has the id {service_id!r}.")
        row = Service(
            id=service_id or _new_id("svc", cleaned.get("name") or "service"),
            assured_date=today,
            review_due_date=add_months(today, review_interval_months),
            **{k: v for k, v in cleaned.items() if v is not None},
        )
        _service_rules(session, p, row)
        p.raise_if_any()
        session.add(row)
        session.flush()
        changes = {name: (None, getattr(row, name)) for name in cleaned}
        changes |= _replace_relations(session, row.id, relations)
        _record(session, by, "service", row.id, "create", changes)
        session.commit()
    return row


# Sessions here never autoflush: the cross-field checks query the database after the new values
# are on the row, and an autoflush then would hit NOT NULL or foreign keys before the checks can
# report every wrong field.


def update_service(
    engine: Engine, service_id: str, values: Mapping[str, Any], *, by: Principal
) -> Service:
    p = Problems()
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.get(Service, service_id)
        if row is None:
            raise NotFound(f"No service has the id {service_id!r}.", field="id")
        cleaned = _clean(p, SERVICE_RULES, values, creating=False)
        relations = _service_relations(session, p, values)
        changes = _apply(row, cleaned)
        _service_rules(session, p, row)
        if p:
            session.rollback()  # undo the attribute changes on the row too
            p.raise_if_any()
        row.last_modified = utcnow()
        session.add(row)
        changes |= _replace_relations(session, row.id, relations)
        _record(session, by, "service", row.id, "update", changes)
        session.commit()
    return row


def archive_service(
    engine: Engine, service_id: str, *, status: str, reason: str | None, by: Principal
) -> Service:
    """Take a service out of public search; its record stays, so its history does too."""
    p = Problems()
    p.choice("status", status, ARCHIVED_STATUSES, required=True)
    cleaned_reason = p.text("reason", reason, max_length=500)
    p.raise_if_any()
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.get(Service, service_id)
        if row is None:
            raise NotFound(f"No service has the id {service_id!r}.", field="id")
        changes = {"status": (row.status, status)}
        row.status, row.last_modified = status, utcnow()
        session.add(row)
        _record(session, by, "service", row.id, "archive", changes)
        if cleaned_reason:
            audit.record(
                session, by.label, "service.archive_reason", "service", row.id, cleaned_reason
            )
        session.commit()
    return row


# -- organisations ----------------------------------------------------------------------------


def create_organization(
    engine: Engine, values: Mapping[str, Any], *, by: Principal
) -> Organization:
    p = Problems()
    cleaned = _clean(p, ORGANIZATION_RULES, values, creating=True)
    p.raise_if_any()
    row = Organization(id=_new_id("org", cleaned["name"]), **cleaned)
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        session.add(row)
        session.flush()
        _record(
            session,
            by,
            "organization",
            row.id,
            "create",
            {k: (None, v) for k, v in cleaned.items()},
        )
        session.commit()
    return row


def update_organization(
    engine: Engine, org_id: str, values: Mapping[str, Any], *, by: Principal
) -> Organization:
    p = Problems()
    cleaned = _clean(p, ORGANIZATION_RULES, values, creating=False)
    p.raise_if_any()
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.get(Organization, org_id)
        if row is None:
            raise NotFound(f"No organisation has the id {org_id!r}.", field="id")
        changes = _apply(row, cleaned)
        row.last_modified = utcnow()
        session.add(row)
        _record(session, by, "organization", row.id, "update", changes)
        session.commit()
    return row


def archive_organization(
    engine: Engine, org_id: str, *, status: str, by: Principal
) -> Organization:
    """An organisation has no status in HSDS: archiving it archives its public services."""
    p = Problems()
    p.choice("status", status, ARCHIVED_STATUSES, required=True)
    p.raise_if_any()
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.get(Organization, org_id)
        if row is None:
            raise NotFound(f"No organisation has the id {org_id!r}.", field="id")
        services = session.exec(
            select(Service).where(
                col(Service.organization_id) == org_id, col(Service.status).in_(PUBLIC_STATUSES)
            )
        ).all()
        for service in services:
            _record(
                session,
                by,
                "service",
                service.id,
                "archive",
                {"status": (service.status, status)},
                bump=False,
            )
            service.status, service.last_modified = status, utcnow()
            session.add(service)
        _record(
            session,
            by,
            "organization",
            row.id,
            "archive",
            {"services": ([s.id for s in services], [])},
        )
        session.commit()
    return row


# -- locations -------------------------------------------------------------------------------


def _accessibility(p: Problems, values: Mapping[str, Any]) -> list[str] | None:
    if "accessibility" not in values:
        return None
    items = [s.strip() for s in values["accessibility"] or [] if s and s.strip()]
    if len(items) > 30 or any(len(s) > 300 for s in items):
        p.add("accessibility", "accessibility may list 30 features of up to 300 characters.")
    return items


def _set_accessibility(session: Session, location_id: str, items: list[str]) -> tuple[Any, Any]:
    before = list(
        session.exec(
            select(Accessibility.description)
            .where(col(Accessibility.location_id) == location_id)
            .order_by(col(Accessibility.id))
        ).all()
    )
    session.execute(delete(Accessibility).where(col(Accessibility.location_id) == location_id))
    session.flush()
    session.add_all(
        Accessibility(id=f"{location_id}:a{i}", location_id=location_id, description=d)
        for i, d in enumerate(items)
    )
    return before, items


def _location_rules(session: Session, p: Problems, row: Location) -> None:
    if row.organization_id and not _exists(session, Organization, row.organization_id):
        p.add("organizationId", f"No organisation has the id {row.organization_id!r}.")


def create_location(engine: Engine, values: Mapping[str, Any], *, by: Principal) -> Location:
    p = Problems()
    values = dict(values)
    access = _accessibility(p, values)
    values.pop("accessibility", None)
    cleaned = _clean(p, LOCATION_RULES, values, creating=True)
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = Location(
            id=_new_id("loc", cleaned.get("name") or "location"),
            **{k: v for k, v in cleaned.items() if v is not None},
        )
        _location_rules(session, p, row)
        p.raise_if_any()
        session.add(row)
        session.flush()
        changes = {k: (None, v) for k, v in cleaned.items()}
        if access is not None:
            changes["accessibility"] = _set_accessibility(session, row.id, access)
        _record(session, by, "location", row.id, "create", changes)
        session.commit()
    return row


def update_location(
    engine: Engine, location_id: str, values: Mapping[str, Any], *, by: Principal
) -> Location:
    p = Problems()
    values = dict(values)
    access = _accessibility(p, values)
    values.pop("accessibility", None)
    cleaned = _clean(p, LOCATION_RULES, values, creating=False)
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.get(Location, location_id)
        if row is None:
            raise NotFound(f"No location has the id {location_id!r}.", field="id")
        changes = _apply(row, cleaned)
        _location_rules(session, p, row)
        if p:
            session.rollback()
            p.raise_if_any()
        session.add(row)
        if access is not None:
            changes["accessibility"] = _set_accessibility(session, row.id, access)
        _record(session, by, "location", row.id, "update", changes)
        session.commit()
    return row


def _snapshot(row: SQLModel) -> str:
    return json.dumps({k: as_text(v) for k, v in row.model_dump().items()}, ensure_ascii=False)


def archive_location(engine: Engine, location_id: str, *, by: Principal) -> Location:
    """Services are no longer delivered there; the place's last values stay in the log."""
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.get(Location, location_id)
        if row is None:
            raise NotFound(f"No location has the id {location_id!r}.", field="id")
        services = list(
            session.exec(
                select(ServiceAtLocation.service_id).where(
                    col(ServiceAtLocation.location_id) == location_id
                )
            ).all()
        )
        _record(
            session,
            by,
            "location",
            row.id,
            "archive",
            {"record": (_snapshot(row), None), "services": (services, [])},
        )
        session.execute(
            delete(ServiceAtLocation).where(col(ServiceAtLocation.location_id) == location_id)
        )
        session.execute(delete(Accessibility).where(col(Accessibility.location_id) == location_id))
        session.delete(row)
        session.commit()
    return row


# -- information pages ----------------------------------------------------------------------


def _page_rules(session: Session, p: Problems, row: Page, *, creating: bool) -> None:
    if not SLUG.match(row.slug or ""):
        p.add("slug", "slug may use lowercase letters, digits and single hyphens.")
    clash = session.exec(select(Page.id).where(col(Page.slug) == row.slug)).first()
    if clash is not None and (creating or clash != row.id):
        p.add("slug", f"Another page has the slug {row.slug!r}.")
    if row.section_id:
        term = session.get(TaxonomyTerm, row.section_id)
        if term is None or term.taxonomy_id != SECTIONS_TAXONOMY:
            p.add("sectionId", f"No section has the id {row.section_id!r}.")


def create_page(
    engine: Engine, values: Mapping[str, Any], *, by: Principal, today: dt.date | None = None
) -> Page:
    p = Problems()
    cleaned = _clean(p, PAGE_RULES, values, creating=True)
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = Page(
            id=cleaned.get("slug") or "",
            assured_date=today or dt.date.today(),
            **{k: v for k, v in cleaned.items() if v is not None},
        )
        _page_rules(session, p, row, creating=True)
        if _exists(session, Page, row.id):
            p.add("slug", f"Another page has the slug {row.slug!r}.")
        p.raise_if_any()
        session.add(row)
        session.flush()
        _record(session, by, "page", row.id, "create", {k: (None, v) for k, v in cleaned.items()})
        session.commit()
    return row


def update_page(engine: Engine, slug: str, values: Mapping[str, Any], *, by: Principal) -> Page:
    p = Problems()
    cleaned = _clean(p, PAGE_RULES, values, creating=False)
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.exec(select(Page).where(col(Page.slug) == slug)).first()
        if row is None:
            raise NotFound(f"No information page has the slug {slug!r}.", field="slug")
        changes = _apply(row, cleaned)
        _page_rules(session, p, row, creating=False)
        if p:
            session.rollback()
            p.raise_if_any()
        row.last_modified = utcnow()
        session.add(row)
        _record(session, by, "page", row.id, "update", changes)
        session.commit()
    return row


def archive_page(engine: Engine, slug: str, *, by: Principal) -> Page:
    """Unpublish a page; its last values stay in the change log."""
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        row = session.exec(select(Page).where(col(Page.slug) == slug)).first()
        if row is None:
            raise NotFound(f"No information page has the slug {slug!r}.", field="slug")
        _record(session, by, "page", row.id, "archive", {"record": (_snapshot(row), None)})
        session.delete(row)
        session.commit()
    return row
