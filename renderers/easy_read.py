"""Easy-read web page: short generated sentences, a picture beside each idea, hard words."""

from __future__ import annotations

from renderers.context import Context
from renderers.layout import easy_read_html, web_styles
from renderers.options import RenderOptions
from renderers.renderer import Renderer
from services.documents import Document


def render(document: Document, options: RenderOptions) -> str:
    return easy_read_html(Context(document, options),
                          styles=web_styles("base.css", "screen.css", "easy_read.css"))


RENDERER = Renderer(
    name="easy_read", media_type="text/html; charset=utf-8", extension=".html", binary=False,
    render_function=render, description="Easy read web page, following UK easy-read guidance.",
)
