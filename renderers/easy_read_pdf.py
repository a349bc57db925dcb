"""Easy read for print: at most 24 pages a document, so longer ones are split into parts."""

from __future__ import annotations

import dataclasses

from weasyprint.document import Document as LaidOutDocument

from renderers import printing
from renderers.context import Context, anchor
from renderers.layout import easy_read_html
from renderers.options import RenderOptions
from renderers.renderer import Renderer
from services.documents import Document, PageRecord, ServiceRecord

EASY_READ_PRINT_CSS = ("fonts.css", "base.css", "print.css", "easy_read.css")
# Easy-read guidance: a long document is hard to use; split it rather than exceed this.
MAX_PAGES = 24

Record = ServiceRecord | PageRecord


def lay_out(document: Document, options: RenderOptions) -> LaidOutDocument:
    ctx = Context(document, options)
    html = easy_read_html(ctx, styles=[], body_class="easy-read print")
    numbers = printing.page_number_css(ctx.gettext("Page {page} of {pages}"), size_pt=16)
    laid_out, _ = printing.lay_out(html, EASY_READ_PRINT_CSS, numbers)
    return laid_out


def _records(document: Document, options: RenderOptions) -> list[Record]:
    """Pages and services in the order the document shows them."""
    ordered: list[Record] = []
    for group in Context(document, options).groups():
        ordered += group.pages
        ordered += group.services
    return ordered


def _anchor(record: Record) -> str:
    if isinstance(record, ServiceRecord):
        return anchor("service", record.service.id)
    return anchor("page", record.page.slug or record.page.id)


def _subset(document: Document, records: list[Record]) -> Document:
    return dataclasses.replace(
        document,
        services=[r for r in records if isinstance(r, ServiceRecord)],
        pages=[r for r in records if isinstance(r, PageRecord)],
    )


def _chunks(records: list[Record], laid_out: LaidOutDocument, max_pages: int) -> list[list[Record]]:
    """Consecutive records grouped so each group fits in `max_pages` with what every part
    repeats: the title, its share of the contents list, and the about and hard-words pages.
    Measured on the whole document's layout; each part is checked again afterwards."""
    first_page: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages):
        for name in page.anchors:
            first_page.setdefault(name, number)
    total = len(laid_out.pages)
    starts = [first_page.get(_anchor(r), 0) for r in records]
    about = first_page.get("about", total - 1)
    contents = first_page.get("contents-title", starts[0])
    contents_pages = starts[0] - contents + 1  # the list, shared out by number of records
    back = total - about

    def cost(first: int, last: int, count: int) -> int:
        share = -(-contents_pages * count // len(records))  # ceiling
        return contents + share + (last - first + 1) + back

    ends = [*starts[1:], about]
    chunks: list[list[Record]] = [[]]
    chunk_start = starts[0]
    for record, start, end in zip(records, starts, ends, strict=True):
        if chunks[-1] and cost(chunk_start, end, len(chunks[-1]) + 1) > max_pages:
            chunks.append([])
            chunk_start = start
        chunks[-1].append(record)
    if len(chunks) == 1 and len(records) > 1:  # measured to fit but did not: halve
        middle = len(records) // 2
        chunks = [records[:middle], records[middle:]]
    return chunks


def _split(document: Document, options: RenderOptions,
           max_pages: int) -> list[tuple[Document, LaidOutDocument]]:
    laid_out = lay_out(document, options)
    records = _records(document, options)
    if len(laid_out.pages) <= max_pages or len(records) <= 1:
        return [(document, laid_out)]
    parts: list[tuple[Document, LaidOutDocument]] = []
    for chunk in _chunks(records, laid_out, max_pages):
        parts += _split(_subset(document, chunk), options, max_pages)
    return parts


def _numbered(document: Document, options: RenderOptions, number: int, total: int) -> Document:
    ctx = Context(document, options)
    title = ctx.gettext("{title}: part {part} of {parts}", title=document.title, part=number,
                        parts=total)
    return dataclasses.replace(document, title=title)


def split_document(document: Document, options: RenderOptions | None = None, *,
                   max_pages: int = MAX_PAGES) -> list[Document]:
    """The document in parts that each print in at most `max_pages` easy-read pages, titled
    "part 1 of 3" and so on; a document that fits is returned whole. A single service or page
    is never split (it cannot be, and none comes near the limit)."""
    options = options or RenderOptions()
    parts = [part for part, _ in _split(document, options, max_pages)]
    if len(parts) == 1:
        return parts
    return [_numbered(part, options, n, len(parts)) for n, part in enumerate(parts, start=1)]


def render(document: Document, options: RenderOptions) -> bytes:
    """The whole document when it fits in 24 pages, else its first part (see split_document)."""
    parts = _split(document, options, MAX_PAGES)
    if len(parts) == 1:
        return printing.write(parts[0][1])
    first = _numbered(parts[0][0], options, 1, len(parts))
    return printing.write(lay_out(first, options))


RENDERER = Renderer(
    name="easy_read_pdf", media_type="application/pdf", extension=".pdf", binary=True,
    render_function=render,
    description="Easy read PDF for print; documents over 24 pages come in parts.",
)

__all__ = ["MAX_PAGES", "RENDERER", "render", "split_document"]
