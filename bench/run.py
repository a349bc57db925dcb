"""Benchmarks against a 10,000-service catalogue: HTTP with wrk and in-process, each beside a floor.

Prints ratios against baselines measured in the same run and writes bench/results/latest.md.
Not a test: machines are shared and noisy, so figures are for reading, not asserting.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.context import Context  # noqa: E402
from api.loaders import Loaders  # noqa: E402
from api.schema import build_schema  # noqa: E402
from api.settings import Settings  # noqa: E402
from services.database import make_engine, upgrade  # noqa: E402
from services.seed import is_empty, load_catalogue  # noqa: E402
from services.store import Store  # noqa: E402
from services.synthetic import synthetic_catalogue  # noqa: E402

DB = ROOT / "var" / "bench-10k.db"
SERVICES = 10_000
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
TYPENAME = "{ __typename }"  # GraphQL with no resolver and no database: the framework's share
BY_ID = '{ service(id: "svc-syn-004242") { id name description minimumAge maximumAge } }'
SEARCH = ('{ services(filter: {text: "speech language"}, first: 20) { totalCount edges { node '
          "{ id name description isFree organization { name } sections { name } } } } }")
PAGE_100 = ("{ services(first: 100) { totalCount edges { node { id name description minimumAge "
            "maximumAge isFree organization { name } sections { id name } needs { id name } "
            "locations { name postalCode } } } } }")


def ensure_catalogue() -> Store:
    engine = make_engine(f"sqlite:///{DB}")
    upgrade(engine)
    if is_empty(engine):
        print(f"Generating {SERVICES} services into {DB} ...", flush=True)
        load_catalogue(engine, synthetic_catalogue(SERVICES))
    return Store(engine)


def serve(app: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--log-level", "warning",
         "--no-access-log", *(["--factory"] if "create_app" in app else [])],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            import httpx
            httpx.get(f"http://127.0.0.1:{port}/graphql", timeout=0.5)
            return process
        except Exception:  # noqa: BLE001  (server not up yet)
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def wrk(port: int, query: str) -> dict[str, float]:
    body = json.dumps({"query": query})
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                     'wrk.headers["Content-Type"] = "application/json"\n')
    out = subprocess.run(["wrk", "-t1", "-c8", f"-d{DURATION}s", "--latency", "-s", script.name,
                          f"http://127.0.0.1:{port}/graphql"], capture_output=True, text=True,
                         check=True).stdout
    os.unlink(script.name)

    def ms(label: str) -> float:
        match = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out)
        assert match, out
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": ms("50%"), "p99": ms("99%"),
            "errors": float(errors.group(1)) if errors else 0.0}


async def in_process(store: Store, repeat: int = 30) -> tuple[float, float]:
    """Seconds per 100-service page through GraphQL, and for dicts + json.dumps (the floor)."""
    settings = Settings()
    schema = build_schema(settings)

    async def graphql_page() -> None:
        context = Context(store=store, settings=settings, loaders=Loaders.create(store),
                          locale="en-GB")
        result = await schema.execute(PAGE_100, context_value=context)
        assert not result.errors, result.errors
        json.dumps(result.data)

    def floor_page() -> None:
        from services.search import ServiceQuery

        found = store.search_services(ServiceQuery(), offset=0, limit=100)
        records = store.service_records([s.id for s in found.services])
        json.dumps({"data": {"services": {"totalCount": found.total, "edges": [{"node": {
            "id": r.service.id, "name": r.service.name, "description": r.service.description,
            "minimumAge": r.service.minimum_age, "maximumAge": r.service.maximum_age,
            "isFree": r.is_free,
            "organization": {"name": r.organization.name if r.organization else None},
            "sections": [{"id": t.id, "name": t.name} for t in r.sections],
            "needs": [{"id": t.id, "name": t.name} for t in r.needs],
            "locations": [{"name": loc.location.name, "postalCode": loc.location.postal_code}
                          for loc in r.locations]}} for r in records]}}})

    await graphql_page()
    floor_page()
    start = time.perf_counter()
    for _ in range(repeat):
        await graphql_page()
    graphql_seconds = (time.perf_counter() - start) / repeat
    start = time.perf_counter()
    for _ in range(repeat):
        floor_page()
    floor_seconds = (time.perf_counter() - start) / repeat
    return graphql_seconds, floor_seconds


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is needed for the HTTP benchmarks: apt-get install wrk", file=sys.stderr)
        return 1
    store = ensure_catalogue()
    env = {"LOCAL_OFFER_DATABASE_URL": f"sqlite:///{DB}"}
    lines = [f"Catalogue: {store.count_services()} services (SQLite), wrk -t1 -c8 -d{DURATION}s, "
             f"one uvicorn worker per server, {os.cpu_count()} cores.", ""]
    app = serve("api.app:create_app", 8751, env)
    bare = serve("bench.bare:app", 8752, env)
    try:
        floor = wrk(8752, BY_ID)
        typename = wrk(8751, TYPENAME)
        by_id = wrk(8751, BY_ID)
        search = wrk(8751, SEARCH)
    finally:
        app.terminate()
        bare.terminate()
    lines += ["| HTTP | requests/s | p50 ms | p99 ms | non-2xx | vs bare Starlette |",
              "|---|---|---|---|---|---|"]
    for name, r in (("bare Starlette JSON route (baseline)", floor),
                    ("GraphQL `{ __typename }`, no database", typename),
                    ("service by id", by_id), ("search page, 20 results", search)):
        ratio = "baseline" if r is floor else f"{floor['rps'] / r['rps']:.1f}x slower"
        lines.append(f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
                     f"{r['errors']:.0f} | {ratio} |")
    graphql_s, floor_s = asyncio.run(in_process(store))
    lines += ["", "| in process | ms per page | vs floor |", "|---|---|---|",
              f"| dicts + json.dumps, same data (floor) | {floor_s * 1000:.1f} | 1.0x |",
              f"| GraphQL page of 100 services | {graphql_s * 1000:.1f} | "
              f"{graphql_s / floor_s:.1f}x |"]
    from bench.renditions import pdf_timings, server_timings

    lines += ["", *pdf_timings(store), "", *server_timings(store, env)]
    report = "\n".join(lines)
    print(report)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
