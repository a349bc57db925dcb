"""Staff tokens from the command line: shown once, stored hashed, revocable."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from staff_api import call, codes, ok

from api import cli
from services import feedback, format_requests
from services.auth import Principal, hash_token

VIEWER = "{ viewer { name role tokenId } }"


async def test_token_from_the_command_line(
    staff_client: httpx.AsyncClient,
    staff_engine: Engine,
    tokens: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(
        "LOCAL_OFFER_DATABASE_URL", staff_engine.url.render_as_string(hide_password=False)
    )
    assert cli.main(["token", "create", "--role", "officer", "--name", "Ola Officer"]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert secret.startswith("lo_")
    with staff_engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT token_hash FROM stafftoken")).scalars().all()
    assert hash_token(secret) in stored and secret not in stored

    me = (await ok(staff_client, VIEWER, token=secret))["viewer"]
    assert me["name"] == "Ola Officer" and me["role"] == "officer"

    revoked = await ok(
        staff_client,
        "mutation($id: String!) { revokeStaffToken(id: $id) { revokedAt } }",
        {"id": me["tokenId"]},
        token=tokens["admin"],
    )
    assert revoked["revokeStaffToken"]["revokedAt"]
    assert codes(await call(staff_client, VIEWER, token=secret)) == ["FORBIDDEN"]
    assert cli.main(["token", "list"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert cli.main(["token", "create", "--role", "editor", "--name", " "]) == 2


def test_purge_takes_only_requests_closed_long_enough_ago(staff_engine: Engine) -> None:
    officer = Principal("tok_test", "Test officer", "officer")

    def new() -> str:
        return format_requests.submit(
            staff_engine,
            format_requests.NewRequest(
                subject_type="local_offer",
                subject_ids=(),
                format="printed_copy",
                delivery="post",
                contact=format_requests.Contact(
                    name="A Parent", address="2 Mill Lane", postcode="BF1 2AB"
                ),
            ),
            working_days=10,
        ).reference

    old, recent, still_open = new(), new(), new()
    format_requests.close(staff_engine, old, status="sent", by=officer)
    format_requests.close(staff_engine, recent, status="cancelled", by=officer, note="Moved away")
    with staff_engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE formatrequest SET closed_at = :t WHERE reference = :r"),
            {"t": dt.datetime.now(dt.UTC) - dt.timedelta(days=100), "r": old},
        )
    assert format_requests.purge_closed(staff_engine, older_than_days=90) == 1
    assert format_requests.get(staff_engine, old).contact_name is None
    assert format_requests.get(staff_engine, recent).contact_name == "A Parent"
    assert format_requests.get(staff_engine, still_open).contact_name == "A Parent"
    assert format_requests.purge_closed(staff_engine, older_than_days=90) == 0  # once only

    comment = feedback.submit(
        staff_engine,
        feedback.NewFeedback(
            subject_type="local_offer",
            subject_id=None,
            kind="accessibility",
            comment="Fine.",
            contact_email="a@example.com",
        ),
    )
    feedback.reject(staff_engine, comment.reference, reason="duplicate", by=officer)
    assert feedback.purge_closed(staff_engine, older_than_days=0) == 1
    assert feedback.get(staff_engine, comment.reference).contact_email is None
