"""Output formats for Local Offer documents: one module per format, merged in REGISTRY.

    from renderers import REGISTRY, RenderOptions
    body = REGISTRY["easy_read"].render(document, RenderOptions(locale="en-GB"))

Renderers are pure functions of (Document, RenderOptions): no database, network or settings.
A new format is one module exporting RENDERER plus one line below.
"""

from __future__ import annotations

from renderers import easy_read, easy_read_pdf, html, large_print_pdf, pdf, plain_text
from renderers.options import RenderOptions
from renderers.renderer import Renderer

REGISTRY: dict[str, Renderer] = {
    renderer.name: renderer
    for renderer in (
        html.RENDERER,
        easy_read.RENDERER,
        plain_text.RENDERER,
        pdf.RENDERER,
        large_print_pdf.RENDERER,
        easy_read_pdf.RENDERER,
    )
}

__all__ = ["REGISTRY", "RenderOptions", "Renderer"]
