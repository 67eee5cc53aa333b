"""Table rules a fax lost, put back from what is left of the ruling (OCR pages only).

A fax halves the vertical resolution before cutting the page to black and white: a
thin horizontal rule is averaged with the white rows around it and comes out in dashes,
or not at all, while the vertical rules (as thin, but drawn across the halving) come
out whole. Two traces of a lost rule remain:

- dashes spread over the table's whole width: a rule of the header's second level
  spans only the columns it splits, so a broken rule reaching both sides is a row rule;
- the ends of the column rules: every vertical rule of the table starts at its top edge
  and ends at its bottom edge, so where several of them start (or end) together and no
  rule was found, the table's frame was lost there.
"""

from __future__ import annotations

from extractor.model.geometry import Line, Word

# A broken rule reaching this share of the table's width, end to end, and inking at
# least _DASHED_INK of it is a full-width rule (measured on 150 dpi faxes: lost row
# rules inked 0.42-0.51, reaching 0.86-0.97; second-level header rules reach 0.24-0.39).
_DASHED_REACH = 0.75
_DASHED_INK = 0.35
# Vertical rules starting (or ending) within this many points of one another start
# (end) at one edge; at least _FRAME_RULES of them make a frame edge.
_SAME_END = 2.0
_FRAME_RULES = 4
# A frame edge this close (points) to a rule found already is that rule.
_NEAR_RULE = 3.0


def is_vertical(ln: Line) -> bool:
    return ln.x1 - ln.x0 < ln.bottom - ln.top


def dashed(segments: list[Line], x0: float, x1: float, inked: float) -> bool:
    """Whether the pieces of one rule (`inked`: the share of [x0, x1] they cover) are a
    full-width rule broken into dashes: they reach both sides of the table."""
    if x1 <= x0 or not segments:
        return False
    reach = (max(s.x1 for s in segments) - min(s.x0 for s in segments)) / (x1 - x0)
    return reach >= _DASHED_REACH and inked >= _DASHED_INK


def frame_edges(lines: list[Line], found: list[float]) -> list[float]:
    """The table's top and bottom edges told by where its column rules start and end,
    those not already among the rules `found`."""
    verticals = [ln for ln in lines if is_vertical(ln)]
    tops = _ends([ln.top for ln in verticals])
    bottoms = _ends([ln.bottom for ln in verticals])
    edges = [*tops[:1], *bottoms[-1:]]
    return [y for y in edges if all(abs(y - f) > _NEAR_RULE for f in found)]


def _ends(ys: list[float]) -> list[float]:
    """Heights where at least _FRAME_RULES of `ys` fall together, top to bottom (each
    the mean of its group)."""
    groups: list[list[float]] = []
    for y in sorted(ys):
        if groups and y - groups[-1][-1] <= _SAME_END:
            groups[-1].append(y)
        else:
            groups.append([y])
    return [sum(g) / len(g) for g in groups if len(g) >= _FRAME_RULES]


# A word boxed lower than this share of the band's typical word height, lying within
# _STUB_REACH points of a rule bounding the band, is a stub of that rule read as
# letters ("ar" under an amount): letters are taller, and a rule's stub stays flat.
# A column rule's stub is one upright stroke ("I", "|") at a column's edge, lower than
# _STUB_SHORT of the typical height: a holding's empty code cell read "I" made it a
# transaction.
_STUB_FLAT = 0.4
_STUB_SHORT = 0.6
_STUB_REACH = 2.0
_STROKES = frozenset("Il|1!'")


def rule_stub(word: Word, top: float, bottom: float, band: list[Word], edges: list[float]) -> bool:
    """Whether an OCR `word` of the band between rules at `top` and `bottom` is a stub
    of one of those rules or of a column rule at one of `edges` (see `_STUB_FLAT`); the
    band's other words give the height."""
    if word.source != "ocr":
        return False
    heights = sorted(w.box.height for w in band)
    typical = heights[len(heights) // 2]
    flat = word.box.height < _STUB_FLAT * typical
    edge = min(abs(word.box.ymid - top), abs(word.box.ymid - bottom))
    if flat and edge <= _STUB_REACH:
        return True
    stroke = word.text in _STROKES and word.box.height < _STUB_SHORT * typical
    return stroke and any(abs(word.box.xmid - x) <= _STUB_REACH for x in edges)


# A band this many times as high as the table's lowest row may be two rows or more whose
# rules the fax lost; it is cut where a gap runs across the table with words of at least
# _SPLIT_COLUMNS columns on each side (a row whose text wraps prints its values once,
# centred: one side of any gap has the wrapped words alone).
_MERGED = 1.7
_SPLIT_COLUMNS = 3
_SPECK = 0.6


def split_merged(
    bands: list[tuple[float, float]], words: list[Word], columns: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The row bands with each one that holds rows whose rules were lost cut into them
    (see `_MERGED`); `columns`: the x-extent of each column."""
    if len(bands) < 2:
        return bands
    lowest = min(b - a for a, b in bands)
    out: list[tuple[float, float]] = []
    todo = list(bands)
    while todo:
        top, bottom = todo.pop(0)
        inside = [w for w in words if top <= w.box.ymid <= bottom]
        cut = _row_cut(inside, columns) if bottom - top >= _MERGED * lowest else None
        if cut is None:
            out.append((top, bottom))
        else:
            todo[:0] = [(top, cut), (cut, bottom)]
    return out


def _row_cut(words: list[Word], columns: list[tuple[float, float]]) -> float | None:
    """The middle of the gap across the band nearest its middle with words of
    `_SPLIT_COLUMNS` columns or more above and below it, or None."""
    if not words:
        return None
    middle = (min(w.box.top for w in words) + max(w.box.bottom for w in words)) / 2
    cuts = []
    reach = float("-inf")
    for w in sorted(words, key=lambda w: w.box.top):
        if reach < w.box.top and reach > float("-inf"):
            cuts.append((reach + w.box.top) / 2)
        reach = max(reach, w.box.bottom)
    fits = [y for y in cuts if _filled(words, columns, y)]
    return min(fits, key=lambda y: abs(y - middle)) if fits else None


def _filled(words: list[Word], columns: list[tuple[float, float]], y: float) -> bool:
    """Whether words of `_SPLIT_COLUMNS` columns or more lie above `y`, and below it,
    the first column (the security's title, printed on every row) among them. Specks
    (no letter or digit, or lower than `_SPECK` of the band's typical word) count not."""
    heights = sorted(w.box.height for w in words)
    typical = heights[len(heights) // 2]
    printed = [
        w for w in words if any(c.isalnum() for c in w.text) and w.box.height >= _SPECK * typical
    ]

    def filled(side: list[Word]) -> bool:
        hit = [any(a <= w.box.xmid <= b for w in side) for a, b in columns]
        return bool(hit) and hit[0] and sum(hit) >= _SPLIT_COLUMNS

    return filled([w for w in printed if w.box.ymid < y]) and filled(
        [w for w in printed if w.box.ymid > y]
    )
