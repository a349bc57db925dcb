"""Printable PDF: the document's print HTML through WeasyPrint as tagged PDF/UA-1."""

from __future__ import annotations

from renderers import printing
from renderers.context import Context
from renderers.layout import full_html
from renderers.options import RenderOptions
from renderers.renderer import Renderer
from services.documents import Document

PRINT_CSS = ("fonts.css", "base.css", "print.css")


def render(document: Document, options: RenderOptions) -> bytes:
    ctx = Context(document, options)
    html = full_html(ctx, styles=[], body_class="document print")
    numbers = printing.page_number_css(ctx.gettext("Page {page} of {pages}"))
    return printing.to_pdf(html, PRINT_CSS, numbers)


RENDERER = Renderer(
    name="pdf", media_type="application/pdf", extension=".pdf", binary=True,
    render_function=render, description="Printable, tagged PDF (PDF/UA-1).",
)
