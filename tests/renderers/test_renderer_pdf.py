"""PDF formats: tagged PDF/UA-1 structure, metadata, embedded fonts, type sizes, easy-read parts."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

import pytest
from pdf_inspect import fonts, open_pdf, pdftotext, structure, text_sizes, xmp
from renderer_factories import make_booklet, make_document, make_page_record, make_service_record

from renderers import REGISTRY, RenderOptions, easy_read_pdf, printing
from services.documents import Document

PDF_FORMATS = [name for name, r in REGISTRY.items() if r.binary]
XMP_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
XMP_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def sample(kind: str) -> Document:
    if kind == "service":
        # Everything a service can say, so every branch of the templates is in the PDF.
        return make_document(services=[make_service_record(
            status="temporarily closed", costs=(("Per session", 4.5),),
            out_of_area_name="Ravenscar", referral_route="ehc_plan_required",
            delivery_modes=("in_person", "online", "telephone", "home_visit"),
            languages=(("en", "English"), ("ur", "Urdu"), ("pl", "Polish")),
            provision={"teaching_approach": "Small classes.", "staff_expertise": "Trained staff."},
            easy_read=("We help with your EHC plan and tribunal.", "Ask your GP or SENCO."),
        )])
    if kind == "page":
        return make_document(kind="page")
    return make_booklet(count=4)


def pdf_of(fmt: str, document: Document, options: RenderOptions | None = None) -> bytes:
    output = REGISTRY[fmt].render(document, options or RenderOptions())
    assert isinstance(output, bytes)
    return output


@cache
def rendered(fmt: str, kind: str, locale: str = "en-GB") -> bytes:
    return pdf_of(fmt, sample(kind), RenderOptions(locale=locale))


@pytest.mark.parametrize("kind", ["service", "page", "booklet"])
@pytest.mark.parametrize("fmt", PDF_FORMATS)
def test_pdf_is_tagged_pdf_ua(fmt: str, kind: str) -> None:
    data = rendered(fmt, kind)
    pdf = open_pdf(data)
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in root
    assert str(root.Lang) == "en-GB"
    assert root.ViewerPreferences.DisplayDocTitle is True
    meta = xmp(pdf)
    assert meta[XMP_PART] == "1"
    assert meta[XMP_TITLE].startswith(sample(kind).title)
    tree = structure(pdf)
    assert tree.orphans == 0
    assert tree.figures_without_alt == 0
    if fmt == "easy_read_pdf":
        assert tree.tags.count("Figure") >= 5  # the pictograms are figures, each with /Alt
    levels = tree.headings
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels  # no heading level skipped
    rows = fonts(data)
    assert rows and all(row["emb"] == "yes" for row in rows), rows


@pytest.mark.parametrize(("asked", "expected"), [(None, 18), (16, 16), (24, 24), (28, 28)])
def test_large_print_text_is_at_least_the_size_asked(asked: int | None, expected: int) -> None:
    data = pdf_of("large_print_pdf", make_booklet(count=2),
                                              RenderOptions(font_size_pt=asked))
    sizes = text_sizes(open_pdf(data))
    assert min(sizes) >= expected - 0.01, sizes
    body = max(sizes, key=lambda size: sizes[size])
    assert body == pytest.approx(expected), sizes  # most text is set at exactly that size


def test_large_print_is_reset_not_enlarged() -> None:
    """Larger type means more pages of A4, not bigger pages."""
    small = open_pdf(pdf_of("large_print_pdf", make_booklet(count=2),
                                                        RenderOptions(font_size_pt=16)))
    large = open_pdf(pdf_of("large_print_pdf", make_booklet(count=2),
                                                        RenderOptions(font_size_pt=28)))
    assert len(large.pages) > len(small.pages)
    for page in list(small.pages) + list(large.pages):
        width, height = (float(x) for x in page.MediaBox[2:])
        assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_easy_read_pdf_text_is_at_least_16pt() -> None:
    sizes = text_sizes(open_pdf(rendered("easy_read_pdf", "booklet")))
    assert min(sizes) >= 16 - 0.01, sizes


def test_plain_pdf_shows_page_numbers_and_contents() -> None:
    text = pdftotext(rendered("pdf", "booklet"))
    assert "Page 1 of" in text
    assert "Contents" in text


@pytest.mark.parametrize(("locale", "text", "font"), [
    ("ur", "ہم بچوں کی مدد کرتے ہیں۔", "NotoNastaliqUrdu"),
    ("ar", "نحن نساعد الأطفال.", "NotoNaskhArabic"),
    ("bn", "আমরা শিশুদের সাহায্য করি।", "NotoSansBengali"),
    ("pa", "ਅਸੀਂ ਬੱਚਿਆਂ ਦੀ ਮਦਦ ਕਰਦੇ ਹਾਂ।", "NotoSansGurmukhi"),
])
def test_pdf_embeds_shipped_fonts_for_each_script(locale: str, text: str, font: str,
                                                  monkeypatch: Any) -> None:
    fetched: list[str] = []
    original = printing.StaticFetcher.fetch

    def spy(self: printing.StaticFetcher, url: str, headers: object = None) -> Any:
        fetched.append(url.rsplit("/", 1)[-1])
        return original(self, url, headers)

    monkeypatch.setattr(printing.StaticFetcher, "fetch", spy)
    record = make_service_record(description=text, easy_read=(text,))
    for fmt in ("pdf", "easy_read_pdf"):
        fetched.clear()
        data = pdf_of(fmt, make_document(services=[record]), RenderOptions(locale=locale))
        assert f"{font}-Regular.ttf" in fetched  # @font-face took effect: our file, not the OS's
        names = [row["name"].replace("-", "") for row in fonts(data)]
        assert any(font in name for name in names), names
        assert all(row["emb"] == "yes" for row in fonts(data))
        assert not any("DejaVu" in name for name in names), names  # no system fallback
        assert str(open_pdf(data).Root.Lang) == locale


# -- easy read in parts --------------------------------------------------------------------------


def long_booklet(count: int = 8) -> Document:
    return make_booklet(count=count, title="Everything")


def test_split_document_keeps_every_record_in_order() -> None:
    document = long_booklet()
    parts = easy_read_pdf.split_document(document, max_pages=6)
    assert len(parts) > 1
    ids = [r.service.id for part in parts for r in part.services]
    in_order = [r.service.id for g in ("health", "social-care")
                for r in document.services if r.sections[0].parent_id == g]
    assert ids == in_order
    for number, part in enumerate(parts, start=1):
        assert part.title == f"Everything: part {number} of {len(parts)}"
        laid_out = easy_read_pdf.lay_out(part, RenderOptions())
        assert len(laid_out.pages) <= 6


def test_short_document_is_one_part() -> None:
    document = make_document()
    assert easy_read_pdf.split_document(document) == [document]


def test_too_long_document_renders_its_first_part(monkeypatch: Any) -> None:
    monkeypatch.setattr(easy_read_pdf, "MAX_PAGES", 6)
    data = pdf_of("easy_read_pdf", long_booklet(), RenderOptions())
    pdf = open_pdf(data)
    assert len(pdf.pages) <= 6
    assert xmp(pdf)[XMP_TITLE].startswith("Everything: part 1 of ")
    first = easy_read_pdf.split_document(long_booklet(), max_pages=6)[0]
    text = " ".join(pdftotext(data).split())
    assert all(r.service.name in text for r in first.services)


def test_each_idea_stays_on_one_page_with_its_picture() -> None:
    laid_out = easy_read_pdf.lay_out(long_booklet(count=5), RenderOptions())
    pages_of: dict[int, set[int]] = {}

    def walk(box: Any, number: int) -> None:
        element = getattr(box, "element", None)
        if element is not None and "idea" in (element.get("class") or "").split():
            pages_of.setdefault(id(element), set()).add(number)
        for child in getattr(box, "children", []):
            walk(child, number)

    for number, page in enumerate(laid_out.pages):
        walk(page._page_box, number)
    assert len(laid_out.pages) > 2 and len(pages_of) > 20
    assert all(len(numbers) == 1 for numbers in pages_of.values())


def test_page_kind_pdf_has_no_contents() -> None:
    doc = dataclasses.replace(make_document(kind="page"), pages=[make_page_record()])
    text = pdftotext(pdf_of("pdf", doc, RenderOptions()))
    assert "Contents" not in text
