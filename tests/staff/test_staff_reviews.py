"""Reviews: services due or overdue are flagged to editors, stay public, and are re-dated."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy.engine import Engine
from staff_api import ok

from api.app import create_app
from api.settings import Settings
from services.seed import add_months
from services.store import Store

DUE = """
query Due($days: Int!) {
  servicesDueForReview(withinDays: $days, first: 100) {
    totalCount overdueCount services { id reviewDueDate reviewOverdue }
  }
}"""
REVIEWED = """
mutation Reviewed($id: ID!) {
  markReviewed(id: $id, note: "Rang the school office; all correct.") {
    assuredDate reviewDueDate reviewOverdue
  }
}"""


async def test_overdue_services_are_flagged_then_reviewed(
    staff_client: httpx.AsyncClient, tokens: dict[str, str]
) -> None:
    editor = tokens["editor"]
    today = dt.date.today()
    overdue = (await ok(staff_client, DUE, {"days": 0}, token=editor))["servicesDueForReview"]
    assert overdue["totalCount"] == overdue["overdueCount"] > 0
    dates = [s["reviewDueDate"] for s in overdue["services"]]
    assert all(d is None or d < today.isoformat() for d in dates)
    assert dates == sorted(dates, key=lambda d: (d is not None, d or ""))  # never-checked first
    assert all(s["reviewOverdue"] for s in overdue["services"])

    soon = (await ok(staff_client, DUE, {"days": 60}, token=editor))["servicesDueForReview"]
    assert soon["totalCount"] > overdue["totalCount"]
    assert soon["overdueCount"] == overdue["overdueCount"]

    # An overdue service stays public: families still need it.
    late = overdue["services"][0]["id"]
    public = await ok(staff_client, "query($id: ID!) { service(id: $id) { name } }", {"id": late})
    assert public["service"]["name"]

    reviewed = (await ok(staff_client, REVIEWED, {"id": late}, token=editor))["markReviewed"]
    assert reviewed == {
        "assuredDate": today.isoformat(),
        "reviewDueDate": add_months(today, 12).isoformat(),
        "reviewOverdue": False,
    }
    after = (await ok(staff_client, DUE, {"days": 0}, token=editor))["servicesDueForReview"]
    assert after["overdueCount"] == overdue["overdueCount"] - 1
    assert late not in [s["id"] for s in after["services"]]
    log = await ok(
        staff_client,
        "query($id: ID!) { changeLog(resourceId: $id) { fieldName lastActionType } }",
        {"id": late},
        token=editor,
    )
    assert {(e["fieldName"], e["lastActionType"]) for e in log["changeLog"]} == {
        ("assured_date", "review"),
        ("review_due_date", "review"),
    }


async def test_review_interval_is_configurable(
    staff_engine: Engine, tokens: dict[str, str]
) -> None:
    app = create_app(Settings(review_interval_months=6), store=Store(staff_engine))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        reviewed = await ok(
            client, REVIEWED, {"id": "svc-a-hollins-park-primary"}, token=tokens["editor"]
        )
    assert reviewed["markReviewed"]["reviewDueDate"] == add_months(dt.date.today(), 6).isoformat()
