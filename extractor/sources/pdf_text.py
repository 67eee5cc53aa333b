"""Words with geometry from a PDF's text layer, through pypdfium2 (PDFium).

The only module that imports pypdfium2 for text. PDFium lists every character with its
box, font size and fill colour in about 0.013 s per page, some 15x faster than
pdfplumber's char listing, which is why the product's hot path uses it. The raw C calls
are used directly (no helper objects per character) because this loop is the hot path.

Characters are grouped into words at white space, at a change of font size (a footnote
superscript "(1)" printed right after "LP" becomes its own word) and at a gap wider than
a third of the font size. Table borders come from the page's path objects: browsers
print them as thin filled rectangles.
"""

from __future__ import annotations

import ctypes
import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import InputError
from extractor.model.geometry import Box, Line, Page, Word

_WHITESPACE = {" ", "\t", "\r", "\n", "\xa0", "\u2002", "\u2003", "\u2009", "\x00"}
# PDFium reports a hyphen printed where a line was broken inside a word as U+0002 (one
# character at a time) or U+FFFE (the page's text at once).
_LINE_BREAK_HYPHEN = {"\x02", "\ufffe"}
# A path thinner than this (points) and at least _MIN_RULE long is a ruling line.
_MAX_RULE_THICKNESS = 1.6
_MIN_RULE = 2.0

# One character: text, x0, top, x1, bottom, font size, index in the text page, and the
# left and right of its advance ("loose") box.
_Char = tuple[str, float, float, float, float, float, int, float, float]


def open_pdf(path: Path, password: str | None = None) -> pdfium.PdfDocument:
    """Open a PDF with PDFium, turning its failures into one-line InputErrors."""
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" not in text.lower():
            raise InputError(
                path,
                f"not a readable PDF ({text.rstrip('.')})",
                "the file may be truncated or damaged: download or export it again",
            ) from None
        if password is None:
            raise InputError(
                path, "the PDF is encrypted", "pass the password with --password"
            ) from None
        raise InputError(path, "the PDF is encrypted and the password given is wrong") from None


# PDFium is not thread-safe: every module that calls it (text here, page images in
# raster.py and images.py) holds this lock for the whole document.
PDFIUM_LOCK = threading.Lock()


def page_count(path: Path, password: str | None = None) -> int:
    with PDFIUM_LOCK:
        doc = open_pdf(path, password)
        try:
            return len(doc)
        finally:
            doc.close()


def pdf_to_pages(path: Path, password: str | None = None) -> list[Page]:
    """Every page of the PDF as words with geometry (empty word list when no text layer)."""
    with PDFIUM_LOCK:
        doc = open_pdf(path, password)
        try:
            pages = [_read_page(doc[i], i + 1) for i in range(len(doc))]
        finally:
            doc.close()
    return _without_one_colour(pages)


def _without_one_colour(pages: list[Page]) -> list[Page]:
    """`pages`, with the words' colour dropped when the first page prints in one colour.

    EDGAR prints a form's labels black and the filer's values in colour, and the header
    tells values from labels by it; a form typed in black (the SEC's paper form filled
    in) has values the labels' colour, and all of them were taken for labels. Without a
    colour, values are told as on a scan. EDGAR's later pages may hold one colour (a
    page of green notes): only the first page decides."""
    if not pages or len({w.color for w in pages[0].words}) != 1:
        return pages
    return [
        dataclasses.replace(p, words=tuple(dataclasses.replace(w, color=None) for w in p.words))
        for p in pages
    ]


def _read_page(page: pdfium.PdfPage, number: int) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, height)
        words = tuple(_chars_to_words(chars, textpage, number))
        lines = tuple(_rules(page, height))
    finally:
        textpage.close()
        page.close()
    return Page(number=number, width=width, height=height, words=words, lines=lines)


