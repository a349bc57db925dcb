"""What a request or a comment is about: checking it exists, naming it, making it a document.

A subject is the whole Local Offer, a section, a service, an information page, a set of
services, or the 'You said, we did' record.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from sqlmodel import Session, col, select

from services.documents import Document
from services.errors import NotFound
from services.models import SECTIONS_TAXONOMY, Page, Service, TaxonomyTerm
from services.search import ServiceQuery
from services.store import Store
from services.validation import Problems

MAX_SERVICES = 50
WHOLE_LOCAL_OFFER = "The Local Offer"
YOU_SAID_WE_DID = "You said, we did"
# A whole Local Offer or section booklet lists every public service in it.
MAX_BOOKLET_SERVICES = 100_000


class SubjectType(enum.StrEnum):
    local_offer = "local_offer"
    section = "section"
    service = "service"
    page = "page"
    services = "services"
    you_said_we_did = "you_said_we_did"


def check(
    session: Session,
    problems: Problems,
    subject_type: str,
    ids: Sequence[str],
    *,
    field: str = "subject",
) -> tuple[str, ...]:
    """The subject's ids, cleaned; unknown ids are field problems, not a NotFound, so that a
    form can show them next to the other mistakes."""
    ids = tuple(dict.fromkeys(i.strip() for i in ids if i and i.strip()))
    if subject_type in (SubjectType.local_offer, SubjectType.you_said_we_did):
        return ()
    if subject_type == SubjectType.services:
        name = f"{field}.serviceIds"
        if not ids:
            problems.add(name, f"{name} must name at least one service.")
        elif len(ids) > MAX_SERVICES:
            problems.add(name, f"{name} may name at most {MAX_SERVICES} services.")
        else:
            found = set(session.exec(select(Service.id).where(col(Service.id).in_(ids))).all())
            missing = [i for i in ids if i not in found]
            if missing:
                problems.add(name, f"Unknown service id(s): {', '.join(missing[:5])}.")
        return ids
    if len(ids) != 1:
        problems.add(field, f"{field} must name one {subject_type}.")
        return ids
    key = ids[0]
    if subject_type == SubjectType.service:
        if session.get(Service, key) is None:
            problems.add(f"{field}.serviceId", f"No service has the id {key!r}.")
    elif subject_type == SubjectType.section:
        term = session.get(TaxonomyTerm, key)
        if term is None or term.taxonomy_id != SECTIONS_TAXONOMY:
            problems.add(f"{field}.sectionId", f"No section has the id {key!r}.")
    elif subject_type == SubjectType.page:
        if session.exec(select(Page.id).where(col(Page.slug) == key)).first() is None:
            problems.add(f"{field}.pageSlug", f"No information page has the slug {key!r}.")
    return ids


def names(session: Session, subjects: Sequence[tuple[str, str | None]]) -> list[str]:
    """A human name for each (subject type, id), in order; three statements at most."""
    wanted: dict[str, set[str]] = {t.value: set() for t in SubjectType}
    for subject_type, key in subjects:
        if key:
            wanted[subject_type].add(key)
    found: dict[tuple[str, str], str] = {}
    if wanted["service"]:
        for sid, name in session.exec(
            select(Service.id, Service.name).where(col(Service.id).in_(wanted["service"]))
        ).all():
            found[("service", sid)] = name
    if wanted["section"]:
        for tid, name in session.exec(
            select(TaxonomyTerm.id, TaxonomyTerm.name).where(
                col(TaxonomyTerm.id).in_(wanted["section"])
            )
        ).all():
            found[("section", tid)] = name
    if wanted["page"]:
        for slug, title in session.exec(
            select(Page.slug, Page.title).where(col(Page.slug).in_(wanted["page"]))
        ).all():
            found[("page", slug)] = title
    return [
        YOU_SAID_WE_DID
        if subject_type == SubjectType.you_said_we_did
        else WHOLE_LOCAL_OFFER
        if subject_type == SubjectType.local_offer or not key
        else found.get((subject_type, key), key)
        for subject_type, key in subjects
    ]


def document(store: Store, subject_type: str, ids: Sequence[str]) -> Document:
    """The document a renderer turns into the format asked for."""
    local_offer = store.local_offer()
    if local_offer is None:
        raise NotFound("This Local Offer has not been set up yet.")
    if subject_type == SubjectType.service:
        records = store.service_records(ids[:1])
        if not records:
            raise NotFound(f"No service has the id {ids[0]!r}.", field="subject")
        return Document("service", records[0].service.name, local_offer, services=records)
    if subject_type == SubjectType.page:
        page = store.page_by_slug(ids[0])
        if page is None:
            raise NotFound(f"No information page has the slug {ids[0]!r}.", field="subject")
        return Document("page", page.title, local_offer, pages=store.page_records([page]))
    if subject_type == SubjectType.you_said_we_did:
        from services import feedback  # feedback names its subjects with this module

        themes = feedback.you_said_we_did(store.engine)
        return feedback.you_said_we_did_document(local_offer, themes)
    if subject_type == SubjectType.services:
        records = store.service_records(ids)
        missing = sorted(set(ids) - {r.service.id for r in records})
        if missing:
            raise NotFound(f"No service has the id(s) {', '.join(missing[:5])}.", field="ids")
        return Document("booklet", "Services you asked about", local_offer, services=records)
    if subject_type == SubjectType.section:
        section_ids = store.expand_terms(SECTIONS_TAXONOMY, ids[:1], "subject.sectionId")
        terms = [t for t in store.terms(SECTIONS_TAXONOMY) if t.id in section_ids]
        title = next((t.name for t in terms if t.id == ids[0]), ids[0])
        found = store.search_services(
            ServiceQuery(sections=tuple(ids[:1])), offset=0, limit=MAX_BOOKLET_SERVICES
        )
        return Document(
            "booklet",
            title,
            local_offer,
            services=store.service_records([s.id for s in found.services]),
            pages=store.page_records(store.pages(section_ids)),
            sections=terms,
        )
    found = store.search_services(ServiceQuery(), offset=0, limit=MAX_BOOKLET_SERVICES)
    return Document(
        "local_offer",
        local_offer.title,
        local_offer,
        services=store.service_records([s.id for s in found.services]),
        pages=store.page_records(store.pages()),
        sections=store.terms(SECTIONS_TAXONOMY),
    )
