"""Every format in REGISTRY renders every kind of document, purely and safely."""

from __future__ import annotations

import importlib
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from pdf_inspect import pdftotext
from renderer_factories import (
    make_booklet,
    make_document,
    make_page_record,
    make_service_record,
)

from renderers import REGISTRY, RenderOptions, printing
from renderers.i18n import MissingCatalogue, environment, load_translations
from renderers.markup import Block, parse
from services.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]
KINDS = {
    "service": lambda: make_document(),
    "page": lambda: make_document(kind="page"),
    "booklet": lambda: make_booklet(),
    "local_offer": lambda: make_booklet(kind="local_offer", title="Brackenford SEND Local Offer",
                                        pages=[make_page_record()]),
}
HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_TEXT = ('See <img src="http://127.0.0.1:9/x"> and <a href="file:///etc/passwd">this</a> '
                'or <link rel="stylesheet" href="https://example.org/x.css"> '
                '<style>@import url(data:text/css,body{color:red})</style>')


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script", "title")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(output: str | bytes) -> str:
    """What a reader gets: the PDF's text or the page's text (lines joined), or plain text."""
    if isinstance(output, bytes):
        return " ".join(pdftotext(output).split())
    if output.startswith("<!DOCTYPE html>"):
        parser = _Text()
        parser.feed(output)
        return " ".join("".join(parser.parts).split())
    return output


def test_registry_is_one_module_per_format() -> None:
    assert list(REGISTRY) == ["html", "easy_read", "plain_text", "pdf", "large_print_pdf",
                              "easy_read_pdf"]
    for name, renderer in REGISTRY.items():
        module = importlib.import_module(f"renderers.{name}")
        assert module.RENDERER is renderer
        assert renderer.name == name
        # With its dot, as mimetypes gives it: filenames are stem + extension.
        assert re.fullmatch(r"\.[a-z]+", renderer.extension)
        assert renderer.binary == (renderer.media_type == "application/pdf")
        assert renderer.description


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", list(REGISTRY))
def test_every_format_renders_every_kind(fmt: str, kind: str) -> None:
    renderer = REGISTRY[fmt]
    document = KINDS[kind]()
    output = renderer.render(document, RenderOptions())
    assert isinstance(output, bytes if renderer.binary else str)
    if isinstance(output, bytes):
        assert output.startswith(b"%PDF-1.7")
    text = text_of(output)
    first = document.services[0].service.name if kind == "service" else (
        document.pages[0].page.title if kind == "page" else document.title)
    assert first in text
    # Every document says when it was checked and how to get it another way.
    assert document.last_checked is not None
    assert format_date(document.last_checked, format="full", locale="en_GB") in text
    assert "0121 496 0100" in text and "localoffer@brackenford.gov.example" in text
    assert ("different way" in text) or ("another format" in text)


@pytest.mark.parametrize("fmt", list(REGISTRY))
def test_catalogue_markup_is_text_and_fetches_nothing(fmt: str, monkeypatch: Any) -> None:
    fetched: list[str] = []
    original = printing.StaticFetcher.fetch

    def spy(self: printing.StaticFetcher, url: str, headers: object = None) -> Any:
        fetched.append(url)
        return original(self, url, headers)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(printing.StaticFetcher, "fetch", spy)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    record = make_service_record(
        name=HOSTILE_NAME, description=HOSTILE_TEXT, url="javascript:alert(1)",
        easy_read=(HOSTILE_NAME, "Look at file:///etc/passwd now."))
    page = make_page_record(title=HOSTILE_NAME, body=f"## {HOSTILE_NAME}\n\n- {HOSTILE_TEXT}")
    document = make_document(kind="booklet", title=HOSTILE_NAME, services=[record], pages=[page])
    output = REGISTRY[fmt].render(document, RenderOptions())
    if isinstance(output, str) and fmt != "plain_text":
        assert HOSTILE_NAME not in output and "<img" not in output and "<link rel" not in output
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
        assert 'href="javascript:' not in output
    assert HOSTILE_NAME in text_of(output)
    static = printing.STATIC_DIR.as_uri()
    assert all(url.startswith(static + "/") for url in fetched), fetched


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x", "https://example.org/font.ttf", "ftp://example.org/x",
    "file:///etc/passwd", "data:image/svg+xml;base64,PHN2Zy8+",
    printing.STATIC_DIR.as_uri() + "/../options.py",
    printing.STATIC_DIR.as_uri() + "/fonts/missing.ttf",
    "file://evil.example/" + str(printing.STATIC_DIR / "fonts" / "LICENCE.txt"),
])
def test_fetcher_refuses_anything_but_static_files(url: str) -> None:
    with pytest.raises(printing.ForbiddenURL):
        printing.StaticFetcher().fetch(url)