def _chars(textpage: pdfium.PdfTextPage, page_height: float) -> list[_Char | None]:
    """Every character as a tuple; None stands for white space (a word break)."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    text = _page_text(raw, count)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = pdfium_c.FS_RECTF()
    out: list[_Char | None] = []
    for i, ch in enumerate(text):
        if ch in _LINE_BREAK_HYPHEN:
            ch = "-"
        elif ch in _WHITESPACE:
            out.append(None)
            continue
        pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, loose)
        size = _type_size(pdfium_c.FPDFText_GetFontSize(raw, i), loose.top - loose.bottom)
        y0, y1 = page_height - top.value, page_height - bottom.value
        out.append((ch, left.value, y0, right.value, y1, size, i, loose.left, loose.right))
    return out


# A PDF may set its text at size 1 and scale it by the text matrix (the SEC's own
# paper form does); PDFium then reports size 1, and a word broke at every letter (a
# gap of 0.05 pt was a space at size 1). The size is then told from the height of the
# character's advance box, which is about this many times the size.
_LOOSE_PER_SIZE = 1.2


def _type_size(reported: float, loose_height: float) -> float:
    """The font size of a character: as reported, unless the text matrix carries it."""
    if reported <= 1.0 and loose_height > 2 * _LOOSE_PER_SIZE * reported:
        return round(loose_height / _LOOSE_PER_SIZE, 2)
    return round(reported, 2)


def _page_text(raw: object, count: int) -> str:
    """All characters of the text page in one call, one UTF-16 unit per character index."""
    buf = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    units = buf.raw[: count * 2]
    # decode unit by unit so that an index stays an index even with surrogate halves
    return "".join(chr(int.from_bytes(units[k : k + 2], "little")) for k in range(0, len(units), 2))


def _chars_to_words(
    chars: list[_Char | None], textpage: pdfium.PdfTextPage, page: int
) -> Iterator[Word]:
    run: list[_Char] = []
    for ch in chars:
        if ch is None or (run and _breaks_word(run[-1], ch)):
            if run:
                yield _word(run, textpage, page)
            run = []
        if ch is not None:
            run.append(ch)
    if run:
        yield _word(run, textpage, page)


def _breaks_word(prev: _Char, ch: _Char) -> bool:
    if abs(prev[5] - ch[5]) > 0.01:
        return True
    # a new line, or a jump back to the left, starts a new word
    if ch[2] > prev[4] or ch[1] < prev[1] - 0.5:
        return True
    # Advance boxes of the letters of a word touch (or overlap, when kerned); a gap
    # between them is a space the text layer did not report ("SAHARA AVENUE" printed
    # with a 1.2 pt gap at 13 pt, less than glyph side bearings leave inside words).
    if ch[7] - prev[8] > 0.05 * ch[5]:
        return True
    return ch[1] - prev[3] > ch[5] / 3


def _word(run: list[_Char], textpage: pdfium.PdfTextPage, page: int) -> Word:
    box = Box(
        min(c[1] for c in run),
        min(c[2] for c in run),
        max(c[3] for c in run),
        max(c[4] for c in run),
    )
    text = "".join(c[0] for c in run)
    return Word(text=text, box=box, size=run[0][5], page=page, color=_color(textpage, run[0][6]))


def _color(textpage: pdfium.PdfTextPage, index: int) -> str:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFText_GetFillColor(textpage.raw, index, r, g, b, a)
    return f"#{r.value:02x}{g.value:02x}{b.value:02x}"


def _rules(page: pdfium.PdfPage, page_height: float) -> Iterator[Line]:
    """Table borders: browsers print them as thin filled rectangles (path objects).

    Raw calls: a helper object per page object costs more than the reading itself.
    """
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in _path_objects(page.raw):
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if min(w, h) <= _MAX_RULE_THICKNESS and max(w, h) >= _MIN_RULE:
            yield Line(left.value, page_height - top.value, right.value, page_height - bottom.value)


def _path_objects(raw_page: object, depth: int = 3) -> Iterator[object]:
    """Path objects of the page, and of form XObjects nested up to `depth` levels."""
    for i in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        yield from _paths_in(pdfium_c.FPDFPage_GetObject(raw_page, i), depth)


def _paths_in(obj: object, depth: int) -> Iterator[object]:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        yield obj
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 1:
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            yield from _paths_in(pdfium_c.FPDFFormObj_GetObject(obj, i), depth - 1)
