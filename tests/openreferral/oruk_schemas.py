"""Open Referral UK and HSDS 3.0 JSON schemas for the feed tests, with formats asserted.

The schemas are read from shared/openreferral beside the repository (where CI puts shared/) and,
when that folder is missing, from the byte-for-byte copies in schemas/ here.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "openreferral"
VENDORED = Path(__file__).parent / "schemas"

# name -> path under the openreferral folder; compiled schemas are self-contained, the taxonomy
# ones refer to their neighbours by relative $ref.
SCHEMAS = {
    "uk/service": "oruk-uk-profile-3.0/schema/compiled/service.json",
    "uk/service_list": "oruk-uk-profile-3.0/schema/compiled/service_list.json",
    "uk/taxonomy": "oruk-uk-profile-3.0/schema/taxonomy.json",
    "uk/taxonomy_term": "oruk-uk-profile-3.0/schema/taxonomy_term.json",
    "hsds/service": "openreferral-specification-3.0/schema/compiled/service.json.gz",
    "hsds/service_list": "openreferral-specification-3.0/schema/compiled/service_list.json",
    "hsds/taxonomy": "openreferral-specification-3.0/schema/taxonomy.json",
    "hsds/taxonomy_term": "openreferral-specification-3.0/schema/taxonomy_term.json",
}
NEIGHBOURS = ["openreferral-specification-3.0/schema/metadata.json"]
LICENCES = ["oruk-uk-profile-3.0/LICENSE", "openreferral-specification-3.0/LICENSE"]
COPIED = [*SCHEMAS.values(), *NEIGHBOURS, *LICENCES]


def schema_root() -> Path:
    return SHARED if SHARED.is_dir() else VENDORED


def _read(root: Path, relative: str) -> Any:
    raw = (root / relative).read_bytes()
    return json.loads(gzip.decompress(raw) if relative.endswith(".gz") else raw)


def _formats() -> FormatChecker:
    """uuid, email and date are jsonschema's own; uri and date-time need optional packages, so
    they are checked here the way the ORUK validator's failing examples show."""
    checker = FormatChecker()

    @checker.checks("uri", raises=ValueError)
    def uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and parts.netloc)

    @checker.checks("date-time", raises=ValueError)
    def date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return dt.datetime.fromisoformat(value).tzinfo is not None

    return checker


class Schemas:
    """Validators for the feed's responses, by short name (`uk/service`, `hsds/taxonomy`, ...)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        resources = [
            (self._uri(rel), Resource.from_contents(_read(root, rel), DRAFT202012))
            for rel in [*SCHEMAS.values(), *NEIGHBOURS]
        ]
        registry: Registry = Registry().with_resources(resources)
        checker = _formats()
        # Each root is a $ref to its file's URI, so relative $refs resolve beside that file.
        self.validators = {
            name: Draft202012Validator(
                {"$ref": self._uri(rel)}, registry=registry, format_checker=checker
            )
            for name, rel in SCHEMAS.items()
        }

    def _uri(self, relative: str) -> str:
        return f"{self.root.as_uri()}/{relative}"

    def errors(self, name: str, instance: Any) -> list[str]:
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in self.validators[name].iter_errors(instance)
        ]

    def check(self, instance: Any, *names: str) -> None:
        for name in names:
            problems = self.errors(name, instance)
            assert not problems, f"{name}: {problems[:5]}"
