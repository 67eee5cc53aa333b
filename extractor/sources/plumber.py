"""pdfplumber, for debugging views: a page image with boxes drawn over it.

The only module that imports pdfplumber. It is not on the extraction hot path (PDFium
lists characters some 15x faster); it serves `form4 inspect`, which shows a developer
or reviewer where the extractor saw regions, words and values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from extractor.errors import InputError
from extractor.model.geometry import Box

Rgb = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Layer:
    """Boxes drawn in one colour."""

    boxes: tuple[Box, ...]
    color: Rgb
    width: int = 1


def draw_layers(
    pdf: Path, page_number: int, layers: list[Layer], out: Path, dpi: int = 110
) -> Path:
    """Render page `page_number` (1-based) of `pdf` with the layers drawn over it, as PNG."""
    with pdfplumber.open(pdf) as doc:
        if not 1 <= page_number <= len(doc.pages):
            raise InputError(pdf, f"no page {page_number} (the PDF has {len(doc.pages)})")
        image = doc.pages[page_number - 1].to_image(resolution=dpi)
        for layer in layers:
            rects = [b.as_tuple() for b in layer.boxes]
            image.draw_rects(rects, stroke=layer.color, fill=(0, 0, 0, 0), stroke_width=layer.width)
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(out)
    return out
