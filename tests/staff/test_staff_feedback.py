"""'You said, we did' end to end: comment, moderate, respond, publish; corrections to editors."""

from __future__ import annotations

import re

import httpx
from sqlalchemy.engine import Engine
from staff_api import call, codes, fields, ok

from api.schema import build_schema
from api.settings import Settings
from graphql import GraphQLObjectType
from renderers import REGISTRY, RenderOptions
from services import subjects
from services.changes import catalogue_version
from services.store import Store

SERVICE = "svc-a-hollins-park-primary"

SUBMIT = """
mutation Submit($input: FeedbackInput!) { submitFeedback(input: $input) { reference status } }"""
PUBLISH = """
mutation Publish($reference: String!, $theme: String, $text: String) {
  publishFeedback(reference: $reference, theme: $theme, publishedComment: $text) {
    status theme
  }
}"""
REJECT = """
mutation Reject($reference: String!) {
  rejectFeedback(reference: $reference, reason: ABUSIVE) { status rejectReason }
}"""
RESPOND = """
mutation Respond($reference: String!, $status: ActionStatus!, $response: String) {
  respondToFeedback(reference: $reference, actionStatus: $status, response: $response) {
    actionStatus response
  }
}"""
YOU_SAID = """
{ youSaidWeDid { theme comments { reference kind about comment response actionStatus } } }"""
CORRECTIONS = """
query Corrections($id: ID!) {
  service(id: $id) { openCorrections { reference correctionType comment contact { email } } }
}"""
QUEUE = """
{ feedback(filter: {statuses: [PENDING]}) { totalCount edges { node { reference about } } } }"""


async def submit(client: httpx.AsyncClient, **fields_: object) -> str:
    data = await ok(client, SUBMIT, {"input": fields_})
    assert data["submitFeedback"]["status"] == "PENDING"
    reference: str = data["submitFeedback"]["reference"]
    assert re.fullmatch(r"FB-\d{4}-\d{6}", reference)
    return reference


async def test_feedback_lifecycle_to_publication(
    staff_client: httpx.AsyncClient, staff_engine: Engine, tokens: dict[str, str]
) -> None:
    officer, editor = tokens["officer"], tokens["editor"]
    correction = await submit(
        staff_client,
        subject={"serviceId": SERVICE},
        kind="CORRECTION",
        correctionType="CONTACT_DETAILS_WRONG",
        comment="The phone number is the old one. Ring Mrs Jones on 07700 900123 instead.",
        contact={"name": "Pat", "email": "pat@example.com"},
    )
    gap = await submit(
        staff_client,
        subject={"sectionId": "transport"},
        kind="CONTENT_OR_GAPS",
        comment="Nothing here says how to appeal a school transport decision.",
    )
    abuse = await submit(
        staff_client, subject={"localOffer": True}, kind="ACCESSIBILITY", comment="Rude words."
    )

    # Held for moderation: nothing is public yet, and the officer has a queue.
    assert (await ok(staff_client, YOU_SAID))["youSaidWeDid"] == []
    queue = (await ok(staff_client, QUEUE, token=officer))["feedback"]
    assert queue["totalCount"] == 3
    abouts = {e["node"]["reference"]: e["node"]["about"] for e in queue["edges"]}
    assert abouts[gap] == "School and college transport" and abouts[abuse] == "The Local Offer"

    # The correction reaches the editor on the service's record straight away.
    open_ = await ok(staff_client, CORRECTIONS, {"id": SERVICE}, token=editor)
    assert [c["reference"] for c in open_["service"]["openCorrections"]] == [correction]
    assert open_["service"]["openCorrections"][0]["contact"]["email"] == "pat@example.com"

    # The officer publishes two (one with a name taken out) and rejects one.
    before = catalogue_version(staff_engine)
    await ok(staff_client, PUBLISH, {"reference": gap, "theme": "Transport"}, token=officer)
    await ok(
        staff_client,
        PUBLISH,
        {"reference": correction, "text": "The phone number is the old one."},
        token=officer,
    )
    rejected = await ok(staff_client, REJECT, {"reference": abuse}, token=officer)
    assert rejected["rejectFeedback"] == {"status": "REJECTED", "rejectReason": "ABUSIVE"}
    assert catalogue_version(staff_engine) == before + 2  # the published record changed twice

    # Responses: the officer plans one; the editor fixes the correction and says so.
    await ok(
        staff_client,
        RESPOND,
        {
            "reference": gap,
            "status": "PLANNED",
            "response": "We will add the appeal steps by March.",
        },
        token=officer,
    )
    await ok(
        staff_client,
        RESPOND,
        {
            "reference": correction,
            "status": "DONE",
            "response": "We have updated the phone number.",
        },
        token=editor,
    )
    open_ = await ok(staff_client, CORRECTIONS, {"id": SERVICE}, token=editor)
    assert open_["service"]["openCorrections"] == []

    themes = (await ok(staff_client, YOU_SAID))["youSaidWeDid"]
    assert [t["theme"] for t in themes] == ["Corrections to service information", "Transport"]
    fixed = themes[0]["comments"][0]
    assert fixed["comment"] == "The phone number is the old one."
    assert fixed["actionStatus"] == "DONE" and fixed["about"].startswith("Hollins Park")
    planned = themes[1]["comments"][0]
    assert planned["actionStatus"] == "PLANNED" and "appeal" in planned["response"]
    everything = str(themes)
    assert abuse not in everything and "Mrs Jones" not in everything and "pat@" not in everything

    # The same content renders as a document in any format and language; a family can ask
    # for it like any other subject.
    document = subjects.document(Store(staff_engine), "you_said_we_did", ())
    html = REGISTRY["html"].render(document, RenderOptions(locale="pl"))
    assert "You said, we did" in str(html) and "appeal steps" in str(html)
    text = REGISTRY["plain_text"].render(document, RenderOptions())
    assert "We have updated the phone number." in str(text)
    assert "Mrs Jones" not in str(text)
    pdf = REGISTRY["large_print_pdf"].render(document, RenderOptions(font_size_pt=20))
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")


