"""The demo Local Offer is big, varied and complete enough to stand for a real council's."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from services.seed import read_demo

DEMO = read_demo()
LEAF_SECTIONS = [child["id"] for term in DEMO["taxonomies"][0]["terms"]
                 for child in term["children"]]
PLACEHOLDER = re.compile(r"lorem|ipsum|\bservice \d+\b|\bTODO\b|\bxxx\b", re.I)


def test_size() -> None:
    assert len(DEMO["services"]) >= 120
    assert len(DEMO["pages"]) >= 12


@pytest.mark.parametrize("section", LEAF_SECTIONS)
def test_every_section_has_three_services(section: str) -> None:
    assert sum(section in s["sections"] for s in DEMO["services"]) >= 3


def test_out_of_area_and_cost() -> None:
    assert sum(bool(s.get("out_of_area")) for s in DEMO["services"]) >= 8
    assert sum(any((c.get("amount") or 0) > 0 for c in s.get("cost_options", []))
               for s in DEMO["services"]) >= 10


def test_ages_spread_over_0_to_25() -> None:
    covered = Counter(age for s in DEMO["services"]
                      for age in range(s["minimum_age"], s["maximum_age"] + 1))
    assert all(covered[age] >= 5 for age in range(26)), covered
    assert all(0 <= s["minimum_age"] <= s["maximum_age"] <= 25 for s in DEMO["services"])


@pytest.mark.parametrize("service", DEMO["services"], ids=lambda s: s["id"])
def test_service_says_who_for_how_to_apply_and_how_decided(service: dict) -> None:
    for field in ("description", "eligibility_description", "application_process",
                  "decision_process"):
        assert len(service[field].split()) >= 8, field
        assert not PLACEHOLDER.search(service[field]), field
    assert not PLACEHOLDER.search(service["name"])


def test_names_are_distinct() -> None:
    names = Counter(s["name"] for s in DEMO["services"])
    assert [n for n, c in names.items() if c > 1] == []


def test_council_is_fictional() -> None:
    assert DEMO["local_offer"]["council_name"] == "Brackenford City Council"
