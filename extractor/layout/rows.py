"""Table rows: the bands between ruling lines, their cells, and the values in them.

EDGAR draws every row of Tables I and II between two full-width rules and centres each
cell vertically, so a row is exactly a band between consecutive full-width rules; a
cell is the words of one column inside it, however many lines they wrap over. A band
that the table's column rules do not cross is not part of the table (the extra
reporting-owner blocks printed under Table II are framed boxes of their own).

Footnote markers are told apart by size: a word that reads as markers only and is
printed smaller than the cell's text is a superscript. OCR pages have no reliable
sizes, so there markers trailing the text are split off by pattern instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from extractor.layout import fax_grid
from extractor.layout.columns import Column, merge_positions, verticals_crossing
from extractor.layout.markers import is_superscript, marker_ids, split_markers
from extractor.layout.template import MarkerSpec
from extractor.layout.text import group_lines
from extractor.layout.unread_markers import UNREAD_MARKER
from extractor.model.geometry import Box, Line, Word, covered_length

# A horizontal rule covering at least this share of the table width bounds a row.
FULL_WIDTH = 0.9
# A fax breaks rules into dashes and loses some of them: under a table's header, where
# only rows are ruled (the header's second-level rules lie above its foot), a rule
# covering this share of the width bounds a row (measured: broken row rules 0.38-0.88;
# the rules of a header's second level, above its foot, 0.11-0.37).
_BROKEN_ROW_RULE = 0.25


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: the value text (markers removed), its footnote ids and where it is."""

    text: str
    footnote_ids: tuple[str, ...]
    box: Box | None
    page: int
    source: str = "text"  # 'text' or 'ocr', from the words
    confidence: float = 1.0  # the least sure word's


@dataclass(frozen=True, slots=True)
class Grid:
    """The ruling of one table on one page: x-extent and the full-width rule heights."""

    x0: float
    x1: float
    rules: tuple[float, ...]

    def bands(self) -> list[tuple[float, float]]:
        return list(zip(self.rules, self.rules[1:], strict=False))


def horizontal(ln: Line) -> bool:
    return ln.bottom - ln.top < ln.x1 - ln.x0


def find_grid(lines: list[Line], top: float, bottom: float, ocr: bool = False) -> Grid | None:
    """Full-width horizontal rules between `top` and `bottom`, or None without rules.
    On an OCR page a broken rule under the header counts too (see `_BROKEN_ROW_RULE`)."""
    hs = [ln for ln in lines if horizontal(ln) and top <= (ln.top + ln.bottom) / 2 <= bottom]
    if not hs:
        return None
    x0, x1 = min(ln.x0 for ln in hs), max(ln.x1 for ln in hs)
    cover: dict[float, float] = {}
    full: list[float] = []
    for y in merge_positions([(ln.top + ln.bottom) / 2 for ln in hs], gap=1.0):
        segs = [ln for ln in hs if abs((ln.top + ln.bottom) / 2 - y) <= 1.0]
        cover[y] = covered_length((ln.x0, ln.x1) for ln in segs) / (x1 - x0) if x1 > x0 else 0.0
        # a fax breaks rules into dashes or loses them: see fax_grid
        if cover[y] >= FULL_WIDTH or (ocr and fax_grid.dashed(segs, x0, x1, cover[y])):
            full.append(y)
    if ocr:
        full += fax_grid.frame_edges(lines, full)
    if ocr and len(full) >= 2:
        # under the header's foot (the second full rule) only rows are ruled
        foot = sorted(full)[1]
        full += [
            y for y, share in cover.items() if y > foot and _BROKEN_ROW_RULE <= share < FULL_WIDTH
        ]
    return Grid(x0, x1, tuple(merge_positions(full))) if len(full) >= 2 else None


