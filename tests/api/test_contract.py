"""The contract: committed SDL matches the code, everything is described, layering holds."""

from __future__ import annotations

import ast
from pathlib import Path

import graphql as graphql_core
from api.cli import SCHEMA_FILE, schema_sdl
from api.schema import build_schema
from api.settings import Settings
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

ROOT = Path(__file__).parents[2]


def test_graphql_package_is_graphql_core() -> None:
    # Our graphql/ folder holds only .graphql files; a Python package there would shadow this.
    assert "site-packages" in (graphql_core.__file__ or "")
    assert not (ROOT / "graphql" / "__init__.py").exists()


def test_committed_schema_matches_code() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == schema_sdl(Settings()), "run `make schema`"


def test_every_type_field_argument_and_enum_value_is_described() -> None:
    schema = build_schema(Settings())._schema
    missing = []
    for name, type_ in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(type_, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in type_.values.items()
                        if not value.description]
    assert not missing, missing


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_imports_go_one_way() -> None:
    rules = {
        "services": {"strawberry", "starlette", "jinja2", "api", "renderers", "uvicorn"},
        "renderers": {"strawberry", "starlette", "api", "uvicorn", "sqlalchemy", "sqlmodel"},
    }
    wrong = []
    for package, forbidden in rules.items():
        for path in (ROOT / package).rglob("*.py"):
            bad = imports_of(path) & forbidden
            if bad:
                wrong.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not wrong, wrong


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(ROOT)) for package in ("services", "renderers", "api")
               for p in (ROOT / package).rglob("*.py")
               if "versions" not in p.parts and p.stat().st_size
               and ast.get_docstring(ast.parse(p.read_text("utf-8"))) is None]
    assert not missing, missing


def test_readme_documents_every_setting_and_target() -> None:
    from dataclasses import fields

    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [f.name for f in fields(Settings)
               if f"`LOCAL_OFFER_{f.name.upper()}`" not in readme]
    assert not missing, missing
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = [line.split(":")[0] for line in makefile.splitlines() if "## " in line
               and not line.startswith(("#", "\t"))]
    assert targets and all(f"make {t}" in readme for t in targets if t != "help"), targets
    first_screen = readme.splitlines()[:6]  # the two commands come first
    assert first_screen[2] == "```sh"
    assert first_screen[3].startswith("make run") and first_screen[4].startswith("make test")
