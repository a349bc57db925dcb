"""GraphQL types: thin wrappers over domain rows (`from_model`), every field described."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.auth import staff_only
from api.context import Context
from api.rendition_types import (
    FormatArgument,
    LocaleArgument,
    OptionsArgument,
    Rendition,
    render,
)
from api.translation import TranslationInfo, date_text, localize, money_text
from renderers import easy_read_check
from services import models, reviews
from services.auth import EDITOR, OFFICER
from services.translations import LOCAL_OFFER_FIELDS, PAGE_FIELDS, SERVICE_FIELDS, TERM_FIELDS

if TYPE_CHECKING:
    from api.feedback import FeedbackComment


@strawberry.enum(description="How a family reaches a service.")
class ReferralRoute(Enum):
    SELF_REFERRAL = strawberry.enum_value(
        "self_referral", description="Families or young people ask for it themselves."
    )
    PROFESSIONAL_REFERRAL = strawberry.enum_value(
        "professional_referral",
        description="A professional (GP, school, health visitor) refers the child or young person.",
    )
    EHC_PLAN_REQUIRED = strawberry.enum_value(
        "ehc_plan_required", description="Only for children and young people with an EHC plan."
    )
    LOCAL_AUTHORITY_ASSESSMENT = strawberry.enum_value(
        "local_authority_assessment", description="The council decides after an assessment."
    )
    OPEN_ACCESS = strawberry.enum_value(
        "open_access", description="Anyone can go; no referral is needed."
    )


@strawberry.enum(description="How a service is delivered.")
class DeliveryMode(Enum):
    IN_PERSON = strawberry.enum_value("in_person", description="At a place you go to.")
    ONLINE = strawberry.enum_value("online", description="On the internet.")
    TELEPHONE = strawberry.enum_value("telephone", description="On the telephone.")
    HOME_VISIT = strawberry.enum_value(
        "home_visit", description="Someone visits the family at home."
    )


@strawberry.enum(description="HSDS service status.")
class ServiceStatus(Enum):
    ACTIVE = strawberry.enum_value("active", description="Running and taking requests.")
    INACTIVE = strawberry.enum_value("inactive", description="Not running for now.")
    DEFUNCT = strawberry.enum_value("defunct", description="Closed for good.")
    TEMPORARILY_CLOSED = strawberry.enum_value(
        "temporarily closed", description="Closed for a while; it will reopen."
    )


@strawberry.type(description="A body that provides services (HSDS organization). Its text is "
                             "served in English: organisations are not translated.")
class Organization:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="The organisation's name.")
    description: str = strawberry.field(description="What the organisation is.")
    email: str | None = strawberry.field(description="Contact email address.")
    url: str | None = strawberry.field(description="Website address.")
    phone: str | None = strawberry.field(description="Main telephone number.")

    @classmethod
    def from_model(cls, row: models.Organization) -> Organization:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            description=row.description,
            email=row.email,
            url=row.url,
            phone=row.phone,
        )


@strawberry.type(
    description="A term of a taxonomy (HSDS taxonomy_term): a Local Offer "
    "section, a SEND need or a delivery mode."
)
class TaxonomyTerm:
    id: strawberry.ID = strawberry.field(description="Stable identifier, also used in filters.")
    name: str = strawberry.field(description="The term's name.")
    description: str = strawberry.field(description="What the term covers.")
    parent_id: strawberry.ID | None = strawberry.field(
        description="The broader term this one sits under, if any."
    )
    translation: TranslationInfo = strawberry.field(
        description="The language each text field is really served in: the locale asked for, "
        "or English where there is no current translation (missing or stale)."
    )

    @classmethod
    def from_model(cls, row: models.TaxonomyTerm,
                   context: Context | None = None) -> TaxonomyTerm:
        """The term in the context's locale (English without a context)."""
        text = localize(context, row, "term", row.id, TERM_FIELDS)
        return cls(
            id=strawberry.ID(row.id),
            name=text.row.name,
            description=text.row.description,
            parent_id=strawberry.ID(row.parent_id) if row.parent_id else None,
            translation=text.translation,
        )


@strawberry.type(description="A term with the number of services in it, and its children.")
class TermWithCount(TaxonomyTerm):
    service_count: int = strawberry.field(
        description="Public services in this term or any of its children."
    )
    children: list[TermWithCount] = strawberry.field(description="Narrower terms, in order.")

    @classmethod
    def with_count(cls, row: models.TaxonomyTerm, service_count: int,
                   context: Context) -> TermWithCount:
        term = TaxonomyTerm.from_model(row, context)
        return cls(id=term.id, name=term.name, description=term.description,
                   parent_id=term.parent_id, translation=term.translation,
                   service_count=service_count, children=[])