def test_fetcher_serves_static_files() -> None:
    font = printing.STATIC_DIR / "fonts" / "AtkinsonHyperlegible-Regular.ttf"
    response = printing.StaticFetcher().fetch(font.as_uri())
    assert response.read()[:4] == b"\x00\x01\x00\x00"


def test_raw_html_reaching_weasyprint_still_fetches_nothing(
        monkeypatch: Any, weasyprint_log: list[Any]) -> None:
    """Defence in depth: even markup that escaped the templates cannot reach out."""
    attempts: list[str] = []
    original = printing.StaticFetcher.resolve

    def spy(self: printing.StaticFetcher, url: str) -> Path:
        attempts.append(url)
        return original(self, url)

    monkeypatch.setattr(printing.StaticFetcher, "resolve", spy)
    monkeypatch.setattr(socket.socket, "connect", lambda *a: pytest.fail("network"))
    html = ('<html lang="en"><head><title>t</title><link rel="stylesheet" '
            'href="http://127.0.0.1:9/s.css"></head><body><h1>t</h1>'
            '<img src="http://127.0.0.1:9/x" alt="x"><img src="file:///etc/passwd" alt="y">'
            '<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="z"></body></html>')
    pdf = printing.to_pdf(html, ["base.css"])
    assert pdf.startswith(b"%PDF")
    assert {"http://127.0.0.1:9/x", "file:///etc/passwd"} <= set(attempts)
    refused = [r.getMessage() for r in weasyprint_log]
    assert refused and all("Refused" in m or "Failed" in m for m in refused), refused
    weasyprint_log.clear()  # the refusals were the point of this test


@pytest.mark.parametrize("size", [15, 29, 0, -18, 18.5, "18", True])
def test_large_print_size_is_validated(size: Any) -> None:
    with pytest.raises(InvalidInput) as error:
        RenderOptions(font_size_pt=size)
    assert error.value.field == "font_size_pt"


def test_render_options_defaults_and_locale() -> None:
    assert RenderOptions().locale == "en-GB" and RenderOptions().large_print_pt == 18
    assert RenderOptions(font_size_pt=28).large_print_pt == 28
    with pytest.raises(InvalidInput):
        RenderOptions(locale="not a locale")
    with pytest.raises(AttributeError):
        RenderOptions().locale = "ur"  # type: ignore[misc]


@pytest.mark.parametrize(("locale", "direction"), [
    ("en-GB", "ltr"), ("ur", "rtl"), ("ar", "rtl"), ("pa", "ltr"), ("bn", "ltr"), ("pl", "ltr")])
@pytest.mark.parametrize("fmt", ["html", "easy_read"])
def test_html_root_has_lang_and_dir(fmt: str, locale: str, direction: str) -> None:
    output = str(REGISTRY[fmt].render(make_document(), RenderOptions(locale=locale)))
    assert f'<html lang="{locale}" dir="{direction}">' in output


