"""Large print PDF (UKAAF): re-set at 18pt or the size asked (16-28pt), not enlarged."""

from __future__ import annotations

from renderers import printing
from renderers.context import Context
from renderers.layout import full_html
from renderers.options import RenderOptions
from renderers.renderer import Renderer
from services.documents import Document

LARGE_PRINT_CSS = ("fonts.css", "base.css", "print.css", "large_print.css")


def render(document: Document, options: RenderOptions) -> bytes:
    ctx = Context(document, options)
    size = options.large_print_pt
    format_name = ctx.gettext("Large print")
    html = full_html(ctx, styles=[], body_class="document print large-print",
                     format_name=format_name)
    # Re-set: the type size is the root size and everything is laid out again around it
    # (UKAAF: never a photo-enlargement). Page numbers are as large as the text, in bold.
    extra = f"html {{ font-size: {size}pt; }}\n" + printing.page_number_css(
        ctx.gettext("Page {page} of {pages}"), size_pt=size)
    return printing.to_pdf(html, LARGE_PRINT_CSS, extra)


RENDERER = Renderer(
    name="large_print_pdf", media_type="application/pdf", extension=".pdf", binary=True,
    render_function=render,
    description="Large print PDF (UKAAF), 18pt by default; font_size_pt 16 to 28.",
)