@strawberry.type(description="A place where services are delivered (HSDS location). Names, "
                             "addresses and accessibility notes are served in English.")
class Location:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="The place's name.")
    description: str = strawberry.field(description="About the place.")
    address_1: str | None = strawberry.field(description="First line of the address.")
    city: str | None = strawberry.field(description="Town or city.")
    postal_code: str | None = strawberry.field(description="Postcode.")
    latitude: float | None = strawberry.field(description="WGS84 latitude.")
    longitude: float | None = strawberry.field(description="WGS84 longitude.")

    @classmethod
    def from_model(cls, row: models.Location) -> Location:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            description=row.description,
            address_1=row.address_1,
            city=row.city,
            postal_code=row.postal_code,
            latitude=row.latitude,
            longitude=row.longitude,
        )

    @strawberry.field(description="Accessibility features of the place (HSDS accessibility).")
    async def accessibility(self, info: Info[Context, None]) -> list[str]:
        rows = await info.context.loaders.accessibility.load(str(self.id))
        return [r.description for r in rows]


@strawberry.type(description="A price for a service (HSDS cost_option).")
class CostOption:
    option: str | None = strawberry.field(description="What the price is for.")
    amount: float | None = strawberry.field(description="Amount in the currency.")
    currency: str = strawberry.field(description="ISO 4217 currency code.")
    amount_description: str | None = strawberry.field(description="More about the amount.")
    formatted_amount: str | None = strawberry.field(
        description="The amount written for the request's locale (Babel), e.g. '£4.50' in "
        "en-GB or '4,50 £' in pl."
    )

    @classmethod
    def from_model(cls, row: models.CostOption,
                   context: Context | None = None) -> CostOption:
        return cls(
            option=row.option,
            amount=row.amount,
            currency=row.currency,
            amount_description=row.amount_description,
            formatted_amount=money_text(row.amount, row.currency, context),
        )


@strawberry.type(description="A language a service is delivered in (HSDS language).")
class Language:
    code: str = strawberry.field(description="ISO 639-1 language code.")
    name: str = strawberry.field(description="The language's English name.")


@strawberry.type(
    description="An education provider's answer to a SEND Regulations 2014 "
    "Schedule 2 paragraph 5 question."
)
class SendProvisionAnswer:
    question: str = strawberry.field(description="Question code, e.g. teaching_approach.")
    answer: str = strawberry.field(description="The provider's answer.")


@strawberry.type(description="Something in staff-written easy-read text that breaks the UK "
                             "easy-read guidance, and how to fix it.")
class EasyReadFinding:
    rule: str = strawberry.field(description="Which rule: sentence_length, acronym, number_word, "
                                             "abbreviation, roman_numeral or date_in_figures.")
    message: str = strawberry.field(description="What is wrong and how to fix it, in plain words.")
    excerpt: str = strawberry.field(description="The sentence it is in.")


def easy_read_findings(text: str, locale: str) -> list[EasyReadFinding]:
    return [EasyReadFinding(rule=f.rule, message=f.message, excerpt=f.excerpt)
            for f in easy_read_check.check(text, locale=locale)]


