"""Generates large synthetic catalogues (10,000+ services) for benchmarks, in the demo's format."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from services.seed import read_demo

KINDS = [
    ("Speech and language drop-in", "speech-language-therapy", ["slcn", "autism"]),
    ("Autism outreach team", "sen-support", ["autism"]),
    ("Inclusive holiday club", "short-breaks", []),
    ("Supported internship programme", "supported-employment", ["mld", "sld"]),
    ("Sensory play group", "early-years", ["multi-sensory-impairment", "pmld"]),
    ("Wellbeing counselling service", "mental-health", ["semh"]),
    ("Travel training course", "school-transport", ["mld"]),
    ("Parent carer support group", "support-groups", []),
    ("Occupational therapy clinic", "occupational-therapy", ["physical-disability"]),
    ("Specialist teaching service", "sen-support", ["spld", "mld"]),
    ("Hearing support team", "speech-language-therapy", ["hearing-impairment"]),
    ("Vision support team", "speech-language-therapy", ["visual-impairment"]),
]
PLACES = [
    "Ashby Vale",
    "Kelmscott Green",
    "Northgate",
    "Riverside",
    "Hollins Park",
    "Westerby",
    "Brackenford",
]
LANGUAGES = ["en", "pl", "ur", "pa", "ro", "bn", "ar", "pt", "es"]
MODES = ["in_person", "online", "telephone", "home_visit"]


def synthetic_catalogue(services: int, *, seed: int = 7) -> dict[str, Any]:
    """A catalogue with the demo's taxonomy and council, and `services` generated services."""
    rng = random.Random(seed)
    demo = read_demo()
    orgs = [
        {
            "id": f"org-syn-{i}",
            "name": f"{place} Children's Services Partnership {i}",
            "description": "A partnership of local providers.",
        }
        for i, place in enumerate(PLACES * 20)
    ]
    locations = [
        {
            "id": f"loc-syn-{i}",
            "organization": orgs[i % len(orgs)]["id"],
            "name": f"{rng.choice(PLACES)} Family Hub {i}",
            "address_1": f"{i} High Street",
            "city": "Brackenford",
            "postal_code": f"BF{i % 9 + 1} {i % 10}AB",
            "latitude": 52.63 + rng.uniform(-0.1, 0.1),
            "longitude": -1.48 + rng.uniform(-0.15, 0.15),
            "accessibility": ["Step-free entrance", "Accessible toilet"][: rng.randint(0, 2)],
        }
        for i in range(400)
    ]
    rows = []
    for i in range(services):
        name, section, needs = KINDS[i % len(KINDS)]
        place = rng.choice(PLACES)
        low = rng.randint(0, 18)
        rows.append(
            {
                "id": f"svc-syn-{i:06d}",
                "organization": orgs[i % len(orgs)]["id"],
                "name": f"{place} {name} {i}",
                "description": f"The {name.lower()} in {place} supports children and young people "
                f"with special educational needs and disabilities and their families.",
                "sections": [section],
                "needs": needs,
                "minimum_age": low,
                "maximum_age": min(25, low + rng.randint(2, 10)),
                "eligibility_description": f"Children and young people who live in {place}.",
                "application_process": "Phone or email the team to ask for a referral form.",
                "referral_route": rng.choice(["self_referral", "professional_referral"]),
                "decision_process": "The team leader looks at each referral within 10 days.",
                "cost_options": [] if i % 5 else [{"option": "Per session", "amount": 5.0}],
                "delivery_modes": rng.sample(MODES, rng.randint(1, 2)),
                "languages": ["en"] + rng.sample(LANGUAGES[1:], rng.randint(0, 2)),
                "locations": [locations[rng.randrange(len(locations))]["id"]],
                "out_of_area": "Kelsbury" if i % 50 == 0 else None,
                "assured_date": (dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)).isoformat(),
                "easy_read": ["We help children and young people.", f"We are in {place}."],
            }
        )
    return {
        "taxonomies": demo["taxonomies"],
        "local_offer": demo["local_offer"],
        "organizations": orgs,
        "locations": locations,
        "services": rows,
        "pages": demo["pages"],
    }
