"""Page images of a PDF, in memory, as PNG bytes (for the review page).

PDFium renders the page to an RGB bitmap and the PNG is encoded here with zlib, so no
imaging library is needed. PDFium is not thread-safe: every call holds `PDFIUM_LOCK`.
Sizes are reported in PDF points, the unit of `Provenance.box`, so a client scales
boxes by `image_width / page_width` whatever resolution the image was drawn at.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import InputError
from extractor.sources.pdf_text import PDFIUM_LOCK, open_pdf

# 1.5 x 72 dpi = 108 dpi: small print stays legible while a letter page is ~0.3 MB.
DEFAULT_SCALE = 1.5
MAX_SCALE = 4.0
# A page may be up to 200 x 200 inches (PDF's own limit): at 1.5x that is 1.4 GB of RGB.
# The scale is lowered until the image fits this many pixels (48 MB of RGB; a letter
# page at MAX_SCALE is 7.8 million).
MAX_PIXELS = 16_000_000


@dataclass(frozen=True, slots=True)
class PageSize:
    number: int  # 1-based
    width: float  # points
    height: float  # points


def page_sizes(path: Path, password: str | None = None) -> list[PageSize]:
    """The size of every page in points."""
    with PDFIUM_LOCK:
        doc = open_pdf(path, password)
        try:
            return [_size_of(doc, i) for i in range(len(doc))]
        finally:
            doc.close()


def _size_of(doc: pdfium.PdfDocument, index: int) -> PageSize:
    width, height = doc[index].get_size()
    return PageSize(index + 1, float(width), float(height))


def render_page_png(
    path: Path, number: int, scale: float = DEFAULT_SCALE, password: str | None = None
) -> bytes:
    """Page `number` (1-based) drawn at `scale` x 72 dpi, as PNG bytes."""
    if not 0 < scale <= MAX_SCALE:
        raise InputError(path, f"scale {scale} is out of range", f"use 0 < scale <= {MAX_SCALE}")
    with PDFIUM_LOCK:
        doc = open_pdf(path, password)
        try:
            if not 1 <= number <= len(doc):
                raise InputError(path, f"no page {number}; the document has {len(doc)} pages")
            page = doc[number - 1]
            bitmap = page.render(
                scale=_bounded_scale(page.get_size(), scale),
                rev_byteorder=True,
                force_bitmap_format=pdfium_c.FPDFBitmap_BGR,
            )
            pixels = bytes(bitmap.buffer)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        finally:
            doc.close()
    return encode_png_rgb(pixels, width, height, stride)


def _bounded_scale(size: tuple[float, float], scale: float) -> float:
    """`scale`, or less when the page drawn at it would exceed MAX_PIXELS (a client scales
    boxes by image width / page width, so any scale reads correctly)."""
    pixels = size[0] * size[1] * scale * scale
    if pixels <= MAX_PIXELS:
        return scale
    return scale * math.sqrt(MAX_PIXELS / pixels)


def encode_png_rgb(pixels: bytes, width: int, height: int, stride: int) -> bytes:
    """A PNG of 8-bit RGB rows (`stride` bytes apart), each with filter type 0."""
    row = width * 3
    raw = b"".join(b"\x00" + pixels[y * stride : y * stride + row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