@strawberry.type(
    description="A service in the Local Offer (HSDS service), with who it is "
    "for, how to apply and how decisions are made."
)
class Service:
    row: strawberry.Private[models.Service]
    # The context this service was localized for: its children answer in the same language,
    # even when another root field of the same request asked for another one.
    localized_for: strawberry.Private[Context | None]
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="The service's name.")
    alternate_name: str | None = strawberry.field(description="Another name or short name.")
    description: str = strawberry.field(description="What the service does.")
    url: str | None = strawberry.field(description="Website address.")
    email: str | None = strawberry.field(description="Contact email address.")
    phone: str | None = strawberry.field(description="Contact telephone number.")
    status: ServiceStatus = strawberry.field(description="Whether it is running.")
    eligibility_description: str = strawberry.field(description="Who the service is for.")
    minimum_age: int | None = strawberry.field(description="Youngest age served, in years.")
    maximum_age: int | None = strawberry.field(description="Oldest age served, in years.")
    application_process: str = strawberry.field(description="How to apply or be referred.")
    referral_route: ReferralRoute = strawberry.field(description="The usual route in.")
    decision_process: str = strawberry.field(
        description="How decisions are made about who gets the service."
    )
    fees_description: str | None = strawberry.field(description="About costs, in words.")
    schedule: str | None = strawberry.field(description="When the service runs.")
    out_of_area: bool = strawberry.field(
        description="True for a service outside the council's area that local families use."
    )
    out_of_area_name: str | None = strawberry.field(
        description="The area an out-of-area service is in."
    )
    easy_read: list[str] = strawberry.field(
        description="Staff-written easy-read sentences, one idea each."
    )
    assured_date: dt.date | None = strawberry.field(
        description="When the information was last checked (HSDS assured_date)."
    )
    assured_date_text: str | None = strawberry.field(
        description="`assuredDate` written out in full for the request's locale (Babel), e.g. "
        "'Monday, 3 March 2025'."
    )
    review_due_date: dt.date | None = strawberry.field(
        description="When the information is next due to be checked."
    )
    last_modified: dt.datetime = strawberry.field(description="When the record last changed.")
    translation: TranslationInfo = strawberry.field(
        description="The language each text field is really served in: the locale asked for, "
        "or English where there is no current translation (missing or stale)."
    )

    @classmethod
    def from_model(cls, original: models.Service,
                   context: Context | None = None) -> Service:
        """The service with its text in the context's locale (English without a context);
        `row` stays the stored row."""
        text = localize(context, original, "service", original.id, SERVICE_FIELDS)
        row = text.row
        return cls(
            row=original,
            localized_for=context,
            id=strawberry.ID(row.id),
            name=row.name,
            alternate_name=row.alternate_name,
            description=row.description,
            url=row.url,
            email=row.email,
            phone=row.phone,
            status=ServiceStatus(row.status),
            eligibility_description=row.eligibility_description,
            minimum_age=row.minimum_age,
            maximum_age=row.maximum_age,
            application_process=row.application_process,
            referral_route=ReferralRoute(row.referral_route),
            decision_process=row.decision_process,
            fees_description=row.fees_description,
            schedule=row.schedule_description,
            out_of_area=row.out_of_area,
            out_of_area_name=row.out_of_area_name,
            easy_read=[s for s in row.easy_read_description.splitlines() if s.strip()],
            assured_date=row.assured_date,
            assured_date_text=date_text(row.assured_date, context),
            review_due_date=row.review_due_date,
            last_modified=row.last_modified,
            translation=text.translation,
        )

    @strawberry.field(description="The organisation that provides the service.")
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        row = await info.context.loaders.organizations.load(self.row.organization_id)
        return Organization.from_model(row) if row else None

    @strawberry.field(description="Where the service is delivered.")
    async def locations(self, info: Info[Context, None]) -> list[Location]:
        rows = await info.context.loaders.locations.load(self.row.id)
        return [Location.from_model(r) for r in rows]

    @strawberry.field(description="The Local Offer sections the service appears in.")
    async def sections(self, info: Info[Context, None]) -> list[TaxonomyTerm]:
        return [
            TaxonomyTerm.from_model(t, self.localized_for or info.context)
            for t in await info.context.loaders.sections.load(self.row.id)
        ]

    @strawberry.field(description="The SEND needs the service is for (empty: all needs).")
    async def needs(self, info: Info[Context, None]) -> list[TaxonomyTerm]:
        return [
            TaxonomyTerm.from_model(t, self.localized_for or info.context)
            for t in await info.context.loaders.needs.load(self.row.id)
        ]

    @strawberry.field(description="How the service is delivered.")
    async def delivery_modes(self, info: Info[Context, None]) -> list[DeliveryMode]:
        terms = await info.context.loaders.delivery_modes.load(self.row.id)
        return [DeliveryMode(t.id) for t in terms]

    @strawberry.field(description="Prices; empty when the service is free.")
    async def cost_options(self, info: Info[Context, None]) -> list[CostOption]:
        return [
            CostOption.from_model(c, self.localized_for or info.context)
            for c in await info.context.loaders.cost_options.load(self.row.id)
        ]

    @strawberry.field(description="True when nothing has to be paid.")
    async def is_free(self, info: Info[Context, None]) -> bool:
        costs = await info.context.loaders.cost_options.load(self.row.id)
        return not any((c.amount or 0) > 0 for c in costs)

    @strawberry.field(description="Languages the service is delivered in.")
    async def languages(self, info: Info[Context, None]) -> list[Language]:
        rows = await info.context.loaders.languages.load(self.row.id)
        return [Language(code=r.code, name=r.name) for r in rows]

    @strawberry.field(
        description="For schools, colleges and early years settings: answers to "
        "the SEND Regulations 2014 Schedule 2 questions."
    )
    async def send_provision(self, info: Info[Context, None]) -> list[SendProvisionAnswer]:
        rows = await info.context.loaders.send_provision.load(self.row.id)
        return [SendProvisionAnswer(question=r.question, answer=r.answer) for r in rows]

    @strawberry.field(
        description="Staff (editor): true when the information is past its review date or "
        "was never checked. The service stays public.",
        extensions=staff_only(EDITOR),
    )
    def review_overdue(self) -> bool | None:
        return reviews.is_overdue(self.row)

    @strawberry.field(
        description="Staff (editor or officer): corrections families sent about this service "
        "that are not yet done or rejected, oldest first.",
        extensions=staff_only(EDITOR, OFFICER),
    )
    async def open_corrections(
        self, info: Info[Context, None]
    ) -> list[Annotated[FeedbackComment, strawberry.lazy("api.feedback")]] | None:
        from api.feedback import staff_view  # api.feedback imports this module

        return await staff_view(info, await info.context.corrections.load(self.row.id))

    @strawberry.field(
        description="Staff (editor): where the service's easy-read sentences break the easy-read "
        "rules (15 words or fewer, no unexplained acronyms, numbers as digits, ...). Empty: "
        "nothing to fix.",
        extensions=staff_only(EDITOR),
    )
    def easy_read_report(self, info: Info[Context, None]) -> list[EasyReadFinding] | None:
        return easy_read_findings(self.row.easy_read_description,
                                  (self.localized_for or info.context).locale)

    @strawberry.field(description="This service as a document in a format and language: easy "
                                  "read, accessible HTML, plain text, PDF or large print.")
    async def rendition(
        self,
        info: Info[Context, None],
        format: FormatArgument,  # noqa: A002
        locale: LocaleArgument = None,
        options: OptionsArgument = None,
    ) -> Rendition:
        default = (self.localized_for or info.context).locale
        return await render(info, "service", (self.row.id,), format, locale or default, options)


