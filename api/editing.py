"""GraphQL for editors: create, update and archive records; reviews; the change log.

Records are services, organisations, locations and pages. Omitted input fields stay as they
are; null clears a field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api import auth
from api.blocking import run
from api.context import Context
from api.pagination import page_info, window
from api.types import (
    DeliveryMode,
    Location,
    Organization,
    Page,
    PageInfo,
    ReferralRoute,
    Service,
    ServiceStatus,
)
from services import changes, editing, reviews
from services.auth import EDITOR
from services.models import ChangeLog

UNSET: Any = strawberry.UNSET


def values(data: Any) -> dict[str, Any]:
    """The fields an editor sent, by model name; enums as their stored values."""
    sent = {}
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        if value is strawberry.UNSET:
            continue
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, list):
            value = [v.value if isinstance(v, Enum) else str(v) for v in value]
        sent[f.name] = value
    return sent


@strawberry.enum(description="How a service leaves public search.")
class ArchiveStatus(Enum):
    INACTIVE = strawberry.enum_value("inactive", description="Not running for now.")
    DEFUNCT = strawberry.enum_value("defunct", description="Closed for good.")


@strawberry.enum(description="The kinds of catalogue record the change log covers.")
class ResourceType(Enum):
    SERVICE = strawberry.enum_value("service", description="A service.")
    ORGANIZATION = strawberry.enum_value("organization", description="An organisation.")
    LOCATION = strawberry.enum_value("location", description="A location.")
    PAGE = strawberry.enum_value("page", description="An information page.")


@strawberry.input(description="A service's fields. On update, omitted fields are unchanged.")
class ServiceInput:
    name: str | None = strawberry.field(default=UNSET, description="Name (needed on create).")
    organization_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="The organisation's id (needed on create)."
    )
    description: str | None = strawberry.field(
        default=UNSET, description="What it does (needed on create; up to 5000 characters)."
    )
    alternate_name: str | None = strawberry.field(default=UNSET, description="Another name.")
    url: str | None = strawberry.field(default=UNSET, description="Website, https://...")
    email: str | None = strawberry.field(default=UNSET, description="Contact email address.")
    phone: str | None = strawberry.field(default=UNSET, description="Contact telephone.")
    status: ServiceStatus | None = strawberry.field(default=UNSET, description="Status.")
    eligibility_description: str | None = strawberry.field(
        default=UNSET, description="Who it is for."
    )
    minimum_age: int | None = strawberry.field(default=UNSET, description="Youngest age, 0-25.")
    maximum_age: int | None = strawberry.field(default=UNSET, description="Oldest age, 0-25.")
    application_process: str | None = strawberry.field(default=UNSET, description="How to apply.")
    referral_route: ReferralRoute | None = strawberry.field(
        default=UNSET, description="The usual route in."
    )
    decision_process: str | None = strawberry.field(
        default=UNSET, description="How decisions are made."
    )
    fees_description: str | None = strawberry.field(default=UNSET, description="About costs.")
    schedule_description: str | None = strawberry.field(
        default=UNSET, name="schedule", description="When it runs."
    )
    out_of_area: bool | None = strawberry.field(
        default=UNSET, description="Outside the council's area."
    )
    out_of_area_name: str | None = strawberry.field(
        default=UNSET, description="The area it is in, when out of area."
    )
    easy_read_description: list[str] | None = strawberry.field(
        default=UNSET, name="easyRead", description="Easy-read sentences, one idea each."
    )
    sections: list[strawberry.ID] | None = strawberry.field(
        default=UNSET, description="Section ids (replaces the list)."
    )
    needs: list[strawberry.ID] | None = strawberry.field(
        default=UNSET, description="SEND need ids (replaces the list)."
    )
    delivery_modes: list[DeliveryMode] | None = strawberry.field(
        default=UNSET, description="How it is delivered (replaces the list)."
    )
    languages: list[str] | None = strawberry.field(
        default=UNSET, description="ISO 639-1 codes it is delivered in (replaces the list)."
    )
    location_ids: list[strawberry.ID] | None = strawberry.field(
        default=UNSET, description="Location ids where it is delivered (replaces the list)."
    )


@strawberry.input(description="An organisation's fields. On update, omitted fields are unchanged.")
class OrganizationInput:
    name: str | None = strawberry.field(default=UNSET, description="Name (needed on create).")
    description: str | None = strawberry.field(default=UNSET, description="What it is.")
    email: str | None = strawberry.field(default=UNSET, description="Contact email address.")
    url: str | None = strawberry.field(default=UNSET, description="Website, https://...")
    phone: str | None = strawberry.field(default=UNSET, description="Main telephone number.")


@strawberry.input(description="A location's fields. On update, omitted fields are unchanged.")
class LocationInput:
    name: str | None = strawberry.field(default=UNSET, description="Name (needed on create).")
    description: str | None = strawberry.field(default=UNSET, description="About the place.")
    address_1: str | None = strawberry.field(
        default=UNSET, name="address1", description="First line of the address."
    )
    city: str | None = strawberry.field(default=UNSET, description="Town or city.")
    postal_code: str | None = strawberry.field(default=UNSET, description="UK postcode.")
    latitude: float | None = strawberry.field(default=UNSET, description="WGS84 latitude.")
    longitude: float | None = strawberry.field(default=UNSET, description="WGS84 longitude.")
    organization_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="The organisation that runs it."
    )
    accessibility: list[str] | None = strawberry.field(
        default=UNSET, description="Accessibility features (replaces the list)."
    )


@strawberry.input(
    description="An information page's fields. On update, omitted fields are unchanged."
)
class PageInput:
    slug: str | None = strawberry.field(
        default=UNSET,
        description="Address segment: lowercase words and hyphens (needed on create).",
    )
    title: str | None = strawberry.field(default=UNSET, description="Title (needed on create).")
    summary: str | None = strawberry.field(default=UNSET, description="One sentence about it.")
    body: str | None = strawberry.field(
        default=UNSET, description="Text: paragraphs, '## ' subheadings, '- ' items."
    )
    easy_read_description: list[str] | None = strawberry.field(
        default=UNSET, name="easyRead", description="Easy-read sentences, one idea each."
    )
    section_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="The section it belongs to."
    )


@strawberry.type(description="One changed field of a record (the HSDS metadata shape).")
class ChangeLogEntry:
    resource_id: str = strawberry.field(description="The record's id.")
    resource_type: ResourceType = strawberry.field(description="The kind of record.")
    last_action_date: dt.datetime = strawberry.field(description="When.")
    last_action_type: str = strawberry.field(description="create, update, archive or review.")
    field_name: str = strawberry.field(description="The field (model name).")
    previous_value: str | None = strawberry.field(
        description="The value before, as text (lists as JSON)."
    )
    replacement_value: str | None = strawberry.field(description="The value after.")
    updated_by: str = strawberry.field(description="Who changed it.")

    @classmethod
    def from_model(cls, row: ChangeLog) -> ChangeLogEntry:
        return cls(
            resource_id=row.resource_id,
            resource_type=ResourceType(row.resource_type),
            last_action_date=row.last_action_date,
            last_action_type=row.last_action_type,
            field_name=row.field_name,
            previous_value=row.previous_value,
            replacement_value=row.replacement_value,
            updated_by=row.updated_by,
        )


@strawberry.type(description="Services due for review; they stay public while overdue.")
class ReviewQueue:
    services: list[Service] = strawberry.field(
        description="Never-checked and overdue services first, then by review date."
    )
    total_count: int = strawberry.field(description="How many are due in the window.")
    overdue_count: int = strawberry.field(description="How many are already overdue.")
    page_info: PageInfo = strawberry.field(description="Paging information.")


@strawberry.type(description="Editing the catalogue.")
class EditingQuery:
    @strawberry.field(
        description="Staff (editor): published services whose review is due within "
        "`withinDays` days, overdue first. `first` is at most 100.",
        extensions=auth.staff_only(EDITOR),
    )
    async def services_due_for_review(
        self,
        info: Info[Context, None],
        within_days: Annotated[
            int,
            strawberry.argument(
                description="Days ahead to look, 0 to 366; 0 lists only overdue services."
            ),
        ] = 30,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor after which the page starts.")
        ] = None,
    ) -> ReviewQueue | None:
        offset, limit = window(first, after)
        rows, total, overdue = await run(
            reviews.due_for_review,
            info.context.store.engine,
            within_days=within_days,
            offset=offset,
            limit=limit,
        )
        for row in rows:
            info.context.loaders.services.prime(row.id, row)
        return ReviewQueue(
            services=[Service.from_model(r) for r in rows],
            total_count=total,
            overdue_count=overdue,
            page_info=page_info(offset, len(rows), total),
        )

    @strawberry.field(
        description="Staff (editor): who changed which field, from what, to what and when; "
        "newest first, at most 500.",
        extensions=auth.staff_only(EDITOR),
    )
    async def change_log(
        self,
        info: Info[Context, None],
        resource_type: Annotated[
            ResourceType | None, strawberry.argument(description="Only this kind of record.")
        ] = None,
        resource_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this record.")
        ] = None,
        first: Annotated[int, strawberry.argument(description="How many, 1 to 500.")] = 100,
    ) -> list[ChangeLogEntry] | None:
        rows = await run(
            changes.change_log,
            info.context.store.engine,
            resource_type=resource_type.value if resource_type else None,
            resource_id=str(resource_id) if resource_id else None,
            limit=max(1, first),
        )
        return [ChangeLogEntry.from_model(r) for r in rows]


def _by(info: Info[Context, None]) -> dict[str, Any]:
    return {"by": auth.principal(info)}


ID_ARG = strawberry.argument(description="The record's id.")


@strawberry.type(description="Editing the catalogue.")
class EditingMutation:
    @strawberry.mutation(
        description="Staff (editor): add a service. It is assured today and due for review "
        "after the review interval. All field errors come back at once; nothing is saved "
        "unless every field is right.",
        extensions=auth.staff_only(EDITOR),
    )
    async def create_service(
        self,
        info: Info[Context, None],
        input: Annotated[
            ServiceInput,
            strawberry.argument(  # noqa: A002
                description="The service."
            ),
        ],
    ) -> Service | None:
        row = await run(
            editing.create_service,
            info.context.store.engine,
            values(input),
            review_interval_months=info.context.settings.review_interval_months,
            **_by(info),
        )
        return Service.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): change a service's fields; all or nothing.",
        extensions=auth.staff_only(EDITOR),
    )
    async def update_service(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
        input: Annotated[
            ServiceInput,
            strawberry.argument(  # noqa: A002
                description="The fields to change."
            ),
        ],
    ) -> Service | None:
        row = await run(
            editing.update_service, info.context.store.engine, str(id), values(input), **_by(info)
        )
        return Service.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): take a service out of public search (inactive or "
        "defunct). Its record and history stay.",
        extensions=auth.staff_only(EDITOR),
    )
    async def archive_service(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
        status: Annotated[
            ArchiveStatus,
            strawberry.argument(
                description="Why it leaves: not running for now, or closed for good."
            ),
        ] = ArchiveStatus.DEFUNCT,
        reason: Annotated[
            str | None,
            strawberry.argument(description="A note for the audit trail (up to 500 characters)."),
        ] = None,
    ) -> Service | None:
        row = await run(
            editing.archive_service,
            info.context.store.engine,
            str(id),
            status=status.value,
            reason=reason,
            **_by(info),
        )
        return Service.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): add an organisation.", extensions=auth.staff_only(EDITOR)
    )
    async def create_organization(
        self,
        info: Info[Context, None],
        input: Annotated[
            OrganizationInput,
            strawberry.argument(  # noqa: A002
                description="The organisation."
            ),
        ],
    ) -> Organization | None:
        row = await run(
            editing.create_organization, info.context.store.engine, values(input), **_by(info)
        )
        return Organization.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): change an organisation's fields.",
        extensions=auth.staff_only(EDITOR),
    )
    async def update_organization(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
        input: Annotated[
            OrganizationInput,
            strawberry.argument(  # noqa: A002
                description="The fields to change."
            ),
        ],
    ) -> Organization | None:
        row = await run(
            editing.update_organization,
            info.context.store.engine,
            str(id),
            values(input),
            **_by(info),
        )
        return Organization.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): archive an organisation: every public service it runs "
        "leaves public search with the status given.",
        extensions=auth.staff_only(EDITOR),
    )
    async def archive_organization(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
        status: Annotated[
            ArchiveStatus, strawberry.argument(description="The status its services get.")
        ] = ArchiveStatus.DEFUNCT,
    ) -> Organization | None:
        row = await run(
            editing.archive_organization,
            info.context.store.engine,
            str(id),
            status=status.value,
            **_by(info),
        )
        return Organization.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): add a location.", extensions=auth.staff_only(EDITOR)
    )
    async def create_location(
        self,
        info: Info[Context, None],
        input: Annotated[
            LocationInput,
            strawberry.argument(  # noqa: A002
                description="The location."
            ),
        ],
    ) -> Location | None:
        row = await run(
            editing.create_location, info.context.store.engine, values(input), **_by(info)
        )
        return Location.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): change a location's fields.",
        extensions=auth.staff_only(EDITOR),
    )
    async def update_location(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
        input: Annotated[
            LocationInput,
            strawberry.argument(  # noqa: A002
                description="The fields to change."
            ),
        ],
    ) -> Location | None:
        row = await run(
            editing.update_location, info.context.store.engine, str(id), values(input), **_by(info)
        )
        return Location.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): remove a location: its services are no longer delivered "
        "there. Its last values stay in the change log.",
        extensions=auth.staff_only(EDITOR),
    )
    async def archive_location(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
    ) -> Location | None:
        row = await run(editing.archive_location, info.context.store.engine, str(id), **_by(info))
        return Location.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): add an information page.", extensions=auth.staff_only(EDITOR)
    )
    async def create_page(
        self,
        info: Info[Context, None],
        input: Annotated[
            PageInput,
            strawberry.argument(  # noqa: A002
                description="The page."
            ),
        ],
    ) -> Page | None:
        row = await run(editing.create_page, info.context.store.engine, values(input), **_by(info))
        return Page.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): change an information page's fields.",
        extensions=auth.staff_only(EDITOR),
    )
    async def update_page(
        self,
        info: Info[Context, None],
        slug: Annotated[str, strawberry.argument(description="The page's slug.")],
        input: Annotated[
            PageInput,
            strawberry.argument(  # noqa: A002
                description="The fields to change."
            ),
        ],
    ) -> Page | None:
        row = await run(
            editing.update_page, info.context.store.engine, slug, values(input), **_by(info)
        )
        return Page.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): unpublish an information page; its last values stay in "
        "the change log.",
        extensions=auth.staff_only(EDITOR),
    )
    async def archive_page(
        self,
        info: Info[Context, None],
        slug: Annotated[str, strawberry.argument(description="The page's slug.")],
    ) -> Page | None:
        row = await run(editing.archive_page, info.context.store.engine, slug, **_by(info))
        return Page.from_model(row)

    @strawberry.mutation(
        description="Staff (editor): the service's information has been checked today: it is "
        "assured today and next due after the review interval.",
        extensions=auth.staff_only(EDITOR),
    )
    async def mark_reviewed(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, ID_ARG],  # noqa: A002
        note: Annotated[
            str | None, strawberry.argument(description="What was checked (up to 2000 characters).")
        ] = None,
    ) -> Service | None:
        row = await run(
            reviews.mark_reviewed,
            info.context.store.engine,
            str(id),
            note=note,
            interval_months=info.context.settings.review_interval_months,
            **_by(info),
        )
        return Service.from_model(row)
