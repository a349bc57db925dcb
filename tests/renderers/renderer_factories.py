"""Keyword-only factories for renderer tests: realistic Local Offer documents, no database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from services.documents import Document, LocationRecord, PageRecord, ServiceRecord
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
    ServiceAtLocation,
    TaxonomyTerm,
)

FIXED_NOW = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def make_local_offer(**overrides: Any) -> LocalOffer:
    values: dict[str, Any] = dict(
        id=1,
        council_name="Brackenford City Council",
        title="Brackenford SEND Local Offer",
        description="Information about support for children and young people aged 0 to 25 "
                    "with special educational needs and disabilities in Brackenford.",
        email="localoffer@brackenford.gov.example",
        phone="0121 496 0100",
        url="https://localoffer.brackenford.example.org.uk",
        different_format="You can ask for any part of the Local Offer in a different way: easy "
                         "read, large print, braille, audio or another language. It is free.",
        feedback="Tell us what you think of the Local Offer.",
        complaints="Talk to the service first.",
        last_modified=FIXED_NOW,
    )
    values.update(overrides)
    return LocalOffer(**values)


def make_term(*, id: str = "speech-language-therapy", name: str = "Specialist support services",
              taxonomy_id: str = SECTIONS_TAXONOMY, parent_id: str | None = "identifying-sen",
              description: str = "", position: int = 0) -> TaxonomyTerm:
    return TaxonomyTerm(id=id, taxonomy_id=taxonomy_id, parent_id=parent_id, code=id, name=name,
                        description=description, position=position)


def make_location(*, id: str = "loc-ashby-vale-hub", name: str = "Ashby Vale Family Hub",
                  address_1: str | None = "12 Mill Lane", city: str | None = "Brackenford",
                  postal_code: str | None = "BF4 2AB",
                  accessibility: tuple[str, ...] = ("Step-free entrance", "Hearing loop"),
                  ) -> LocationRecord:
    location = Location(id=id, name=name, address_1=address_1, city=city,
                        postal_code=postal_code, latitude=52.64, longitude=-1.47)
    return LocationRecord(location, [
        Accessibility(id=f"{id}:a{i}", location_id=id, description=text)
        for i, text in enumerate(accessibility)])


def make_service(*, id: str = "svc-test-speech-drop-in",
                 name: str = "Ashby Vale Speech and Language Drop-in",
                 description: str = "A weekly drop-in where families can talk to a speech and "
                                    "language therapist about how their child communicates.",
                 status: str = "active",
                 minimum_age: int | None = 0, maximum_age: int | None = 5,
                 referral_route: str = "self_referral",
                 easy_read: tuple[str, ...] = (
                     "We help young children with talking and listening.",
                     "You can come along with your child.",
                 ),
                 out_of_area_name: str | None = None,
                 phone: str | None = "0121 496 0420",
                 email: str | None = "speech@brackenford-health.example.org.uk",
                 url: str | None = "https://speech.brackenford-health.example.org.uk",
                 schedule: str | None = "Tuesdays, 9.30am to 11.30am, term time only",
                 assured_date: dt.date | None = dt.date(2026, 3, 12),
                 **overrides: Any) -> Service:
    values: dict[str, Any] = dict(
        id=id, organization_id="org-brackenford-health", name=name, description=description,
        url=url, email=email, phone=phone, status=status,
        eligibility_description="Children under 5 who live in Brackenford, with or without "
                                "a diagnosis.",
        minimum_age=minimum_age, maximum_age=maximum_age,
        application_process="Come along to a session. You do not need an appointment.",
        referral_route=referral_route,
        decision_process="Everyone who comes is seen. The therapist may offer a referral to "
                         "the full speech and language therapy service.",
        fees_description=None, schedule_description=schedule,
        out_of_area=out_of_area_name is not None, out_of_area_name=out_of_area_name,
        easy_read_description="\n".join(easy_read), assured_date=assured_date,
        review_due_date=None, last_modified=FIXED_NOW,
    )
    values.update(overrides)
    return Service(**values)


def make_service_record(*, service: Service | None = None,
                        organization: Organization | None = None,
                        locations: list[LocationRecord] | None = None,
                        sections: list[TaxonomyTerm] | None = None,
                        needs: list[TaxonomyTerm] | None = None,
                        delivery_modes: tuple[str, ...] = ("in_person",),
                        costs: tuple[tuple[str, float], ...] = (),
                        languages: tuple[tuple[str, str], ...] = (("en", "English"),),
                        provision: dict[str, str] | None = None,
                        content_lang: dict[str, str] | None = None,
                        **service_fields: Any) -> ServiceRecord:
    service = service or make_service(**service_fields)
    sid = service.id
    return ServiceRecord(
        service=service,
        organization=organization or Organization(
            id=service.organization_id, name="Brackenford Community Health NHS Trust",
            last_modified=FIXED_NOW),
        locations=[make_location()] if locations is None else locations,
        sections=[make_term()] if sections is None else sections,
        needs=([make_term(id="slcn", name="Speech, language and communication needs",
                          taxonomy_id=NEEDS_TAXONOMY, parent_id="communication-interaction")]
               if needs is None else needs),
        delivery_modes=[make_term(id=m, name=m.replace("_", " ").capitalize(),
                                  taxonomy_id=DELIVERY_TAXONOMY, parent_id=None)
                        for m in delivery_modes],
        cost_options=[CostOption(id=f"{sid}:c{i}", service_id=sid, option=option,
                                 amount=amount) for i, (option, amount) in enumerate(costs)],
        languages=[Language(id=f"{sid}:{code}", service_id=sid, code=code, name=name)
                   for code, name in languages],
        send_provision=[SendProvisionAnswer(id=f"{sid}:{q}", service_id=sid, question=q,
                                            answer=a, position=i)
                        for i, (q, a) in enumerate((provision or {}).items())],
        content_lang=content_lang or {},
    )


def make_page_record(*, slug: str = "what-is-sen-support", title: str = "What is SEN support?",
                     summary: str = "How schools give extra help to children with special "
                                    "educational needs.",
                     body: str = ("Most children with special educational needs get help in "
                                  "their local school.\n\n## The graduated approach\n\n"
                                  "SEN support follows four steps:\n\n- **Assess** your child's "
                                  "needs\n- **Plan** the support\n- **Do** it\n- **Review** it"
                                  "\n\n## Who to talk to\n\nTalk to the class teacher or the "
                                  "SENCO."),
                     easy_read: tuple[str, ...] = (
                         "Schools must help children with SEN.",
                         "Talk to the SENCO at your school.",
                     ),
                     section: TaxonomyTerm | None = None,
                     assured_date: dt.date | None = dt.date(2026, 9, 1),
                     content_lang: dict[str, str] | None = None) -> PageRecord:
    page = Page(id=slug, slug=slug, section_id=section.id if section else "sen-support",
                title=title, summary=summary, body=body,
                easy_read_description="\n".join(easy_read), assured_date=assured_date,
                last_modified=FIXED_NOW)
    return PageRecord(page, section or make_term(id="sen-support",
                                                 name="SEN support in mainstream settings"),
                      content_lang or {})


def make_document(*, kind: str = "service", title: str | None = None,
                  services: list[ServiceRecord] | None = None,
                  pages: list[PageRecord] | None = None,
                  sections: list[TaxonomyTerm] | None = None,
                  local_offer: LocalOffer | None = None,
                  generated_on: dt.date = dt.date(2026, 11, 1)) -> Document:
    services = services if services is not None else (
        [make_service_record()] if kind == "service" else [])
    pages = pages if pages is not None else ([make_page_record()] if kind == "page" else [])
    if title is None:
        title = (services[0].service.name if kind == "service" else
                 pages[0].page.title if kind == "page" else "Speech and language support")
    return Document(kind=kind, title=title, local_offer=local_offer or make_local_offer(),  # type: ignore[arg-type]
                    services=services, pages=pages, sections=sections or [],
                    generated_on=generated_on)


def make_booklet(*, count: int = 3, **overrides: Any) -> Document:
    """A booklet of services in two sections, one service out of area and one that costs."""
    health = make_term(id="health", name="Health", parent_id=None)
    social = make_term(id="social-care", name="Social care", parent_id=None)
    services = []
    for i in range(count):
        in_health = i % 2 == 0
        services.append(make_service_record(
            id=f"svc-test-{i}", name=f"Test service number {i + 1}",
            sections=[make_term(id="occupational-therapy" if in_health else "short-breaks",
                                name="Occupational therapy" if in_health else "Short breaks",
                                parent_id="health" if in_health else "social-care")],
            out_of_area_name="Ravenscar" if i == 1 else None,
            costs=(("Per session", 4.5),) if i == 2 else (),
            delivery_modes=("in_person", "online"),
            languages=(("en", "English"), ("pl", "Polish")),
        ))
    values: dict[str, Any] = dict(kind="booklet", title="Health and short breaks",
                                  services=services, sections=[health, social])
    values.update(overrides)
    return make_document(**values)


# -- the demo catalogue, without a database --------------------------------------------------


def demo_documents() -> dict[str, Any] | None:
    """The demo catalogue as records (None while services/demo has no part files)."""
    from services.seed import DEMO, catalogue_rows, read_demo

    if not list(DEMO.glob("part-*.json")):
        return None
    rows = catalogue_rows(read_demo())
    build: dict[Any, list[Any]] = {model: [model(**row) for row in items]
                                   for model, items in rows.items()}
    terms = {t.id: t for t in build[TaxonomyTerm]}
    orgs = {o.id: o for o in build[Organization]}
    locations = {loc.id: loc for loc in build[Location]}
    access: dict[str, list[Accessibility]] = defaultdict(list)
    for a in build[Accessibility]:
        access[a.location_id].append(a)
    by_service: dict[type, dict[str, list[Any]]] = {
        model: defaultdict(list) for model in (CostOption, Language, SendProvisionAnswer)}
    for model, groups in by_service.items():
        for row in build[model]:
            groups[row.service_id].append(row)
    places: dict[str, list[LocationRecord]] = defaultdict(list)
    for link in build[ServiceAtLocation]:
        loc = locations[link.location_id]
        places[link.service_id].append(LocationRecord(loc, access[loc.id]))
    linked: dict[tuple[str, str], list[TaxonomyTerm]] = defaultdict(list)
    for attribute in build[Attribute]:
        term = terms[attribute.taxonomy_term_id]
        linked[(attribute.link_id, term.taxonomy_id)].append(term)
    services = [
        ServiceRecord(
            service=s, organization=orgs.get(s.organization_id), locations=places[s.id],
            sections=linked[(s.id, SECTIONS_TAXONOMY)], needs=linked[(s.id, NEEDS_TAXONOMY)],
            delivery_modes=linked[(s.id, DELIVERY_TAXONOMY)],
            cost_options=by_service[CostOption][s.id], languages=by_service[Language][s.id],
            send_provision=sorted(by_service[SendProvisionAnswer][s.id],
                                  key=lambda a: a.position))
        for s in build[Service]]
    pages = [PageRecord(p, terms.get(p.section_id or "")) for p in build[Page]]
    top_sections = sorted((t for t in terms.values()
                           if t.taxonomy_id == SECTIONS_TAXONOMY and t.parent_id is None),
                          key=lambda t: t.position)
    local_offer = build[LocalOffer][0]
    return {"local_offer": local_offer, "services": services, "pages": pages,
            "sections": top_sections}