@strawberry.type(
    description="An information page: what SEN support is, how to ask for an "
    "EHC needs assessment, complaints, and so on."
)
class Page:
    row: strawberry.Private[models.Page]
    localized_for: strawberry.Private[Context | None]  # as on Service
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    slug: str = strawberry.field(description="The page's address segment.")
    title: str = strawberry.field(description="The page's title.")
    summary: str = strawberry.field(description="One sentence saying what the page is about.")
    body: str = strawberry.field(
        description="The text: paragraphs separated by blank lines, '## ' subheadings and "
        "'- ' list items. Plain text, never HTML."
    )
    easy_read: list[str] = strawberry.field(description="Easy-read sentences, one idea each.")
    assured_date: dt.date | None = strawberry.field(description="When it was last checked.")
    assured_date_text: str | None = strawberry.field(
        description="`assuredDate` written out in full for the request's locale (Babel)."
    )
    last_modified: dt.datetime = strawberry.field(description="When it last changed.")
    translation: TranslationInfo = strawberry.field(
        description="The language each text field is really served in: the locale asked for, "
        "or English where there is no current translation (missing or stale)."
    )

    @classmethod
    def from_model(cls, original: models.Page, context: Context | None = None) -> Page:
        """The page with its text in the context's locale (English without a context)."""
        text = localize(context, original, "page", original.slug, PAGE_FIELDS)
        row = text.row
        return cls(
            row=original,
            localized_for=context,
            id=strawberry.ID(row.id),
            slug=row.slug,
            title=row.title,
            summary=row.summary,
            body=row.body,
            easy_read=[s for s in row.easy_read_description.splitlines() if s.strip()],
            assured_date=row.assured_date,
            assured_date_text=date_text(row.assured_date, context),
            last_modified=row.last_modified,
            translation=text.translation,
        )

    @strawberry.field(description="The Local Offer section the page belongs to.")
    async def section(self, info: Info[Context, None]) -> TaxonomyTerm | None:
        if not self.row.section_id:
            return None
        term = await info.context.loaders.terms.load(self.row.section_id)
        return TaxonomyTerm.from_model(term, self.localized_for or info.context) if term else None

    @strawberry.field(description="This page as a document in a format and language.")
    async def rendition(
        self,
        info: Info[Context, None],
        format: FormatArgument,  # noqa: A002
        locale: LocaleArgument = None,
        options: OptionsArgument = None,
    ) -> Rendition:
        default = (self.localized_for or info.context).locale
        return await render(info, "page", (self.row.slug,), format, locale or default, options)


