"""A scanned page image -> a Page of OCR words in PDF points, like a digital page.

Steps: even out the lighting, turn the page upright (quarter turns, then the skew of a
few degrees), blank out ruling lines (Tesseract drops text lines that touch them), then
read every word with its confidence. Boxes are turned into points from the image's
resolution, so the layout stages see the same geometry as for a digital PDF.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from extractor.errors import OcrError
from extractor.layout.text import PhraseIndex, group_lines
from extractor.layout.unread_markers import UNREAD_MARKER
from extractor.model.geometry import Box, Line, Page, Word
from extractor.sources import cell_ocr, fax_rules, glyph_read, grid, ocr, ocr_fix
from extractor.sources.images import OCR_DPI, PageImage
from extractor.sources.printed import UNKNOWN_FORM, PrintedForm

# Below this median word confidence a page may be upside down: the turned page is read
# too, and the better reading is kept.
_UPRIGHT_CONFIDENCE = 0.75
# A word's box height over its font size, by the letters it holds: a box spans from
# the top of the tallest letter to the foot of the lowest one.
_DESCENDERS = set("gjpqy(),;[]{}|$")
_TALL = 0.72  # capitals, digits, ascenders
_FULL = 0.92  # with descenders or brackets
_SHORT = 0.50  # x-height letters only ("a", "os")
_T_ONLY = 0.58  # x-height letters and a "t" ("to", "at")
# A ruling line is at least this long (inches); text strokes are far shorter.
_MIN_RULE_INCH = 0.4
# A word box this many times the median height spans lines: not a word.
_TALL_WORD = 2.2
# No glyph but a stop or a dash is flatter than this (points): a small letter at 6
# points is some 3 points high.
_MIN_GLYPH_PT = 1.5
# A box between rules narrower or lower than this (pixels at OCR_DPI) is no cell.
_MIN_CELL_PX = 12
# The page around the cells is read with the vertical rules painted out this far
# beyond their ink: as far as the cells begin from them, and one.
_RULE_EDGE_PX = grid.CELL_GAP + 1
# A cell holding only a footnote marker holds pale print (EDGAR prints markers green,
# a grey scan makes them light grey): ink is anything darker than this.
_PALE_INK = 170
# A small grey glyph drawn up from 150 dpi ("(1)" alone in a cell) may hold no pixel
# that dark: a cell with this many pixels under the paler level holds one too (a
# grey scan's noise leaves at most some 25 in an empty cell).
_PALER_INK = 190
_PALE_GLYPH_PX = 30
# Tesseract reads the straight quotes and apostrophes of a form's typed text as
# typographic ones ("Sponsor" as “Sponsor”, Issuer's as Issuer’s), which it cannot
# tell apart in small print: a form's text holds the plain ones.
_PLAIN_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def scan_to_page(image: PageImage, form: PrintedForm = UNKNOWN_FORM) -> Page:
    """The words of one page image, or a Page without words when it is blank. The text
    below a line that prints one of the form's page-end phrases is not read (see
    `_read`); runs of its printed wording are told from a few of their words."""
    gray = grid.resample(grid.normalize(image.pixels), image.dpi, OCR_DPI)
    ink = grid.binarize(gray)
    width_pt, height_pt = image.width_pt, image.height_pt
    if grid.is_blank(ink):
        return Page(image.number, width_pt, height_pt, (), source="ocr")
    turns = grid.quarter_turns_to_level(ink)
    if turns:
        gray, ink = grid.quarter_turns(gray, turns), grid.quarter_turns(ink, turns)
        if turns % 2:
            width_pt, height_pt = height_pt, width_pt
    angle = grid.skew_angle(ink)
    gray, ink = grid.rotate(gray, angle), grid.rotate(ink, angle, fill=0)
    # the ink is only used to find ruling lines: a fax breaks them into dashes
    ink = grid.mend_rules(ink, int(_MIN_RULE_INCH * OCR_DPI))
    # a page cut to black and white (a fax) has its values read against the print face
    # too; on a grey page Tesseract reads them, and the glyph reading turned labels
    # with a digit ("2A. Deemed") into numbers. A grey page's unsure lines are not read
    # a second time turned light-on-dark (see ocr.lines_turned). Turned upside down, a
    # page counts the same pixels.
    faxed = image.one_bit or grid.is_binarized(gray)
    with ocr.lines_turned(faxed):
        words, rules = _upright_read(gray, ink, form, faxed)
    scale = 72.0 / OCR_DPI
    # a cell whose border OCR sees broken is read with its neighbours' words again
    page_words = tuple(ocr_fix.without_repeats([_to_word(w, scale, image.number) for w in words]))
    lines = tuple(Line(r.x0 * scale, r.top * scale, r.x1 * scale, r.bottom * scale) for r in rules)
    return Page(image.number, width_pt, height_pt, page_words, lines, "ocr", faxed)


def _upright_read(
    gray: grid.Gray, ink: grid.Gray, form: PrintedForm, faxed: bool
) -> tuple[list[ocr.OcrWord], list[grid.Rule]]:
    """The words and ruling lines `_read` finds on the page, or on the page turned
    upside down when that reads better."""
    words, rules, cells = _read(gray, ink, form, faxed)
    if _median_confidence(words) < _UPRIGHT_CONFIDENCE and not _clearly_upright(gray, cells):
        # maybe upside down: the turned page is read too and the better reading kept
        turned = _read(grid.quarter_turns(gray, 2), grid.quarter_turns(ink, 2), form, faxed)
        if _median_confidence(turned[0]) > _median_confidence(words):
            words, rules, cells = turned
    return words, rules


def _read(
    gray: grid.Gray, ink: grid.Gray, form: PrintedForm, faxed: bool
) -> tuple[list[ocr.OcrWord], list[grid.Rule], list[grid.Rule]]:
    """Words, ruling lines and the cells between them of an upright page (`faxed`:
    cut to black and white, see `grid.is_binarized`).

    Tesseract's page layout analysis drops text lines that touch ruling lines, and
    merges the cells of a table row into one line: each boxed cell is read on its own,
    then the rest of the page with the cells blanked out, top to bottom down to the
    line that ends the form's own text (the template's page-end phrase): below it the
    form prints only its fixed notices, a fifth of a page's OCR time, which no stage
    reads.
    """
    rules = grid.without_text_lines(grid.find_rules(ink, int(_MIN_RULE_INCH * OCR_DPI)), ink)
    # a fax loses horizontal rules: without them a table row is read as loose text
    rules = fax_rules.with_lost_rules(rules) if faxed else rules
    # a fax's broken strokes read better smoothed, once its rules are out: smoothed
    # first, a rule's blurred edge stays beside it and reads as dashes
    clean = grid.erase_rules(gray, grid.with_blurred_edges(gray, rules))
    clean = grid.smoothed(clean) if faxed else clean
    cells = grid.find_cells(gray.shape, rules, _MIN_CELL_PX)
    words: list[ocr.OcrWord] = []
    for c in cells:
        crop = clean[c.top : c.bottom, c.x0 : c.x1]
        if grid.has_ink(crop, dark=_PALE_INK) or grid.has_ink(crop, _PALER_INK, _PALE_GLYPH_PX):
            read = (
                _fax_cell(crop, form)
                if faxed
                else cell_ocr.read_cell(crop, OCR_DPI, wording=form.wording)
            )
            words.extend(_shifted(w, c.x0, c.top) for w in read)
    # a rule's blurred edge, left between it and the cells beside it, read as "I" and
    # "|" and as dashes; a vertical rule's on the grid's outer side too (a horizontal
    # one's is not: a signature stands on its line)
    upright = [r for r in rules if r.vertical]
    rest = grid.erase_rules(grid.erase_rules(clean, cells, grid.CELL_GAP), upright, _RULE_EDGE_PX)
    # line by line as a cell is read: sparse text mode dropped words and ran
    # neighbouring lines of small print together
    outside = cell_ocr.read_cell(
        rest, OCR_DPI, _ends_text(form.page_end), form.wording, in_grid=False
    )
    words.extend(glyph_read.reread_values(rest, outside, check=True) if faxed else outside)
    return words, grid.split_at_crossings(rules), cells


# A page read with low confidence (a fax) may be upside down. A few of its cells read
# both ways up tell first: reading the whole page turned as well had doubled a fax
# page's time. The cells are row-sized ones (at most this many pixels high: a header
# box holds many lines) with the most ink; upright must read surer by this margin,
# else the whole page is read turned too, as before.
_SAMPLE_CELLS = 6
_SAMPLE_HEIGHT_PX = 150
_SAMPLE_MARGIN = 0.1


def _fax_cell(crop: grid.Gray, form: PrintedForm) -> list[ocr.OcrWord]:
    """The words of a fax's cell, its values read against the print face too; the markers
    whose digit the fax erased are kept (for the notes' order to number, see
    layout/unread_markers), out of the face's reading."""
    read = cell_ocr.read_cell(crop, OCR_DPI, wording=form.wording, unread=True, in_grid=False)
    unread = [w for w in read if w.text == UNREAD_MARKER]
    kept = [w for w in read if w.text != UNREAD_MARKER]
    return glyph_read.reread_values(crop, kept, check=True) + unread


