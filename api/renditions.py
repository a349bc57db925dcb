"""Renditions: documents rendered on request, cached by content, with bounded rendering work.

A rendition is keyed by (catalogue version, subject, format, locale, options): a repeat is served
from memory without rendering again, and any catalogue change moves the version on, so nothing
stale is served. Rendering runs in worker threads, at most `concurrency` at a time; past
`queue` waiting requests the answer is Busy (HTTP 503 with Retry-After) rather than a server
that runs out of memory.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import anyio
from anyio import to_thread

from renderers import REGISTRY
from renderers.options import RenderOptions
from services import subjects
from services.changes import catalogue_version
from services.errors import Busy, InvalidInput
from services.store import Store
from services.translations import ContentCatalogues, localize_document

RETRY_AFTER_SECONDS = 5
# Subjects that are one document with no id, and the file name their download route uses.
WHOLE_DOCUMENTS: dict[str, str] = {
    subjects.SubjectType.local_offer.value: "local-offer",
    subjects.SubjectType.you_said_we_did.value: "you-said-we-did",
}


@dataclass(frozen=True)
class Rendition:
    format: str
    media_type: str
    locale: str
    content: bytes
    sha256: str
    filename: str
    binary: bool

    @property
    def byte_size(self) -> int:
        return len(self.content)

    @property
    def text(self) -> str | None:
        return None if self.binary else self.content.decode("utf-8")


@dataclass(frozen=True)
class Request:
    """What to render: a subject (see services.subjects), a format and its options."""

    subject_type: str
    ids: tuple[str, ...]
    format: str
    locale: str
    font_size_pt: int | None = None

    def options(self) -> RenderOptions:
        return RenderOptions(locale=self.locale, font_size_pt=self.font_size_pt)

    def path(self) -> str:
        """The download route for this rendition (see api.downloads)."""
        query: dict[str, str] = {"locale": self.locale}
        if self.font_size_pt:
            query["fontSize"] = str(self.font_size_pt)
        if self.subject_type == subjects.SubjectType.services:
            query["ids"] = ",".join(self.ids)
            base = "/renditions/booklet"
        elif self.subject_type in WHOLE_DOCUMENTS:
            base = f"/renditions/{WHOLE_DOCUMENTS[self.subject_type]}"
        else:
            folder = {"service": "services", "page": "pages", "section": "sections"}
            base = f"/renditions/{folder[self.subject_type]}/{quote(self.ids[0], safe='')}"
        return f"{base}.{self.format}?{urlencode(query)}"


def renderer_for(name: str):  # type: ignore[no-untyped-def]
    try:
        return REGISTRY[name]
    except KeyError:
        raise InvalidInput(
            f"Unknown format {name!r}. Formats: {', '.join(REGISTRY)}.", field="format"
        ) from None


class Renditions:
    """Renders and caches; one per process, shared by GraphQL and the download routes."""

    def __init__(self, store: Store, catalogues: ContentCatalogues, *, concurrency: int = 2,
                 queue: int = 32, cache_bytes: int = 256 * 1024 * 1024) -> None:
        self.store = store
        self.catalogues = catalogues
        self.limiter = anyio.CapacityLimiter(concurrency)
        self.max_outstanding = concurrency + queue
        self.outstanding = 0
        self.cache: OrderedDict[tuple[object, ...], Rendition] = OrderedDict()
        self.cache_bytes = cache_bytes
        self.cached_bytes = 0
        self.in_flight: dict[tuple[object, ...], asyncio.Future[Rendition]] = {}
        self.renders = 0  # how many times a renderer actually ran (tests and benchmarks read it)

    async def get(self, request: Request) -> Rendition:
        renderer_for(request.format)
        request.options()  # validates locale and size before any work
        version = await to_thread.run_sync(catalogue_version, self.store.engine)
        key = (version, request)
        cached = self.cache.get(key)
        if cached is not None:
            self.cache.move_to_end(key)
            return cached
        if key in self.in_flight:  # the same rendition is being made: wait for it
            return await asyncio.shield(self.in_flight[key])
        if self.outstanding >= self.max_outstanding:
            raise Busy("We are making a lot of documents just now. Please try again in a few "
                       "seconds.", retry_after=RETRY_AFTER_SECONDS)
        future: asyncio.Future[Rendition] = asyncio.get_running_loop().create_future()
        self.in_flight[key] = future
        self.outstanding += 1
        try:
            async with self.limiter:
                rendition = await to_thread.run_sync(self._render, request)
            self._remember(key, rendition)
            future.set_result(rendition)
            return rendition
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved here, so an unwaited future logs nothing
            raise
        finally:
            self.outstanding -= 1
            del self.in_flight[key]

    def _render(self, request: Request) -> Rendition:
        renderer = renderer_for(request.format)
        document = subjects.document(self.store, request.subject_type, request.ids)
        document = localize_document(document, self.catalogues, request.locale)
        output = renderer.render(document, request.options())
        content = output if isinstance(output, bytes) else output.encode("utf-8")
        self.renders += 1
        stem = "-".join(request.ids[:1]) or request.subject_type.replace("_", "-")
        kind = renderer.name.replace("_", "-")
        return Rendition(
            format=renderer.name, media_type=renderer.media_type, locale=request.locale,
            content=content, sha256=hashlib.sha256(content).hexdigest(),
            filename=f"{stem}-{kind}-{request.locale}{renderer.extension}",
            binary=renderer.binary,
        )

    def _remember(self, key: tuple[object, ...], rendition: Rendition) -> None:
        if rendition.byte_size > self.cache_bytes // 4:
            return  # one huge booklet must not empty the cache
        self.cache[key] = rendition
        self.cached_bytes += rendition.byte_size
        while self.cached_bytes > self.cache_bytes:
            _, evicted = self.cache.popitem(last=False)
            self.cached_bytes -= evicted.byte_size


def subject_ids(ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in ids if i))
