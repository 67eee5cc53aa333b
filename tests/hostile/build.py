"""Hostile inputs, built inside the tests (nothing large is stored in the repo).

PDFs are made with PDFium (pypdfium2): new pages, text objects in a standard font, or
objects removed from a bundled sample. Encryption needs `qpdf` (PDFium cannot encrypt).
"""

from __future__ import annotations

import ctypes
import io
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from tests.conftest import SAMPLES

SAMPLE_PDF = SAMPLES / "qualys-wilson-2013-08-06.pdf"
SAMPLE_XML = SAMPLES / "qualys-wilson-2013-08-06.xml"
LETTER = (612.0, 792.0)


def blank_pdf(path: Path, pages: int, size: tuple[float, float] = LETTER) -> Path:
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(*size)
    doc.save(str(path))
    doc.close()
    return path


def text_pdf(path: Path, lines: list[str], size: tuple[float, float] = LETTER) -> Path:
    """One page with `lines` printed in Helvetica 10 pt from the top left: a text layer."""
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(*size)
    for i, line in enumerate(lines):
        obj = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", ctypes.c_float(10.0))
        units = (line + "\x00").encode("utf-16-le")
        buf = ctypes.create_string_buffer(units)
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 36, size[1] - 48 - 14 * i)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    page.close()
    doc.save(str(path))
    doc.close()
    return path


def cut_below(src: Path, dst: Path, page_index: int, cut_y: float) -> Path:
    """A copy of `src` whose page loses every object lower than `cut_y` (PDF points from
    the top): the page looks torn off there."""
    doc = pdfium.PdfDocument(str(src))
    page = doc[page_index]
    height = page.get_size()[1]
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in reversed(range(pdfium_c.FPDFPage_CountObjects(page.raw))):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        if height - top.value > cut_y:
            pdfium_c.FPDFPage_RemoveObject(page.raw, obj)
            pdfium_c.FPDFPageObj_Destroy(obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    page.close()
    doc.save(str(dst))
    doc.close()
    return dst


def encrypted_pdf(src: Path, dst: Path, password: str) -> Path:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (apt-get install qpdf): cannot make an encrypted PDF")
    cmd = [qpdf, "--encrypt", password, password + "-owner", "256", "--", str(src), str(dst)]
    subprocess.run(cmd, check=True, capture_output=True)
    return dst


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height RGB pixels, with one tiny IDAT: a
    decoder that trusts the header allocates width*height*3 bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )


def white_png(width: int, height: int, ink_rows: int = 0) -> bytes:
    """A white RGB PNG; its first `ink_rows` rows are black (something to OCR)."""
    from extractor.sources.raster import encode_png_rgb

    pixels = b"\x00" * (width * ink_rows * 3) + b"\xff" * (width * (height - ink_rows) * 3)
    return encode_png_rgb(pixels, width, height, width * 3)


def glyphs_png(width: int, height: int) -> bytes:
    """A white RGB PNG with a row of letter-sized black blocks across its middle: ink the
    OCR path takes for a line of text and hands to the engine. A PNG without its
    resolution is taken for a Letter page (600 pixels wide: some 55 dpi), so a block is
    10 pixels high, a sixth of an inch: blocks 30 pixels high were ruling lines to the
    grid finder, painted out with their edges, and nothing was left to read."""
    from extractor.sources.raster import encode_png_rgb

    rows = []
    for y in range(height):
        in_line = height // 2 - 5 <= y < height // 2 + 5
        row = bytearray(b"\xff" * (width * 3))
        if in_line:
            for x in range(20, width - 20):
                if (x - 20) % 11 < 7:  # a 7-pixel glyph, a 4-pixel gap
                    row[3 * x : 3 * x + 3] = b"\x00\x00\x00"
        rows.append(bytes(row))
    return encode_png_rgb(b"".join(rows), width, height, width * 3)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()
