"""Staff bearer tokens and roles: editor (catalogue), officer (requests, feedback), admin (all)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from services import audit
from services.errors import InvalidInput, NotFound
from services.models import StaffToken, utcnow

EDITOR = "editor"
OFFICER = "officer"
ADMIN = "admin"
ROLES = (EDITOR, OFFICER, ADMIN)
TOKEN_PREFIX = "lo_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: a staff token's id, its holder's name and role."""

    token_id: str
    name: str
    role: str

    def has_role(self, *roles: str) -> bool:
        """Admin holds every role."""
        return self.role == ADMIN or self.role in roles

    @property
    def label(self) -> str:
        """How change logs and audit events name the actor."""
        return f"{self.name} ({self.token_id})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    engine: Engine, *, name: str, role: str, actor: str = "command line"
) -> tuple[StaffToken, str]:
    """A new token for a staff member; the secret is returned once and never stored."""
    name = name.strip()
    if role not in ROLES:
        raise InvalidInput(f"Role must be one of {', '.join(ROLES)}.", field="role")
    if not name or len(name) > 200:
        raise InvalidInput("Name must be 1 to 200 characters.", field="name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = StaffToken(
        id="tok_" + secrets.token_hex(6), name=name, role=role, token_hash=hash_token(secret)
    )
    with Session(engine, expire_on_commit=False) as session:
        session.add(row)
        audit.record(session, actor, "token.create", "staff_token", row.id, f"role={role}")
        session.commit()
    return row, secret


def authenticate(engine: Engine, token: str) -> Principal | None:
    """The principal a bearer token stands for, or None if unknown or revoked."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None  # not one of ours: spare the database
    with Session(engine) as session:
        row = session.exec(
            select(StaffToken).where(col(StaffToken.token_hash) == hash_token(token))
        ).first()
        if row is None or row.revoked_at is not None:
            return None
        return Principal(token_id=row.id, name=row.name, role=row.role)


def list_tokens(engine: Engine) -> list[StaffToken]:
    with Session(engine) as session:
        return list(session.exec(select(StaffToken).order_by(col(StaffToken.created_at))).all())


def revoke_token(engine: Engine, token_id: str, *, actor: str) -> StaffToken:
    """Stop a token working at once; revoking twice is harmless."""
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(StaffToken, token_id)
        if row is None:
            raise NotFound(f"No staff token has the id {token_id!r}.", field="id")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            session.add(row)
            audit.record(session, actor, "token.revoke", "staff_token", row.id)
            session.commit()
        return row
