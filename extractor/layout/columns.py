"""Table columns: where each printed column is, and which model field it fills.

The header of a table is a grid of boxes: top-level headers ("3. Transaction Code
(Instr. 8)") and, under some of them, a second level ("Code | V"). The ruling lines give
the boxes; the words inside give the texts. Each leaf column (a box with nothing under
it) is matched to the template's ColumnSpec whose phrases are most alike, token by
token, so line breaks, renumbering, "(Instr. n)" notes, small rewordings and a changed
column order do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from extractor.layout.template import ColumnSpec, TableSpec
from extractor.layout.text import (
    group_lines,
    line_text,
    ocr_tolerance,
    phrase_tokens,
    within_edits,
)
from extractor.model.geometry import Line, Word

# Two lines closer than this (points) are one border (browsers draw both cells' edges).
MERGE = 2.5
# A leaf whose texts are less alike than this to every spec column stays unmapped.
MIN_SCORE = 0.6
# Weight of a header match when the template expects a second level that is not printed.
UNSPLIT = 0.8


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One leaf column of the header: its x-extent and the texts above it."""

    x0: float
    x1: float
    top_text: str
    sub_text: str
    ocr: bool = False  # texts read by OCR: tokens may be a letter or two off


@dataclass(frozen=True, slots=True)
class Column:
    """A mapped column: the field it fills and its x-extent."""

    field: str
    x0: float
    x1: float
    score: float


