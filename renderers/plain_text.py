"""Plain UTF-8 text for screen readers, email and braille transcription.

Headings stand alone with two blank lines before them and one after (paragraphs have one), lists
use "- ", links are written out, there are no tables or drawings, and lines wrap at 72 columns
without splitting a word (a long address stays whole on its own line).
"""

from __future__ import annotations

import textwrap

from renderers import outline
from renderers.context import Context
from renderers.options import RenderOptions
from renderers.outline import Block, Bullets, ContentsEntry, Para, Section
from renderers.renderer import Renderer
from services.documents import Document

WIDTH = 72


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    wrapper = textwrap.TextWrapper(width=WIDTH, initial_indent=first, subsequent_indent=rest,
                                   break_long_words=False, break_on_hyphens=False)
    return wrapper.wrap(" ".join(text.split())) or [first.rstrip()]


def _para(para: Para) -> str:
    parts = []
    for span in para.spans:
        parts.append(span.text)
        if span.href and span.href.startswith("http") and span.href != span.text:
            parts.append(f" ({span.href})")  # a link whose text is not its address
    return "".join(parts)


def _block(block: Block) -> list[str]:
    if isinstance(block, Bullets):
        lines: list[str] = []
        for item in block.items:
            lines += _wrap(_para(item), "- ", "  ")
        return lines
    return _wrap(_para(block))


def _contents(entries: list[ContentsEntry] | tuple[ContentsEntry, ...], depth: int) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        indent = "  " * depth
        lines += _wrap(entry.label, indent + "- ", indent + "  ")
        lines += _contents(entry.children, depth + 1)
    return lines


def _section(section: Section, chunks: list[list[str]],
             contents: list[ContentsEntry], contents_title: str) -> None:
    chunks.append([""] + _wrap(section.title.text))  # the extra blank line marks a heading
    for block in section.blocks:
        chunks.append(_block(block))
    if contents:
        chunks.append(["", contents_title])
        chunks.append(_contents(contents, 0))
    for child in section.children:
        _section(child, chunks, [], contents_title)


def render(document: Document, options: RenderOptions) -> str:
    ctx = Context(document, options)
    built = outline.build(ctx)
    offer = document.local_offer
    chunks: list[list[str]] = [[offer.title, offer.council_name]]
    _section(built.root, chunks, built.contents, ctx.gettext("Contents"))
    return "\n\n".join("\n".join(chunk) for chunk in chunks if chunk) + "\n"


RENDERER = Renderer(
    name="plain_text", media_type="text/plain; charset=utf-8", extension=".txt", binary=False,
    render_function=render,
    description="Plain text for screen readers, email and braille transcription.",
)