@strawberry.type(description="The council publishing this Local Offer and how to reach it.")
class LocalOffer:
    council_name: str = strawberry.field(description="The local authority's name.")
    title: str = strawberry.field(description="The Local Offer's title.")
    description: str = strawberry.field(description="What the Local Offer is.")
    email: str | None = strawberry.field(description="Email for the Local Offer team.")
    phone: str | None = strawberry.field(description="Telephone for the Local Offer team.")
    url: str | None = strawberry.field(description="Website of the Local Offer.")
    address: str | None = strawberry.field(description="Postal address.")
    different_format: str = strawberry.field(
        description="How to get this information in a different way (easy read, large print, "
        "another language, print, braille, audio)."
    )
    feedback: str = strawberry.field(description="How to comment on the Local Offer.")
    complaints: str = strawberry.field(description="How to complain or challenge a decision.")
    last_modified: dt.datetime = strawberry.field(description="When this last changed.")
    translation: TranslationInfo = strawberry.field(
        description="The language each text field is really served in: the locale asked for, "
        "or English where there is no current translation (missing or stale)."
    )

    @classmethod
    def from_model(cls, original: models.LocalOffer,
                   context: Context | None = None) -> LocalOffer:
        """The Local Offer's text in the context's locale (English without a context)."""
        text = localize(context, original, "local_offer", original.id, LOCAL_OFFER_FIELDS)
        row = text.row
        return cls(
            council_name=row.council_name,
            title=row.title,
            description=row.description,
            email=row.email,
            phone=row.phone,
            url=row.url,
            address=row.address,
            different_format=row.different_format,
            feedback=row.feedback,
            complaints=row.complaints,
            last_modified=row.last_modified,
            translation=text.translation,
        )


@strawberry.type(description="Where a page of results stands in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More results follow.")
    has_previous_page: bool = strawberry.field(description="Results come before these.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge; pass as `after` for the next page."
    )


@strawberry.type(description="One service in a list of results.")
class ServiceEdge:
    cursor: str = strawberry.field(description="Opaque position, for `after`.")
    node: Service = strawberry.field(description="The service.")
    distance_km: float | None = strawberry.field(
        description="Distance from the `near` point to the nearest location, in kilometres."
    )


@strawberry.type(description="A page of services (Relay connection). Page size is at most 100.")
class ServiceConnection:
    edges: list[ServiceEdge] = strawberry.field(description="The services on this page.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(description="How many services match in all.")


@strawberry.input(
    description="An inclusive age range in years; matches services whose ages overlap it."
)
class AgeRangeInput:
    from_: int = strawberry.field(name="from", description="Youngest age, 0 to 25.")
    to: int = strawberry.field(description="Oldest age, 0 to 25.")


@strawberry.input(
    description="A point and a radius: services with a location inside it, nearest first."
)
class NearInput:
    latitude: float = strawberry.field(description="WGS84 latitude of the centre.")
    longitude: float = strawberry.field(description="WGS84 longitude of the centre.")
    radius_km: float = strawberry.field(description="Radius in kilometres, up to 200.")


@strawberry.input(
    description="What to search for. Lists match any of their values; "
    "different fields must all match."
)
class ServiceFilter:
    text: str | None = strawberry.field(
        default=None,
        description="Words to search for, ranked by relevance. Punctuation and "
        "search operators are treated as plain words.",
    )
    sections: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Section ids; a section includes its children."
    )
    needs: list[strawberry.ID] | None = strawberry.field(
        default=None, description="SEND need ids; a broad area includes its finer terms."
    )
    age: int | None = strawberry.field(
        default=None, description="An age in years (0 to 25) the service must cover."
    )
    age_range: AgeRangeInput | None = strawberry.field(
        default=None, description="Ages the service must overlap."
    )
    free_only: bool | None = strawberry.field(
        default=None, description="Only services with no cost."
    )
    delivery_modes: list[DeliveryMode] | None = strawberry.field(
        default=None, description="Services delivered in any of these ways."
    )
    out_of_area: bool | None = strawberry.field(
        default=None, description="True: only services outside the area; false: only inside."
    )
    near: NearInput | None = strawberry.field(
        default=None, description="Only services near a point, nearest first."
    )
    languages: list[str] | None = strawberry.field(
        default=None, description="ISO 639-1 codes: services delivered in any of them."
    )