def _clearly_upright(gray: grid.Gray, cells: list[grid.Rule]) -> bool:
    """Whether the sample cells (see `_SAMPLE_CELLS`) of the page's `cells` read clearly
    surer upright than turned; False without enough of them."""
    crops = [gray[c.top : c.bottom, c.x0 : c.x1] for c in cells]
    crops = [c for c in crops if c.shape[0] <= _SAMPLE_HEIGHT_PX]
    crops = sorted(crops, key=lambda c: -int(np.count_nonzero(c < _PALE_INK)))[:_SAMPLE_CELLS]
    if len(crops) < _SAMPLE_CELLS:
        return False
    up = [w for c in crops for w in cell_ocr.read_cell(c, OCR_DPI)]
    down = [
        w for c in crops for w in cell_ocr.read_cell(np.ascontiguousarray(c[::-1, ::-1]), OCR_DPI)
    ]
    return _median_confidence(up) > _median_confidence(down) + _SAMPLE_MARGIN


def _ends_text(phrases: Sequence[str]) -> Callable[[list[ocr.OcrWord]], bool] | None:
    """Whether a line's words begin with one of `phrases` (None: no phrase given)."""
    if not phrases:
        return None

    def ends(line: list[ocr.OcrWord]) -> bool:
        words = [_to_word(w, 1.0, 0) for w in line]
        # one index of the line for every phrase (`find_phrase` builds one a phrase)
        index = PhraseIndex(words)
        return any(hit.words[0] is words[0] for p in phrases for hit in index.find(p))

    return ends


