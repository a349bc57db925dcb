"""Catalogue tables, named after Open Referral UK / HSDS 3.0 wherever HSDS has the concept."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ServiceStatus(str, enum.Enum):
    """HSDS service.status values."""

    active = "active"
    inactive = "inactive"
    defunct = "defunct"
    temporarily_closed = "temporarily closed"


class ReferralRoute(str, enum.Enum):
    """How a family reaches a service (a Local Offer extension to HSDS)."""

    self_referral = "self_referral"
    professional_referral = "professional_referral"
    ehc_plan_required = "ehc_plan_required"
    local_authority_assessment = "local_authority_assessment"
    open_access = "open_access"


class DeliveryMode(str, enum.Enum):
    """How a service is delivered; stored as attributes on the delivery-modes taxonomy."""

    in_person = "in_person"
    online = "online"
    telephone = "telephone"
    home_visit = "home_visit"


# Taxonomy ids used by the Local Offer; terms of each are linked to services by `attribute`.
SECTIONS_TAXONOMY = "local-offer-sections"
NEEDS_TAXONOMY = "send-needs"
DELIVERY_TAXONOMY = "delivery-modes"

SEND_PROVISION_QUESTIONS = (
    "teaching_approach",
    "adapting_curriculum",
    "additional_support",
    "assessing_progress",
    "evaluating_effectiveness",
    "access_to_facilities",
    "activities",
    "emotional_social_development",
    "staff_expertise",
)


class Organization(SQLModel, table=True):
    """HSDS organization: the body that provides services."""

    id: str = Field(primary_key=True, max_length=100)
    name: str = Field(max_length=300)
    description: str = ""
    email: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=500)
    phone: str | None = Field(default=None, max_length=50)
    last_modified: dt.datetime = Field(default_factory=utcnow)


class Service(SQLModel, table=True):
    """HSDS service, plus what a Local Offer must say: who for, how to apply, how decided."""

    __table_args__ = (
        Index("ix_service_name_id", "name", "id"),
        Index("ix_service_status", "status"),
    )

    id: str = Field(primary_key=True, max_length=100)
    organization_id: str = Field(foreign_key="organization.id", index=True, max_length=100)
    name: str = Field(max_length=300)
    alternate_name: str | None = Field(default=None, max_length=300)
    description: str = ""
    url: str | None = Field(default=None, max_length=500)
    email: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=50)
    status: str = Field(default=ServiceStatus.active.value, max_length=30)
    eligibility_description: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    application_process: str = ""
    referral_route: str = Field(default=ReferralRoute.self_referral.value, max_length=40)
    decision_process: str = ""
    fees_description: str | None = None
    schedule_description: str | None = None
    out_of_area: bool = Field(default=False, index=True)
    out_of_area_name: str | None = Field(default=None, max_length=200)
    easy_read_description: str = ""
    assured_date: dt.date | None = None
    review_due_date: dt.date | None = None
    last_modified: dt.datetime = Field(default_factory=utcnow)


class Location(SQLModel, table=True):
    """HSDS location with its physical address inline."""

    id: str = Field(primary_key=True, max_length=100)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    location_type: str = Field(default="physical", max_length=20)
    name: str = Field(max_length=300)
    description: str = ""
    address_1: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=100)
    postal_code: str | None = Field(default=None, max_length=20)
    country: str = Field(default="GB", max_length=2)
    latitude: float | None = None
    longitude: float | None = None


class ServiceAtLocation(SQLModel, table=True):
    """HSDS service_at_location: a service delivered at a location."""

    __table_args__ = (UniqueConstraint("service_id", "location_id"),)
    id: str = Field(primary_key=True, max_length=220)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=100)
    location_id: str = Field(foreign_key="location.id", index=True, max_length=100)


class Accessibility(SQLModel, table=True):
    """HSDS accessibility: a feature of a location (step-free access, hearing loop, ...)."""

    id: str = Field(primary_key=True, max_length=220)
    location_id: str = Field(foreign_key="location.id", index=True, max_length=100)
    description: str = Field(max_length=300)


class CostOption(SQLModel, table=True):
    """HSDS cost_option: a price; a service with none is free."""

    id: str = Field(primary_key=True, max_length=220)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=100)
    option: str | None = Field(default=None, max_length=300)
    amount: float | None = None
    currency: str = Field(default="GBP", max_length=3)
    amount_description: str | None = Field(default=None, max_length=500)


class Language(SQLModel, table=True):
    """HSDS language: a language the service is delivered in."""

    id: str = Field(primary_key=True, max_length=220)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=100)
    code: str = Field(index=True, max_length=10)
    name: str = Field(max_length=100)


class ServiceArea(SQLModel, table=True):
    """HSDS service_area: the area a service covers."""

    id: str = Field(primary_key=True, max_length=220)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=100)
    name: str = Field(max_length=200)
    description: str | None = None


class Taxonomy(SQLModel, table=True):
    """HSDS taxonomy: Local Offer sections, SEND needs, delivery modes."""

    id: str = Field(primary_key=True, max_length=100)
    name: str = Field(max_length=200)
    description: str = ""
    version: str | None = Field(default=None, max_length=20)


class TaxonomyTerm(SQLModel, table=True):
    """HSDS taxonomy_term, a node of a taxonomy tree."""

    id: str = Field(primary_key=True, max_length=100)
    taxonomy_id: str = Field(foreign_key="taxonomy.id", index=True, max_length=100)
    parent_id: str | None = Field(default=None, foreign_key="taxonomyterm.id", index=True)
    code: str = Field(max_length=100)
    name: str = Field(max_length=200)
    description: str = ""
    position: int = 0


class Attribute(SQLModel, table=True):
    """HSDS attribute: links a taxonomy term to a record (service sections, needs, modes)."""

    __table_args__ = (
        Index("ix_attribute_link", "link_entity", "link_id"),
        # Covers "services with any of these terms" without touching the table.
        Index("ix_attribute_term", "taxonomy_term_id", "link_entity", "link_id"),
    )
    id: str = Field(primary_key=True, max_length=220)
    link_id: str = Field(max_length=100)
    link_type: str = Field(default="", max_length=50)
    link_entity: str = Field(default="service", max_length=50)
    taxonomy_term_id: str = Field(foreign_key="taxonomyterm.id", max_length=100)
    value: str | None = None


class SendProvisionAnswer(SQLModel, table=True):
    """An education provider's answer to a SEND Regulations 2014 Schedule 2 para 5 question."""

    __table_args__ = (UniqueConstraint("service_id", "question"),)
    id: str = Field(primary_key=True, max_length=220)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=100)
    question: str = Field(max_length=50)
    answer: str
    position: int = 0


