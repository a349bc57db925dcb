"""Role checks, proved by walking the schema.

Every root field is either public (listed here) or guarded by `staff_only`, and every guarded
field answers FORBIDDEN without its role.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from staff_api import call, codes

from api.auth import staff_roles
from api.schema import build_schema
from api.settings import Settings
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)
from services import auth

SCHEMA = build_schema(Settings())._schema
SERVICE = "svc-a-hollins-park-primary"

# Every root field anyone may call without a token. A new root field must be added here or
# be guarded with `staff_only(...)`; the test below fails until it is one or the other.
PUBLIC_ROOT_FIELDS = {
    "Query": {
        "services",
        "service",
        "sections",
        "needs",
        "pages",
        "page",
        "localOffer",
        "formatRequestStatus",
        "youSaidWeDid",
        "renderCollection",
        "localOfferRendition",
        "locales",
        "translationStatus",
    },
    "Mutation": {"requestAlternativeFormat", "submitFeedback"},
}
# How to reach staff fields on types that public queries return.
PATHS = {"Service": f'query {{ service(id: "{SERVICE}") {{ %s }} }}'}


def strawberry_field(field: GraphQLField) -> Any:
    return (field.extensions or {}).get("strawberry-definition")


def staff_fields() -> list[tuple[str, str, tuple[str, ...]]]:
    """(type name, field name, roles) for every guarded field in the schema."""
    found = []
    for type_name, type_ in SCHEMA.type_map.items():
        if type_name.startswith("__") or not isinstance(type_, GraphQLObjectType):
            continue
        for name, field in type_.fields.items():
            roles = staff_roles(strawberry_field(field))
            if roles:
                found.append((type_name, name, roles))
    return found


STAFF_FIELDS = staff_fields()


def literal(type_: Any) -> str:
    """A syntactically valid value for an argument type (values need not exist)."""
    if isinstance(type_, GraphQLNonNull):
        return literal(type_.of_type)
    if isinstance(type_, GraphQLList):
        return f"[{literal(type_.of_type)}]"
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        if type_.is_one_of:
            name, field = next(iter(type_.fields.items()))
            return f"{{{name}: {literal(field.type)}}}"
        required = [
            f"{name}: {literal(f.type)}"
            for name, f in type_.fields.items()
            if isinstance(f.type, GraphQLNonNull) and f.default_value is None
        ]
        return "{" + ", ".join(required) + "}"
    assert isinstance(type_, GraphQLScalarType)
    return {"Int": "1", "Float": "1.5", "Boolean": "true", "Date": '"2026-01-01"'}.get(
        type_.name, json.dumps("x")
    )


def operation(type_name: str, field_name: str) -> str:
    parent = SCHEMA.type_map[type_name]
    assert isinstance(parent, GraphQLObjectType)
    field = parent.fields[field_name]
    args = ", ".join(
        f"{name}: {literal(arg.type)}"
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    )
    selection = field_name + (f"({args})" if args else "")
    if isinstance(get_named_type(field.type), GraphQLObjectType):
        selection += " { __typename }"
    if type_name == "Query":
        return f"query {{ {selection} }}"
    if type_name == "Mutation":
        return f"mutation {{ {selection} }}"
    assert type_name in PATHS, f"add a public path to {type_name} in PATHS"
    return PATHS[type_name] % selection


def test_every_root_field_is_public_or_staff_only() -> None:
    for root in ("Query", "Mutation"):
        type_ = SCHEMA.type_map[root]
        assert isinstance(type_, GraphQLObjectType)
        for name, field in type_.fields.items():
            guarded = staff_roles(strawberry_field(field)) is not None
            public = name in PUBLIC_ROOT_FIELDS[root]
            assert guarded != public, (
                f"{root}.{name}: add it to PUBLIC_ROOT_FIELDS or guard it with staff_only(...)"
            )


def test_the_walk_finds_the_staff_fields() -> None:
    names = {f"{t}.{f}" for t, f, _ in STAFF_FIELDS}
    assert {
        "Query.formatRequests",
        "Mutation.updateService",
        "Mutation.publishFeedback",
        "Query.servicesDueForReview",
        "Service.openCorrections",
        "Service.reviewOverdue",
        "Mutation.revokeStaffToken",
    } <= names


@pytest.mark.parametrize(
    ("type_name", "field_name", "roles"), STAFF_FIELDS, ids=[f"{t}.{f}" for t, f, _ in STAFF_FIELDS]
)
async def test_staff_field_is_forbidden_without_its_role(
    staff_client: httpx.AsyncClient,
    staff_engine: Engine,
    tokens: dict[str, str],
    type_name: str,
    field_name: str,
    roles: tuple[str, ...],
) -> None:
    query = operation(type_name, field_name)
    revoked_row, revoked = auth.create_token(staff_engine, name="Gone", role="admin")
    auth.revoke_token(staff_engine, revoked_row.id, actor="test")
    callers: dict[str, str | None] = {
        "nobody": None,
        "a made-up token": "lo_not-a-token",
        "a revoked admin token": revoked,
        **tokens,
    }
    for caller, token in callers.items():
        result = await call(staff_client, query, token=token)
        allowed = caller in roles or caller == "admin"
        if allowed:
            assert "FORBIDDEN" not in codes(result), (caller, result)
        else:
            assert codes(result) == ["FORBIDDEN"], (caller, result)
            error = result["errors"][0]
            assert error["path"][-1] == field_name
            assert "staff token" in error["message"]


async def test_public_data_survives_a_forbidden_staff_field(
    staff_client: httpx.AsyncClient,
) -> None:
    result = await call(staff_client, f'{{ service(id: "{SERVICE}") {{ name reviewOverdue }} }}')
    assert result["data"]["service"]["name"]
    assert result["data"]["service"]["reviewOverdue"] is None
    assert codes(result) == ["FORBIDDEN"]


def test_staff_fields_are_marked_in_the_sdl() -> None:
    from api.cli import schema_sdl

    sdl = schema_sdl(Settings())
    assert sdl.count('@staff(roles: ["') == len(STAFF_FIELDS)
