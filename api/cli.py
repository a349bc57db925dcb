"""The `local-offer` command: serve, migrate, seed, generate a large catalogue, print the schema."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from api.settings import Settings
from services.database import make_engine, upgrade
from services.errors import CatalogueError, InvalidInput
from services.seed import is_empty, load_catalogue, seed_demo

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "graphql" / "schema.graphql"


def schema_sdl(settings: Settings) -> str:
    from api.schema import build_schema

    return build_schema(settings).as_str() + "\n"


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    upgrade(make_engine(settings.database_url))
    print(f"Database schema is up to date ({settings.database_url}).")
    return 0


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    upgrade(engine)
    loaded = seed_demo(engine)
    if loaded:
        print(f"Loaded the demo Local Offer: {loaded} services.")
    else:
        print("The catalogue already has services; left it as it is.")
    return 0


def cmd_generate(args: argparse.Namespace, settings: Settings) -> int:
    from services.synthetic import synthetic_catalogue

    url = args.database_url or settings.database_url
    engine = make_engine(url)
    upgrade(engine)
    if not is_empty(engine):
        print(f"{url} already has services: generate into an empty database.", file=sys.stderr)
        return 1
    loaded = load_catalogue(engine, synthetic_catalogue(args.services))
    print(f"Generated a synthetic catalogue of {loaded} services in {url}.")
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    sdl = schema_sdl(Settings())
    if args.check:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text("utf-8") != sdl:
            print(f"{SCHEMA_FILE} is out of date: run `make schema`.", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(sdl, "utf-8")
    print(f"Wrote {SCHEMA_FILE}.")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    uvicorn.run("api.app:create_app", factory=True, host=args.host or settings.host,
                port=args.port or settings.port, workers=args.workers,
                log_level=settings.log_level)
    return 0


def cmd_token(args: argparse.Namespace, settings: Settings) -> int:
    """Staff tokens: the secret is printed once, only its hash is stored."""
    from services import auth

    engine = make_engine(settings.database_url)
    upgrade(engine)
    if args.action == "create":
        row, secret = auth.create_token(engine, name=args.name or "", role=args.role or "")
        print(f"Created {row.role} token {row.id} for {row.name}. Keep it secret; it is not "
              f"shown again:\n{secret}")
    elif args.action == "revoke":
        row = auth.revoke_token(engine, args.id or "", actor="command line")
        print(f"Revoked token {row.id} ({row.name}).")
    else:
        for row in auth.list_tokens(engine):
            state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
            print(f"{row.id}  {row.role:<8} {state:<18} {row.name}")
    return 0


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    """Remove personal data from requests and comments closed long enough ago."""
    from services import feedback, format_requests

    engine = make_engine(settings.database_url)
    upgrade(engine)
    days = settings.purge_after_days if args.older_than_days is None else args.older_than_days
    requests = format_requests.purge_closed(engine, older_than_days=days)
    comments = feedback.purge_closed(engine, older_than_days=days)
    print(f"Removed contact details from {requests} requests and {comments} comments closed "
          f"more than {days} days ago.")
    return 0


def cmd_translations(args: argparse.Namespace, settings: Settings) -> int:
    """update: export the catalogue's English text and merge it into every content catalogue.
    add: start a language. check: every PO file compiles and keeps its placeholders."""
    from services.models import NEEDS_TAXONOMY, SECTIONS_TAXONOMY
    from services.store import Store
    from services.translations import export_and_update

    if args.action == "add":
        return add_language(args.code)
    if args.action == "check":
        return check_catalogues()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    store = Store(engine)
    services = [s for s in store.get_services(store.all_service_ids()) if s is not None]
    if not services and not store.pages():
        # Updating from an empty database would drop every translation from the PO files.
        raise InvalidInput(f"The catalogue at {settings.database_url} is empty: load it first "
                           "(local-offer seed), or set LOCAL_OFFER_DATABASE_URL.")
    terms = store.terms(SECTIONS_TAXONOMY) + store.terms(NEEDS_TAXONOMY)
    results = export_and_update(services, store.pages(), terms, store.local_offer())
    for locale, (entries, fuzzy) in results.items():
        print(f"{locale}: {entries} entries, {fuzzy} marked fuzzy (English changed)")
    return 0


def add_language(code: str | None) -> int:
    """Make locales/<code>/LC_MESSAGES/messages.po and content.po from the templates."""
    from services.translation_status import add_language as make_files

    if not code:
        raise InvalidInput("Name the language: local-offer translations add <code>, e.g. so.")
    made = make_files(code)
    for path in made:
        print(f"Created {path}")
    if not made:
        print(f"{code} already has its catalogues; nothing to do.")
        return 0
    print("Next: translate every entry of messages.po (content.po can follow: untranslated "
          "catalogue text is served in English), then `make messages` and `make test`. The "
          "language is published from its messages.po: see docs/translating.md.")
    return 0


def check_catalogues() -> int:
    """Babel's Catalog.check(), placeholders and a trial compile, for every PO file."""
    from services.translation_status import check_catalogue
    from services.translations import LOCALES_DIR

    paths = sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))
    problems = [line for path in paths for line in check_catalogue(path)]
    for line in problems:
        print(line)
    print(f"Checked {len(paths)} catalogues: {len(problems) or 'no'} problems.")
    return 1 if problems else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="local-offer", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve the API (GraphiQL at /graphql)")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--workers", type=int, default=1)
    s.set_defaults(fn=cmd_serve)
    sub.add_parser("migrate", help="upgrade the database schema").set_defaults(fn=cmd_migrate)
    sub.add_parser("seed", help="load the demo Local Offer into an empty database").set_defaults(
        fn=cmd_seed)
    g = sub.add_parser("generate", help="generate a large synthetic catalogue for benchmarks")
    g.add_argument("--services", type=int, default=10_000)
    g.add_argument("--database-url")
    g.set_defaults(fn=cmd_generate)
    c = sub.add_parser("schema", help="write graphql/schema.graphql (--check: fail on drift)")
    c.add_argument("--check", action="store_true")
    c.set_defaults(fn=cmd_schema)
    tr = sub.add_parser("translations", help="update: export the catalogue's text to "
                        "locales/content.pot and update every content.po (changed English is "
                        "marked fuzzy); add CODE: start a language; check: test every PO file")
    tr.add_argument("action", choices=["update", "add", "check"])
    tr.add_argument("code", nargs="?", help="the language to add (add), e.g. so or ta")
    tr.set_defaults(fn=cmd_translations)
    t = sub.add_parser("token", help="create, list or revoke staff bearer tokens")
    t.add_argument("action", choices=["create", "list", "revoke"])
    t.add_argument("--role", choices=["editor", "officer", "admin"])
    t.add_argument("--name", help="whose token it is (create)")
    t.add_argument("--id", help="the token's public id, tok_... (revoke)")
    t.set_defaults(fn=cmd_token)
    u = sub.add_parser("purge-requests", help="remove contact details from requests and "
                       "comments closed more than N days ago (default: purge_after_days)")
    u.add_argument("--older-than-days", type=int)
    u.set_defaults(fn=cmd_purge)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # A line per Alembic plugin and per WeasyPrint layout step is noise in a server log.
    for noisy in ("alembic", "weasyprint.progress", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = parser().parse_args(argv)
    try:
        return int(args.fn(args, Settings.from_env()))
    except CatalogueError as error:
        print(f"local-offer: {error.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