class Page(SQLModel, table=True):
    """An information page: the Local Offer is not just a list of services."""

    id: str = Field(primary_key=True, max_length=100)
    slug: str = Field(unique=True, max_length=100)
    section_id: str | None = Field(default=None, foreign_key="taxonomyterm.id", index=True)
    title: str = Field(max_length=300)
    summary: str = ""
    body: str = ""
    easy_read_description: str = ""
    assured_date: dt.date | None = None
    last_modified: dt.datetime = Field(default_factory=utcnow)


class LocalOffer(SQLModel, table=True):
    """The council publishing this Local Offer, and how families reach it."""

    id: int = Field(default=1, primary_key=True)
    council_name: str = Field(max_length=200)
    title: str = Field(max_length=300)
    description: str = ""
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    address: str | None = None
    different_format: str = ""
    feedback: str = ""
    complaints: str = ""
    last_modified: dt.datetime = Field(default_factory=utcnow)


# -- staff work: tokens, audit, change log, requests for another format, feedback, reviews ----


class CatalogueVersion(SQLModel, table=True):
    """One counter, bumped in the same transaction as every change to what documents say:
    cached renditions key on it, so a change makes them stale."""

    id: int = Field(default=1, primary_key=True)
    version: int = 1
    changed_at: dt.datetime = Field(default_factory=utcnow)


class StaffToken(SQLModel, table=True):
    """A council staff member's bearer token; only its sha256 is stored."""

    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)
    revoked_at: dt.datetime | None = None


