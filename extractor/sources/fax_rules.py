"""Horizontal rules a fax lost, put back before the page is cut into cells.

A fax halves the vertical resolution before cutting the page to black and white: a
thin horizontal rule is averaged with the white rows around it and comes out in dashes,
or not at all, while the vertical rules come out whole. Without its rules a table row
is no cell of its own: it is read with the page's loose text, line by line across the
columns, and its values come out garbled. Two traces of a lost rule remain:

- dashes at one height spread over the width of the table there (the extent of the
  vertical rules crossing that height): a rule of a header's second level spans only
  the columns it splits, so dashes reaching across the table are one broken rule;
- the ends of the vertical rules: a table's column rules all start at its top edge and
  end at its bottom edge, so where several start (or end) together and no rule was
  found, the table's frame was lost there.

Used on pages cut to black and white only (see scan_words); coordinates are pixels.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.model.geometry import covered_length
from extractor.sources.grid import Rule

# Dashes whose middles lie within this many pixels (at 300 dpi) are one broken rule.
_SAME_LINE = 4
# A broken rule reaches this share of the table's width there, end to end, and inks at
# least _DASHED_INK of it (measured on 150 dpi faxes: lost row rules inked 0.42-0.51 of
# the table, reaching 0.86-0.97; rules of a header's second level reach 0.24-0.39).
_DASHED_REACH = 0.75
_DASHED_INK = 0.35
_MIN_DASHES = 3
# Vertical rules starting (or ending) within this many pixels of one another start
# (end) at one edge; at least _FRAME_RULES of them make a frame edge.
_SAME_END = 5
_FRAME_RULES = 4
# A frame edge is found already when a horizontal rule this close covers this share of it.
_NEAR = 6
_COVERED = 0.5


def with_lost_rules(rules: list[Rule]) -> list[Rule]:
    """`rules` with each table rule broken into dashes joined into one, and the lost
    top and bottom edges of each table drawn where its vertical rules start and end."""
    verticals = [r for r in rules if r.vertical]
    horizontals = _joined([r for r in rules if not r.vertical], verticals)
    return horizontals + verticals + _frame_edges(verticals, horizontals)


def _joined(horizontals: list[Rule], verticals: list[Rule]) -> list[Rule]:
    """The horizontal rules with each line of dashes that reaches across the table at
    its height (see `_DASHED_REACH`) replaced by one rule across the table."""
    out: list[Rule] = []
    for line in _lines(horizontals):
        frame = _frame_at(verticals, _middle(line[0]))
        if frame is not None and _broken_rule(line, frame):
            y = round(sum(_middle(r) for r in line) / len(line))
            out.append(_drawn(frame[0], y, frame[1]))
        out.extend(line)
    return out


def _drawn(x0: int, y: int, x1: int) -> Rule:
    """A rule put back at height `y`, as thick as the band its remnants lie in: the
    band is blanked out before reading, and a remnant left there reads as dashes."""
    return Rule(x0, y - _SAME_LINE, x1, y + _SAME_LINE)


def _lines(horizontals: list[Rule]) -> list[list[Rule]]:
    """Horizontal rules grouped by height (middles within `_SAME_LINE`)."""
    lines: list[list[Rule]] = []
    for r in sorted(horizontals, key=_middle):
        if lines and _middle(r) - _middle(lines[-1][-1]) <= _SAME_LINE:
            lines[-1].append(r)
        else:
            lines.append([r])
    return lines


def _middle(r: Rule) -> float:
    return (r.top + r.bottom) / 2


def _frame_at(verticals: list[Rule], y: float) -> tuple[int, int] | None:
    """The x-extent of the vertical rules crossing height `y` (None with fewer than two)."""
    xs = [(v.x0 + v.x1) // 2 for v in verticals if v.top - _NEAR <= y <= v.bottom + _NEAR]
    return (min(xs), max(xs)) if len(xs) >= 2 else None


def _broken_rule(line: list[Rule], frame: tuple[int, int]) -> bool:
    """Whether the dashes of one height are a rule across the frame, broken."""
    width = frame[1] - frame[0]
    if len(line) < _MIN_DASHES or width <= 0:
        return False
    reach = max(r.x1 for r in line) - min(r.x0 for r in line)
    return (
        reach >= _DASHED_REACH * width
        and covered_length((r.x0, r.x1) for r in line) >= _DASHED_INK * width
    )


def _frame_edges(verticals: list[Rule], horizontals: list[Rule]) -> list[Rule]:
    """A rule at each height where `_FRAME_RULES` vertical rules or more start (or end)
    together and no horizontal rule was found, across those vertical rules."""
    out = []
    for ends in (_together(verticals, lambda v: v.top), _together(verticals, lambda v: v.bottom)):
        for y, group in ends:
            x0, x1 = min(v.x0 for v in group), max(v.x1 for v in group)
            if not _found(horizontals, y, x0, x1):
                out.append(_drawn(x0, y, x1))
    return out


def _together(verticals: list[Rule], key: Callable[[Rule], int]) -> list[tuple[int, list[Rule]]]:
    """(height, rules) for each group of at least `_FRAME_RULES` vertical rules whose
    end `key` (top or bottom) lies within `_SAME_END` pixels of the group's previous one."""
    groups: list[list[Rule]] = []
    for v in sorted(verticals, key=key):
        if groups and key(v) - key(groups[-1][-1]) <= _SAME_END:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [(round(sum(key(v) for v in g) / len(g)), g) for g in groups if len(g) >= _FRAME_RULES]


def _found(horizontals: list[Rule], y: int, x0: int, x1: int) -> bool:
    """Whether horizontal rules near height `y` cover `_COVERED` of [x0, x1] already."""
    near = [
        Rule(max(h.x0, x0), h.top, min(h.x1, x1), h.bottom)
        for h in horizontals
        if abs(_middle(h) - y) <= _NEAR and h.x1 > x0 and h.x0 < x1
    ]
    return bool(near) and covered_length((r.x0, r.x1) for r in near) >= _COVERED * (x1 - x0)