def crossed_by_columns(lines: list[Line], columns: list[Column], top: float, bottom: float) -> bool:
    """Whether most inner column borders run through the band (it belongs to the table)."""
    inner = merge_positions([c.x0 for c in columns][1:])
    if not inner:
        return True
    xs = verticals_crossing(lines, (top + bottom) / 2, columns[0].x0, columns[-1].x1)
    hits = sum(1 for x in inner if any(abs(x - v) <= 2.5 for v in xs))
    return hits >= len(inner) / 2


def band_cells(
    words: list[Word],
    columns: list[Column],
    top: float,
    bottom: float,
    body_size: float,
    spec: MarkerSpec,
) -> dict[str, Cell]:
    """The cells of one band, keyed by field (columns without words are left out)."""
    inside = [w for w in words if top <= w.box.ymid <= bottom]
    edges = [x for c in columns for x in (c.x0, c.x1)]
    inside = [w for w in inside if not fax_grid.rule_stub(w, top, bottom, inside, edges)]
    out = {}
    for col in columns:
        cell_words = [w for w in inside if col.x0 <= w.box.xmid <= col.x1]
        if cell_words:
            out[col.field] = read_cell(cell_words, body_size, spec)
    return out


def read_cell(words: list[Word], body_size: float, spec: MarkerSpec) -> Cell:
    """Value text and footnote ids of the words of one cell, in reading order."""
    ordered = [w for line in group_lines(words) for w in line]
    texts = [w for w in ordered if marker_ids(w.text, spec) is None]
    body = max((w.size for w in texts), default=body_size)
    if _bracketed_number(ordered, body, spec):
        texts, ordered = ordered, [replace(ordered[0], text=ordered[0].text.strip("()"))]
    marks = [w for w in ordered if is_superscript(w, body, spec) or _raised(w, texts, spec)]
    value_words = [w for w in ordered if w not in marks]
    text = _join_lines(value_words)
    ids = [i for w in marks for i in marker_ids(w.text, spec) or []]
    if words[0].source == "ocr":
        # OCR sizes are rough: a marker may come out as tall as the text it follows
        text, trailing = split_markers(text, spec)
        ids = [*trailing, *ids]
        # an unread marker inside the text (a speck kept as one) is no part of the value
        text = " ".join(t for t in text.split(" ") if t != UNREAD_MARKER)
    box = Box.enclosing([w.box for w in words])
    confidence = min(w.confidence for w in words)
    return Cell(text, tuple(ids), box, words[0].page, words[0].source, confidence)


def _bracketed_number(words: list[Word], body: float, spec: MarkerSpec) -> bool:
    """Whether the cell is one OCR word of a number of two digits or more in brackets at
    the text's size ("(21)"): the value itself, with specks of a grey scan read as its
    brackets or its marker run into it. A marker alone in a cell prints as a
    superscript, and a footnote number of two digits is rare."""
    if len(words) != 1 or words[0].source != "ocr" or is_superscript(words[0], body, spec):
        return False
    if words[0].text == UNREAD_MARKER:
        return False  # a marker whose digit is lost, however tall its brackets
    ids = marker_ids(words[0].text, spec)
    return ids is not None and len(ids) == 1 and bool(_TWO_DIGITS.fullmatch(words[0].text))


_TWO_DIGITS = re.compile(r"\(\d{2,}\)")


# A marker whose bottom sits this share of its height above the text before it is raised.
_RAISED = 0.2


def _raised(word: Word, texts: list[Word], spec: MarkerSpec) -> bool:
    """Markers printed at nearly the text's size still sit above its baseline."""
    if marker_ids(word.text, spec) is None:
        return False
    lift = _RAISED * word.box.height
    return any(
        t.box.v_overlap(word.box) > 0
        and t.box.x1 <= word.box.x0 + 1
        and t.box.bottom - word.box.bottom > lift
        for t in texts
    )


def _join_lines(words: list[Word]) -> str:
    """Lines joined by spaces, except after a word ending in a hyphen ("2010-" / "Seed"):
    browsers break lines after hyphens inside words. A lone "-" is a word of its own."""
    out: list[str] = []
    for line in group_lines(words):
        text = " ".join(w.text for w in line)
        runs_on = bool(out) and out[-1].endswith("-") and not out[-1].endswith(" -")
        runs_on = runs_on and len(out[-1]) > 1
        out[-1:] = [out[-1] + text] if runs_on else [*out[-1:], text]
    return " ".join(out)


