"""Exact text in PDFs for shaped scripts: each such run of text carries its own /ActualText.

WeasyPrint maps each glyph of a font to Unicode once (the ToUnicode CMap). Shaping in Bengali,
Gurmukhi and Urdu Nastaliq draws a vowel sign before its consonant, splits one letter into two
glyphs and reuses glyphs across letters, so text copied, searched or read aloud from those PDFs
came out garbled although it looked right. PDF's remedy is marked content with /ActualText (ISO
32000-1 14.9.4), which readers and assistive technology use in place of the glyphs' mapping:
every text run that contains such a script is wrapped in one, inside WeasyPrint's tagged /Span.
"""

from __future__ import annotations

import re
from typing import Any

import pydyf
import weasyprint.draw as draw

# Hebrew to Ethiopic, Indic and South-East Asian scripts, and the Arabic presentation forms:
# scripts whose glyphs are reordered, joined or split when shaped. Latin needs no help.
SHAPED = re.compile("[\u0590-\u1fff\ufb1d-\ufeff]")
_INSTALLED = "_local_offer_actual_text"


def needs_actual_text(text: str) -> bool:
    return bool(SHAPED.search(text))


def install() -> None:
    """Wrap WeasyPrint's text drawing (once per process; renderers/printing.py calls this)."""
    original = draw.draw_text
    if getattr(original, _INSTALLED, False):
        return

    def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        if not needs_actual_text(textbox.text):
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content(
            "Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    setattr(draw_text, _INSTALLED, True)
    draw.draw_text = draw_text
