"""PDF inspection for renderer tests: structure tree, metadata, fonts and text sizes."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest


def require(tool: str) -> str:
    """A poppler tool's path; missing fails under CI=true and skips (saying why) elsewhere."""
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} is not installed (Debian package poppler-utils)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@dataclass
class Structure:
    """What a tagged PDF's structure tree holds, read with pikepdf."""

    tags: list[str] = field(default_factory=list)  # structure types in reading order
    figures_without_alt: int = 0
    headings: list[int] = field(default_factory=list)
    orphans: int = 0  # StructElem objects in the file that the tree does not reach


def structure(pdf: pikepdf.Pdf) -> Structure:
    found = Structure()
    reached: set[tuple[int, int]] = set()

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
            return
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return
        if node.is_indirect:
            if node.objgen in reached:
                return
            reached.add(node.objgen)
        tag = str(node.S)[1:]
        found.tags.append(tag)
        if tag == "Figure" and not str(node.get("/Alt", "")).strip():
            found.figures_without_alt += 1
        if re.fullmatch(r"H[1-6]", tag):
            found.headings.append(int(tag[1]))
        if "/K" in node:
            walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    for obj in pdf.objects:
        if (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"
                and obj.objgen not in reached):
            found.orphans += 1
    return found


def xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    with pdf.open_metadata() as meta:
        return {key: str(value) for key, value in meta.items()}


def fonts(data: bytes) -> list[dict[str, str]]:
    """pdffonts rows as dicts (name, type, emb, ...)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        output = subprocess.run([require("pdffonts"), handle.name],
                                capture_output=True, text=True, check=True).stdout
    lines = output.splitlines()
    dashes = lines[1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]
    names = [lines[0][a:b].strip() or lines[0][a:].split()[0] for a, b in spans]
    rows = []
    for line in lines[2:]:
        rows.append({n: line[a:b + 1].strip() for n, (a, b) in zip(names, spans, strict=True)})
    return rows


def text_sizes(pdf: pikepdf.Pdf) -> Counter[float]:
    """Effective font size in points of every text-showing operator, weighted by characters.

    Reads the content streams: size = Tf size x text matrix scale x CTM scale (WeasyPrint
    draws in CSS pixels under a 0.75 matrix), tracking q/Q. Only scale (a, d) matters for the
    unrotated text we make.
    """
    sizes: Counter[float] = Counter()
    for page in pdf.pages:
        ctm = [1.0, 1.0]
        stack: list[list[float]] = []
        font_size = 0.0
        tm_scale = 1.0
        for instruction in pikepdf.parse_content_stream(page):
            if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                continue  # inline images carry no text
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(ctm.copy())
            elif op == "Q":
                ctm = stack.pop() if stack else [1.0, 1.0]
            elif op == "cm":
                ctm = [ctm[0] * abs(float(operands[0])), ctm[1] * abs(float(operands[3]))]
            elif op == "Tf":
                font_size = float(operands[1])
            elif op == "Tm":
                tm_scale = abs(float(operands[3]))
            elif op == "BT":
                tm_scale = 1.0
            elif op in ("Tj", "TJ", "'", '"'):
                count = 0
                for operand in operands:
                    if isinstance(operand, pikepdf.Array):
                        count += sum(len(bytes(x)) for x in operand
                                     if isinstance(x, pikepdf.String))
                    elif isinstance(operand, pikepdf.String):
                        count += len(bytes(operand))
                # Identity-H fonts use 2 bytes per glyph.
                size = round(font_size * tm_scale * ctm[1], 2)
                sizes[size] += max(1, count // 2)
    return sizes


def pdftotext(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.pdf"
        path.write_bytes(data)
        return subprocess.run([require("pdftotext"), "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))
