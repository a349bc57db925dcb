"""What a format is: a name, a media type, a file extension and a pure render function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from renderers.options import RenderOptions
from services.documents import Document

RenderFunction = Callable[[Document, RenderOptions], "str | bytes"]


@dataclass(frozen=True)
class Renderer:
    """One output format. `render` is pure: no database, network, settings or request."""

    name: str
    media_type: str
    extension: str  # with its dot (".pdf"), as mimetypes gives it
    binary: bool
    render_function: RenderFunction
    description: str = ""

    def render(self, document: Document, options: RenderOptions | None = None) -> str | bytes:
        return self.render_function(document, options or RenderOptions())