# --- Without ruling lines ------------------------------------------------------------
# Lines of one cell are closer than this many median word heights; cells of two rows
# are further apart (both cells' padding lies between them).
_CELL_GAP = 1.2
# Cells of one row share their vertical middle (EDGAR centres them) within this many
# median word heights.
_SAME_ROW = 0.5


def rows_from_words(
    words: list[Word], columns: list[Column], body_size: float, spec: MarkerSpec
) -> list[dict[str, Cell]]:
    """Rows of a table body printed without rules, from the vertical layout alone.

    A row is anchored on the cell of its first column (the security title, present in
    every row). EDGAR centres every cell of a row on the same middle, so in each column
    the next cell is the shortest run of text slabs centred on some anchor.
    """
    if not words or not columns:
        return []
    heights = sorted(w.box.height for w in words)
    unit = heights[len(heights) // 2]
    anchors = _column_anchors(words, columns[0], unit)
    rows: list[dict[str, Cell]] = [{} for _ in anchors]
    for col in columns:
        lines = anchors if col is columns[0] else _column_lines(words, col)
        for i, cell_words in _centred_runs(lines, anchors, _SAME_ROW * unit):
            rows[i][col.field] = read_cell(cell_words, body_size, spec)
    return [r for r in rows if r]


def _centred_runs(
    lines: list[list[Word]], anchors: list[list[Word]], tolerance: float
) -> Iterator[tuple[int, list[Word]]]:
    """(anchor index, words) for each run of lines best centred on an anchor cell.

    Adding a line only moves a run's middle down, so its distance to an anchor falls
    and then rises: the run stops growing once it moves away from its best fit. A run
    may not reach into the anchor cells of the rows above and below its own.
    """
    spans = [(min(w.box.top for w in a), max(w.box.bottom for w in a)) for a in anchors]
    mids = [(t + b) / 2 for t, b in spans]
    j = 0
    while j < len(lines):
        best: tuple[float, int, int] | None = None  # distance, end, anchor
        for k in range(j + 1, len(lines) + 1):
            run = [w for line in lines[j:k] for w in line]
            top, bottom = min(w.box.top for w in run), max(w.box.bottom for w in run)
            i = _nearest(mids, (top + bottom) / 2)
            if i is None:
                break
            err = abs(mids[i] - (top + bottom) / 2)
            if best is not None and err > best[0]:
                break
            above = spans[i - 1][1] if i > 0 else float("-inf")
            below = spans[i + 1][0] if i + 1 < len(spans) else float("inf")
            if err <= tolerance and above < top and bottom < below:
                best = (err, k, i)
        if best is None:
            j += 1  # a line centred on no row: left out
            continue
        yield best[2], [w for line in lines[j : best[1]] for w in line]
        j = best[1]


def _column_anchors(words: list[Word], col: Column, unit: float) -> list[list[Word]]:
    """Cells of the anchor column: its lines, joined where they are closer than a cell's
    own line spacing (rows are further apart: both cells' padding lies between)."""
    cells: list[list[Word]] = []
    bottom = float("-inf")
    for line in _column_lines(words, col):
        top = min(w.box.top for w in line)
        if not cells or top - bottom > _CELL_GAP * unit:
            cells.append([])
        cells[-1].extend(line)
        bottom = max(bottom, *(w.box.bottom for w in line))
    return cells


def _nearest(mids: list[float], y: float) -> int | None:
    return min(range(len(mids)), key=lambda k: abs(mids[k] - y), default=None)


def _column_lines(words: list[Word], col: Column) -> list[list[Word]]:
    """The printed lines of one column, top to bottom."""
    return group_lines(w for w in words if col.x0 <= w.box.xmid <= col.x1)
