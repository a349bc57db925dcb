"""Requests for another format, end to end over HTTP: request, produce, send, purge."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from staff_api import call, codes, fields, ok

from api import cli
from services.changes import catalogue_version
from services.models import FormatRequest
from services.workdays import add_working_days

SERVICE = "svc-a-hollins-park-primary"
EMAIL = "sam.parent@example.com"

REQUEST = """
mutation Request($input: AlternativeFormatRequestInput!) {
  requestAlternativeFormat(input: $input) { reference status format delivery answerBy }
}"""
STATUS = """
query Status($reference: String!) {
  formatRequestStatus(reference: $reference) { reference status answerBy }
}"""
STAFF_FIELDS = """
  reference status language fontSizePt overdue otherNeeds closedAt purgedAt
  subject { type ids }
  contact { name email address postcode }
  notes { author text }
  documents { id format language mediaType filename sha256 byteSize catalogueVersion
              downloadPath }
"""
ONE = (
    f"query One($reference: String!) {{ formatRequest(reference: $reference) {{{STAFF_FIELDS}}} }}"
)
PRODUCE = f"""
mutation Produce($reference: String!, $formats: [String!]) {{
  produceFormatRequestDocuments(reference: $reference, formats: $formats) {{{STAFF_FIELDS}}}
}}"""
SENT = """
mutation Sent($reference: String!) {
  markFormatRequestSent(reference: $reference, note: "Posted first class.") { status closedAt }
}"""
MANUAL = "{ formatRequestsNeedingManualWork { reason request { reference format } } }"
LIST = """
query List($filter: FormatRequestFilter) {
  formatRequests(filter: $filter, first: 100) { totalCount edges { node { reference } } }
}"""
AUDIT = """
query Audit($id: String) { auditLog(recordId: $id) { actor action recordId detail } }"""


def request_input(**changes: object) -> dict[str, object]:
    value: dict[str, object] = {
        "subject": {"serviceId": SERVICE},
        "format": "LARGE_PRINT",
        "fontSizePt": 20,
        "language": "pl",
        "delivery": "POST",
        "contact": {
            "name": "Sam Parent",
            "email": EMAIL,
            "address": "1 Mill Lane, Brackenford",
            "postcode": "bf1 2ab",
        },
        "otherNeeds": "Easy read too, please: my son reads it with me.",
    }
    value.update(changes)
    return value


async def make_request(client: httpx.AsyncClient, **changes: object) -> dict[str, str]:
    data = await ok(client, REQUEST, {"input": request_input(**changes)})
    return data["requestAlternativeFormat"]


async def test_request_lifecycle_request_produce_send_purge(
    staff_client: httpx.AsyncClient,
    staff_engine: Engine,
    tokens: dict[str, str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    officer = tokens["officer"]

    # A family asks for large print in Polish, by post.
    receipt = await make_request(staff_client)
    reference = receipt["reference"]
    assert re.fullmatch(r"LO-\d{4}-\d{6}", reference)
    assert receipt["status"] == "RECEIVED"
    assert receipt["answerBy"] == add_working_days(dt.date.today(), 10).isoformat()
    public = await ok(staff_client, STATUS, {"reference": reference})
    assert public["formatRequestStatus"]["status"] == "RECEIVED"

    # The officer sees it, with the contact details (postcode tidied), and makes the documents.
    listed = await ok(staff_client, LIST, {"filter": {"statuses": ["RECEIVED"]}}, token=officer)
    assert reference in [e["node"]["reference"] for e in listed["formatRequests"]["edges"]]
    seen = (await ok(staff_client, ONE, {"reference": reference}, token=officer))["formatRequest"]
    assert seen["contact"]["postcode"] == "BF1 2AB"
    assert seen["fontSizePt"] == 20 and seen["language"] == "pl"

    version = catalogue_version(staff_engine)
    made = await ok(
        staff_client,
        PRODUCE,
        {"reference": reference, "formats": ["large_print_pdf", "easy_read"]},
        token=officer,
    )
    produced = made["produceFormatRequestDocuments"]
    assert produced["status"] == "READY"
    docs = {d["format"]: d for d in produced["documents"]}
    assert set(docs) == {"large_print_pdf", "easy_read"}
    for doc in docs.values():
        assert doc["language"] == "pl"
        assert doc["catalogueVersion"] == version
        response = await staff_client.get(
            doc["downloadPath"], headers={"Authorization": f"Bearer {officer}"}
        )
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == doc["sha256"]
        assert len(response.content) == doc["byteSize"]
        assert response.headers["content-type"].startswith(doc["mediaType"].split(";")[0])
    pdf = await staff_client.get(
        docs["large_print_pdf"]["downloadPath"], headers={"Authorization": f"Bearer {officer}"}
    )
    assert pdf.content.startswith(b"%PDF")
    easy = await staff_client.get(
        docs["easy_read"]["downloadPath"], headers={"Authorization": f"Bearer {officer}"}
    )
    assert re.search(r'<html[^>]*lang="pl"', easy.text)
    # Documents are staff-only: no token, or the wrong role, is refused.
    assert (await staff_client.get(docs["easy_read"]["downloadPath"])).status_code == 403
    editor = {"Authorization": f"Bearer {tokens['editor']}"}
    assert (
        await staff_client.get(docs["easy_read"]["downloadPath"], headers=editor)
    ).status_code == 403

    # Posting is manual work until it is sent.
    manual = (await ok(staff_client, MANUAL, token=officer))["formatRequestsNeedingManualWork"]
    assert any(m["request"]["reference"] == reference and "post" in m["reason"] for m in manual)
    sent = await ok(staff_client, SENT, {"reference": reference}, token=officer)
    assert sent["markFormatRequestSent"]["status"] == "SENT"
    manual = (await ok(staff_client, MANUAL, token=officer))["formatRequestsNeedingManualWork"]
    assert reference not in [m["request"]["reference"] for m in manual]

    # The purge command removes the personal data of closed requests; the record stays.
    monkeypatch.setenv(
        "LOCAL_OFFER_DATABASE_URL", staff_engine.url.render_as_string(hide_password=False)
    )
    assert cli.main(["purge-requests", "--older-than-days", "0"]) == 0
    purged = (await ok(staff_client, ONE, {"reference": reference}, token=officer))["formatRequest"]
    assert purged["contact"] is None and purged["otherNeeds"] == "" and purged["notes"] == []
    assert purged["purgedAt"] and purged["status"] == "SENT"
    assert [d["downloadPath"] for d in purged["documents"]] == [None, None]
    assert {d["sha256"] for d in purged["documents"]} == {d["sha256"] for d in docs.values()}
    gone = await staff_client.get(
        docs["easy_read"]["downloadPath"], headers={"Authorization": f"Bearer {officer}"}
    )
    assert gone.status_code == 404

    # Every step is audited, without personal data; nothing personal reached the logs.
    audit = (await ok(staff_client, AUDIT, {"id": reference}, token=tokens["admin"]))["auditLog"]
    assert {"request.create", "request.produce", "request.sent"} <= {a["action"] for a in audit}
    assert all(a["actor"] != "public" for a in audit if a["action"] != "request.create")
    everything = str(audit) + caplog.text
    for personal in (EMAIL, "Sam Parent", "Mill Lane", "BF1 2AB", "my son"):
        assert personal not in everything


async def test_formats_no_renderer_makes_stay_open_for_manual_work(
    staff_client: httpx.AsyncClient, tokens: dict[str, str]
) -> None:
    officer = tokens["officer"]
    braille = (await make_request(staff_client, format="BRAILLE", fontSizePt=None, language=None))[
        "reference"
    ]
    refused = await call(staff_client, PRODUCE, {"reference": braille}, token=officer)
    assert codes(refused) == ["BAD_USER_INPUT"] and fields(refused) == {"formats"}
    # A print version can still be made; the braille is still to do.
    made = await ok(
        staff_client, PRODUCE, {"reference": braille, "formats": ["plain_text"]}, token=officer
    )
    assert made["produceFormatRequestDocuments"]["status"] == "RECEIVED"
    manual = (await ok(staff_client, MANUAL, token=officer))["formatRequestsNeedingManualWork"]
    reasons = {m["request"]["reference"]: m["reason"] for m in manual}
    assert "Braille" in reasons[braille]


async def test_overdue_filter(
    staff_client: httpx.AsyncClient, staff_engine: Engine, tokens: dict[str, str]
) -> None:
    late = (await make_request(staff_client))["reference"]
    on_time = (await make_request(staff_client))["reference"]
    with staff_engine.begin() as connection:
        connection.execute(
            sa.update(FormatRequest.__table__)  # type: ignore[attr-defined]
            .where(sa.column("reference") == late)
            .values(answer_by=dt.date.today() - dt.timedelta(days=1))
        )
    overdue = await ok(staff_client, LIST, {"filter": {"overdue": True}}, token=tokens["officer"])
    refs = [e["node"]["reference"] for e in overdue["formatRequests"]["edges"]]
    assert late in refs and on_time not in refs
    seen = await ok(staff_client, ONE, {"reference": late}, token=tokens["officer"])
    assert seen["formatRequest"]["overdue"] is True


async def test_every_wrong_field_at_once_and_nothing_saved(
    staff_client: httpx.AsyncClient, staff_engine: Engine
) -> None:
    bad = request_input(
        delivery="POST",
        contact={"name": "", "email": "not-an-email", "postcode": "12345"},
        fontSizePt=40,
        language="xx",
        otherNeeds="x" * 1001,
    )
    result = await call(staff_client, REQUEST, {"input": bad})
    assert result["data"] is None
    assert set(codes(result)) == {"BAD_USER_INPUT"}
    assert fields(result) == {
        "contact.name",
        "contact.email",
        "contact.postcode",
        "contact.address",
        "fontSizePt",
        "language",
        "otherNeeds",
    }
    assert "not-an-email" not in str(result)  # messages never echo what was typed
    with staff_engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM formatrequest")).scalar() == 0


async def test_subject_must_exist_and_reference_must_be_known(
    staff_client: httpx.AsyncClient, tokens: dict[str, str]
) -> None:
    result = await call(
        staff_client,
        REQUEST,
        {"input": request_input(subject={"serviceIds": [SERVICE, "svc-nope"]})},
    )
    assert fields(result) == {"subject.serviceIds"}
    two = await call(
        staff_client,
        REQUEST,
        {"input": request_input(subject={"serviceId": SERVICE, "pageSlug": "x"})},
    )
    assert two["data"] is None and two["errors"]  # oneOf: exactly one subject
    missing = await call(staff_client, STATUS, {"reference": "LO-2026-999999"})
    assert codes(missing) == ["NOT_FOUND"]
    missing = await call(
        staff_client, ONE, {"reference": "LO-2026-999999"}, token=tokens["officer"]
    )
    assert codes(missing) == ["NOT_FOUND"]


@pytest.mark.parametrize(
    "subject",
    [
        {"localOffer": True},
        {"sectionId": "education"},
        {"pageSlug": "send-mediation"},
        {"youSaidWeDid": True},
    ],
)
async def test_every_kind_of_subject_is_accepted(
    staff_client: httpx.AsyncClient, subject: dict[str, object]
) -> None:
    receipt = await make_request(
        staff_client, subject=subject, format="PLAIN_TEXT_EMAIL", delivery="EMAIL", fontSizePt=None
    )
    assert receipt["format"] == "PLAIN_TEXT_EMAIL"


async def test_a_database_failure_leaks_no_contact_details(
    staff_client: httpx.AsyncClient, staff_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with staff_engine.begin() as connection:  # make every insert fail inside the database
        if staff_engine.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "ALTER TABLE formatrequest ADD CONSTRAINT refuse CHECK (false) NOT VALID"
            )
        else:
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON formatrequest "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
    caplog.set_level(logging.DEBUG)
    result = await call(staff_client, REQUEST, {"input": request_input()})
    assert codes(result) == ["INTERNAL_SERVER_ERROR"]
    assert "Unexpected error" in caplog.text  # logged, with the SQL but not its values
    for personal in (EMAIL, "Sam Parent", "Mill Lane", "BF1 2AB"):
        assert personal not in caplog.text and personal not in str(result)


@pytest.mark.parametrize("subject", [{"serviceIds": []}, {"serviceId": ""}, {"pageSlug": ""},
                                     {"sectionId": ""}])
async def test_an_empty_subject_is_refused_not_widened(
    staff_client: httpx.AsyncClient, subject: dict
) -> None:
    # Asking about one service must never become a request for the whole Local Offer.
    result = await call(staff_client, REQUEST, {"input": request_input(subject=subject)})
    assert codes(result) == ["BAD_USER_INPUT"], result
    assert fields(result) == {f"subject.{next(iter(subject))}"}
