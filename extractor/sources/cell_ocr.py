"""One boxed table cell's image -> its words, footnote markers read on their own.

Tesseract reads a value and the superscript marker after it ("$2,018.57⁽¹⁾") as one
word and garbles both ("$2,018.57°)"), and reads a lone letter ("S") poorly at print
size. So the cell's ink is split into blobs, grouped into text lines; blobs that sit
above a line's baseline and are smaller than its letters are a superscript run, cropped
and read on their own as markers; the rest of the cell is read with the runs painted
out. Every crop is scaled so that its letters are the height Tesseract reads best.
"""

from __future__ import annotations

import enum
import itertools
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from extractor.layout.unread_markers import UNREAD_MARKER
from extractor.sources import glyphs, grid, lexicon, ocr
from extractor.sources.ocr import OcrWord
from extractor.sources.printed import Wording, ending

# Tesseract's models read letters about this tall (pixels, capital height) best.
_TARGET_HEIGHT = 36.0
_MAX_SCALE = 3.0
_MIN_SCALE = 0.5
_FIRST_SCALE = 1.0  # of the print size, for the first reading of a segment
# A blob this small (pixels at 300 dpi) is a speck of dust or toner, not a stroke.
_SPECK_AREA = 6
# A dot standing alone at the faint level is a full stop, no speck, from this many
# pixels there (a blurred stop at 200 dpi: ~16; a toner speck: ~7).
_FAINT_DOT = 12
# Right over a stem, where a speck is rare, a dot this big at the faint level is the dot
# of an "i" (one of 11 pixels in small print at 300 dpi).
_FAINT_I_DOT = 8
_EDGE_PX = 2  # the soft edge kept round each glyph's box
# A glyph's faint parts are looked for this share of its height beside it and above it
# (the arms of a "C", the dot over an "i"); below its foot only within _EDGE_PX.
_FAINT_REACH = 0.5
# A dot smaller than this (pixels) is punctuation only beside a glyph, within the reach.
_DOT_SIDE = 7
_DOT_REACH = 6
# A stroke this thin and this long (pixels) is the remnant of a ruling line, no dash.
_SLIVER_HEIGHT = 4
_SLIVER_LENGTH = 40
# Punctuation dots sit within this share of the letter height of the baseline or the
# capitals' top; lines of fewer blobs than _LONG_LINE are too short to tell.
_PUNCT_SLACK = 0.25
_QUOTE_SHAPE = 1.4  # a quote or apostrophe is this much taller than wide; a speck is round
_LONG_LINE = 5
# A superscript's foot sits at least this share of the line's letter height above the
# line's baseline (the foot of "(1)" is at about 0.35 of it; the "1" inside a "(1)"
# printed at full size sits 0.2 above the brackets' feet), and the run is at least
# this share of the letter height tall (the brackets; a hyphen is far lower; a fax at
# 200 dpi cut to black and white thins a marker's brackets to 0.45-0.5 of it).
_LIFT = 0.25
_RUN_HEIGHT = 0.42
_BRACKET_WIDTH = 0.45  # a lone bracket is narrower than this share of its height
_NARROW_BRACKET = 0.6  # a bracket's width over its height (a bracket run into a digit: 0.55)
_MARKER_DIGIT = 0.9  # a marker's digits are at most this share of its brackets' height
_RUN_GAP = 0.6  # blobs of one run are closer than this share of the letter height
# White margin round a crop: Tesseract finds nothing right at an image edge.
_MARGIN = 12
_MARKER_CHARS = "0123456789()"
_MARKER_TEXT = re.compile(r"^\(?[1-9]\d?\)?(?:\([1-9]\d?\)?)*$")


@dataclass(frozen=True, slots=True)
class Blob:
    """A connected ink blob in the cell crop's pixels."""

    x0: int
    top: int
    x1: int
    bottom: int
    # kept, not computed on each use: read hundreds of thousands of times a page
    height: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "height", self.bottom - self.top)


def read_cell(
    crop: grid.Gray,
    dpi: int,
    until: Callable[[list[OcrWord]], bool] | None = None,
    wording: Wording | None = None,
    unread: bool = False,
    in_grid: bool = True,
) -> list[OcrWord]:
    """The words of one cell, boxes in the crop's pixels; markers are words of their own
    ("(1)", "(2)(3)") with the box of the superscript run. Lines are read top to
    bottom; when `until` says a line's words end the text, nothing below is read. Runs
    of the form's printed `wording` are told from a few of their words (see printed).
    `unread`: a marker whose digit is lost is kept as `UNREAD_MARKER`, for the filing's
    order of notes to number (layout/unread_markers), else left out. `in_grid`: the
    crop is a cell of a grey page's grid (not the text around the grid, nor a fax's
    cell), where a crop holding one whole printed phrase may be told from its opening
    words alone (see `Known._told`), faint print read as nothing is read again
    stretched (see `_read_faint`) and an unsure marker is read again (see
    `_best_marker_reading`)."""
    level = grid.ink_level(crop)  # once: every step below cuts the crop at it
    ink = crop < level
    every, marks = _unframed(crop, level, ink, _blobs(crop, level, ink))
    lines = [_without_noise(line) for line in text_lines(cell_blobs(every))]
    uncut = {b for line in lines for b in line}
    lines = _brackets_apart(crop, level, ink, lines, in_grid)
    blobs = [b for line in lines for b in line]
    # a box's mark is read alone: between two lines of its label, it joined them
    words = [w for m in marks for w in _read_segment(crop, _only(crop, level, [m]), [m], dpi)]
    if not blobs:
        return words
    in_markers: set[Blob] = set()
    for line in lines:
        for run in raised_runs(line):
            # a "(" cut off the glyph before it is read again without that glyph's edge
            cut = run[0] not in uncut
            again = (_Again.JOINED if cut else _Again.PALE) if in_grid else _Again.NEVER
            marker = _stemless_one_lost(crop, run, _read_marker(crop, run, dpi, again))
            if marker is not None:
                words += [marker] if marker.text else _kept_unread(marker, unread)
                in_markers.update(run)
    if in_grid and not in_markers:
        # no run opened: the blur may have run a marker into its code ("J(3)"), so
        # that no blob of it stands apart as a bracket
        words += _raised_tails(crop, ink, lines, dpi, in_markers)
    rest = [b for b in blobs if b not in in_markers]
    # a marker's ink may hang together with the value's at the faint level: out again
    body = _whitened(_only(crop, level, rest), in_markers)
    neighbours = _BlobIndex(rest)
    lines = text_lines(rest)
    known = Known(body, neighbours, dpi, wording, in_grid) if wording and wording.phrases else None
    whole = known.cell(lines) if known is not None and not in_markers else None
    if whole is not None:
        return words + whole  # the cell holds one printed phrase (a column header)
    for line in lines:
        read = []
        for segment in _cut(line):
            printed = known.run(segment) if known is not None else None
            if printed is not None:
                read += printed
                continue
            with _painted_out(body, neighbours.crossing(_span(segment), set(segment))):
                segment_words = _read_segment(crop, body, segment, dpi, in_grid)
                read += [_tightened(w, segment) for w in segment_words]
        words += read
        if until is not None and read and until(read):
            end = _span(line).bottom
            return [w for w in words if w.top < end]
    return words


class _BlobIndex:
    """The blobs of a cell, to find those reaching into a box: the descenders of the
    line above and the capitals of the line below reach into a line of small print,
    and Tesseract reads their stubs as "~", "*" or "Lal"."""

    def __init__(self, blobs: list[Blob]) -> None:
        self.blobs = blobs
        self.edges = np.array([_edges(b) for b in blobs]).reshape(-1, 4)

    def crossing(self, box: Blob, own: set[Blob]) -> list[Blob]:
        x0, top, x1, bottom = (self.edges[:, i] for i in range(4))
        hits = (x0 < box.x1) & (x1 > box.x0) & (top < box.bottom + 2) & (bottom > box.top - 2)
        return [self.blobs[i] for i in np.flatnonzero(hits) if self.blobs[i] not in own]


class Known:
    """Runs of the form's printed wording in one cell, told from their word count and
    their first two and last words (see printed): reading those costs a fraction of
    reading the whole run, and a few words a fax left legible tell a label it
    garbled."""

    def __init__(
        self,
        body: grid.Gray,
        neighbours: _BlobIndex,
        dpi: int,
        wording: Wording,
        in_grid: bool,
    ):
        self.body, self.neighbours, self.dpi, self.wording = body, neighbours, dpi, wording
        self.in_grid = in_grid
        # a cell's first line is read for the whole cell, then for its own run
        self._readings: dict[tuple[Blob, ...], list[str] | None] = {}

    def run(self, segment: list[Blob]) -> list[OcrWord] | None:
        """The words of one segment of a line when it is a stretch of printed wording."""
        spans = word_spans(segment)
        if not _KNOWN_WORDS <= len(spans) <= _KNOWN_LINE_WORDS:
            return None
        return self._told(spans[:2], spans, whole=False)

    def cell(self, lines: list[list[Blob]]) -> list[OcrWord] | None:
        """The words of a cell that holds one printed phrase and nothing else, over its
        lines (a column header), told from its first two and its last word."""
        if not lines or any(len(_cut(line)) > 1 for line in lines):
            return None
        per_line = [word_spans(line) for line in lines]
        spans = [span for line in per_line for span in line]
        if len(spans) < (_KNOWN_CELL_WORDS if self.in_grid else _KNOWN_WORDS):
            return None
        return self._told(per_line[0][:2], spans, whole=True)

    def _told(
        self, opening: list[list[Blob]], spans: list[list[Blob]], whole: bool
    ) -> list[OcrWord] | None:
        """The printed words of `spans`, told from the words of `opening` (read first:
        most runs are no printed wording, and one reading tells so) and of the last,
        unless they fit one whole phrase in a cell of the grid."""
        first = self._read(opening)
        stretches = self.wording.opened(first, len(spans), whole) if first is not None else None
        if not stretches:
            return None
        if whole and self.in_grid and len(stretches) == 1:
            # a grid cell holding nothing else, its opening words and word count fitting
            # one phrase, is that phrase (a column header): on 12 grey scans the last
            # word agreed in all 255 such cells, and reading it cost a Tesseract call
            # per header. Not around the grid (a line there may open like a label), nor
            # on a fax, whose broken glyphs miscount words: a date under box 3's label
            # ran into it, and the label's count hid the date.
            return self._placed(list(stretches.pop()), spans)
        last = self._read(spans[-1:])
        words = None if last is None else ending(stretches, last[0])
        return None if words is None else self._placed(words, spans)

    def _read(self, spans: list[list[Blob]]) -> list[str] | None:
        """The words of `spans` read at print size, if OCR finds as many words."""
        blobs = tuple(b for span in spans for b in span)
        if blobs in self._readings:
            return self._readings[blobs]
        box = _span(list(blobs))
        with _painted_out(self.body, self.neighbours.crossing(box, set(blobs))):
            read = _read_region(
                self.body, box, _TARGET_HEIGHT / _FIRST_SCALE, self.dpi, ocr.PSM_LINE, ""
            )
        words = [w.text for w in read] if len(read) == len(spans) else None
        self._readings[blobs] = words
        return words

    def _placed(self, words: list[str], spans: list[list[Blob]]) -> list[OcrWord]:
        boxes = [_span(span) for span in spans]
        return [
            OcrWord(text, b.x0, b.top, b.x1, b.bottom, _KNOWN_CONFIDENCE)
            for text, b in zip(words, boxes, strict=True)
        ]


def word_spans(line: list[Blob]) -> list[list[Blob]]:
    """The blobs of a line grouped into words, cut at gaps wider than _WORD_GAP letter
    heights (letters of a word stand closer; an i's dot overlaps its stem)."""
    letter = _letter_height(line)
    out: list[list[Blob]] = []
    right = -1
    for b in sorted(line, key=lambda b: b.x0):
        if not out or b.x0 - right > _WORD_GAP * letter:
            out.append([])
        out[-1].append(b)
        right = max(right, b.x1) if len(out[-1]) > 1 else b.x1
    return out


# A run of printed wording is told from a few of its words only from this many words:
# three are read (the first two and the last), so shorter runs are read whole.
_KNOWN_WORDS = 5
# A grid cell holding one whole phrase is told from its opening two words alone
# (see `Known._told`): from three words on, that reads less than the whole cell.
_KNOWN_CELL_WORDS = 3
# The form prints its own wording in lines of at most 16 words (the reminder under the
# last box, on every first page: read whole, a twentieth of the page's OCR time); a
# longer line is running text (a footnote), which would cost a first reading for nothing.
_KNOWN_LINE_WORDS = 16
# Gaps between words are 0.3 to 0.8 letter heights in print; between the letters of a
# word under 0.25 (measured at 200 and 300 dpi).
_WORD_GAP = 0.3
# The confidence given to printed words told from a few of them: they are the form's.
_KNOWN_CONFIDENCE = 0.99


def segments(blobs: list[Blob]) -> list[list[Blob]]:
    """Text lines cut where a gap is wider than a few letters: the fields of a boxed
    header ("(City)   (State)   (Zip)") are read one by one, each at its own size."""
    return [segment for line in text_lines(blobs) for segment in _cut(line)]


def _cut(line: list[Blob]) -> list[list[Blob]]:
    """One text line cut into fields at gaps wider than _SEGMENT_GAP letters."""
    letter = _letter_height(line)
    out = [[line[0]]]
    for before, b in itertools.pairwise(line):
        if b.x0 - before.x1 > _SEGMENT_GAP * letter:
            out.append([])
        out[-1].append(b)
    return out