@pytest.mark.parametrize("fmt", ["html", "easy_read"])
def test_fields_in_another_language_carry_their_own_lang(fmt: str) -> None:
    record = make_service_record(content_lang={"description": "en", "name": "en",
                                               "easy_read_description": "en"})
    output = str(REGISTRY[fmt].render(make_document(services=[record]),
                                      RenderOptions(locale="ur")))
    assert 'lang="en" dir="ltr">Ashby Vale Speech and Language Drop-in</h1>' in output
    if fmt == "html":
        assert '<p lang="en" dir="ltr">A weekly drop-in' in output
    else:
        assert '<div class="idea-text" lang="en" dir="ltr">' in output
    # Same language, other region: nothing to mark.
    same = str(REGISTRY[fmt].render(make_document(services=[record]), RenderOptions()))
    assert 'lang="en"' not in same


def test_renderers_are_pure() -> None:
    code = ("import sys, renderers; bad = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'starlette', 'strawberry', 'httpx', 'api', 'uvicorn', 'requests'}); print(bad)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"
    for path in (ROOT / "renderers").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert source.startswith('"""'), f"{path.name} lacks its one-line docstring"
        for forbidden in ("services.store", "services.database", "os.environ", "getenv",
                          "import socket", "urlopen", "sqlalchemy"):
            assert forbidden not in source, (path.name, forbidden)


def test_jinja_environment_is_strict_and_escaping() -> None:
    env = environment("en-GB")
    assert env.autoescape is True
    assert env.undefined.__name__ == "StrictUndefined"
    assert "jinja2.ext.InternationalizationExtension" in env.extensions
    assert type(load_translations("en-GB")).__name__ == "NullTranslations"
    assert load_translations("pl").gettext("It is free.") == "Jest bezpłatna."
    # A language without a compiled catalogue is an error, never English in disguise
    # (tests/locales/test_locale_startup.py covers the start-up check).
    with pytest.raises(MissingCatalogue):
        load_translations("fr")


def test_page_markup_is_parsed_not_trusted() -> None:
    body = "Intro line one\nline two\n\n## Sub <b>head</b>\n- one\n- two\n  continued\nAfter"
    assert parse(body) == [
        Block("paragraph", "Intro line one line two"),
        Block("heading", "Sub <b>head</b>"),
        Block("list", items=("one", "two continued")),
        Block("paragraph", "After"),
    ]
    html = str(REGISTRY["html"].render(make_document(kind="page", pages=[
        make_page_record(body=body)]), RenderOptions()))
    assert "<h2>Sub &lt;b&gt;head&lt;/b&gt;</h2>" in html
    assert re.search(r"<li>two continued</li>", html)


def test_interface_strings_are_extractable_with_babel() -> None:
    """The translations task runs Babel over renderers/: these must all come out."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    method_map = [("renderers/**.py", "python"), ("renderers/templates/**.html", "jinja2")]
    options_map = {"renderers/templates/**.html": {"extensions": "jinja2.ext.i18n",
                                                   "trim_blocks": "true",
                                                   "lstrip_blocks": "true"}}
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map,
                                                keywords=DEFAULT_KEYWORDS):
        found.update([message] if isinstance(message, str) else message)
    for expected in ("Skip to main content", "Contents", "Hard words", "It is free.",
                     "It costs money.", "You can ask for this yourself.",
                     "You need an EHC plan to get this.", "You can get this online.",
                     "This service is in {area}. That is outside {home}.",
                     "This is for children and young people aged {min} to {max}.",
                     "Page {page} of {pages}", "Who it is for", "EHC plan", "Free",
                     "Easy read", "Large print", "{title}: part {part} of {parts}"):
        assert expected in found, expected


def test_weasyprint_warnings_are_caught(weasyprint_log: list[Any]) -> None:
    """The guard that fails any test WeasyPrint complains in does see complaints."""
    printing.to_pdf('<html lang="en"><title>t</title><p style="colour: red">t</p></html>', [])
    assert weasyprint_log, "an unknown CSS property should have been reported"
    weasyprint_log.clear()


def test_a_broken_translation_falls_back_to_english() -> None:
    from renderers.context import fill

    assert fill("Il est {wrong}.", "It is {name}.", {"name": "x"}) == "It is x."
    assert fill("C'est {name}.", "It is {name}.", {"name": "x"}) == "C'est x."
