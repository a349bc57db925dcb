"""HTML to tagged PDF (PDF/UA-1) with WeasyPrint, loading nothing but the package's own files."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pydyf
from weasyprint import CSS, HTML
from weasyprint.document import Document as LaidOutDocument
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from renderers import actual_text
from renderers.layout import CSS_DIR, STATIC_DIR

PDF_VARIANT = "pdf/ua-1"
# Shaped scripts (Bengali, Gurmukhi, Urdu) carry their exact text: see renderers/actual_text.py.
actual_text.install()


class ForbiddenURL(ValueError):
    """A document asked for something outside renderers/static: refused, never fetched."""


class StaticFetcher(URLFetcher):
    """WeasyPrint 70's fetcher contract (a URLFetcher whose `fetch(url, headers)` returns a
    URLFetcherResponse), serving only files under renderers/static. Everything else - http,
    https, ftp, data:, file: outside the folder (even through symlinks or ..) - raises, so
    catalogue text can never make the PDF engine reach the network or the disk."""

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, timeout=1)
        self.root = root.resolve()

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = self.resolve(url)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(),
                                  headers={"Content-Type": media_type})

    def resolve(self, url: str) -> Path:
        """The static file a URL names, or ForbiddenURL."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise ForbiddenURL(f"Refused to fetch {url[:80]!r}: only static files are loaded.")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ForbiddenURL(f"Refused to fetch {url[:80]!r}: not a static file.")
        return path


def stylesheets(names: Iterable[str], extra: str, fonts: FontConfiguration,
                fetcher: StaticFetcher) -> list[CSS]:
    sheets = [CSS(filename=str(CSS_DIR / name), font_config=fonts, url_fetcher=fetcher)
              for name in names]
    if extra:
        sheets.append(CSS(string=extra, base_url=str(CSS_DIR) + "/", font_config=fonts,
                          url_fetcher=fetcher))
    return sheets


def lay_out(html: str, css: Iterable[str], extra_css: str = "") -> tuple[LaidOutDocument,
                                                                          FontConfiguration]:
    """Paginate the HTML; the same FontConfiguration must reach CSS() and the PDF writer, or
    WeasyPrint ignores @font-face."""
    fonts = FontConfiguration()
    fetcher = StaticFetcher()
    document = HTML(string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=fetcher).render(
        font_config=fonts,
        stylesheets=stylesheets(css, extra_css, fonts, fetcher),
        pdf_variant=PDF_VARIANT,
    )
    return document, fonts


def write(document: LaidOutDocument) -> bytes:
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=artifact_margin_content)
    assert isinstance(pdf, bytes)
    return pdf


def to_pdf(html: str, css: Iterable[str], extra_css: str = "") -> bytes:
    document, _ = lay_out(html, css, extra_css)
    return write(document)


def page_number_css(template: str, *, size_pt: int | None = None) -> str:
    """A bottom-of-page number in the reader's language. `template` is a translated message with
    {page} and {pages}; the text around them becomes CSS strings."""
    pieces = []
    for part in re.split(r"(\{page\}|\{pages\})", template):
        if part == "{page}":
            pieces.append("counter(page)")
        elif part == "{pages}":
            pieces.append("counter(pages)")
        elif part:
            pieces.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    size = f"font-size: {size_pt}pt; font-weight: 700;" if size_pt else ""
    # No font-family: the margin box inherits the root's, which base.css sets per language, so
    # "صفحة 1 من 3" is set in the shipped Naskh (a fixed Latin stack fell back to system fonts).
    return "@page { @bottom-center { content: " + " ".join(pieces) + f"; {size} }} }}\n"


# -- tagging -------------------------------------------------------------------------------------


def _number(reference: object) -> int | None:
    if isinstance(reference, bytes):
        match = re.fullmatch(rb"(\d+) 0 R", reference)
        return int(match.group(1)) if match else None
    return None


def artifact_margin_content(_document: object, pdf: pydyf.PDF) -> None:
    """Mark page-margin content (page numbers) as artifacts.

    WeasyPrint 70 tags margin boxes but links their structure elements to nothing, which leaves
    orphans in the structure tree (PDF/UA requires every piece of content to be tagged in the
    tree or marked as an artifact). Page furniture is an artifact, so: rewrite those marked
    sequences as /Artifact, drop them from the parent tree and empty the orphan elements.
    """
    catalog = pdf.catalog
    root = pdf.objects[_number(catalog.get("StructTreeRoot")) or 0]
    if not isinstance(root, pydyf.Dictionary):
        return
    reachable: set[int] = set()
    stack = [n for n in (_number(k) for k in root.get("K", [])) if n is not None]
    while stack:
        number = stack.pop()
        if number in reachable:
            continue
        reachable.add(number)
        element = pdf.objects[number]
        if isinstance(element, pydyf.Dictionary):
            for kid in element.get("K", []):
                if (kid_number := _number(kid)) is not None:
                    stack.append(kid_number)
    page_numbers = [_number(r) for r in pdf.page_references]
    orphans: dict[int, set[int]] = {}  # page object number -> MCIDs to turn into artifacts
    for obj in pdf.objects:
        if (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"
                and obj.number not in reachable):
            page = _number(obj.get("Pg"))
            mcids = {k for k in obj.get("K", []) if isinstance(k, int)}
            if page is not None and mcids:
                orphans.setdefault(page, set()).update(mcids)
            obj.clear()  # an empty dictionary: no longer a structure element
    if not orphans:
        return
    parent_tree = pdf.objects[_number(root.get("ParentTree")) or 0]
    nums = parent_tree.get("Nums", []) if isinstance(parent_tree, pydyf.Dictionary) else []
    for index, page_number in enumerate(page_numbers):
        artifacts = orphans.get(page_number or -1)
        if not artifacts:
            continue
        page = pdf.objects[page_number or 0]
        stream = pdf.objects[_number(page.get("Contents")) or 0]
        if isinstance(stream, pydyf.Stream):
            stream.stream = _artifacts(stream.stream, artifacts)
        # Nums is [page index, [refs by MCID], ...] for pages; MCIDs are dense from 0.
        for position in range(0, len(nums) - 1, 2):
            if nums[position] == index and isinstance(nums[position + 1], list):
                refs = nums[position + 1]
                for mcid in artifacts:
                    if mcid < len(refs):
                        refs[mcid] = b"null"


def _artifacts(operations: list[object], mcids: set[int]) -> list[object]:
    """Content operations with `/Tag <</MCID n>> BDC` turned into `/Artifact BMC` for `mcids`."""
    result: list[object] = []
    i = 0
    while i < len(operations):
        op = operations[i]
        following = operations[i + 1] if i + 1 < len(operations) else None
        if (isinstance(following, pydyf.Dictionary) and following.get("MCID") in mcids
                and i + 2 < len(operations) and operations[i + 2] == b"BDC"):
            result += ["/Artifact", b"BMC"]
            i += 3
            continue
        result.append(op)
        i += 1
    return result