def _only(crop: grid.Gray, level: float, blobs: list[Blob]) -> grid.Gray:
    """A white page with just `blobs` copied from `crop`, each with a margin of
    _EDGE_PX: specks, grey noise too faint to be ink and markers read already are left
    out of what Tesseract sees (it read faint specks between words as "~", "+", "*"),
    while the glyphs keep their soft edges (copied without the margin, "r" read "i").
    The glyphs' faint parts are copied too (see `_faint_parts`)."""
    out = np.full_like(crop, 255)
    if not blobs:
        return out  # a cell of markers alone: no glyph, no faint part of one
    seeds = np.zeros(crop.shape[:2], dtype=bool)
    near = np.zeros(crop.shape[:2], dtype=bool)
    copied, near_boxes = _only_boxes(blobs, *crop.shape[:2])
    for (top, bottom, x0, x1), b, (near_top, near_x0, near_x1) in zip(
        copied.tolist(), blobs, near_boxes.tolist(), strict=True
    ):
        out[top:bottom, x0:x1] = crop[top:bottom, x0:x1]
        seeds[b.top : b.bottom, b.x0 : b.x1] = True
        near[near_top:bottom, near_x0:near_x1] = True
    # the faint parts lie within `near`: looked for only inside its bounds (the rest of
    # a page is read as one crop, most of it blank or blanked-out cells)
    rows = slice(int(near_boxes[:, 0].min()), int(copied[:, 1].max()))
    right = np.minimum(crop.shape[1], near_boxes[:, 2])
    inside = rows, slice(int(near_boxes[:, 1].min()), int(right.max()))
    for band in _near_bands(near[inside]):
        part = crop[inside][band]
        faint = _faint_parts(part, level, seeds[inside][band], near[inside][band])
        np.copyto(out[inside][band], part, where=faint)
    return out


