"""Catalogue tables, named after Open Referral UK / HSDS 3.0 wherever HSDS has the concept."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, UniqueConstraint
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
        Index("ix_attribute_term", "taxonomy_term_id", "link_id"),
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