def test_public_types_carry_no_contact_details() -> None:
    schema = build_schema(Settings())._schema
    for name in (
        "PublishedComment",
        "YouSaidWeDidTheme",
        "FeedbackReceipt",
        "FormatRequestReceipt",
    ):
        type_ = schema.type_map[name]
        assert isinstance(type_, GraphQLObjectType)
        assert not {"contact", "email", "phone", "name"} & set(type_.fields), name


async def test_feedback_validation_reports_every_field(
    staff_client: httpx.AsyncClient, staff_engine: Engine
) -> None:
    result = await call(
        staff_client,
        SUBMIT,
        {
            "input": {
                "subject": {"localOffer": True},
                "kind": "CORRECTION",
                "comment": "x" * 2001,
                "contact": {"email": "nope@", "phone": "call me"},
            }
        },
    )
    assert set(codes(result)) == {"BAD_USER_INPUT"}
    assert fields(result) == {
        "correctionType",
        "subject",
        "comment",
        "contact.email",
        "contact.phone",
    }
    unknown = await call(
        staff_client,
        SUBMIT,
        {
            "input": {
                "subject": {"serviceId": "svc-does-not-exist"},
                "kind": "CONTENT_OR_GAPS",
                "comment": "Hello",
            }
        },
    )
    assert fields(unknown) == {"subject.serviceId"}
    empty = await call(
        staff_client,
        SUBMIT,
        {"input": {"subject": {"localOffer": True}, "kind": "CONTENT_OR_GAPS", "comment": "   "}},
    )
    assert fields(empty) == {"comment"}
    with staff_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM feedback").scalar() == 0


async def test_moderation_errors(staff_client: httpx.AsyncClient, tokens: dict[str, str]) -> None:
    officer = tokens["officer"]
    missing = await call(staff_client, PUBLISH, {"reference": "FB-2026-999999"}, token=officer)
    assert codes(missing) == ["NOT_FOUND"]
    ref = await submit(
        staff_client,
        subject={"localOffer": True},
        kind="HOW_DEVELOPED",
        comment="Ask parents before changing the website.",
    )
    first = await call(
        staff_client, RESPOND, {"reference": ref, "status": "PLANNED"}, token=officer
    )
    assert fields(first) == {"response"}  # the first response must say something
    editor = await call(
        staff_client,
        RESPOND,
        {"reference": ref, "status": "PLANNED", "response": "We will."},
        token=tokens["editor"],
    )
    assert codes(editor) == ["FORBIDDEN"]  # editors answer corrections only
    await ok(staff_client, REJECT, {"reference": ref}, token=officer)
    again = await call(staff_client, PUBLISH, {"reference": ref}, token=officer)
    assert codes(again) == ["BAD_USER_INPUT"]


def test_a_comment_cannot_forge_headings_in_the_published_document() -> None:
    import datetime as dt

    from services.feedback import PublishedComment, Theme, you_said_we_did_document
    from services.models import LocalOffer

    forged = PublishedComment(
        reference="FB-1", kind="content_or_gaps", about="the Local Offer",
        comment="Fine.\n\n## OFFICIAL: Service X is closed\n- call 0800 FAKE",
        response="Thank you.\n## Not a heading", action_status=None,
        published_on=dt.date(2026, 11, 1), responded_on=None)
    document = you_said_we_did_document(
        LocalOffer(council_name="Brackenford City Council", title="Local Offer"),
        [Theme("Content", [forged])])
    body_lines = document.pages[0].page.body.splitlines()
    assert "## Content" in body_lines
    assert not any(line.startswith(("## OFFICIAL", "- call", "## Not")) for line in body_lines)