def merge_positions(values: list[float], gap: float = MERGE) -> list[float]:
    """Sorted positions with near-duplicates (double borders) merged into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= gap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def verticals_crossing(lines: list[Line], y: float, x0: float, x1: float) -> list[float]:
    """x of the vertical rules that cross height `y` between x0 and x1, merged."""
    xs = [
        (ln.x0 + ln.x1) / 2
        for ln in lines
        if ln.x1 - ln.x0 < ln.bottom - ln.top and ln.top < y < ln.bottom
    ]
    return merge_positions([x for x in xs if x0 - MERGE <= x <= x1 + MERGE])


def header_cells(
    words: list[Word], lines: list[Line], top: float, bottom: float, x0: float, x1: float
) -> list[HeaderCell]:
    """Leaf columns of a header band [top, bottom] from its ruling lines and words."""
    leaf_xs = _framed(verticals_crossing(lines, bottom - 2, x0, x1), x0, x1)
    top_xs = _framed(verticals_crossing(lines, top + 2, x0, x1), x0, x1)
    ocr = any(w.source == "ocr" for w in words)
    cells = []
    for a, b in pairwise(leaf_xs):
        mid = (a + b) / 2
        ta = max((x for x in top_xs if x <= mid), default=a)
        tb = min((x for x in top_xs if x >= mid), default=b)
        split = _sub_rule(lines, mid, top, bottom)
        top_words = _inside(words, ta, tb, top, split if split is not None else bottom)
        sub_words = _inside(words, a, b, split, bottom) if split is not None else []
        cells.append(HeaderCell(a, b, _text(top_words), _text(sub_words), ocr))
    return cells


def _framed(xs: list[float], x0: float, x1: float) -> list[float]:
    """Vertical rules with the table's frame (the ends of its horizontal rules) added
    where no rule was found near it: a scan may print the outer border too faint to be
    found, and the last column would be lost with it."""
    out = list(xs)
    if not out or out[0] - x0 > _FRAME_GAP:
        out.insert(0, x0)
    if x1 - out[-1] > _FRAME_GAP:
        out.append(x1)
    return out


# A rule this far (points) inside the frame is a column border, not the frame itself;
# the narrowest column ("V") is wider.
_FRAME_GAP = 10.0


def _sub_rule(lines: list[Line], x: float, top: float, bottom: float) -> float | None:
    """y of a horizontal rule inside the header band above x (a second header level)."""
    ys = [
        (ln.top + ln.bottom) / 2
        for ln in lines
        if ln.bottom - ln.top < ln.x1 - ln.x0
        and ln.x0 <= x <= ln.x1
        and top + MERGE < (ln.top + ln.bottom) / 2 < bottom - MERGE
    ]
    return min(ys) if ys else None


def _inside(words: list[Word], x0: float, x1: float, top: float, bottom: float) -> list[Word]:
    return [w for w in words if x0 <= w.box.xmid <= x1 and top <= w.box.ymid <= bottom]


def _text(words: list[Word]) -> str:
    return " ".join(line_text(line) for line in group_lines(words))


@lru_cache(maxsize=8192)
def similarity(printed: str, phrase: str, ocr: bool = False) -> float:
    """How alike two header texts are, 0..1, over folded tokens.

    The better of an in-order match and an any-order match of the tokens, so that both
    an inserted word and swapped words ("Date of Transaction") cost little. An OCR'd
    token a letter or two off a phrase token (see `ocr_tolerance`) counts as that token
    ("ode" for "Code": the "C" lost against the cell's rule).
    """
    a, b = phrase_tokens(printed), phrase_tokens(phrase)
    if not a or not b:
        return 0.0
    if ocr:
        a = [next((t for t in b if within_edits(x, t, ocr_tolerance(t))), x) for x in a]
    in_order = SequenceMatcher(None, a, b, autojunk=False).ratio()
    sa, sb = set(a), set(b)
    any_order = 2 * len(sa & sb) / (len(sa) + len(sb))
    return max(in_order, any_order)


def _score(cell: HeaderCell, spec: ColumnSpec) -> float:
    top = max(similarity(cell.top_text, p, cell.ocr) for p in spec.header)
    if not spec.sub:
        # a spec without a second level must not take one leaf of a split header
        return top if not cell.sub_text else top * 0.5
    if not cell.sub_text:
        # a header printed without its second level (Form 5 prints no "Code | V"): the
        # leaf may still take the first field of that header, at a lower score
        return top * UNSPLIT
    sub = max(similarity(cell.sub_text, p, cell.ocr) for p in spec.sub)
    return (top + sub) / 2 if sub >= MIN_SCORE else 0.0


def map_columns(cells: list[HeaderCell], spec: TableSpec) -> tuple[list[Column], list[str]]:
    """Leaf columns -> fields, best matches first; also the spec fields left unmatched."""
    # ties go to the column listed first in the template (e.g. Code before V)
    scored = sorted(
        (
            (-_score(c, s), order, i, s.field)
            for i, c in enumerate(cells)
            for order, s in enumerate(spec.columns)
        ),
    )
    used_cells: set[int] = set()
    used_fields: set[str] = set()
    out: list[Column] = []
    for neg, _, i, name in scored:
        score = -neg
        if score < MIN_SCORE or i in used_cells or name in used_fields:
            continue
        used_cells.add(i)
        used_fields.add(name)
        out.append(Column(name, cells[i].x0, cells[i].x1, score))
    missing = [s.field for s in spec.columns if s.field not in used_fields]
    return sorted(out, key=lambda c: c.x0), missing


def placed_by_order(
    cells: list[HeaderCell], spec: TableSpec, columns: list[Column]
) -> list[Column]:
    """Columns for leaves whose header text matched nothing, told by their place.

    OCR may misread a short header ("ode" for "Code") past matching. Between two
    matched leaves, the unmatched leaves and the template's unmatched fields that lie
    between those two fields are paired in order, when there are as many of each and
    each pair agrees on having a second header level. Elsewhere (the order broken,
    the counts unequal) nothing is guessed. Placed columns score 0: see `tables`.
    """
    order = {s.field: k for k, s in enumerate(spec.columns)}
    by_x = {(c.x0, c.x1): c.field for c in columns}
    anchors = [(-1, -1)]
    anchors += [(i, order[by_x[(c.x0, c.x1)]]) for i, c in enumerate(cells) if (c.x0, c.x1) in by_x]
    anchors.append((len(cells), len(spec.columns)))
    used = set(by_x.values())
    if _same_shape(cells, spec, anchors):
        pairs = zip(cells, spec.columns, strict=True)
        return [Column(s.field, c.x0, c.x1, 0.0) for c, s in pairs if s.field not in used]
    out: list[Column] = []
    for (i0, k0), (i1, k1) in pairwise(anchors):
        leaves = cells[i0 + 1 : i1]
        fields = [s for s in spec.columns[k0 + 1 : max(k0 + 1, k1)] if s.field not in used]
        if not leaves or len(leaves) != len(fields):
            continue
        if any(bool(c.sub_text) != bool(s.sub) for c, s in zip(leaves, fields, strict=True)):
            continue
        out += [Column(s.field, c.x0, c.x1, 0.0) for c, s in zip(leaves, fields, strict=True)]
    return out


# A header with a leaf per template column is the template's own when at least this
# many of its leaves matched, each at its own place.
_SHAPE_ANCHORS = 2


def _same_shape(cells: list[HeaderCell], spec: TableSpec, anchors: list[tuple[int, int]]) -> bool:
    """Whether every leaf is the template column at its place: as many leaves as columns,
    and the matched leaves (past the two ends in `anchors`) in their own places. An OCR'd
    second header level ("(A) or (D) | Price") is often unread, which `placed_by_order`
    otherwise wants to agree; the count and the matched leaves' places say enough."""
    matched = anchors[1:-1]
    return (
        len(cells) == len(spec.columns)
        and len(matched) >= _SHAPE_ANCHORS
        and all(i == k for i, k in matched)
    )


# --- Without ruling lines (a rendering without borders, or OCR words of a scan) -------
# Words of two columns are kept apart by both cells' padding; words closer than this
# many word heights (a space on a line, or overlapping lines) are one column.
_SAME_COLUMN = 0.8
# A header cell's text starts this far right of the cell's left border.
_CELL_PAD = 2.0


def text_blocks(words: list[Word], gap_ratio: float) -> list[list[Word]]:
    """Words cut into horizontal slabs wherever no word bridges a vertical gap wider than
    `gap_ratio` times the median word height (rows of a table, header vs body)."""
    if not words:
        return []
    heights = sorted(w.box.height for w in words)
    gap = gap_ratio * heights[len(heights) // 2]
    blocks: list[list[Word]] = []
    bottom = float("-inf")
    for w in sorted(words, key=lambda w: w.box.top):
        if not blocks or w.box.top - bottom > gap:
            blocks.append([])
        blocks[-1].append(w)
        bottom = max(bottom, w.box.bottom)
    return blocks


def x_spans(words: list[Word], ratio: float = _SAME_COLUMN) -> list[list[Word]]:
    """Words grouped into columns by overlapping x-extents, left to right."""
    if not words:
        return []
    heights = sorted(w.box.height for w in words)
    tolerance = ratio * heights[len(heights) // 2]
    spans: list[list[Word]] = []
    right = float("-inf")
    for w in sorted(words, key=lambda w: w.box.x0):
        if not spans or w.box.x0 - right > tolerance:
            spans.append([])
            right = w.box.x1
        spans[-1].append(w)
        right = max(right, w.box.x1)
    return spans


def header_cells_from_words(words: list[Word], x0: float, x1: float) -> list[HeaderCell]:
    """Leaf columns of a header block printed without rules.

    Top-level header texts wrap inside their cells, so the x-spans of all header words
    are the top-level columns; inside one, lines under its widest vertical gap that
    stand in two or more x-spans are a second level ("Code  V"): those are the leaves.
    """
    cells: list[tuple[float, float, str, str]] = []
    for span in _numbers_joined(x_spans(words)):
        top_words, sub_words = _levels(span)
        leaves = x_spans(sub_words) if sub_words else [top_words]
        for leaf in leaves:
            sub = _text(leaf) if sub_words else ""
            cells.append((min(w.box.x0 for w in leaf), 0.0, _text(top_words), sub))
    cells.sort()
    starts = [c[0] - _CELL_PAD for c in cells]
    ends = [*starts[1:], x1]
    ocr = any(w.source == "ocr" for w in words)
    return [
        HeaderCell(max(x0, a), b, top, sub, ocr)
        for a, b, (_, _, top, sub) in zip(starts, ends, cells, strict=True)
    ]


def _levels(span: list[Word]) -> tuple[list[Word], list[Word]]:
    """A top-level column's words as (top text, second level); no second level -> []."""
    lines = group_lines(span)
    if len(lines) < 2:
        return span, []
    gaps = [
        (min(w.box.top for w in below) - max(w.box.bottom for w in above), i)
        for i, (above, below) in enumerate(pairwise(lines))
    ]
    _, at = max(gaps)
    lower = [w for line in lines[at + 1 :] for w in line]
    if len(x_spans(lower)) < 2:  # one text wrapping on: a single level
        return span, []
    return [w for line in lines[: at + 1] for w in line], lower


def _numbers_joined(spans: list[list[Word]]) -> list[list[Word]]:
    """A span holding only a column number ("1.", "2A.") joined to the header it numbers
    (the span to its right), in case a wide space printed them apart."""
    out: list[list[Word]] = []
    carry: list[Word] = []
    for span in spans:
        if not phrase_tokens(_text(span)):
            carry += span
            continue
        out.append(carry + span)
        carry = []
    if carry:
        out.append(carry)
    return out