class AuditEvent(SQLModel, table=True):
    """A staff action: who, what, when, on which record. Never holds personal data."""

    __table_args__ = (Index("ix_auditevent_record", "record_type", "record_id"),)
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=250)
    action: str = Field(max_length=60)
    record_type: str = Field(max_length=40)
    record_id: str = Field(max_length=100)
    detail: str = Field(default="", max_length=500)


class ChangeLog(SQLModel, table=True):
    """One changed field of a catalogue record, in the shape of HSDS `metadata`."""

    __table_args__ = (Index("ix_changelog_resource", "resource_type", "resource_id"),)
    id: int | None = Field(default=None, primary_key=True)
    resource_id: str = Field(max_length=100)
    resource_type: str = Field(max_length=40)
    last_action_date: dt.datetime = Field(default_factory=utcnow, index=True)
    last_action_type: str = Field(max_length=20)
    field_name: str = Field(max_length=60)
    previous_value: str | None = None
    replacement_value: str | None = None
    updated_by: str = Field(max_length=250)


class ServiceReview(SQLModel, table=True):
    """A check that a service's information is still right."""

    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=100)
    reviewed_on: dt.date
    next_due: dt.date
    reviewed_by: str = Field(max_length=250)
    note: str = Field(default="", max_length=2000)


class FormatRequest(SQLModel, table=True):
    """A family's request for information in a different way. The contact_* fields and
    other_needs are personal data: staff-only, never logged, purged after closure."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=40)
    subject_type: str = Field(max_length=20)
    subject_ids: str = ""  # space-separated ids or slug; empty for the whole Local Offer
    format: str = Field(max_length=30, index=True)
    font_size_pt: int | None = None
    locale: str = Field(default="en-GB", max_length=20)
    format_details: str = Field(default="", max_length=500)
    delivery: str = Field(max_length=20)
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=30)
    contact_address: str | None = Field(default=None, max_length=500)
    contact_postcode: str | None = Field(default=None, max_length=10)
    other_needs: str = Field(default="", max_length=1000)
    status: str = Field(default="received", max_length=20, index=True)
    answer_by: dt.date = Field(index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    closed_at: dt.datetime | None = Field(default=None, index=True)
    purged_at: dt.datetime | None = None


class FormatRequestNote(SQLModel, table=True):
    """A staff note on a request (may hold personal data: purged with the contact details)."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="formatrequest.id", index=True)
    author: str = Field(max_length=250)
    text: str = Field(max_length=2000)
    created_at: dt.datetime = Field(default_factory=utcnow)


class FormatRequestDocument(SQLModel, table=True):
    """A document produced for a request, with the bytes sent, so it can be downloaded again."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="formatrequest.id", index=True)
    renderer: str = Field(max_length=40)
    locale: str = Field(max_length=20)
    media_type: str = Field(max_length=100)
    filename: str = Field(max_length=200)
    sha256: str = Field(max_length=64)
    size: int
    catalogue_version: int
    content: bytes | None = Field(default=None, sa_type=LargeBinary)
    created_by: str = Field(max_length=250)
    created_at: dt.datetime = Field(default_factory=utcnow)


class Feedback(SQLModel, table=True):
    """A comment on the Local Offer (SEND Regulations 2014 reg. 56): held for moderation,
    published with the council's response. contact_* fields are personal data."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=40)
    subject_type: str = Field(max_length=20)
    subject_id: str | None = Field(default=None, max_length=100, index=True)
    kind: str = Field(max_length=30, index=True)
    correction_type: str | None = Field(default=None, max_length=40)
    comment: str = Field(max_length=2000)
    published_comment: str | None = Field(default=None, max_length=2000)
    theme: str | None = Field(default=None, max_length=100)
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=30)
    status: str = Field(default="pending", max_length=20, index=True)
    reject_reason: str | None = Field(default=None, max_length=40)
    response: str | None = Field(default=None, max_length=2000)
    action_status: str | None = Field(default=None, max_length=20)
    created_at: dt.datetime = Field(default_factory=utcnow)
    moderated_at: dt.datetime | None = None
    responded_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    purged_at: dt.datetime | None = None
