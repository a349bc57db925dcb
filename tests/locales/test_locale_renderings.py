"""Every format in every language: `lang`/`dir` on the root and on every English fallback
fragment, no WCAG 2.2 AA violation in right-to-left and Polish pages, the right PDF /Lang, and
PDF text that extracts as the text rendered (fonts cover every script: no missing glyphs)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from browser_tools import AXE
from locale_content import PAGE, SERVICE, SERVICE_TEXT, demo_catalogues
from lxml import html as lxml_html
from pdf_inspect import require

from renderers import REGISTRY, RenderOptions, markup
from services import locales, subjects
from services.documents import Document
from services.store import Store
from services.translations import ContentCatalogues, localize_document

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHIPPED_FONTS = ("AtkinsonHyperlegible", "NotoSansGurmukhi", "NotoNastaliqUrdu",
                 "NotoNaskhArabic", "NotoSansBengali")


@pytest.fixture
def catalogues(demo_store: Store, tmp_path: Path) -> ContentCatalogues:
    return demo_catalogues(demo_store, tmp_path / "content")


def documents(store: Store, catalogues: ContentCatalogues, locale: str) -> dict[str, Document]:
    """A service and a page partly translated, and a booklet (sections, needs, many records)."""
    found = {
        "service": subjects.document(store, "service", (SERVICE,)),
        "page": subjects.document(store, "page", (PAGE,)),
        "booklet": subjects.document(store, "services", (SERVICE, *store.all_service_ids()[:3])),
    }
    return {name: localize_document(doc, catalogues, locale) for name, doc in found.items()}


def nearest_lang(element: Any) -> tuple[str | None, str | None]:
    holder = element.xpath("ancestor-or-self::*[@lang][1]")[0]
    return holder.get("lang"), holder.get("dir")


def deepest_containing(tree: Any, snippet: str) -> list[Any]:
    found = tree.xpath("//body//*[contains(normalize-space(.), $s)]", s=snippet)
    return [e for e in found if not any(snippet in " ".join(c.text_content().split())
                                        for c in e)]


def snippets(value: str) -> list[str]:
    """The first words of each paragraph or line of a field, as they appear on the page."""
    parts = [markup.plain(p) for p in markup.paragraphs(value)] or [value]
    return [" ".join(p.split())[:40] for p in parts if p.strip()]


def fallbacks(document: Document) -> list[tuple[str, str]]:
    """(text, language) for everything served in another language than the document's: record
    fields, sections and needs, the Local Offer's own text, and catalogue text that is never
    translated (accessibility notes, providers' SEN answers)."""
    found: list[tuple[str, str]] = []
    terms = {t.id: t for t in document.sections}
    for record in [*document.services, *document.pages]:
        row = getattr(record, "service", None) or getattr(record, "page", None)
        found += [(getattr(row, field), lang) for field, lang in record.content_lang.items()]
    for record in document.services:
        terms.update({t.id: t for t in (*record.sections, *record.needs)})
        found += [(a.description, "en") for place in record.locations
                  for a in place.accessibility]
        found += [(a.answer, "en") for a in record.send_provision]
    for record_key, lang in document.content_lang.items():
        kind, _, rest = record_key.partition(":")
        record_id, _, field = rest.rpartition(":")
        if kind == "term" and record_id in terms:
            found.append((getattr(terms[record_id], field), lang))
        elif kind == "local_offer":
            found.append((getattr(document.local_offer, field), lang))
    return [(text, lang) for text, lang in found if text]


@pytest.mark.parametrize("fmt", ["html", "easy_read"])
def test_english_fallbacks_carry_lang_and_dir(fmt: str, demo_store: Store,
                                              catalogues: ContentCatalogues) -> None:
    """In Urdu, what is translated sits in the page's own language; every field served in
    English (missing or stale) is marked lang="en" dir="ltr" wherever it appears."""
    checked = {"en": 0, "ur": 0}
    for name, document in documents(demo_store, catalogues, "ur").items():
        tree = lxml_html.fromstring(str(REGISTRY[fmt].render(document,
                                                             RenderOptions(locale="ur"))))
        assert (tree.get("lang"), tree.get("dir")) == ("ur", "rtl"), name
        assert all(e.get("dir") in ("ltr", "rtl") for e in tree.xpath("//*[@lang]")), name
        for text, language in fallbacks(document):
            for snippet in snippets(text):
                for element in deepest_containing(tree, snippet):
                    assert nearest_lang(element) == (language, "ltr"), (name, snippet)
                    checked["en"] += 1
        if name == "service":
            service = document.services[0].service
            for element in deepest_containing(tree, service.name):
                assert nearest_lang(element) == ("ur", "rtl")
                checked["ur"] += 1
    assert checked["en"] >= 5 and checked["ur"] >= 1, checked  # the test looked at something


@pytest.mark.parametrize("locale", ["ur", "ar", "pl"])
@pytest.mark.parametrize("fmt", ["html", "easy_read"])
def test_axe_finds_no_violations(page: Any, fmt: str, locale: str, demo_store: Store,
                                 catalogues: ContentCatalogues) -> None:
    for name, document in documents(demo_store, catalogues, locale).items():
        page.set_content(str(REGISTRY[fmt].render(document, RenderOptions(locale=locale))),
                         wait_until="load")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [(v["id"], [n["html"][:120] for n in v["nodes"][:2]])
                      for v in result["violations"]]
        assert violations == [], (name, violations)


@pytest.mark.parametrize("fmt", ["pdf", "easy_read_pdf", "large_print_pdf"])
def test_pdf_lang_is_the_locale(fmt: str, demo_store: Store) -> None:
    document = subjects.document(demo_store, "page", (PAGE,))
    for loc in locales.SUPPORTED:
        data = REGISTRY[fmt].render(document, RenderOptions(locale=loc.code))
        assert isinstance(data, bytes)
        with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
            assert str(pdf.Root.Lang) == loc.code, (fmt, loc.code)


# -- text out of the PDF ---------------------------------------------------------------------


RLE, LRE, PDF = "\u202b", "\u202a", "\u202c"  # the embedding marks pdftotext writes
LTR_RUN = f"{LRE}[^{RLE}{LRE}{PDF}]*{PDF}"
RTL_STRETCH = re.compile(f"{RLE}((?:{LTR_RUN}|[^{RLE}{LRE}{PDF}])*){PDF}")


def _logical(match: re.Match[str]) -> str:
    """One right-to-left stretch back in reading order: its pieces (single right-to-left
    letters, and left-to-right runs such as digits or Latin words, kept whole) reversed."""
    pieces = re.findall(f"{LTR_RUN}|[^{LRE}{PDF}]", match.group(1))
    return "".join(p[1:-1] if p.startswith(LRE) else p for p in reversed(pieces))


def extracted(data: bytes) -> str:
    """pdftotext's reading of the PDF, in logical order.

    Shaped text carries /ActualText (renderers/actual_text.py), already in logical order.
    poppler spreads an ActualText string left to right over its run and then reorders each
    right-to-left stretch (which it marks RLE ... PDF, with LRE ... PDF around left-to-right
    runs inside), so right-to-left text comes out reversed. Undo that one reversal, exactly
    there; left-to-right scripts (Bengali, Gurmukhi) are compared as poppler writes them."""
    text = subprocess.run([require("pdftotext"), "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode()
    text = RTL_STRETCH.sub(_logical, text)
    return unicodedata.normalize("NFC", text.replace(LRE, "").replace(PDF, ""))


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def fonts_of(data: bytes) -> list[str]:
    rows = subprocess.run([require("pdffonts"), "-"], input=data, capture_output=True,
                          check=True).stdout.decode().splitlines()[2:]
    return [row.split()[0].split("+")[-1].replace("-", "") for row in rows if row.strip()]


@pytest.mark.parametrize("locale", ["pa", "ur", "ar", "bn"])
def test_pdf_text_is_the_text_rendered(locale: str, demo_store: Store,
                                       catalogues: ContentCatalogues,
                                       weasyprint_log: list[Any]) -> None:
    """The title and a paragraph in Gurmukhi, Urdu, Arabic and Bengali come out of the PDF
    exactly as they went in, from our embedded fonts and no other; WeasyPrint logs a warning
    for any glyph a font lacks (.notdef), and any warning fails the test."""
    document = localize_document(subjects.document(demo_store, "service", (SERVICE,)),
                                 catalogues, locale)
    text = SERVICE_TEXT[locale]
    expected = {
        "pdf": [text["name"], text["description"]],
        "easy_read_pdf": [text["name"], *text["easy_read_description"].splitlines()],
    }
    for fmt, wanted in expected.items():
        data = REGISTRY[fmt].render(document, RenderOptions(locale=locale))
        assert isinstance(data, bytes)
        text = flat(extracted(data))  # lines joined: a paragraph may wrap
        for sentence in wanted:
            assert flat(sentence) in text, (fmt, sentence, text[:600])
        used = fonts_of(data)
        assert all(any(name.startswith(f) for f in SHIPPED_FONTS) for name in used), used
    assert [r.getMessage() for r in weasyprint_log] == []


@pytest.mark.parametrize("locale", ["ur", "ar"])
def test_phone_numbers_keep_their_order_right_to_left(locale: str, demo_store: Store,
                                                      page: Any) -> None:
    """Digit groups between spaces take the paragraph's direction: unisolated, "0121 496 0100"
    shows as "0100 496 0121" in Urdu and Arabic. Links are isolated left to right."""
    document = subjects.document(demo_store, "page", (PAGE,))
    phone = document.local_offer.phone
    assert phone and len(phone.split()) == 3
    backwards = " ".join(reversed(phone.split()))
    text = extracted(REGISTRY["pdf"].render(document, RenderOptions(locale=locale)))
    assert phone in text and backwards not in text
    page.set_content(str(REGISTRY["easy_read"].render(document, RenderOptions(locale=locale))))
    lefts = page.evaluate("""phone => {
        const link = [...document.querySelectorAll('a[href^="tel:"]')]
            .find(a => a.textContent.trim() === phone);
        const range = document.createRange(), text = link.firstChild, out = [];
        for (const part of phone.split(' ')) {
            const start = text.textContent.indexOf(part);
            range.setStart(text, start); range.setEnd(text, start + part.length);
            out.push(range.getBoundingClientRect().left);
        }
        return out;
    }""", phone)
    assert lefts == sorted(lefts), lefts  # first group leftmost: read left to right
