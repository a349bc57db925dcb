"""Staff access in the schema: the bearer token, and the one permission every staff field has.

Staff fields and mutations carry `staff_only(role, ...)`, which shows in the SDL as
`@staff(roles: [...])`; a test walks the schema and proves each one answers FORBIDDEN without
the role. Admin holds every role.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.schema_directive import Location
from strawberry.types import Info

from services import auth
from services.auth import Principal
from services.errors import Forbidden


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description="Staff only: send `Authorization: Bearer <token>` for a staff token with one of "
    "these roles (admin has them all); anyone else gets a FORBIDDEN error.",
)
class Staff:
    roles: list[str]


class IsStaff(BasePermission):
    """The caller's staff token has one of the roles."""

    error_extensions = {"code": "FORBIDDEN"}

    def __init__(self, *roles: str) -> None:
        unknown = set(roles) - set(auth.ROLES)
        assert roles and not unknown, f"unknown roles {unknown}"
        self.roles = roles
        self.message = f"This needs a staff token with the role {' or '.join(roles)}."
        # Per instance, so the SDL shows each field's roles (strawberry types it a ClassVar).
        self._schema_directive = Staff(roles=list(roles))  # type: ignore[misc]

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and principal.has_role(*self.roles)

    def on_unauthorized(self) -> None:
        # A domain error, so the error policy passes the FORBIDDEN code through unmasked.
        raise Forbidden(self.message or "Forbidden.")


def staff_only(*roles: str) -> list[FieldExtension]:
    """The extensions for a staff field: `strawberry.field(extensions=staff_only("editor"))`."""
    return [PermissionExtension(permissions=[IsStaff(*roles)])]


def staff_roles(field: Any) -> tuple[str, ...] | None:
    """The roles a strawberry field needs, or None for a public field."""
    for extension in getattr(field, "extensions", None) or []:
        if isinstance(extension, PermissionExtension):
            for permission in extension.permissions:
                if isinstance(permission, IsStaff):
                    return permission.roles
    return None


def principal(info: Info) -> Principal:
    """The staff member calling a resolver that `staff_only` already guards."""
    found: Principal | None = info.context.principal
    if found is None:  # a resolver without staff_only called this: refuse, never assume
        raise Forbidden("This needs a staff token.")
    return found


def bearer_token(authorization: str | None) -> str | None:
    """The token from an `Authorization: Bearer <token>` header."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
