"""The accessible web page (WCAG 2.2 AA): landmarks, skip link, headings in order, one file."""

from __future__ import annotations

from renderers.context import Context
from renderers.layout import full_html, web_styles
from renderers.options import RenderOptions
from renderers.renderer import Renderer
from services.documents import Document


def render(document: Document, options: RenderOptions) -> str:
    return full_html(Context(document, options),
                     styles=web_styles("base.css", "screen.css"), body_class="document")


RENDERER = Renderer(
    name="html", media_type="text/html; charset=utf-8", extension=".html", binary=False,
    render_function=render, description="Accessible web page (WCAG 2.2 AA).",
)
