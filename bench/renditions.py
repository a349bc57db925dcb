"""Rendition benchmarks: PDF timings beside a bare WeasyPrint floor, cache hits, peak memory."""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from weasyprint import HTML

from renderers import REGISTRY, RenderOptions
from services import subjects
from services.store import Store

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm: fonts, templates and CSS parsed once per process
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def pdf_pages(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        return len(pdf.pages)


def pdf_timings(store: Store) -> list[str]:
    service_id = store.all_service_ids()[0]
    one = subjects.document(store, "service", (service_id,))
    floor = median_ms(lambda: HTML(string="<h1>Hello</h1><p>One short page.</p>").write_pdf(), 10)
    single = median_ms(lambda: REGISTRY["pdf"].render(one, RenderOptions()), 10)
    # A booklet of about 100 pages: grow the number of services until it gets there.
    ids = store.all_service_ids()
    count, pages, seconds = 40, 0, 0.0
    while True:
        booklet = subjects.document(store, "services", tuple(ids[:count]))
        start = time.perf_counter()
        data = REGISTRY["pdf"].render(booklet, RenderOptions())
        seconds = time.perf_counter() - start
        pages = pdf_pages(data)  # type: ignore[arg-type]
        if pages >= 100 or count >= len(ids):
            break
        count = int(count * 100 / max(pages, 1)) + 1
    return [
        "| PDF | time | vs bare WeasyPrint page |", "|---|---|---|",
        f"| bare WeasyPrint, one short page (floor) | {floor:.0f} ms | 1.0x |",
        f"| one service, warm | {single:.0f} ms | {single / floor:.1f}x |",
        f"| booklet of {count} services, {pages} pages | {seconds:.2f} s | "
        f"{seconds * 1000 / floor:.0f}x |",
    ]


async def cached_and_memory(port: int, service_ids: list[str]) -> list[str]:
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        url = f"/renditions/services/{service_ids[0]}.pdf"
        assert (await client.get(url)).status_code == 200  # now cached
        times = []
        for _ in range(200):
            start = time.perf_counter()
            response = await client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        floor = []
        for _ in range(200):
            start = time.perf_counter()
            await client.get("/healthz")
            floor.append(time.perf_counter() - start)
        # 20 different PDFs at once: none cached, so all are real renderings or refusals.
        urls = [f"/renditions/services/{sid}.large_print_pdf" for sid in service_ids[1:21]]
        statuses = [r.status_code for r in await asyncio.gather(*(client.get(u) for u in urls))]
    cached_ms = statistics.median(times) * 1000
    floor_ms = statistics.median(floor) * 1000
    return [f"| cached PDF download, median of 200 | {cached_ms:.1f} ms | "
            f"{cached_ms / floor_ms:.1f}x /healthz ({floor_ms:.1f} ms) |",
            f"| 20 concurrent large-print PDFs | {statuses.count(200)} served, "
            f"{statuses.count(503)} refused (503) | |"]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def server_timings(store: Store, env: dict[str, str], port: int = 8753) -> list[str]:
    import os

    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--port",
         str(port), "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=0.5)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        rows = asyncio.run(cached_and_memory(port, store.all_service_ids()))
        rows.append(f"| server peak memory (VmHWM) after that | {peak_rss_mb(process.pid):.0f} MB "
                    "| |")
    finally:
        process.terminate()
        process.wait(10)
    return ["| served | result | vs |", "|---|---|---|", *rows]