def _shifted(w: ocr.OcrWord, dx: int, dy: int) -> ocr.OcrWord:
    return ocr.OcrWord(w.text, w.x0 + dx, w.top + dy, w.x1 + dx, w.bottom + dy, w.confidence)


def _median_confidence(words: list[ocr.OcrWord]) -> float:
    return float(np.median([w.confidence for w in words])) if words else 0.0


def _to_word(w: ocr.OcrWord, scale: float, page: int) -> Word:
    box = Box(w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale)
    return Word(
        text=w.text.translate(_PLAIN_QUOTES),
        box=box,
        size=round(box.height / _height_ratio(w.text), 2),
        page=page,
        source="ocr",
        confidence=round(w.confidence, 3),
    )


def _height_ratio(text: str) -> float:
    if any(c in _DESCENDERS for c in text):
        return _FULL
    if any(c.isupper() or c.isdigit() or c in "bdfhkl/%#&" for c in text):
        return _TALL
    # a "t" rises above the x-height but not to the ascenders: "to" sized as tall came
    # out a fifth smaller than its line, and a label's next line was not followed
    return _T_ONLY if "t" in text else _SHORT


def scans_to_pages(
    path: Path, images: Iterable[PageImage], form: PrintedForm = UNKNOWN_FORM
) -> list[Page]:
    """Every page image read by OCR and repaired (see ocr_fix); an OcrError names what
    to install when there is no engine. `form`: see `scan_to_page`."""
    try:
        ocr.engine()
    except ocr.OcrUnavailable as exc:
        raise OcrError(path, "the document is a scan and " + str(exc)) from None
    return [repaired(_scanned(path, image, form)) for image in images]


def _scanned(path: Path, image: PageImage, form: PrintedForm) -> Page:
    """`scan_to_page`, with an engine failure (tesserocr and pytesseract raise
    RuntimeError) turned into an OcrError that names the page."""
    try:
        return scan_to_page(image, form)
    except RuntimeError as exc:
        raise OcrError(path, f"OCR failed on page {image.number}: {exc}") from None


def repaired(page: Page) -> Page:
    """`page` with the form's fixed wording restored where OCR misread it (ocr_fix),
    line by line in reading order."""
    words: list[Word] = []
    kept = ocr_fix.with_flat_words_aligned(ocr_fix.without_specks(without_tall(page.words)))
    for read in group_lines(kept):
        line = ocr_fix.with_stops_attached(read)
        fixes = ocr_fix.repair([w.text for w in line])
        for w, fix in zip(line, fixes, strict=True):
            if fix is None:
                words.append(w)
            elif fix:
                words.append(dataclasses.replace(w, text=fix))
    return dataclasses.replace(page, words=tuple(words))


def without_tall(words: tuple[Word, ...]) -> list[Word]:
    """The words less those far taller than a line of text: specks and stroke fragments
    that OCR boxes across two lines, which would merge the lines around them.

    A line's height is the median of the words as tall as a glyph: on a continuation
    page a hundred flat readings of rule edges ("a", "—") made the median a pixel, and
    every word of its table went as too tall."""
    text = [w.box.height for w in words if w.box.height >= _MIN_GLYPH_PT]
    if not text:
        return list(words)
    limit = _TALL_WORD * float(np.median(text))
    return [w for w in words if w.box.height <= limit]
