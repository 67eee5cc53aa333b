"""Explanation of Responses whose title OCR could not read.

A dark or low-resolution scan may turn "Explanation of Responses:" into letters no
tolerance matches ("Sapeurairun Of Reapunsss:"), or blot it out. The table above then
runs to the foot of the page: its parser takes the footnotes for table rows and the
filing loses every footnote. The footnotes still show what they are: lines of prose
across the page, the first of them opening with a small item number ("1." or "1"). On an
OCR page with no Explanation region, the last table region is cut at the first such
line, and a table region that only continued onto later pages is Explanation as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.layout.boxtext import Row, rows, within
from extractor.layout.regions import Region, RegionKind, Regions
from extractor.model.geometry import Box, Page

_TABLES = (RegionKind.TABLE1, RegionKind.TABLE2)
# An item number opening a footnote; OCR may drop its full stop or read "1" as a letter.
_ITEM = re.compile(r"^([1-9]|[lIL|])[.,]?$")
# A line of prose across the page: this many words at least, spanning this share of the
# page width, and mostly words of letters (a table row is mostly numbers and codes).
_MIN_WORDS = 8
_MIN_SPAN = 0.55
_MIN_LETTERS = 0.6
# A table's column captions ("1. Title of 2. 3. Transaction 3A. Deemed") also run across
# the page in words, but number their columns: two more item numbers make no footnote.
_COLUMN_NUMBER = re.compile(r"^\d{1,2}[A-Z]?\.$")


def with_untitled_explanation(pages: Sequence[Page], regions: Regions) -> Regions:
    """`regions`, with an Explanation region where an OCR page prints footnotes under a
    table but no title was read (see the module docstring)."""
    if regions.of(RegionKind.EXPLANATION) or not any(p.source == "ocr" for p in pages):
        return regions
    items = list(regions.items)
    last = max((i for i, r in enumerate(items) if r.kind in _TABLES), default=None)
    if last is None:
        return regions
    start = _start_region(pages, items, last)
    if start is None:
        return regions
    index, row = start
    return Regions(tuple(_cut(items, index, row)))


def _start_region(pages: Sequence[Page], items: list[Region], last: int) -> tuple[int, Row] | None:
    """The table region (the last one's run of pages, first to last) holding the first
    footnote line, and that line."""
    first = last
    while first > 0 and items[first - 1].kind == items[last].kind and items[first].title is None:
        first -= 1
    for index in range(first, last + 1):
        region = items[index]
        row = first_note_row(pages[region.page - 1], region.box)
        if row is not None:
            return index, row
    return None


def first_note_row(page: Page, box: Box) -> Row | None:
    """The first line inside `box` that opens a footnote: an item number, then prose."""
    for row in rows(within(page.words, box)):
        if _ITEM.match(row.words[0].text) and _is_prose(row, page.width):
            return row
    return None


def _is_prose(row: Row, page_width: float) -> bool:
    words = row.words
    if len(words) < _MIN_WORDS or row.box.width < _MIN_SPAN * page_width:
        return False
    lettered = sum(1 for w in words if w.text.strip(".,;:()'\"").isalpha())
    numbered = sum(1 for w in words[1:] if _COLUMN_NUMBER.match(w.text))
    return lettered >= _MIN_LETTERS * len(words) and numbered < 2


def _cut(items: list[Region], index: int, row: Row) -> list[Region]:
    """The table region at `index` ends above `row`, where an untitled Explanation region
    begins; the same table continuing on later pages becomes Explanation too."""
    region = items[index]
    top = row.box.top - 1
    table = Region(
        region.kind, region.page, Box(0, region.box.top, region.box.x1, top), region.title
    )
    notes = Region(
        RegionKind.EXPLANATION, region.page, Box(0, top, region.box.x1, region.box.bottom), None
    )
    out = [*items[:index], table, notes]
    for later in items[index + 1 :]:
        continued = later.kind == region.kind and later.title is None
        out.append(
            Region(RegionKind.EXPLANATION, later.page, later.box, None) if continued else later
        )
    return out