def _only_boxes(
    blobs: list[Blob], height: int, width: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For `_only`, by blob: the rows and columns copied (top, bottom, x0, x1: the box
    with a margin of _EDGE_PX, within the crop), and where its faint parts may lie
    (top, x0, x1; the bottom is the copy's): beside and above it within _FAINT_REACH
    of its height. Worked out for all blobs at once: a page holds thousands."""
    x0, top, x1, bottom = np.array([_edges(b) for b in blobs]).T
    copied = np.stack(
        [
            np.maximum(0, top - _EDGE_PX),
            np.minimum(height, bottom + _EDGE_PX),
            np.maximum(0, x0 - _EDGE_PX),
            np.minimum(width, x1 + _EDGE_PX),
        ],
        axis=1,
    )
    # rounded half to even, as round() is
    reach = np.maximum(_EDGE_PX, np.round(_FAINT_REACH * (bottom - top)).astype(np.int64))
    near = np.stack([np.maximum(0, top - reach), np.maximum(0, x0 - reach), x1 + reach], axis=1)
    return copied, near


def _near_bands(near: grid.Mask) -> list[tuple[slice, slice]]:
    """The bands of rows that hold `near` pixels, each with the columns those span; a
    band ends where more than _EDGE_PX rows hold none. The faint parts of glyphs (see
    `_faint_parts`) are found band by band, the same as at once: an area within `near`
    lies in one band, and the soft edge round a glyph's (_EDGE_PX) reaches no other.
    The text round a page's grid lies in a third of its rows and a tenth of its pixels."""
    rows = np.flatnonzero(near.any(axis=1))
    if not rows.size:
        return []
    ends = np.flatnonzero(np.diff(rows) > _EDGE_PX)  # the last row of each band but one
    starts, stops = rows[np.r_[0, ends + 1]].tolist(), (rows[np.r_[ends, -1]] + 1).tolist()
    bands = []
    for top, bottom in zip(starts, stops, strict=True):
        cols = np.flatnonzero(near[top:bottom].any(axis=0))
        bands.append((slice(top, bottom), slice(int(cols[0]), int(cols[-1]) + 1)))
    return bands


def _faint_parts(crop: grid.Gray, level: float, seeds: grid.Mask, near: grid.Mask) -> grid.Mask:
    """The pixels lighter than ink but darker than the faint level that hang together
    with the ink of `seeds`, within `near`, with a soft edge.

    A blurred grey scan prints a glyph's thin strokes lighter than its stems (a "C"
    lost its arms, an "i" its dot). Only faint pixels come: ink is what the blobs kept
    bring, so a ruling line's remnant or a speck dropped as noise stays out even where
    a glyph touches it at the faint level (an underline under a signature read "_",
    "=" or "~~" when its whole faint area came with the glyph); and only near a glyph
    (beside it, over it for an "i"'s dot, not below its foot)."""
    ink = crop < level
    labels = grid.mask_labels((crop < _faint_level(level)) & near)
    return grid.attached(labels, seeds & ink, _EDGE_PX) & near & ~ink


@contextmanager
def _painted_out(crop: grid.Gray, blobs: list[Blob]) -> Iterator[None]:
    """`crop` with `blobs` painted white while in the block, then put back. In place: a
    copy of the rest of a page per segment read cost a tenth of a page's time."""
    saved = [(b, crop[b.top : b.bottom, b.x0 : b.x1].copy()) for b in blobs]
    _whitened(crop, blobs)
    try:
        yield
    finally:
        for b, pixels in reversed(saved):  # overlapping boxes: the first saved is last put
            crop[b.top : b.bottom, b.x0 : b.x1] = pixels


def _whitened(crop: grid.Gray, blobs: Iterable[Blob]) -> grid.Gray:
    """`crop` with `blobs` painted white, in place."""
    for b in blobs:
        crop[b.top : b.bottom, b.x0 : b.x1] = 255
    return crop


def _centred_in(blobs: list[Blob], word: OcrWord) -> list[Blob]:
    """The blobs whose centre lies in `word`'s box. Tested in doubled integer
    coordinates, inline: a line of footnote text holds hundreds of blobs and tens of
    words, and a call per pair was a tenth of the blob work."""
    x0, x1, top, bottom = 2 * word.x0, 2 * word.x1, 2 * word.top, 2 * word.bottom
    return [b for b in blobs if x0 <= b.x0 + b.x1 <= x1 and top <= b.top + b.bottom <= bottom]


def _tightened(word: OcrWord, blobs: list[Blob]) -> OcrWord:
    """`word` with its box shrunk to the text line of the ink inside it.

    Tesseract's word box may reach up to a speck above the word; the layout takes a
    word twice as tall as its neighbours for a stroke fragment and drops it. A word of
    letters or digits whose box holds only specks' centres may be a glyph boxed by a
    part of it (a fax's "A" by its right leg, its centre just outside): it is set on the
    glyph that covers half its box or more, if one does; else, as a word read from
    specks, on the specks.
    """
    inside = _centred_in(blobs, word)
    if not inside:
        return word
    lines = text_lines(inside)
    specks = all(all(map(_small, ln)) for ln in lines)
    covering = _covering(blobs, word) if specks and any(map(str.isalnum, word.text)) else []
    box = _span(covering) if covering else _span(max(lines, key=_inked_width))
    return OcrWord(word.text, word.x0, box.top, word.x1, box.bottom, word.confidence)


def _inked_width(line: list[Blob]) -> int:
    return sum(b.x1 - b.x0 for b in line)


def _covering(blobs: list[Blob], word: OcrWord) -> list[Blob]:
    """The blobs bigger than a speck that cover half of `word`'s box's width or more,
    overlapping it."""
    half = (word.x1 - word.x0) / 2
    return [
        b
        for b in blobs
        if not _small(b)
        and min(b.x1, word.x1) - max(b.x0, word.x0) >= half
        and b.top < word.bottom
        and word.top < b.bottom
    ]


def _blobs(crop: grid.Gray, level: float, ink: grid.Mask) -> list[Blob]:
    """The ink blobs of a crop cut at `level` (`ink`: its pixels darker than that),
    stops sized at the faint level."""
    boxes = grid.mask_boxes(ink).tolist()
    return _sized_faint(crop, level, ink, [Blob(*box) for box in boxes])


def _unframed(
    crop: grid.Gray, level: float, ink: grid.Mask, blobs: list[Blob]
) -> tuple[list[Blob], list[Blob]]:
    """`blobs` less box frames (check boxes), and the boxes of the marks inside them.

    A check box beside a paragraph is two or three lines tall: taken as a glyph, it
    ran those lines into one, which read as garble, and its "X" was lost. The form
    draws such boxes, never prints them as text; what is inside is the mark, whether
    or not it touches the frame. A mark inside an unbroken frame is one blob with it,
    or a blob of its own inside the frame's box: both are left out of the text. `ink`:
    the crop's pixels darker than `level`."""
    # a page holds thousands of blobs: only those large enough to be a frame are cut out
    large = [b for b in blobs if min(b.height, b.x1 - b.x0) >= _FRAME_MIN_PX]
    frames = [b for b in large if _is_frame(ink[b.top : b.bottom, b.x0 : b.x1])]
    if not frames:
        return blobs, []  # most crops: no blob to test against a frame
    inner = [m for m in (_inside(crop, level, f) for f in frames) if m is not None]
    kept = [b for b in blobs if b not in frames and not any(_within(b, f) for f in frames)]
    return kept, inner


def _within(b: Blob, frame: Blob) -> bool:
    return frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.top <= b.top and b.bottom <= frame.bottom


_FRAME_MIN_PX = 10  # a frame smaller than this is a glyph ("o", "0") as far as shape tells
_FRAME_SIDE = 0.9  # share of each side's length inked along a frame's edge
_FRAME_EDGE = 0.2  # how deep, as a share of the frame's shorter side, its edge is sought
_FRAME_HOLLOW = 0.6  # a frame's middle is mostly paper (a bold cross touching it covers half)


def _is_frame(ink: grid.Mask) -> bool:
    """Whether a blob's ink is a rectangle's outline: every side inked along nearly its
    whole length (a round letter's corners are paper) around a mostly empty middle."""
    height, width = ink.shape
    if min(height, width) < _FRAME_MIN_PX:
        return False
    depth = max(2, round(_FRAME_EDGE * min(height, width)))
    # a frame's corners are square; a bold "D" or "0" also inks its sides' edges. Tested
    # first: most letters fail it, and it looks at four small squares only
    corner = max(1, depth // 2)
    corners = (ink[:corner, :corner], ink[:corner, -corner:], ink[-corner:, :corner])
    if not all(c.any() for c in (*corners, ink[-corner:, -corner:])):
        return False
    rows = (ink[:depth], ink[-depth:])  # top and bottom edges, inked across the width
    cols = (ink[:, :depth], ink[:, -depth:])  # left and right, inked down the height
    shares = [float(e.any(axis=0).mean()) for e in rows] + [
        float(e.any(axis=1).mean()) for e in cols
    ]
    if min(shares) < _FRAME_SIDE:
        return False
    middle = ink[height // 4 : height - height // 4, width // 4 : width - width // 4]
    return float(middle.mean()) < _FRAME_HOLLOW


def _inside(crop: grid.Gray, level: float, frame: Blob) -> Blob | None:
    """The box of the ink inside `frame`, clear of its edges (a mark may touch them)."""
    depth = max(2, round(_FRAME_EDGE * min(frame.height, frame.x1 - frame.x0)))
    top, x0 = frame.top + depth, frame.x0 + depth
    ink = crop[top : frame.bottom - depth, x0 : frame.x1 - depth] < level
    rows, cols = np.nonzero(ink)
    if rows.size < _SPECK_AREA:
        return None
    return Blob(
        x0 + int(cols.min()),
        top + int(rows.min()),
        x0 + int(cols.max()) + 1,
        top + int(rows.max()) + 1,
    )


def _brackets_apart(
    crop: grid.Gray, level: float, ink: grid.Mask, lines: list[list[Blob]], in_grid: bool
) -> list[list[Blob]]:
    """`lines` with each blob that ends in a superscript bracket run into it by the blur
    cut in two.

    A blurred grey scan (200 dpi) joins glyphs a few pixels apart through their grey
    halos at the ink threshold: the "(" of a marker hung on the glyph before it ("J(1)"
    came out as one blob "J(" and a "1"), so no run started with a bracket and the
    marker was read with the code ("J" lost, or both). A little darker than the
    threshold the halo is gone and the bracket stands apart; a heavier blur ("C(9)" at
    200 dpi) needs twice that depth. `ink`: the crop's pixels darker than `level`.
    In a grey page's grid cell (`in_grid`) a pale marker's "(" is cut off by its ")"
    too (see `_mirror_cut`): in a fax that read markers the fax had erased, wrongly."""
    # cut from the crop blob by blob: two page-sized masks cost more than the few blobs
    # looked at in them
    cores = [(crop, level - depth) for depth in (_HALO_DEPTH, 2 * _HALO_DEPTH)]
    gray = crop if in_grid else None
    return [_cut_opening(ink, cores, _cut_line(gray, ink, cores, line)) for line in lines]


def _cut_line(
    gray: grid.Gray | None, ink: grid.Mask, cores: list[_Core], line: list[Blob]
) -> list[Blob]:
    """`line` with a bracket cut off a blob wherever the cut lets a superscript run
    open with it (see `raised_runs`): a thin stroke lighter than the core ("R", "m")
    cut off the same way stands on the baseline or starts no bracketed run. The
    cores are tried in turn, the shallowest first; then, given the crop's `gray`, the
    mirror of a ")" (see `_mirror_cut`)."""
    out = list(line)
    lift = _LIFT * _letter_height(line) if line else 0.0
    for b in line:
        if _width(b) < _SPLIT_WIDTH * b.height or not _raised_end(ink, b, lift):
            continue
        for core in cores:
            trial = _with_cut(out, b, _bracket_cut(ink, core, b), lift)
            if trial is not None:
                out = trial
                break
        else:
            out = out if gray is None else _with_mirror_cut(gray, ink, out, b, lift)
    return out


def _with_mirror_cut(
    gray: grid.Gray, ink: grid.Mask, line: list[Blob], b: Blob, lift: float
) -> list[Blob]:
    """`line` with `b` cut where a marker's "(" run into it begins (see `_mirror_cut`),
    when the "(" then opens a marker run and no marker with its own "(" opens right
    after `b` already (the bowl of the "P" of "LP(2)" ends raised too)."""
    cut = _mirror_cut(ink, line, b, lift)
    if cut is None or not _paler(gray, cut[-1], cut[0]):
        return line
    at = line.index(b)
    after = line[at + 1] if at + 1 < len(line) else None
    if any(run[0] is after and len(run) >= 3 for run in raised_runs(line)):
        return line  # its own "(" opens it (a "1)" whose "(" ran into `b` is cut)
    trial = _with_cut(line, b, cut, lift)
    return line if trial is None else trial


def _paler(gray: grid.Gray, piece: Blob, rest: Blob) -> bool:
    """Whether the darkest ink of `piece` is `_PALER_BY` lighter than that of `rest`: a
    marker printed green, scanned grey, beside a value printed black or blue."""
    darkest = int(gray[piece.top : piece.bottom, piece.x0 : piece.x1].min())
    return darkest - int(gray[rest.top : rest.bottom, rest.x0 : rest.x1].min()) >= _PALER_BY


# How much lighter a marker's darkest ink is than its value's, at least (measured at
# 150 dpi: a value's 120-130, its marker's 170-180); a glyph of the value's own print
# raised at its end (the top of a "7") is as dark as the rest.
_PALER_BY = 30


def _raised_tails(
    crop: grid.Gray, ink: grid.Mask, lines: list[list[Blob]], dpi: int, found: set[Blob]
) -> list[OcrWord]:
    """The markers that end lines as raised tails of ink (see `_raised_tail`), read
    clean; each tail's box is added to `found`, to be read no more with the text."""
    out = []
    for line in lines:
        tail = _raised_tail(ink, line)
        if tail is None:
            continue
        text, confidence = _best_marker_reading(crop, tail, dpi, _Again.JOINED)
        if _CLEAN_MARKERS.match(text):
            out.append(OcrWord(text, tail.x0, tail.top, tail.x1, tail.bottom, confidence))
            found.add(tail)
    return out


def _raised_tail(ink: grid.Mask, line: list[Blob]) -> Blob | None:
    """The ink that ends `line` above its baseline, as wide as a marker, when the blur
    of a 150 dpi scan ran a code and its marker together so that no blob of it opens a
    run ("J(3)" as one blob, or "J", "(" and "3)"): the columns from the line's end
    back to the last one whose ink reaches within `_LIFT` of the tallest glyph's foot.
    None when it is lower than a marker's run, or narrower than "(1)" or wider than
    "(12)"."""
    # the tallest glyph's foot: the line's baseline, which a short line's wide marker
    # pulls up to itself (see `_foot_by_width`); a first glyph may hang below it ("gift")
    letter, floor = _letter_height(line), max(line, key=lambda b: b.height).bottom
    span = _span(line)
    part = ink[span.top : span.bottom, span.x0 : span.x1]
    inked: npt.NDArray[np.bool_] = np.asarray(part.any(axis=0))
    lowest = np.where(inked, part.shape[0] - 1 - np.argmax(part[::-1], axis=0), -1)
    reaching = np.flatnonzero(lowest + span.top >= floor - _LIFT * letter)
    # no ink past the last reaching column: the line's boxes reach past its ink (a
    # glyph's faint parts, see `_sized_faint`)
    if len(reaching) == 0 or not inked[reaching[-1] + 1 :].any():
        return None
    tail = _ink_box(ink, span, span.x0 + int(reaching[-1]) + 1, span.x1)
    wide = _TAIL_WIDTH[0] * tail.height <= _width(tail) <= _TAIL_WIDTH[1] * tail.height
    return tail if wide and tail.height >= _RUN_HEIGHT * letter else None


# A marker's run is this much wider than tall: "(1)" about 1.1 of its height, "(12)"
# about 2; a line after a first glyph with a descender ("by Trust") stands as high.
_TAIL_WIDTH = (0.9, 2.6)


def _mirror_cut(ink: grid.Mask, line: list[Blob], b: Blob, lift: float) -> list[Blob] | None:
    """`b` as the glyphs before a marker's "(" run into its end and that "(", told by
    the ")" that closes the marker: as wide, as high and as low. A pale marker scanned
    at 150 dpi and blurred is as dark as the halo that joins its "(" to the digit
    before it ("12,500(2)", "4,567(2)"): no core of the ink parts them (see
    `_bracket_cut`), but its ")" stands alone: the last of the raised blobs after `b`,
    narrow, nearly as tall as they and as tall as a marker's run beside the glyphs
    before it is (`_RUN_HEIGHT`). None without one, or without a blob between."""
    at = line.index(b)
    raised = list(
        itertools.takewhile(
            lambda c: b.bottom - c.bottom >= lift, line[at + 1 : at + 1 + _ONE_MARKER_BLOBS]
        )
    )
    if len(raised) < 2:
        return None
    close = raised[-1]
    if not _narrow(close) or close.height < _ONE_MARKER_SPAN * _span(raised).height:
        return None
    # as wide as its ")" and no wider than a bracket: the blur widens both
    x = b.x1 - min(_width(close), int(_BRACKET_WIDTH * close.height))
    if x <= b.x0:
        return None
    if not ink[b.top : b.bottom, b.x0 : x].any():
        return None  # a box wider than its ink (faint parts, see `_sized_faint`)
    before = _ink_box(ink, b, b.x0, x)
    if close.height < _RUN_HEIGHT * before.height:
        return None  # no bracket: the ticks of a closing quote ('("ABCD")') are low
    return [before, Blob(x, close.top, b.x1, close.bottom)]


def _cut_opening(ink: grid.Mask, cores: list[_Core], line: list[Blob]) -> list[Blob]:
    """`line` with a raised blob that opens with a bracket cut in two there, when the
    bracket then opens a marker run: the blur of a 200-dpi JPEG joins a marker's "("
    to its digit through the bracket's top tip ("(3" and ")"), and a run opening with
    a glyph as wide as two was no marker. The cores are tried as in `_cut_line`."""
    out = list(line)
    lift = _LIFT * _letter_height(line) if line else 0.0
    for before, b in itertools.pairwise(line):
        if _width(b) < _SPLIT_WIDTH * b.height or before.bottom - b.bottom < lift:
            continue
        for core in cores:
            cut = _bracket_cut(ink, core, b, first=True)
            if cut is None or _width(cut[0]) > _BRACKET_WIDTH * cut[0].height:
                continue
            at = out.index(b)
            trial = [*out[:at], *cut, *out[at + 1 :]]
            if any(_opens(cut[0], run) for run in raised_runs(trial)):
                out = trial
                break
    return out


def _with_cut(line: list[Blob], b: Blob, cut: list[Blob] | None, lift: float) -> list[Blob] | None:
    """`line` with `b` replaced by its `cut`, when the cut's right piece is a bracket
    `lift` above the rest that opens a marker run; else None."""
    if cut is None or _width(cut[-1]) > _BRACKET_WIDTH * cut[-1].height:
        return None
    if cut[0].bottom - cut[-1].bottom < lift:
        return None
    at = line.index(b)
    trial = [*line[:at], *cut, *line[at + 1 :]]
    return trial if any(_opens(cut[-1], run) for run in raised_runs(trial)) else None


def _raised_end(ink: grid.Mask, b: Blob, lift: float) -> bool:
    """Whether the ink of `b`'s last column ends `lift` above its foot, as a raised
    bracket's does (a glyph's own right side mostly reaches its foot): a quick test
    before cutting, as a page holds thousands of blobs."""
    # the column's pixels as bytes, searched in C: called for most blobs of a page
    last = ink[b.top : b.bottom, b.x1 - 1].tobytes().rfind(1)
    return last >= 0 and b.height - last - 1 >= lift


def _opens(piece: Blob, run: list[Blob]) -> bool:
    """Whether `piece` opens `run` as a marker's bracket: its first blob, with a digit
    before the closing bracket (the "3" cut off ")(3" in a cell of "(2)(3)" alone has
    nothing but the ")" after it)."""
    return run[0] is piece and len(run) >= 3


def _bracket_cut(ink: grid.Mask, core: _Core, b: Blob, first: bool = False) -> list[Blob] | None:
    """`b` as the glyphs left of the last gap in its core (the ink less the halo) and
    the glyph right of it, each with the box of its ink; None without a gap. `first`:
    cut at the first gap instead (a bracket that opens the blob)."""
    gray, cut = core
    cols = (gray[b.top : b.bottom, b.x0 : b.x1] < cut).any(axis=0).tobytes()
    gap = _core_gap(cols, first)
    if gap is None:
        return None
    gap_start, gap_end = gap
    return [_ink_box(ink, b, b.x0, b.x0 + gap_start), _ink_box(ink, b, b.x0 + gap_end, b.x1)]


def _core_gap(cols: bytes, first: bool) -> tuple[int, int] | None:
    """The first or last run of blank columns (start, end) between inked ones in `cols`
    (one byte per column, 1 where inked), or None. Searched as bytes: called for
    thousands of blobs a page, where numpy's calls on a few columns cost most."""
    start, end = cols.find(1), cols.rfind(1)
    if start < 0:
        return None
    if first:
        blank = cols.find(0, start, end)
        return None if blank < 0 else (blank, cols.find(1, blank, end + 1))
    blank = cols.rfind(0, start, end)
    return None if blank < 0 else (cols.rfind(1, start, blank) + 1, blank + 1)


def _ink_box(ink: grid.Mask, b: Blob, x0: int, x1: int) -> Blob:
    """The box of `b`'s ink between columns x0 and x1."""
    part = ink[b.top : b.bottom, x0:x1]
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    return Blob(
        x0 + int(cols[0]), b.top + int(rows[0]), x0 + int(cols[-1]) + 1, b.top + int(rows[-1]) + 1
    )


# Grey levels under the ink threshold at which a blurred glyph's halo is gone.
_HALO_DEPTH = 20
# A core of the ink: the pixels of a crop darker than a grey level.
_Core = tuple[grid.Gray, float]
# A blob narrower than this share of its height holds one glyph and is never cut.
_SPLIT_WIDTH = 0.5


def _sized_faint(crop: grid.Gray, level: float, ink: grid.Mask, blobs: list[Blob]) -> list[Blob]:
    """`blobs`, each speck-sized one that stands alone at the faint level given the box
    it has there.

    A blurred grey scan prints a full stop lighter than the strokes: cut at the ink
    threshold it is a speck of 2 x 2 pixels, and the speck filter took the stop of
    "Issuer." away (and the dot of an "i": "in" read "1n"). At the faint level a stop is
    the size of a stroke, while toner specks stay smaller; where it stands (on the
    baseline after a glyph, or over one) is judged as for any dot (`cell_blobs`,
    `_without_noise`)."""
    tiny = [b for b in blobs if (b.x1 - b.x0) * b.height < _SPECK_AREA]
    if not tiny:
        return blobs
    labels, boxes, areas = grid.faint_areas(crop, _faint_level(level))
    edges = np.array([_edges(b) for b in blobs]).reshape(-1, 4)
    glyphs = np.array([_edges(b) for b in blobs if not _small(b)]).reshape(-1, 4)
    sized = {}
    for b in tiny:
        label = _label(labels, ink, b)
        box, pixels = Blob(*boxes[label].tolist()), int(areas[label])
        # the faint box tells too: a blurred stop's ink core may lie past the reach
        # from the glyph, its faint edge within it ("date. Class" read "date Class")
        at_foot = _at_foot(b, glyphs) or (_small(box) and _at_foot(box, glyphs))
        stop = pixels >= _FAINT_DOT and at_foot
        # an i-dot stays dot-sized at the faint level; a larger area over a glyph is a mark
        i_dot = pixels >= _FAINT_I_DOT and _small(box) and _over_stem(b, glyphs)
        if label and (stop or i_dot):
            others = _overlapping(edges, box)
            if not any(blobs[i] != b and _label(labels, ink, blobs[i]) == label for i in others):
                sized[b] = box
    # by position: a page holds thousands of blobs, and a look-up by equality of each
    # in the list of specks cost a fifth of a page's time
    return [sized.get(b, b) for b in blobs]


def _at_foot(dot: Blob, glyphs: npt.NDArray[np.int64]) -> bool:
    """Whether `dot` stands where a full stop after one of `glyphs` (rows of x0, top,
    x1, bottom) does: right after it, its foot level with the glyph's."""
    after = dot.x0 - glyphs[:, 2]
    level = np.abs(dot.bottom - glyphs[:, 3]) <= _EDGE_PX
    return bool(((after >= 0) & (after <= _DOT_REACH) & level).any())


def _over_stem(dot: Blob, glyphs: npt.NDArray[np.int64]) -> bool:
    """Whether `dot` stands where the dot of an "i" or "j" does: over one of `glyphs`,
    its foot within a dot's reach above the glyph's top, and no higher than a tall
    glyph (a capital, an ascender) standing on the same baseline near it: the dot is
    inside its text line. A speck over a line of digits stands above the line, and
    read as a line of its own it came out "4,"."""
    x0, top, x1, bottom = (glyphs[:, i] for i in range(4))
    gap = top - dot.bottom
    stems = np.flatnonzero((x0 < dot.x1) & (x1 > dot.x0) & (gap >= 0) & (gap <= _DOT_REACH))
    for i in stems:
        near = np.abs(x0 - dot.x0) <= _I_DOT_NEIGHBOURS * (bottom[i] - top[i])
        tall = (top <= dot.top) & (np.abs(bottom - bottom[i]) <= _EDGE_PX)
        if (near & tall).any():
            return True
    return False


# A tall glyph beside an "i" stands within this many stem heights of its dot.
_I_DOT_NEIGHBOURS = 4


def _overlapping(edges: npt.NDArray[np.int64], box: Blob) -> npt.NDArray[np.int64]:
    """The rows of `edges` (x0, top, x1, bottom) whose box overlaps `box`."""
    x0, top, x1, bottom = (edges[:, i] for i in range(4))
    hit = (x0 < box.x1) & (x1 > box.x0) & (top < box.bottom) & (bottom > box.top)
    return np.flatnonzero(hit)


def _label(labels: grid.Labels, ink: grid.Mask, b: Blob) -> int:
    """The faint area that `b`'s first ink pixel lies in."""
    inside = labels[b.top : b.bottom, b.x0 : b.x1][ink[b.top : b.bottom, b.x0 : b.x1]]
    return int(inside[0]) if inside.size else 0


def _faint_level(level: float) -> float:
    """Halfway from the ink threshold `level` to white: a glyph's thin strokes and a
    blurred full stop are darker than this, the paper is not."""
    return (level + 255) / 2


def cell_blobs(every: list[Blob]) -> list[Blob]:
    """The ink blobs of a crop less specks: dots too small for any stroke, and small
    dots with no glyph beside them (a full stop sits right after its word; dust and
    toner specks lie alone)."""
    blobs = [b for b in every if (b.x1 - b.x0) * b.height >= _SPECK_AREA and not _sliver(b)]
    glyphs = np.array([_edges(b) for b in blobs if not _small(b)]).reshape(-1, 4)
    dots = [b for b in blobs if _small(b) and _beside_any(b, glyphs)]
    # the comma of "Inc.," stands beside the full stop, more than a dot's reach from
    # the glyph: a dot beside a kept dot is punctuation too
    kept = np.array([_edges(b) for b in dots]).reshape(-1, 4)
    punctuation = set(dots) | {b for b in blobs if _small(b) and _beside_any(b, kept)}
    return [b for b in blobs if not _small(b) or b in punctuation]


def _edges(b: Blob) -> tuple[int, int, int, int]:
    return b.x0, b.top, b.x1, b.bottom


def _beside_any(dot: Blob, glyphs: npt.NDArray[np.int64]) -> bool:
    """Whether `dot` lies within a dot's reach of any of the glyphs (rows of x0, top,
    x1, bottom) on the same line: a page holds thousands of each, so at once."""
    x0, top, x1, bottom = (glyphs[:, i] for i in range(4))
    gap = np.maximum(x0 - dot.x1, dot.x0 - x1)
    # the foot of an "i"'s dot sits a little over its stem, its top higher than the reach
    near = (gap <= _DOT_REACH) & (top - _DOT_REACH <= dot.bottom) & (dot.top <= bottom + _DOT_REACH)
    return bool(near.any())


def _without_noise(line: list[Blob]) -> list[Blob]:
    """A text line less the dots that sit where no punctuation prints: a full stop or
    comma stands on the baseline, a quote or apostrophe (taller than wide, or two side
    by side) hangs from the capitals' top, the dot of an "i" lies over its stem, a
    colon's dots stand one over the other; a speck of toner in the middle of a line, or
    beside it, is read as "-", "*" or "2"."""
    if len(line) < _LONG_LINE:
        return line
    letter = _letter_height(line)
    full = [b for b in line if b.height >= 0.6 * letter and not _small(b)]
    if not full:
        return line
    floor = statistics.median(b.bottom for b in full)
    tall = [b for b in full if b.height >= 0.85 * letter] or full  # capitals, ascenders
    cap_top = min(b.top for b in tall)
    slack = _PUNCT_SLACK * letter
    return [
        b
        for b in line
        if not _small(b)
        or abs(b.bottom - floor) <= slack
        or _comma_like(b, floor, slack)
        or (b.top <= cap_top + slack and _quote_like(b, line))
        or any(c is not b and _small(c) and min(c.x1, b.x1) > max(c.x0, b.x0) for c in line)
        or any(not _small(c) and min(c.x1, b.x1) > max(c.x0, b.x0) for c in line)
        or _hyphen_like(b, line, floor, letter)
    ]


def _comma_like(b: Blob, floor: float, slack: float) -> bool:
    """A dot shaped as a comma: taller than wide, from the baseline down less than two
    slacks below it (a comma's tail hangs lower than a stop's foot: "therein," at 300
    dpi lost its comma as a speck)."""
    tall = b.height >= _QUOTE_SHAPE * (b.x1 - b.x0)
    return tall and b.top <= floor < b.bottom <= floor + 2 * slack


def _hyphen_like(b: Blob, line: list[Blob], floor: float, letter: float) -> bool:
    """A flat dash at the middle of the small letters right after a glyph: the hyphen
    of "non-voting" or "1-for-1" (a speck is round; a dash between words stands apart)."""
    if b.x1 - b.x0 < _HYPHEN_SHAPE * b.height:
        return False
    low, high = (floor - share * letter for share in _HYPHEN_BAND)
    if b.top < high or b.bottom > low:
        return False
    return any(not _small(c) and 0 <= b.x0 - c.x1 <= _DOT_REACH for c in line)


# A hyphen is this many times wider than high and lies within this band above the
# baseline (shares of the letter height: it is printed at about a third of it).
_HYPHEN_SHAPE = 1.8
_HYPHEN_BAND = (0.1, 0.7)


def _quote_like(b: Blob, line: list[Blob]) -> bool:
    """A dot at the capitals' top that is an apostrophe (taller than wide) or one half
    of a double quote (another dot right beside it at the same height)."""
    if b.height >= _QUOTE_SHAPE * (b.x1 - b.x0):
        return True
    width = b.x1 - b.x0
    return any(
        c is not b and _small(c) and abs(c.top - b.top) <= 2 and 0 < abs(c.x0 - b.x0) <= 3 * width
        for c in line
    )


def _sliver(b: Blob) -> bool:
    """A thin long stroke: what is left along the edge of a ruling line painted out (the
    signature line under a name read as "——")."""
    return b.height <= _SLIVER_HEIGHT and b.x1 - b.x0 >= _SLIVER_LENGTH


def _small(b: Blob) -> bool:
    # called for every pair of blobs on a line: spelt out (a max() call cost a tenth of
    # the blob work)
    return b.x1 - b.x0 < _DOT_SIDE and b.bottom - b.top < _DOT_SIDE


def text_lines(blobs: list[Blob]) -> list[list[Blob]]:
    """Blobs grouped into text lines (top to bottom), each left to right.

    A blob joins the line whose vertical span it overlaps by half its own height or
    more (superscripts overlap the top half of their line, so they stay in it); a small
    one, a comma or a full stop, joins a line it touches at all; a dot touching two
    lines joins the one with a glyph nearest it (the dot of an "i" in a signature touches the line
    of the date beside it too, and read there alone it came out a stray ".").
    """
    typical = statistics.median(b.height for b in blobs) if blobs else 0
    # in a page of text (not a cell of a few blobs, whose line may start at a marker's
    # piece), a blob this tall spans two lines: it neither stretches its line nor keeps
    # the other line's ink (see `_split_between_lines`)
    lines = _Lines(_TALL_IN_LINE * typical if len(blobs) >= _TEXT_BLOBS else math.inf, typical)
    # glyphs first, then dots and strokes: an "i"'s dot met before its line would start
    # a line of dots of its own
    order = sorted(blobs, key=lambda b: (b.height < 0.5 * typical, b.top + b.bottom, b.x0))
    for b in order:
        joins = [i for i in lines.near(b) if _joins(b, *lines.spans[i])]
        if not joins:
            lines.add(b)
        elif len(joins) == 1 or not _small(b):
            lines.join(joins[0], b)
        else:
            lines.join(min(joins, key=lambda j: _gap_to(b, lines.members[j])), b)
    _split_between_lines(lines)
    order_of = sorted(range(len(lines.spans)), key=lambda i: lines.spans[i][0])
    return [sorted(lines.members[i], key=lambda b: b.x0) for i in order_of]


def _split_between_lines(lines: _Lines) -> None:
    """Each blob that spans its own line and the next one above or below (glyphs of two
    lines the blur ran together, see `_Lines.join`) cut where that line begins, the part
    inside it given to it: whole, its box took that line's ink into this one's reading
    ("4. The price reported in Column 4" read "Thain, Lac. con) oocuriey")."""
    for i, members in enumerate(lines.members):
        top, bottom = lines.spans[i]
        for b in [b for b in members if lines.spans_two(b, top, bottom)]:
            # lines of the same print, the blob deep in the other: a title's capitals
            # ("FORM 4") reach past the small print beside them
            others = [
                lines.spans[j] + (j,)
                for j in lines.near(b)
                if j != i and _alike_lines(lines.spans[j], (top, bottom), b)
            ]
            # the other line starts past this one's middle (lines of small print
            # may touch: a descender's foot on the next line's capitals)
            middle = (top + bottom) / 2
            below = [o for o in others if middle < o[0] < b.bottom]
            above = [o for o in others if b.top < o[1] < middle]
            keep = b
            if below:
                cut, _, j = min(below)
                keep = Blob(keep.x0, keep.top, keep.x1, cut)
                lines.members[j].append(Blob(b.x0, cut, b.x1, b.bottom))
            if above:
                _, cut, j = max(above, key=lambda o: o[1])
                keep = Blob(keep.x0, cut, keep.x1, keep.bottom)
                lines.members[j].append(Blob(b.x0, b.top, b.x1, cut))
            members[members.index(b)] = keep


def _alike_lines(other: tuple[int, int], own: tuple[int, int], b: Blob) -> bool:
    """Whether a line spanning `other` is printed as large as one spanning `own`, and
    `b` reaches at least half way into it."""
    height, own_height = other[1] - other[0], own[1] - own[0]
    inside = min(other[1], b.bottom) - max(other[0], b.top)
    alike = _ALIKE_LINES[0] * own_height <= height <= _ALIKE_LINES[1] * own_height
    return alike and inside >= 0.5 * height


# Two lines of one print are this near each other in height (capitals, descenders).
_ALIKE_LINES = (0.7, 1.4)
_SMALL_IN_LINE = 0.5  # a blob under this share of its line's height is a dot or comma
# A blob over this share of the typical blob's height spans two lines ("(" is 1.3 of a
# capital, a capital some 1.4 of the small letters most blobs are), in a crop of this many
# blobs at least: a page's text around the grid.
_TALL_IN_LINE = 1.8
# ... and over this share of its own line's height: a title's capitals among small print
# are as tall as their own line is
_TWO_LINES = 1.5
_TEXT_BLOBS = 200
_BAND = 16  # pixels: lines are looked up by the bands of rows they span


class _Lines:
    """Text lines being built: spans (top, bottom) and members by line number, and the
    lines that reach into each band of rows, so a blob is checked against the few
    lines at its height only (a page holds thousands of blobs and a hundred lines)."""

    def __init__(self, tall: float, typical: float) -> None:
        self.tall = tall  # a blob taller than this may span two lines
        self.typical = typical
        self.spans: list[tuple[int, int]] = []
        self.members: list[list[Blob]] = []
        self.bands: dict[int, list[int]] = {}

    def near(self, b: Blob) -> list[int]:
        """The lines reaching into the rows of `b`, oldest first."""
        bands = self._bands(b.top, b.bottom)
        if len(bands) == 1:  # most blobs: a band's lines are listed once each
            return sorted(self.bands.get(bands[0], ()))
        return sorted({i for band in bands for i in self.bands.get(band, ())})

    def add(self, b: Blob) -> None:
        self.spans.append((b.top, b.bottom))
        self.members.append([b])
        self._index(len(self.spans) - 1, b.top, b.bottom)

    def join(self, i: int, b: Blob) -> None:
        self.members[i].append(b)
        top, bottom = self.spans[i]
        # a comma's tail would reach the next line; a blob much taller than the line is
        # glyphs of two lines the blur of a 150 dpi scan ran together, and would draw
        # the next line into this one (two lines of notes read as one, garbled)
        if _SMALL_IN_LINE * (bottom - top) < b.height and not self.spans_two(b, top, bottom):
            span = (min(top, b.top), max(bottom, b.bottom))
            if span != (top, bottom):  # else indexed already: most blobs join within
                self.spans[i] = span
                self._index(i, *span)

    def spans_two(self, b: Blob, top: int, bottom: int) -> bool:
        """Whether `b` is glyphs of two lines run together, as a line spanning `top` to
        `bottom` sees it: taller than `tall`, and than `_TWO_LINES` times the line, a
        line at least `typical` high (a line may start at a marker's piece)."""
        line = bottom - top
        return b.height > self.tall and line >= self.typical and b.height > _TWO_LINES * line

    def _index(self, i: int, top: int, bottom: int) -> None:
        for band in self._bands(top, bottom):
            at = self.bands.setdefault(band, [])
            if i not in at:
                at.append(i)

    @staticmethod
    def _bands(top: int, bottom: int) -> range:
        return range(top // _BAND, max(top, bottom - 1) // _BAND + 1)


def _joins(b: Blob, top: int, bottom: int) -> bool:
    """Whether `b` belongs to a line spanning `top` to `bottom` (see `text_lines`)."""
    overlap = min(bottom, b.bottom) - max(top, b.top)
    small = b.height <= _SMALL_IN_LINE * (bottom - top)  # a comma hangs below the line
    return overlap >= 0.5 * min(b.height, bottom - top) or (small and overlap > 0)


def _gap_to(b: Blob, members: list[Blob]) -> int:
    """The horizontal gap from `b` to the nearest of `members` (0 when over one)."""
    return min(max(c.x0 - b.x1, b.x0 - c.x1, 0) for c in members)


def raised_runs(line: list[Blob]) -> list[list[Blob]]:
    """Runs of blobs printed above the baseline right after a word: superscripts.

    A run starts at a blob whose foot is well above the foot of the blob before it and
    whose top reaches the line's capitals (the letter after a descender, "qu", has its
    foot as high but its top far lower); it goes on while the next blobs stay up and
    close. A blob that starts a line is never a superscript, so a cell of brackets
    alone has no run (see `_read_body`).
    """
    letter, cap_top, floor = _line_levels(line)
    runs: list[list[Blob]] = []
    anchor = line[0]  # the last full-size glyph standing on the baseline
    before = line[0]
    for b in line[1:]:
        open_run = bool(runs) and before is runs[-1][-1]
        close = b.x0 - (runs[-1][-1].x1 if runs else before.x1) <= _RUN_GAP * letter
        if open_run and close and _stays_up(runs[-1][0], b, letter):
            runs[-1].append(b)
            before = b
            continue
        if open_run and _small(b):
            # a speck of a grey scan's noise under a marker ("(2" . ")") neither ends
            # its run nor joins it: the ")" after it had opened a run of its own
            continue
        if b.top <= cap_top + 0.1 * letter and _starts_superscript(anchor, b, letter):
            runs.append([b])
        elif b.height >= 0.6 * letter and b.bottom <= floor + 0.15 * letter:
            anchor = b
        before = b
    if runs and len(line) == len(runs[0]) + 1 and _pair_of_brackets(line[0], runs[0][-1]):
        runs[0].insert(0, line[0])  # "(1)" alone, its "1" printed high: "(" opens the run
    runs = [_from_bracket(_speck_dropped(r), floor - _LIFT * letter) for r in runs]
    found = [
        r
        for r in runs
        if _span(r).height >= _RUN_HEIGHT * letter
        and (_marker_shaped(r, line) or _faded(r))
        and not _worded(r, line)
    ]
    return found or _trailing_run(line)


# A superscript run is at most this share of the height of the tallest glyph before it.
_RUN_UNDER_TALLEST = 0.8


def _trailing_run(line: list[Blob]) -> list[list[Blob]]:
    """The bracketed run that ends `line`, raised above the foot of the line's tallest
    glyph and smaller than it, when the line's levels miss it: a fax breaks a value's
    digits into pieces ("234" with its "2" in three), and the pieces' heights and feet
    are no letter height nor baseline. A run that starts the line is none."""
    tallest = max(line, key=lambda b: b.height)
    height = tallest.height
    run: list[Blob] = []
    for b in reversed(line):
        raised = tallest.bottom - b.bottom >= _LIFT * height
        close = not run or run[0].x0 - b.x1 <= _RUN_GAP * height
        if b is tallest or not (raised and close and b.height <= _RUN_UNDER_TALLEST * height):
            break
        run.insert(0, b)
    if len(run) < 2 or len(run) == len(line) or _span(run).height < _RUN_HEIGHT * height:
        return []
    before = line[len(line) - len(run) - 1]
    near = run[0].x0 - before.x1 <= 2 * _RUN_GAP * height
    return [run] if near and _marker_shaped(run, line) else []


# Two brackets with a digit lost between them stand at least this share of their height
# apart; a bracket run into its digit is at least _DIGIT_WIDE of its height wide.
_DIGIT_ROOM = 0.25
_DIGIT_WIDE = 0.6


def _marker_shaped(run: list[Blob], line: list[Blob]) -> bool:
    """Whether a raised run in `line` is bracketed and, of two blobs close together, ends
    the text: the broken top of a digit and the slash after it ("2/" in a fax's date)
    are two narrow strokes side by side with more digits right after them; a "1)"
    whose "(" ran into the letter before it ("C(1)") ends its value."""
    if not _bracketed(run):
        return False
    if len(run) != 2:
        return True
    height = _span(run).height
    first, last = run
    wide = max(_width(first), _width(last)) >= _DIGIT_WIDE * height
    if wide or last.x0 - first.x1 >= _DIGIT_ROOM * height:
        return True
    after = [b.x0 - last.x1 for b in line if b.x0 >= last.x1]
    return not after or min(after) > _RUN_GAP * height


def _worded(run: list[Blob], line: list[Blob]) -> bool:
    """Whether a run that opens its line holds, between two of its brackets, more round
    glyphs than a marker's number has digits: a bracketed word, not markers alone in
    their cell. The foot of the "(" of "(Month/Day/Year)" or "(Instr. 4)" in a column
    header hangs below the letters after it, which stood raised: read as a marker twice
    a page, for nothing or a false one ("(4)"). Brackets (and ")(" run together) are as
    tall as the run, digits are not; "1"s and a fax's cut brackets are narrow, and only
    round glyphs are counted."""
    if run[0] is not line[0]:
        return False
    height = _span(run).height
    stretch: list[Blob] = []
    for b in run[1:-1]:
        if b.height > _MARKER_DIGIT * height:
            stretch = []
        elif not _narrow(b) and not _small(b):
            stretch.append(b)
            if _glyph_count(stretch) > _MARKER_DIGITS:
                return True
    return False


# A marker's number has at most two digits ("(12)").
_MARKER_DIGITS = 2


def _faded(run: list[Blob]) -> bool:
    """Whether a raised run is one digit between two brackets level with each other,
    the digit as tall as they: the blur of a harsh JPEG fades a bracket's thin tips, not
    a digit's strokes (a date's "(4)" was no marker). Only a run raised above its line:
    a value "151" alone in its cell has the same shape."""
    return len(run) == 3 and _pair_of_brackets(run[0], run[-1]) and not _narrow(run[1])


def _speck_dropped(run: list[Blob]) -> list[Blob]:
    """The run less a speck that ends it after its closing bracket: noise at the foot of
    a marker's ")" stays up with it, and the run ending in a dot was no marker."""
    if len(run) > 2 and _small(run[-1]) and not _bracketed(run) and _bracketed(run[:-1]):
        return run[:-1]
    return run


def _from_bracket(run: list[Blob], raised: float) -> list[Blob]:
    """The run from its first bracket-shaped blob with its foot above `raised` on when
    it does not open with one: a letter broken by a fax leaves a raised piece (the top
    of an "e" whose foot was lost) that starts the run just before a marker's bracket.
    A narrow letter on the baseline ("t" of "(Last)") opens no marker."""
    if _bracketed(run):
        return run
    first = next((i for i, b in enumerate(run) if _narrow(b) and b.bottom <= raised), 0)
    return run[first:]


def _pair_of_brackets(first: Blob, last: Blob) -> bool:
    """Whether two narrow blobs stand as high and as low as each other: the brackets of
    one marker (a code before a marker, "I(1)", stands lower than its ")")."""
    slack = _BRACKET_PAIR * first.height
    level = abs(first.top - last.top) <= slack and abs(first.bottom - last.bottom) <= slack
    return level and _narrow(first) and _narrow(last)


_BRACKET_PAIR = 0.15  # of a bracket's height: how far a pair of brackets' ends may differ


def _line_levels(line: list[Blob]) -> tuple[float, float, float]:
    """The line's letter height, the top of its capitals and its baseline."""
    letter = _letter_height(line)
    cap_top = statistics.median(b.top for b in line if b.height >= 0.85 * letter)
    full = [b for b in line if b.height >= 0.6 * letter]
    # the baseline: the feet of the full-size glyphs less brackets (superscript ones
    # are many in a short cell); a descender ("y" before "Trust") or a comma is no anchor
    round_ones = [b for b in full if b.x1 - b.x0 > _BRACKET_WIDTH * b.height]
    return letter, cap_top, _foot_by_width(round_ones or line)


def _foot_by_width(blobs: list[Blob]) -> float:
    """The median foot of `blobs`, each counted by its width: the blur of a grey scan
    runs a value's digits into one blob ("234" of "1,234(5)"), which counted once as
    much as the marker's round "5" set the baseline halfway up to the superscript."""
    feet = np.array([b.bottom for b in blobs])
    return float(np.median(np.repeat(feet, [max(b.x1 - b.x0, 1) for b in blobs])))


def _bracketed(run: list[Blob]) -> bool:
    """Whether a run begins and ends with a bracket's shape (narrow and as tall as the
    run): markers print as "(1)"; a raised run of letters ("Instr. 3" after a
    bracket's descent) ends in a round glyph."""
    height = _span(run).height
    # a marker's digits are smaller than the brackets round them ("(3)(4)" has
    # brackets inside); a raised run of capitals ("/Year)" after a descender) is not
    if any(b.height > _MARKER_DIGIT * height and not _narrow(b) for b in run[1:-1]):
        return False
    span = _ONE_MARKER_SPAN if _glyph_count(run) <= _ONE_MARKER_BLOBS else 0.75
    return len(run) >= 2 and all(
        _narrow(b) and b.height >= span * height for b in (run[0], run[-1])
    )


# The brackets of one marker ("(5)", "(12)": this many blobs at most) span at least
# this share of its run's height: a bracket's thin tips fade at 200 dpi ("(" 11 px of
# a run 16 px high) and a digit's flag may stand above it. A longer raised run is
# text in brackets unless its brackets span three quarters of it.
_ONE_MARKER_BLOBS = 4
_ONE_MARKER_SPAN = 0.65


_PIECE_GAP = 1  # pixels between two pieces of one broken glyph, at most


def _glyph_count(run: list[Blob]) -> int:
    """How many glyphs a run's blobs make: blobs one over another, or a pixel apart,
    are pieces of one glyph (a "2" broken at 200 dpi into its curve, its foot and a
    speck; a "0" into its two sides)."""
    count, right = 0, -(2 + _PIECE_GAP)
    for b in sorted(run, key=lambda b: b.x0):
        if b.x0 > right + _PIECE_GAP:
            count += 1
        right = max(right, b.x1)
    return count


def _narrow(b: Blob) -> bool:
    """Shaped like a bracket: much taller than wide."""
    return b.x1 - b.x0 <= _NARROW_BRACKET * b.height


def _starts_superscript(before: Blob, b: Blob, letter: float) -> bool:
    close = b.x0 - before.x1 <= 2 * _RUN_GAP * letter  # a full stop may lie between
    return close and before.bottom - b.bottom >= _LIFT * letter


def _stays_up(first: Blob, b: Blob, letter: float) -> bool:
    """Whether `b` sits as high as the run's first blob (not back on the baseline)."""
    return b.bottom <= first.bottom + 0.25 * letter


def _letter_height(line: list[Blob]) -> float:
    """The height of the line's capitals and digits: the upper half of its blob heights."""
    heights = sorted(b.height for b in line)
    return float(statistics.median(heights[len(heights) // 2 :]))


def _span(blobs: list[Blob]) -> Blob:
    return Blob(
        min(b.x0 for b in blobs),
        min(b.top for b in blobs),
        max(b.x1 for b in blobs),
        max(b.bottom for b in blobs),
    )


class _Again(enum.Enum):
    """Whether a marker run without a clean sure reading is read again (see
    `_best_marker_reading`). Only in a grey page's grid cells, where the markers are:
    in a fax a second reading was as often worse (a multi-page TIFF lost a page's
    rows)."""

    NEVER = "never"  # a fax's cell, the text around the grid
    PALE = "pale"  # stretched
    # without the edge of the glyph its "(" was cut off, then stretched; not a "(" that
    # stood apart: a 200 dpi JPEG's "Stock(3)", read without the "k"'s edge, came out "(4)"
    JOINED = "joined"


def _read_marker(
    crop: grid.Gray, run: list[Blob], dpi: int, again: _Again = _Again.NEVER
) -> OcrWord | None:
    """The run read as markers ("(1)", "(1)(2)"), or None when it reads as anything else
    (an apostrophe, a degree sign); a word without text when it is a marker whose digit
    cannot be told (see `_stroke_digit`)."""
    box = _span(run)
    text, confidence = _best_marker_reading(crop, box, dpi, again)
    if 3 <= len(run) <= 4 and _digits_missed(text, run):
        # Tesseract drops a thin "1" between brackets ("()"; "(31)" read "1)", "(11)"
        # read "(1)"): read what lies between the first and last blob (the brackets)
        # glyph by glyph
        digits = [_read_digit(crop, b, dpi, _DIGIT_TALL * box.height) for b in run[1:-1]]
        read = "".join(d for d, _ in digits)
        if len(read) > sum(map(str.isdigit, text)):
            text, confidence = f"({read})", min(c for _, c in digits)
    if len(run) == 3 and _misread_one(text, run):
        # "(7)" read "(17)" (a bracket read as a "1" too) or "0)": the one glyph between
        # two brackets, no wider than a digit, read alone
        digit, sure = _read_digit(crop, run[1], dpi, _DIGIT_TALL * box.height)
        text, confidence = (f"({digit})", sure) if digit else (text, confidence)
    if not any(c.isdigit() for c in text) and box.x1 - box.x0 <= _ONE_DIGIT_RUN * box.height:
        # a run one digit wide whose digit Tesseract cannot see at all: the thin "1"
        text, confidence = "(1)", _GUESS
    stroke = _stroke_digit(run)
    guessed = confidence == _GUESS or not any(c.isdigit() for c in text)
    # a stroke centred between the brackets is a "1" (see `_stroke_digit`): no shape to tell
    if guessed and stroke != "1" and _glyph_count(run) == 3 and _pair_of_brackets(run[0], run[-1]):
        # a digit guessed as the thin "1" from its width alone (at 200 dpi a "3" or a
        # "7" whose thin strokes fade is as narrow), or not seen at all (a "2" broken
        # in pieces): its whole shape between the brackets tells
        shaped = _digit_by_shape(crop, run)
        text, confidence = (f"({shaped})", _GUESS) if shaped else (text, confidence)
    if stroke is not None and confidence < _SURE_DIGIT:
        # a reading with both brackets, however unsure, saw the digit's whole shape
        if stroke and not _CLEAN_MARKERS.match(text):
            text, confidence = f"({stroke})", min(confidence, _GUESS)
        elif not stroke and not set(text) & _ROUND_DIGITS:
            return _lost_digit(crop, run)  # a marker all the same: its ink is out of the value
    inner = _INNER_READ.match(text) if _inner_brackets(run) else None
    if inner is not None:
        # "(2)(3)" read "(243)": the ")(" between them read as a digit of their shape
        text = f"({inner.group(1)})({inner.group(2)})"
    if not _MARKER_TEXT.match(text):
        return _lost_digit(crop, run) if _digit_lost(run) else None
    numbers = re.findall(r"\d{1,2}", text)
    if len(numbers) == 1 and len(numbers[0]) == 2 and _inner_brackets(run):
        numbers = list(numbers[0])  # "(3)(4)" read "(34)": a bracket stands inside
    marked = "".join(f"({n})" for n in numbers)
    return OcrWord(marked, box.x0, box.top, box.x1, box.bottom, confidence)


def _stemless_one_lost(crop: grid.Gray, run: list[Blob], marker: OcrWord | None) -> OcrWord | None:
    """A superscript `marker` read "1" unsurely (or guessed one from the run's width)
    where the ink between its brackets holds no stroke as tall as a digit, as a marker
    whose digit is lost (see `_lost_digit`): a fax keeps a "1"'s stem, and what it
    left here is a piece of a round digit (the flag of a "2"). Only a raised run: a
    cell of such blobs alone may be a capital a fax broke ("D" read "(1)", see
    glyph_read), read as a letter later."""
    if marker is None or marker.confidence >= _SURE_DIGIT or not _ONE_READ.match(marker.text):
        return marker
    return _lost_digit(crop, run) if _no_stem(run) else marker


def _no_stem(run: list[Blob]) -> bool:
    """Whether the ink between a pair of brackets reaches less than a digit's height
    from top to bottom (`_DIGIT_TALL`): no "1", whose stem a fax keeps whole or in
    pieces one over another. On a 200-dpi fax a "(2)" keeps its flag, a third of the
    brackets' height high, and was read "(1)" unsurely or guessed one from its width."""
    if len(run) < 3 or not _pair_of_brackets(run[0], run[-1]):
        return False
    inner = run[1:-1]
    reach = max(b.bottom for b in inner) - min(b.top for b in inner)
    return reach < _DIGIT_TALL * _span(run).height


# A reading of one "1" with or without its brackets.
_ONE_READ = re.compile(r"^\(?1\)?$")


def _kept_unread(marker: OcrWord, keep: bool) -> list[OcrWord]:
    """A marker whose digit is lost as the word `UNREAD_MARKER` when kept, else none."""
    return [replace(marker, text=UNREAD_MARKER)] if keep else []


def _lost_digit(crop: grid.Gray, run: list[Blob]) -> OcrWord:
    """A marker whose digit Tesseract cannot read, its digit told by the shape of what
    the fax left of it between the brackets (the stroke and flag of a "2", see
    `_digit_by_shape`) when that is alike enough; else a word without text."""
    box = _span(run)
    if len(run) < 3 or not _pair_of_brackets(run[0], run[-1]):
        return _unread(box)
    shaped = _digit_by_shape(crop, run, _FRAGMENT_SHAPE)
    if shaped is None or shaped not in _FRAGMENT_DIGITS:
        return _unread(box)
    return OcrWord(f"({shaped})", *_edges(box), _GUESS)


# The least likeness of the remains of a marker's digit to a drawn digit (a "2" left
# as its flag and a piece of its stroke: 0.26-0.41).
_FRAGMENT_SHAPE = 0.25
# The digits whose remains tell them: any narrow piece is most like a "1" (on three
# 200-dpi faxes 1 in 9 pieces told "1" were one), and no footnote is numbered 0.
_FRAGMENT_DIGITS = frozenset("23456789")


def _unread(box: Blob) -> OcrWord:
    """A marker whose digit cannot be told: a word without text, so that its ink is
    kept out of the value and no footnote is linked."""
    return OcrWord("", box.x0, box.top, box.x1, box.bottom, 0.0)


def _digit_lost(run: list[Blob]) -> bool:
    """Whether a marker's brackets hold only fragments of a digit (a fax kept the flag
    of a "2", a speck of its foot)."""
    height = _span(run).height
    inner = run[1:-1]
    return len(run) >= 3 and all(b.height < _DIGIT_TALL * height for b in inner)


# A marker's digit read less surely than this is checked against its shape.
_SURE_DIGIT = 0.6
# Digits whose right side a fax may leave as a stroke (read as themselves, unsurely).
_ROUND_DIGITS = set("023456789")
# A "1" stands within this share of the room between its brackets of their middle.
_CENTRED = 0.08


def _stroke_digit(run: list[Blob]) -> str | None:
    """What a lone narrow stroke between a marker's brackets shows: "1" when it stands in
    the middle between them, "" (no "1": a round digit, read as itself or not told) when
    off the middle, None when the run holds no such stroke. A fax keeps of a round
    digit ("3", "4") only its right side, a stroke as narrow as a "1" (read "1", or a
    "1" read "4") but right of the middle; a "1" stands centred between its brackets."""
    if len(run) != 3:
        return None
    first, digit, last = run
    height = _span(run).height
    if _width(digit) > _NARROW_ONE * digit.height or digit.height < _DIGIT_TALL * height:
        return None
    room = last.x0 - first.x1
    if room <= 0:
        return None
    offset = abs((digit.x0 + digit.x1) / 2 - (first.x1 + last.x0) / 2)
    return "1" if offset <= _CENTRED * room else ""


def _digits_missed(text: str, run: list[Blob]) -> bool:
    """Whether the reading of `run` holds no digit, or fewer than the glyphs between its
    brackets, each one digit (as tall as a digit, less than a bracket)."""
    found = sum(map(str.isdigit, text))
    height = _span(run).height
    inner = run[1:-1]
    digit_sized = all(_DIGIT_TALL * height <= b.height <= _MARKER_DIGIT * height for b in inner)
    # a cell's "(1)," read as a marker: the comma is no bracket, the ")" no digit
    return found == 0 or (found < len(inner) and digit_sized and _bracketed(run))


def _digit_by_shape(crop: grid.Gray, run: list[Blob], sure: float | None = None) -> str | None:
    """The digit between the first and last blob of `run` (its brackets) told by its
    shape (see glyphs), with its faint strokes: the crop reaches halfway from the
    digit's blobs to each bracket, beyond the digit's ink at the ink level (a "3"
    whose arms faded came out a "1") and short of the brackets' blurred edges (which
    made a "1" and a "5" a "3")."""
    box, digit = _span(run), _span(run[1:-1])
    x0, x1 = (run[0].x1 + digit.x0) // 2, (digit.x1 + run[-1].x0 + 1) // 2
    inside = crop[box.top : box.bottom, x0:x1]
    if inside.size == 0:
        return None
    told = glyphs.classify(inside, "0123456789")
    least = _SHAPE_SURE if sure is None else sure
    return told[0] if told is not None and told[1] >= least else None


# The least likeness of a digit told by its shape (a clear "3": 0.65; a thin "1": 0.34).
_SHAPE_SURE = 0.3


def _misread_one(text: str, run: list[Blob]) -> bool:
    """Whether the reading of a run of two brackets round one glyph no wider than a
    digit (two digits run together are wider than tall) holds no one marker digit:
    two digits ("(17)") or a "0" ("0)"). One digit with a bracket lost ("(4") is kept:
    read alone, a thin "4" came out the guessed "1"."""
    inner = run[1]
    one = _width(inner) <= _ONE_DIGIT_WIDTH * inner.height and _bracketed(run)
    return one and not _ONE_DIGIT.match(text)


_ONE_DIGIT = re.compile(r"^\(?[1-9]\)?$")


# A digit is at most this much wider than tall ("0" in a bold face: about 0.75).
_ONE_DIGIT_WIDTH = 0.9


# A marker's digit is at least this share of its run's height (a piece of a digit
# broken at 200 dpi, the bar of a "5", is less).
_DIGIT_TALL = 0.6


def _inner_brackets(run: list[Blob]) -> bool:
    """Whether a blob inside the run, not its first or last, is as tall as the
    brackets round it: a bracket (or ")(" run together), as digits are smaller.
    Tesseract drops the ")(" of "(3)(4)" and reads "(34)"; two-digit markers
    ("(12)") hold digits only."""
    height = _span(run).height
    tall = [b for b in run[1:-1] if b.height > _MARKER_DIGIT * height]
    # four blobs whose tall inner ones are thin strokes are "(", two "1"s and ")"
    # ("(11)" whose brackets a harsh JPEG faded shorter than its digits was split
    # "(1)(1)"); brackets run together (")(" of "(3)(4)") are wider than a bracket
    wide = any(not _narrow(b) for b in tall)
    return bool(tall) and (len(run) > _TWO_DIGIT_BLOBS or wide)


_TWO_DIGIT_BLOBS = 4


def _best_marker_reading(
    crop: grid.Gray, box: Blob, dpi: int, again: _Again = _Again.NEVER
) -> tuple[str, float]:
    """The marker run read at a few enlargements; a clean reading ("(3)") beats any
    other, then the surer one.

    Superscripts are small: read at 1.5x, a "(3)" came out ")" or "3)" as often as not;
    at 2.5-3x nearly always "(3)" (a corpus page, 26 markers). Without a clean sure
    reading, a run of pale print in a grey page's grid cell is read again (`again`, see
    `_Again`): without the end of the glyph its "(" ran into, which the reading's margin
    takes in (a "7" whose top a "(" ran into, see `_mirror_cut`, made "(2)" read
    "(42)"); then with its grey levels stretched. Only pale print (no pixel darker
    than `_PALE_MARKER`): the readings were measured on the markers of 150 dpi grey
    scans; a darker marker keeps its first reading."""
    best = _marker_reading(crop, box, dpi)
    pale = int(crop[box.top : box.bottom, box.x0 : box.x1].min()) > _PALE_MARKER
    if again is _Again.NEVER or not pale or _clean_and_sure(best):
        return best[2], max(best[1], 0.0)
    window, local = _marker_window(crop, box, clear_left=again is _Again.JOINED)
    # the better reading, however unsure: a second reading required to be 0.5 sure
    # where the first saw no digit kept a "(1)" it read "(3)" at 0.44, but lost more
    # "(2)"s read "(7)" or nothing first (links of blurred 150 dpi scans of eight
    # filings: 0.73 -> 0.68)
    if again is _Again.JOINED:
        best = max(best, _marker_reading(window, local, dpi))
    if not best[0]:
        best = max(best, _marker_reading(_stretched_at(window, local), local, dpi))
    return best[2], max(best[1], 0.0)


def _marker_window(crop: grid.Gray, box: Blob, clear_left: bool) -> tuple[grid.Gray, Blob]:
    """The part of `crop` that `_read_region` reads for `box`, as a copy (with the strip
    left of `box` white when `clear_left`), and `box` in the copy's pixels."""
    view, top, x0 = _with_margin(crop, box)
    window = view.copy()
    if clear_left:
        window[:, : box.x0 - x0] = 255
    return window, Blob(box.x0 - x0, box.top - top, box.x1 - x0, box.bottom - top)


_Reading = tuple[bool, float, str]  # clean, confidence, text


def _marker_reading(gray: grid.Gray, box: Blob, dpi: int) -> _Reading:
    """The best reading of the run at `_MARKER_SCALES`, in turn until a clean sure one."""
    best: _Reading = (False, -1.0, "")
    for factor in _MARKER_SCALES:
        words = _read_region(gray, box, _TARGET_HEIGHT / factor, dpi, ocr.PSM_LINE, _MARKER_CHARS)
        text = "".join(w.text for w in words)
        best = max(best, (bool(_CLEAN_MARKERS.match(text)), _confidence(words), text))
        if _clean_and_sure(best):
            break
    return best


def _clean_and_sure(reading: _Reading) -> bool:
    return reading[0] and reading[1] >= _SURE


def _stretched_at(gray: grid.Gray, box: Blob) -> grid.Gray:
    """`gray` with its grey levels stretched for the print in `box`: its darkest ink
    black, its faint level (see `_faint_level`) white."""
    piece = gray[box.top : box.bottom, box.x0 : box.x1]
    return grid.stretched(gray, int(piece.min()), _faint_level(grid.ink_level(piece)))


# A marker run with no pixel darker than this is pale print: a green marker scanned at
# 150 dpi and blurred is grey 170-190, and Tesseract read "(3)" in it as "@" at every
# size; its levels stretched, "(3)".
_PALE_MARKER = 150


# Enlargements a marker run is read at, in order, until a clean sure reading.
_MARKER_SCALES = (3.0, 2.5)
# The confidence given to a glyph read from its shape alone (Tesseract saw nothing):
# low enough that the review flags the field.
_GUESS = 0.3
# A marker run no wider than this share of its height holds one digit: "(1)".
_ONE_DIGIT_RUN = 1.1
# A digit blob this narrow (width over height) is a "1": the other digits are round.
_NARROW_ONE = 0.45


def _read_digit(crop: grid.Gray, blob: Blob, dpi: int, tall: float) -> tuple[str, float]:
    """One digit glyph read on its own, with its confidence; a narrow upright stroke
    Tesseract cannot place is a "1" (confidence 0.5: a guess from its shape) when at
    least `tall` pixels high: a speck left of a faxed digit ("2" reduced to its flag)
    is narrow too."""
    words = _read_region(crop, blob, blob.height, dpi, ocr.PSM_CHAR, "0123456789")
    text = "".join(w.text for w in words)
    if len(text) == 1:
        return text, _confidence(words)
    narrow = blob.x1 - blob.x0 <= _NARROW_ONE * blob.height
    return ("1", _GUESS) if narrow and blob.height >= tall else ("", 0.0)


def _read_segment(
    crop: grid.Gray, body: grid.Gray, blobs: list[Blob], dpi: int, in_grid: bool = False
) -> list[OcrWord]:
    """One segment of a line: one glyph alone (a code, a check mark "X") as a character
    (capitals and digits: a form prints no lone small letter), else as a line.

    Read at print size; unsure words are read again with the letters enlarged to the
    target height and the surer reading kept (enlarging helps small print, costs
    twice the time and hurts some digits: "5,261" came out "5,961" only when
    enlarged). A reading of brackets and digits that is no clean marker is a
    marker-only cell ("(1)" alone): read as one. A segment of a grid cell (`in_grid`)
    read as nothing is read again stretched (see `_read_faint`).
    """
    bowl = _lone_bowl(body, blobs)
    if bowl is not None:
        return [bowl]
    lone = len(blobs) == 1 and _width(blobs[0]) <= _GLYPH_WIDTH * blobs[0].height
    psm, allowed = (ocr.PSM_CHAR, _LONE_GLYPHS) if lone else (ocr.PSM_LINE, "")
    box = _span(blobs)
    # first at a size that reads print of ~25 px capitals (300 dpi) well and fast
    words = _read_region(body, box, _TARGET_HEIGHT / _FIRST_SCALE, dpi, psm, allowed)
    if lone and _confidence(words) < _UNSURE_GLYPH:
        guess = _glyph_by_shape(body, box, words)
        if guess is not None:
            return [guess]
    if _confidence(words) < _SURE:
        again = _surer(body, blobs, words, _letter_height(blobs), dpi, psm, allowed)
        words = _told_apart(body, box, words, again) if lone else again
    if not words and in_grid:
        # in a grid cell only: around the grid, a check box's faint frame and the small
        # print beside it, stretched, read as the box's mark
        words = _read_faint(body, box, dpi, psm, allowed)
    elif not words and len(blobs) >= _PHRASE_BLOBS:
        words = _read_core(body, blobs, dpi)
    if not lone:
        words = [_with_its_dots(body, blobs, w, dpi) for w in words]
        words = [_with_its_dollar(body, blobs, words[0]), *words[1:]] if words else words
    text = "".join(w.text for w in words)
    if len(blobs) == 1 and len(text) > 2 and _width(blobs[0]) <= _TWO_GLYPHS * box.height:
        # one blob no wider than two glyphs read as three letters or more (a bold "C",
        # a little wider than _GLYPH_WIDTH, came out "red"): it is one glyph
        glyph = _read_region(body, box, _TARGET_HEIGHT, dpi, ocr.PSM_CHAR, _LONE_GLYPHS)
        words, text = (glyph, "".join(w.text for w in glyph)) if glyph else (words, text)
    # "(1)" alone, read "a)"; a label in brackets ("(Last)") reads as a word
    shaped = 2 <= len(blobs) <= 4 and _bracketed(blobs) and _no_word(text, blobs)
    clean = _CLEAN_MARKERS.match(text) and not (_TWO_DIGITS.match(text) and _inner_brackets(blobs))
    bracketed = shaped or _BRACKETS_ONLY.match(text) or _marker_misread(blobs, text)
    bracketed = bracketed or _marker_sized(blobs, text, dpi)
    if bracketed and not clean and not _code_in_brackets(words):
        marker = _read_marker(crop, blobs, dpi, _Again.PALE if in_grid else _Again.NEVER)
        words = ([marker] if marker.text else []) if marker is not None else words
    return words


def _lone_bowl(body: grid.Gray, blobs: list[Blob]) -> OcrWord | None:
    """A segment of one narrow stroke bowed to the left (see glyphs.bowed_left), with at
    most specks beside it, read as the "(" it is shaped as: all a fax leaves of a serif
    "C" is its bowl and the tips of its arms. Tesseract read it "I", "t." or "c", and
    the glyph shapes a capital "I"; a code column takes the "(" for its "C"
    (ocr_repair.code_readings), as a title takes its first letter (title_repair)."""
    main = max(blobs, key=lambda b: b.height, default=None)
    if main is None or any(b is not main and not _speck_beside(b, main) for b in blobs):
        return None
    if not glyphs.bowed_left(body[main.top : main.bottom, main.x0 : main.x1]):
        return None
    return OcrWord("(", main.x0, main.top, main.x1, main.bottom, _GUESS)


def _speck_beside(b: Blob, main: Blob) -> bool:
    """Whether `b` is a speck no taller than `_SPECK_SHARE` of `main` lying beside it on
    the right, within its height (a faxed "C"'s arm tip)."""
    reach = _SPECK_SHARE * main.height
    beside = main.x0 <= b.x0 and b.x1 <= main.x1 + main.height
    within = main.top - reach <= b.top and b.bottom <= main.bottom + reach
    return b.height <= reach and beside and within


# A speck beside a glyph is at most this share of the glyph's height.
_SPECK_SHARE = 0.35


def _code_in_brackets(words: list[OcrWord]) -> bool:
    """Whether a segment read surely as one capital in brackets that no digit looks
    like: the form's "(A)" and "(D)" over Table I's amounts, which were read again as
    markers three times a page for nothing."""
    if len(words) != 1:
        return False
    return bool(_BRACKETED_CAPITAL.match(words[0].text)) and words[0].confidence >= _SURE


# A capital in brackets that reads as no digit's lookalike ("I", "O", "S", "B", "Z",
# "G", "T" and "L" may be a faint "1", "0", "5", "8", "2", "6", "7" or "4").
_BRACKETED_CAPITAL = re.compile(r"^\([ACDEFHKMNPRUVWXY]\)$")


# A segment of this many glyphs or more is a phrase (see `_read_core`).
_PHRASE_BLOBS = 8
# Pixels kept above the glyphs' usual top (accents, the dot of an "i") and below
# their usual foot (descenders).
_CORE_ABOVE, _CORE_BELOW = 7, 9


def _read_core(body: grid.Gray, blobs: list[Blob], dpi: int) -> list[OcrWord]:
    """A phrase that read as nothing, read again without the ink above and below its
    glyphs' band, and stretched when that reads unsure: Tesseract read a whole line of
    pale notes ("obligations may continue. See", "Explanation of Responses:") as
    nothing with the specks of the line above inside its box, and read it cleared of
    them. (One grid cell's faint frame, stretched, read as a mark: this is for
    phrases only.)"""
    box = _span(blobs)
    tall = [b for b in blobs if b.height >= 0.5 * max(b.height for b in blobs)]
    top = max(box.top, int(statistics.median(b.top for b in tall)) - _CORE_ABOVE)
    bottom = min(box.bottom, int(statistics.median(b.bottom for b in tall)) + _CORE_BELOW)
    core = Blob(box.x0, top, box.x1, bottom)
    height = _letter_height(blobs)
    # in place, as `_painted_out` does: a copy of a page per phrase is a page's work
    with _painted_out(body, _margin_round(body, core)):
        words = _read_region(body, core, height, dpi, ocr.PSM_LINE, "")
        if _confidence(words) < _SURE:
            again = _read_region(_stretched_at(body, core), core, height, dpi, ocr.PSM_LINE, "")
            words = again if _mean_confidence(again) > _mean_confidence(words) else words
    # a mark alone at the phrase's end is a speck or a check box's edge, read as "*"
    # beside its label (and taken for the box's mark)
    return [w for w in words if any(ch.isalnum() for ch in w.text)]


def _margin_round(gray: grid.Gray, box: Blob) -> list[Blob]:
    """The strips round `box` that `_read_region` reads with it (`_READ_MARGIN`)."""
    _, top, x0 = _with_margin(gray, box)
    bottom = min(gray.shape[0], box.bottom + _READ_MARGIN)
    x1 = min(gray.shape[1], box.x1 + _READ_MARGIN)
    return [
        Blob(x0, top, x1, box.top),
        Blob(x0, box.bottom, x1, bottom),
        Blob(x0, box.top, box.x0, box.bottom),
        Blob(box.x1, box.top, x1, box.bottom),
    ]


def _mean_confidence(words: list[OcrWord]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def _read_faint(body: grid.Gray, box: Blob, dpi: int, psm: int, allowed: str) -> list[OcrWord]:
    """A segment that read as nothing, read again with its grey levels stretched: its
    darkest ink black, its faint level (see `_faint_level`) white.

    A date printed in blue, scanned at 150 dpi and blurred, is grey 110-220 on white:
    Tesseract read "05/15/2021" at some sizes and nothing at others (its own
    thresholding), and the row took the date's cell for empty; stretched, it read at
    every size. A code "M" as dark as grey 88 read as nothing too (the retry was kept
    to ink lighter than 90 at first); stretched, "M". On clean 300 dpi pages the
    segments that read as nothing are specks, a few a page, and read as nothing
    stretched too."""
    return _read_region(_stretched_at(body, box), box, box.height, dpi, psm, allowed)


def _marker_sized(blobs: list[Blob], text: str, dpi: int) -> bool:
    """Whether a segment read as a few letters ("om", "ay", "ry)") is a marker alone in
    its cell that a fax broke: three or four blobs no taller than a marker prints
    (_MARKER_INCH; a value's digits and a word's capitals are taller, its small letters
    round), the first and last as narrow as brackets, the whole one marker wide. Such
    a cell (a date exercisable given by a note) kept the letters as its value."""
    if not 3 <= len(blobs) <= _ONE_MARKER_BLOBS or any(c.isdigit() for c in text):
        return False
    box = _span(blobs)
    small = box.height <= _MARKER_INCH * dpi
    narrow_ends = _narrow(blobs[0]) and _narrow(blobs[-1])
    return small and narrow_ends and _width(box) <= _MARKER_WIDTH * box.height


# A marker's brackets are at most this tall (inches: 16-18 px at 300 dpi; a table's
# digits are 25), and a marker of one digit at most this much wider than tall.
_MARKER_INCH = 0.062
_MARKER_WIDTH = 2.0


def _no_word(text: str, blobs: list[Blob]) -> bool:
    """Whether a bracketed run's reading is no word in brackets: one letter at most, or
    every glyph a narrow stroke or a fragment (a faxed "(1)", blurred, read "can)"), as
    a word's letters are round and as tall as its x-height ("(Last)"). Strokes count only
    between a pair of brackets: the end of a label's "below)", read "bl)", is narrow
    strokes too, but its "b" stands on the baseline where the ")" reaches below it; and
    something stands between the brackets."""
    height = _span(blobs).height
    if sum(map(str.isalpha, text)) <= 1:
        return True
    strokes = all(_narrow(b) or b.height < _FRAGMENT * height for b in blobs)
    # two strokes alone are a roman "II" (read "il"), no brackets round a lost digit
    return strokes and len(blobs) > 2 and _pair_of_brackets(blobs[0], blobs[-1])


# A blob less than this share of a marker run's height is a fragment of a broken digit
# (a fax keeps the flag of a "2" and a speck of its foot); a letter in brackets is taller.
_FRAGMENT = 0.5


# A marker alone in a cell misread: a bracket and a letter or two ("qa)", "(2G)",
# the ")(3" of "(2)(3)" run together); a word has more letters, and no bracket.
_MISREAD_MARKER = re.compile(r"^[^\sA-Za-z]*[A-Za-z]?[^\sA-Za-z]*[A-Za-z]?[^\sA-Za-z]*$")


def _marker_misread(blobs: list[Blob], text: str) -> bool:
    """Whether a short reading with a bracket ("qa)", '”)') may be a lone marker run
    that OCR read as letters: a few blobs, a bracket read, at most two letters; or a
    sign in a ring read for a few blobs opening with a bracket. It is read again as a
    marker, and kept as read unless that gives a clean one."""
    bracket = "(" in text or ")" in text
    if len(blobs) == 1 and len(text) == 1 and text in "123456789":
        # "(2)" blurred into one blob and read "2": the blob is as wide as the digit
        # with its brackets, wider than one digit is
        return _width(blobs[0]) >= _MARKER_BLOB_WIDTH * blobs[0].height
    if len(blobs) <= _ONE_MARKER_BLOBS and text in _RING_SIGNS:
        # "(2)" read as one sign in a ring ("®", "@"): its brackets apart, or blurred
        # into one blob wider than tall
        first = blobs[0]
        return _narrow(first) if len(blobs) > 1 else _width(first) >= first.height
    few = len(blobs) <= _ONE_MARKER_BLOBS and bracket and bool(_MISREAD_MARKER.match(text))
    # letters and no digit read between no pair of brackets: a word's end ("below)"
    # read "bl)" in the label "Officer (give title below)", its "b" as narrow as a
    # bracket)
    letters = sum(map(str.isalpha, text))
    # "x3)" (")(" read "x"), "Q)" ("(2" run together read as a ring)
    digit = letters <= 1 and any(c.isdigit() or c in _RING_SIGNS for c in text)
    if not few:
        return False
    least = _BRACKET_SHARE * max(b.height for b in blobs)
    tall = [b for b in blobs if b.height >= least]
    return not letters or digit or _pair_of_brackets(tall[0], tall[-1])


# A blob this much wider than tall read as one digit holds its brackets too (a digit
# is about 0.6 of its height wide, "(2)" about 1.4).
_MARKER_BLOB_WIDTH = 1.2
# Blobs shorter than this share of the tallest are specks beside brackets, no bracket.
_BRACKET_SHARE = 0.5
# Signs in a ring that Tesseract reads for a small "(2)" whose brackets blur into a ring.
_RING_SIGNS = frozenset("®©@°Q")  # "Q": no value of a form's table


def _with_its_dots(body: grid.Gray, blobs: list[Blob], word: OcrWord, dpi: int) -> OcrWord:
    """`word` read again at twice the print size when its ink holds more dots on the
    baseline between its letters than the reading holds full stops and commas there: at
    print size Tesseract drops the stops between capitals ("U.S." read "US." or "USS.",
    "L.P." read "LP."); enlarged it keeps them. A dot after the last letter is left
    alone (a speck there came out "sold."). The second reading is taken only when its
    inner stops match those dots one for one."""
    inside = _centred_in(blobs, word)
    full = [b for b in inside if not _small(b)]
    if len(full) < 2:
        return word
    letter = _letter_height(full)
    floor = statistics.median(b.bottom for b in full if b.height >= 0.6 * letter)
    last = max(b.x0 for b in full)
    dots = [b for b in inside if _baseline_dot(b, floor, letter) and b.x1 < last]
    if len(_stops(body, dots, full)) <= _inner_marks(word.text):
        return word
    again = _read_region(body, _span(inside), _TARGET_HEIGHT / _DOTS_SCALE, dpi, ocr.PSM_LINE, "")
    if len(again) != 1 or _inner_marks(again[0].text) != len(dots):
        return word
    return OcrWord(again[0].text, word.x0, word.top, word.x1, word.bottom, again[0].confidence)


def _stops(body: grid.Gray, dots: list[Blob], glyphs: list[Blob]) -> list[Blob]:
    """The `dots` that may be a word's full stops, less the pieces of a blurred glyph's
    thin strokes cut off at the ink level (the foot of an "s"): those lie under a glyph
    and are paler than the glyphs' cores. A printed stop is as dark as the glyphs (a
    fax's, smeared under the digit after it, too: "2.475"). Read again for such
    pieces, 366 words of the 34 scans at 300 dpi were read, for 5 stops (a sixtieth of
    the time). The pieces still count against the second reading (see
    `_with_its_dots`): a speck between two letters came out a stop ("HAR.BOR")."""
    under = [d for d in dots if any(d.x0 < g.x1 and g.x0 < d.x1 for g in glyphs)]
    if not under:
        return dots
    core = statistics.median(int(body[g.top : g.bottom, g.x0 : g.x1].min()) for g in glyphs)
    pieces = {d for d in under if body[d.top : d.bottom, d.x0 : d.x1].min() > core + _PIECE_PALER}
    return [d for d in dots if d not in pieces]


# A piece of a glyph's thin stroke is at least this much paler (grey levels) than the
# glyphs' cores: pieces under a glyph came out 30 to 70 paler on 300 and 200 dpi scans,
# the stops read back at 300 dpi within 10 (at 200 dpi they stood apart).
_PIECE_PALER = 25


def _with_its_dollar(body: grid.Gray, blobs: list[Blob], word: OcrWord) -> OcrWord:
    """`word` with a leading "5" put back as the "$" it is when that glyph's shape is
    a dollar sign's (see glyphs): blurred together with the digit beside it, "$0"
    was read "50", a price of fifty. Where no font is installed to compare with, the
    reading stays."""
    if not _DOLLAR_READ.match(word.text):
        return word
    inside = _centred_in(blobs, word)
    if not inside:
        return word
    box = _span(inside)  # Tesseract's box may cut a blurred glyph short
    first = max(1, round((box.x1 - box.x0) / len(word.text)))
    shape = glyphs.classify(body[box.top : box.bottom, box.x0 : box.x0 + first], "$5")
    if shape is None or shape[0] != "$":
        return word
    return OcrWord("$" + word.text[1:], word.x0, word.top, word.x1, word.bottom, word.confidence)


# A number read with a "5" first: the "$" of a price blurred into its first digit.
_DOLLAR_READ = re.compile(r"^5[\d.,]*\d$")


def _inner_marks(text: str) -> int:
    """Full stops and commas with a letter or digit after them in `text`."""
    return len(re.findall(r"[.,](?=.*[A-Za-z0-9])", text))


def _baseline_dot(b: Blob, floor: float, letter: float) -> bool:
    """A full stop or comma: a dot no taller than a comma, standing on the baseline (a
    comma's tail hangs below it; an i's dot and a hyphen stand higher)."""
    small = b.height <= 0.5 * letter and b.x1 - b.x0 <= 0.3 * letter
    return small and b.bottom >= floor - 0.12 * letter and b.top >= floor - 0.35 * letter


def _glyph_by_shape(body: grid.Gray, box: Blob, words: list[OcrWord]) -> OcrWord | None:
    """A lone glyph Tesseract is unsure of, told by its shape (see glyphs); an upright
    bar it cannot read at all is a capital I (column "D or I"); else None."""
    by_shape = glyphs.classify(body[box.top : box.bottom, box.x0 : box.x1], _LONE_GLYPHS)
    if by_shape is not None and by_shape[1] >= _SHAPE_MATCH:
        return OcrWord(by_shape[0], box.x0, box.top, box.x1, box.bottom, by_shape[1])
    if not words and _width(box) <= _NARROW_ONE * box.height:
        return OcrWord("I", box.x0, box.top, box.x1, box.bottom, _GUESS)
    return None


def _told_apart(
    body: grid.Gray, box: Blob, first: list[OcrWord], again: list[OcrWord]
) -> list[OcrWord]:
    """A lone glyph read as one character at print size and as another enlarged: the
    reading whose character the glyph's shape matches better (see glyphs), when it
    matches one of them well (`_SHAPE_MATCH`). Tesseract's confidences at two sizes
    differ by a few hundredths either way: a clear "P" read 0.81 at print size came
    out "D" at 0.83 enlarged, and the surer one was kept."""
    one, other = "".join(w.text for w in first), "".join(w.text for w in again)
    if one == other or len(one) != 1 or len(other) != 1:
        return again
    by_shape = glyphs.classify(body[box.top : box.bottom, box.x0 : box.x1], one + other)
    if by_shape is None or by_shape[1] < _SHAPE_MATCH:
        return again
    return first if by_shape[0] == one else again


def _width(b: Blob) -> int:
    return b.x1 - b.x0


def _surer(
    body: grid.Gray,
    blobs: list[Blob],
    words: list[OcrWord],
    letter: float,
    dpi: int,
    psm: int,
    allowed: str,
) -> list[OcrWord]:
    """`words` with each run of unsure words read again enlarged, the surer reading
    kept. Only the unsure runs are read again, each with a word of context either
    side (read alone, "II" came out "I"): one doubtful word in a long line of small
    print used to cost a second reading of the whole line, a quarter of a page's OCR
    time."""
    out: list[OcrWord] = []
    at = 0
    for sure, run in itertools.groupby(words, key=lambda w: w.confidence >= _SURE):
        run_words = list(run)
        at += len(run_words)
        context = words[max(0, at - len(run_words) - 1) : at + 1]
        inside = [] if sure else _blobs_under(blobs, context)
        if not inside:
            out.extend(run_words)
            continue
        again = _read_region(body, _span(inside), letter, dpi, psm, allowed)  # enlarged
        beside = [w for w in context if w not in run_words]
        if any(_covers(w, beside) and _covers(w, run_words) for w in again):
            again = []  # run on into a word of context: it would print that word twice
        # what lies between the sure words either side is the run's, whatever box
        # Tesseract gave it ("ACommon" boxed without its "A")
        lo = max((w.x1 for w in beside if w.x1 <= run_words[0].x0), default=-1)
        hi = min((w.x0 for w in beside if w.x0 >= run_words[-1].x1), default=body.shape[1])
        again = [w for w in again if lo < (w.x0 + w.x1) / 2 < hi]
        surer = again if _confidence(again) > _confidence(run_words) else run_words
        out.extend(_fewer_misspelt(run_words, again) or surer)
    # the first reading found no word at all: the whole segment, enlarged
    return out or _read_region(body, _span(blobs), letter, dpi, psm, allowed)


def _covers(word: OcrWord, others: list[OcrWord]) -> bool:
    """Whether `word` reaches over half of one of `others`."""
    return any(min(word.x1, o.x1) - max(word.x0, o.x0) > 0.5 * (o.x1 - o.x0) for o in others)


def _blobs_under(blobs: list[Blob], words: list[OcrWord]) -> list[Blob]:
    """The blobs whose centre lies across the words' span (left to right), or without
    one, those reaching into it: "$0" blurred into one blob read ")", boxed at the
    blob's middle but not its centre, was never read again."""
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    centred = [b for b in blobs if x0 <= (b.x0 + b.x1) / 2 <= x1]
    return centred or [b for b in blobs if b.x0 < x1 and b.x1 > x0]


_LONE_GLYPHS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# A lone glyph Tesseract reads less surely than this is told by its shape instead, when
# the shape matches a drawn capital or digit at least this well (see glyphs).
_UNSURE_GLYPH = 0.5
_SHAPE_MATCH = 0.6
# A blob wider than this share of its height is more than one glyph run together ("$0").
_GLYPH_WIDTH = 0.9
_DOTS_SCALE = 2.0  # the enlargement that keeps the stops of "U.S." (print size drops them)
_TWO_GLYPHS = 1.3  # one blob no wider than this share of its height holds two glyphs at most
# A gap this many letter heights wide separates two fields of a line.
_SEGMENT_GAP = 2.5
# Under this word confidence a reading is tried again at another scale.
_SURE = 0.9
# Brackets and digits; Tesseract reads the ")(" of "(3)(4)" as "x" (before or after
# the first digit)
_BRACKETS_ONLY = re.compile(r"^[()\d.,xX]*[()][()\d.,xX]*$")
# Two one-digit markers whose ")(" read as a "4", a "1" or an "x" ("(243)", "2x3)").
_INNER_READ = re.compile(r"^\(?([1-9])[14xX]([1-9])\)?$")
_CLEAN_MARKERS = re.compile(r"^(?:\([1-9]\d?\))+$")
_TWO_DIGITS = re.compile(r"^\(\d\d\)$")


def _fewer_misspelt(first: list[OcrWord], again: list[OcrWord]) -> list[OcrWord] | None:
    """Of two readings of a run, as many words each, the one with fewer words of letters
    that are no English word (see lexicon.prose_words); None when they have as many.
    Tesseract's confidence told them apart poorly: enlarged, small print read "each"
    as "cach" and "reporting" as "reponing" a little surer, and "soid" as "sold" and
    "wansactions" as "transactions" too. The words chosen keep the surer confidence of
    the two readings: the lexicon vouches for them (a note is as sure as its least sure
    word, and a note read less surely lost the trust that puts its markers right)."""
    if len(first) != len(again):
        return None
    one, other = _misspelt(first), _misspelt(again)
    if one == other:
        return None
    chosen, rest = (first, again) if one < other else (again, first)
    return [
        replace(w, confidence=max(w.confidence, r.confidence))
        for w, r in zip(chosen, rest, strict=True)
    ]


def _misspelt(words: list[OcrWord]) -> int:
    """How many of `words` are words of two letters or more, between marks, that the
    lexicon does not hold, or hold a sign a form's text does not print (see
    `_ODD_SIGNS`), less the words in capitals that the dictionary holds in small
    letters. Numbers and codes are not counted, nor other words in capitals: the
    model's list holds capitals' acronyms of every kind ("LLCO" beside "LLC"), the
    dictionary none ("LLC" read "L.LC" would win), but a word of it in capitals is a
    word ("ONE" read "ONF.")."""
    known = lexicon.prose_words()
    cores = [w.text.strip(_WORD_MARKS) for w in words]
    # a mark alone is no word: "«)" is how a blurred marker's brackets read
    odd = sum(1 for c in cores if _ODD_SIGNS.search(c) and any(map(str.isalnum, c)))
    # a letter's accent is no misspelling: Tesseract adds one to small print ("solé"),
    # and the prose repairs take it off
    plain = [_unaccented(c) for c in cores if len(c) > 1 and c.isalpha()]
    capitals = sum(1 for c in plain if c.isupper() and c.lower() in known)
    unknown = sum(1 for c in plain if not c.isupper() and not lexicon.knows(c, known))
    return odd + unknown - capitals


def _unaccented(word: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


# Marks that may stand before or after a word of prose (a dash: a rule's stub).
_WORD_MARKS = "\"'“”‘’()[]{},.;:!?*-–—_"
# Signs outside ASCII, but for typographic quotes and dashes and letters: OCR's reading
# of a speck or a blurred glyph (a grant number "B416" read "B4S™"). None of the
# corpus's 292 filings prints one in its XML.
_ODD_SIGNS = re.compile(r"[^\x00-\x7f’‘“”—–\w]")


def _confidence(words: list[OcrWord]) -> float:
    return min((w.confidence for w in words), default=0.0)


# Pixels round a box read with it: a glyph's soft edge.
_READ_MARGIN = 2


def _with_margin(gray: grid.Gray, box: Blob) -> tuple[grid.Gray, int, int]:
    """The part of `gray` read for `box` (a view: `box` and `_READ_MARGIN` round it), with
    its top and left in `gray`'s pixels."""
    top, x0 = max(0, box.top - _READ_MARGIN), max(0, box.x0 - _READ_MARGIN)
    return gray[top : box.bottom + _READ_MARGIN, x0 : box.x1 + _READ_MARGIN], top, x0


def _read_region(
    gray: grid.Gray, box: Blob, letter: float, dpi: int, psm: int, whitelist: str
) -> list[OcrWord]:
    """Words in `box` of `gray`, read from a copy scaled to the target letter height,
    with boxes mapped back to `gray`'s pixels."""
    piece, top, x0 = _with_margin(gray, box)
    factor = min(_MAX_SCALE, max(_MIN_SCALE, _TARGET_HEIGHT / max(letter, 1.0)))
    padded = grid.pad(grid.scaled(piece, factor), _MARGIN)
    out = []
    for w in ocr.read_words(padded, int(dpi * factor), psm, whitelist):
        out.append(
            OcrWord(
                w.text,
                x0 + round((w.x0 - _MARGIN) / factor),
                top + round((w.top - _MARGIN) / factor),
                x0 + round((w.x1 - _MARGIN) / factor),
                top + round((w.bottom - _MARGIN) / factor),
                w.confidence,
            )
        )
    return out
