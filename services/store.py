"""The store: the only place that builds SQL. Returns domain rows; batch loaders keep key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, func, select

from services.documents import LocationRecord, PageRecord, ServiceRecord
from services.errors import InvalidInput
from services.models import (
    DELIVERY_TAXONOMY,
    NEEDS_TAXONOMY,
    SECTIONS_TAXONOMY,
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
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from services.search import KM_PER_DEGREE, ServiceQuery, fts5_query

Row = TypeVar("Row", bound=SQLModel)

# Statuses a family sees in search; inactive and defunct services stay in the record only.
PUBLIC_STATUSES = (ServiceStatus.active.value, ServiceStatus.temporarily_closed.value)
HIDDEN_STATUSES = tuple(s.value for s in ServiceStatus if s.value not in PUBLIC_STATUSES)


def is_public() -> Any:
    """The public-listing condition, written as NOT IN the hidden statuses: nearly every service
    is public, so SQLite then walks the (name, id) index in order instead of sorting."""
    return col(Service.status).not_in(HIDDEN_STATUSES)


@dataclass(frozen=True)
class SearchResult:
    services: list[Service]
    total: int
    distances_km: dict[str, float]


@dataclass(frozen=True)
class TermCount:
    term: TaxonomyTerm
    service_count: int


class Store:
    """Catalogue reads; each method is one short transaction on its own connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # -- batch loaders: one statement for any number of keys, results in key order ----------

    def _by_id(self, model: type[Row], ids: Sequence[str]) -> list[Row | None]:
        if not ids:
            return []
        with self.session() as s:
            rows = s.exec(select(model).where(col(model.id).in_(set(ids)))).all()  # type: ignore[attr-defined]
        found = {r.id: r for r in rows}  # type: ignore[attr-defined]
        return [found.get(i) for i in ids]

    def _grouped(self, statement: Any, ids: Sequence[str], key: str | None) -> list[list[Any]]:
        """Rows grouped by `key` (or, for (link, row) pairs, by the link) in key order."""
        if not ids:
            return []
        groups: dict[str, list[Any]] = defaultdict(list)
        with self.session() as s:
            if key is None:
                for link, row in s.execute(statement).all():
                    groups[link].append(row)
            else:
                for row in s.exec(statement).all():
                    groups[getattr(row, key)].append(row)
        return [groups.get(i, []) for i in ids]

    def get_services(self, ids: Sequence[str]) -> list[Service | None]:
        return self._by_id(Service, ids)

    def get_organizations(self, ids: Sequence[str]) -> list[Organization | None]:
        return self._by_id(Organization, ids)

    def get_terms(self, ids: Sequence[str]) -> list[TaxonomyTerm | None]:
        return self._by_id(TaxonomyTerm, ids)

    def locations_for_services(self, ids: Sequence[str]) -> list[list[Location]]:
        stmt = (
            select(ServiceAtLocation.service_id, Location)
            .join(Location, col(Location.id) == col(ServiceAtLocation.location_id))
            .where(col(ServiceAtLocation.service_id).in_(set(ids)))
            .order_by(col(Location.name))
        )
        return self._grouped(stmt, ids, None)

    def accessibility_for_locations(self, ids: Sequence[str]) -> list[list[Accessibility]]:
        stmt = (
            select(Accessibility)
            .where(col(Accessibility.location_id).in_(set(ids)))
            .order_by(col(Accessibility.id))
        )
        return self._grouped(stmt, ids, "location_id")

    def cost_options_for_services(self, ids: Sequence[str]) -> list[list[CostOption]]:
        stmt = (
            select(CostOption)
            .where(col(CostOption.service_id).in_(set(ids)))
            .order_by(col(CostOption.id))
        )
        return self._grouped(stmt, ids, "service_id")

    def languages_for_services(self, ids: Sequence[str]) -> list[list[Language]]:
        stmt = (
            select(Language)
            .where(col(Language.service_id).in_(set(ids)))
            .order_by(col(Language.id))
        )
        return self._grouped(stmt, ids, "service_id")

    def service_areas_for_services(self, ids: Sequence[str]) -> list[list[ServiceArea]]:
        stmt = (
            select(ServiceArea)
            .where(col(ServiceArea.service_id).in_(set(ids)))
            .order_by(col(ServiceArea.id))
        )
        return self._grouped(stmt, ids, "service_id")

    def send_provision_for_services(self, ids: Sequence[str]) -> list[list[SendProvisionAnswer]]:
        stmt = (
            select(SendProvisionAnswer)
            .where(col(SendProvisionAnswer.service_id).in_(set(ids)))
            .order_by(col(SendProvisionAnswer.position))
        )
        return self._grouped(stmt, ids, "service_id")

    def terms_for_services(self, taxonomy_id: str, ids: Sequence[str]) -> list[list[TaxonomyTerm]]:
        """Taxonomy terms linked to each service by HSDS attributes, in tree order."""
        stmt = (
            select(Attribute.link_id, TaxonomyTerm)
            .join(TaxonomyTerm, col(TaxonomyTerm.id) == col(Attribute.taxonomy_term_id))
            .where(
                col(Attribute.link_entity) == "service",
                col(Attribute.link_id).in_(set(ids)),
                col(TaxonomyTerm.taxonomy_id) == taxonomy_id,
            )
            .order_by(col(TaxonomyTerm.position))
        )
        return self._grouped(stmt, ids, None)

    # -- taxonomy ------------------------------------------------------------------------

    def taxonomies(self) -> list[Taxonomy]:
        with self.session() as s:
            return list(s.exec(select(Taxonomy).order_by(col(Taxonomy.id))).all())

    def all_terms(self) -> list[TaxonomyTerm]:
        """Every term of every taxonomy, each taxonomy in tree order."""
        with self.session() as s:
            return list(
                s.exec(
                    select(TaxonomyTerm).order_by(
                        col(TaxonomyTerm.taxonomy_id), col(TaxonomyTerm.position)
                    )
                ).all()
            )

    def terms(self, taxonomy_id: str) -> list[TaxonomyTerm]:
        with self.session() as s:
            return list(
                s.exec(
                    select(TaxonomyTerm)
                    .where(col(TaxonomyTerm.taxonomy_id) == taxonomy_id)
                    .order_by(col(TaxonomyTerm.position))
                ).all()
            )

    def term_counts(self, taxonomy_id: str) -> list[TermCount]:
        """Every term with the number of public services in it or in its children."""
        public = select(Service.id).where(is_public())
        linked = (
            select(Attribute.link_id, TaxonomyTerm.id, TaxonomyTerm.parent_id)
            .join(TaxonomyTerm, col(TaxonomyTerm.id) == col(Attribute.taxonomy_term_id))
            .where(
                col(Attribute.link_entity) == "service",
                col(TaxonomyTerm.taxonomy_id) == taxonomy_id,
                col(Attribute.link_id).in_(public),
            )
            .subquery()
        )
        own = select(linked.c.id, func.count(sa.distinct(linked.c.link_id))).group_by(linked.c.id)
        parent = (
            select(linked.c.parent_id, func.count(sa.distinct(linked.c.link_id)))
            .where(linked.c.parent_id.is_not(None))
            .group_by(linked.c.parent_id)
        )
        with self.session() as s:
            counts: dict[str, int] = dict(s.exec(own).all())  # type: ignore[arg-type]
            for term_id, n in s.exec(parent).all():
                counts[term_id] = max(counts.get(term_id, 0), n)
        return [TermCount(t, counts.get(t.id, 0)) for t in self.terms(taxonomy_id)]

    def expand_terms(self, taxonomy_id: str, ids: Iterable[str], field: str) -> list[str]:
        """The terms asked for and their children; an unknown id is named in the error."""
        asked = list(dict.fromkeys(ids))
        if not asked:
            return []
        terms = self.terms(taxonomy_id)
        known = {t.id for t in terms}
        unknown = [i for i in asked if i not in known]
        if unknown:
            raise InvalidInput(f"Unknown {field} id(s): {', '.join(unknown)}.", field=field)
        wanted = set(asked)
        grew = True
        while grew:
            more = {t.id for t in terms if t.parent_id in wanted} - wanted
            grew = bool(more)
            wanted |= more
        return sorted(wanted)

    # -- search --------------------------------------------------------------------------

    def search_services(self, query: ServiceQuery, *, offset: int, limit: int) -> SearchResult:
        """Filtered, ranked services: one statement for the page, one for the count."""
        query.validate()
        sections = self.expand_terms(SECTIONS_TAXONOMY, query.sections, "sections")
        needs = self.expand_terms(NEEDS_TAXONOMY, query.needs, "needs")
        if query.has_text and not query.words:
            return SearchResult([], 0, {})  # only punctuation: nothing can match

        stmt: Any = select(Service.id).where(is_public())
        order: list[Any] = []
        distance: Any = None

        if query.ids:
            stmt = stmt.where(col(Service.id).in_(query.ids))
        for term_ids in (sections, needs, list(query.delivery_modes)):
            if term_ids:
                stmt = stmt.where(
                    col(Service.id).in_(
                        select(Attribute.link_id).where(
                            col(Attribute.link_entity) == "service",
                            col(Attribute.taxonomy_term_id).in_(term_ids),
                        )
                    )
                )
        if query.languages:
            stmt = stmt.where(
                col(Service.id).in_(
                    select(Language.service_id).where(col(Language.code).in_(query.languages))
                )
            )
        if query.age is not None:
            stmt = stmt.where(
                sa.or_(col(Service.minimum_age).is_(None), col(Service.minimum_age) <= query.age),
                sa.or_(col(Service.maximum_age).is_(None), col(Service.maximum_age) >= query.age),
            )
        if query.age_from is not None:
            stmt = stmt.where(
                sa.or_(
                    col(Service.maximum_age).is_(None), col(Service.maximum_age) >= query.age_from
                )
            )
        if query.age_to is not None:
            stmt = stmt.where(
                sa.or_(col(Service.minimum_age).is_(None), col(Service.minimum_age) <= query.age_to)
            )
        if query.free_only:
            stmt = stmt.where(
                col(Service.id).not_in(
                    select(CostOption.service_id).where(col(CostOption.amount) > 0)
                )
            )
        if query.out_of_area is not None:
            stmt = stmt.where(col(Service.out_of_area) == query.out_of_area)
        if query.near is not None:
            near = query.near
            dy = (col(Location.latitude) - near.latitude) * KM_PER_DEGREE
            dx = (col(Location.longitude) - near.longitude) * (KM_PER_DEGREE * near.longitude_scale)
            nearest = (
                select(
                    ServiceAtLocation.service_id.label("sid"),  # type: ignore[attr-defined]
                    func.min(dx * dx + dy * dy).label("d2"),
                )
                .join(Location, col(Location.id) == col(ServiceAtLocation.location_id))
                .where(col(Location.latitude).is_not(None))
                .group_by(col(ServiceAtLocation.service_id))
                .having(func.min(dx * dx + dy * dy) <= near.radius_km**2)
                .subquery()
            )
            stmt = stmt.join(nearest, nearest.c.sid == col(Service.id)).add_columns(nearest.c.d2)
            distance = nearest.c.d2
            order.append(nearest.c.d2)
        if query.has_text:
            stmt, rank = self._text_match(stmt, query.words)
            order.append(rank)
        order += [col(Service.name), col(Service.id)]

        count_stmt = select(func.count()).select_from(stmt.subquery())
        page_stmt = stmt.order_by(*order).offset(offset).limit(limit)
        with self.session() as s:
            rows = s.execute(page_stmt).all()
            total = s.execute(count_stmt).scalar_one()
        ids = [r[0] for r in rows]
        distances = {}
        if distance is not None:
            distances = {r[0]: round(float(r[1]) ** 0.5, 2) for r in rows}
        services = [s for s in self.get_services(ids) if s is not None]
        return SearchResult(services, int(total), distances)

    def _text_match(self, stmt: Any, words: list[str]) -> tuple[Any, Any]:
        if self.dialect == "postgresql":
            vector: Any = sa.literal_column("service.search_vector")
            tsquery = func.plainto_tsquery("english", " ".join(words))
            stmt = stmt.where(vector.op("@@")(tsquery))
            return stmt, sa.desc(func.ts_rank_cd(vector, tsquery))
        fts = (
            # Matches join through the integer key table (migration 0004): cheaper than
            # reading a text column out of every FTS row.
            select(
                sa.literal_column("k.service_id").label("fid"),
                sa.literal_column("service_fts.rank").label("frank"),
            )
            .select_from(
                sa.text("service_fts JOIN service_search_key AS k ON k.rowid = service_fts.rowid")
            )
            .where(sa.text("service_fts MATCH :fts_query").bindparams(fts_query=fts5_query(words)))
            .subquery()
        )
        stmt = stmt.join(fts, fts.c.fid == col(Service.id))
        return stmt, fts.c.frank  # FTS5 rank is bm25: lower is better

    # -- pages and the council -----------------------------------------------------------

    def pages(self, section_ids: Sequence[str] = ()) -> list[Page]:
        stmt = select(Page).order_by(col(Page.title))
        if section_ids:
            stmt = stmt.where(col(Page.section_id).in_(section_ids))
        with self.session() as s:
            return list(s.exec(stmt).all())

    def page_by_slug(self, slug: str) -> Page | None:
        with self.session() as s:
            return s.exec(select(Page).where(col(Page.slug) == slug)).first()

    def local_offer(self) -> LocalOffer | None:
        with self.session() as s:
            return s.get(LocalOffer, 1)

    def count_services(self) -> int:
        with self.session() as s:
            return int(s.exec(select(func.count()).select_from(Service)).one())

    # -- records for documents -------------------------------------------------------------

    def service_records(self, ids: Sequence[str]) -> list[ServiceRecord]:
        """Services with all their relations, in key order; a constant number of statements."""
        services = [s for s in self.get_services(ids) if s is not None]
        keys = [s.id for s in services]
        orgs = self.get_organizations([s.organization_id for s in services])
        locations = self.locations_for_services(keys)
        location_ids = list({loc.id for group in locations for loc in group})
        access = dict(
            zip(location_ids, self.accessibility_for_locations(location_ids), strict=True)
        )
        sections = self.terms_for_services(SECTIONS_TAXONOMY, keys)
        needs = self.terms_for_services(NEEDS_TAXONOMY, keys)
        modes = self.terms_for_services(DELIVERY_TAXONOMY, keys)
        costs = self.cost_options_for_services(keys)
        languages = self.languages_for_services(keys)
        provision = self.send_provision_for_services(keys)
        return [
            ServiceRecord(
                service=s,
                organization=orgs[i],
                locations=[LocationRecord(loc, access.get(loc.id, [])) for loc in locations[i]],
                sections=sections[i],
                needs=needs[i],
                delivery_modes=modes[i],
                cost_options=costs[i],
                languages=languages[i],
                send_provision=provision[i],
            )
            for i, s in enumerate(services)
        ]

    def page_records(self, pages: Sequence[Page]) -> list[PageRecord]:
        terms = self.get_terms([p.section_id for p in pages if p.section_id])
        by_id = {t.id: t for t in terms if t is not None}
        return [PageRecord(p, by_id.get(p.section_id or "")) for p in pages]

    def all_service_ids(self) -> list[str]:
        with self.session() as s:
            return list(s.exec(select(Service.id).order_by(col(Service.id))).all())
