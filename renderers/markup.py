"""The tiny markup of information pages: paragraphs, "## " subheadings and "- " bullets.

Parsed into plain blocks, never into HTML: whatever else the text holds (tags included) stays
text, and templates escape it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "heading", "list"]
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_BULLET = re.compile(r"^[-*\u2022]\s+(.*)$")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = field(default_factory=tuple)


def parse(body: str) -> list[Block]:
    """Blocks in order. Lines of one paragraph are joined with spaces; a heading or a bullet
    line ends the paragraph before it even without a blank line."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(Block("list", items=tuple(items)))
            items.clear()

    for raw in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif heading := _HEADING.match(line):
            flush()
            if heading.group(1).strip():
                blocks.append(Block("heading", heading.group(1).strip()))
        elif bullet := _BULLET.match(line):
            if paragraph:
                blocks.append(Block("paragraph", " ".join(paragraph)))
                paragraph.clear()
            items.append(bullet.group(1).strip())
        elif items and raw[:1].isspace():
            items[-1] = f"{items[-1]} {line}"  # an indented line continues the bullet above
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def paragraphs(text: str) -> list[str]:
    """Free text split at blank lines, each paragraph's lines joined: for catalogue fields."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def emphasis(text: str) -> list[tuple[str, bool]]:
    """Runs of text and whether each is **strong**: the one inline mark page bodies use."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _STRONG.finditer(text):
        if match.start() > position:
            runs.append((text[position:match.start()], False))
        runs.append((match.group(1), True))
        position = match.end()
    if position < len(text) or not runs:
        runs.append((text[position:], False))
    return runs


def plain(text: str) -> str:
    """Text without its ** marks, for headings and plain text."""
    return "".join(run for run, _ in emphasis(text))
