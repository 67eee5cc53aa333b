"""Regions of a printed form, found by their printed titles, never by fixed coordinates.

Each page is cut top to bottom at the titles the template lists: everything above the
first title on the first page is the header box; a table runs from its title to the
next title (EDGAR repeats a table's title and header when it continues on the next
page); Explanation of Responses, Remarks and the signature follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from extractor.layout.boxtext import find_labels, rows
from extractor.layout.template import Template
from extractor.layout.text import PhraseHit, PhraseIndex
from extractor.model.geometry import Box, Page, Word


class RegionKind(str, Enum):
    HEADER = "header"
    TABLE1 = "table1"
    TABLE2 = "table2"
    EXPLANATION = "explanation"
    REMARKS = "remarks"
    SIGNATURE = "signature"
    PAGE_END = "page_end"


@dataclass(frozen=True, slots=True)
class Region:
    """One region on one page: `box` spans the page width from its title to the next cut."""

    kind: RegionKind
    page: int
    box: Box
    title: Box | None  # where its title is printed (None for the header box)


@dataclass(frozen=True, slots=True)
class Regions:
    """All regions of a document in page order; a kind may repeat across pages."""

    items: tuple[Region, ...]

    def of(self, kind: RegionKind) -> list[Region]:
        return [r for r in self.items if r.kind == kind]

    def first(self, kind: RegionKind) -> Region | None:
        found = self.of(kind)
        return found[0] if found else None


# A title may share its line with a caption set well apart ("FORM 4 (continued)" on
# the SEC's paper form, tabbed this many title heights to the left); "See Remarks" is
# one space apart.
_APART = 4.0
# An OCR word left of a title is a speck when read this doubtfully and this many title
# heights away from it.
_STRAY_CONFIDENCE = 0.5
_STRAY_GAP = 2.0
# ... or when far and a fraction of the title's height: a dot OCR read as a "4" with
# some confidence is no letter of a line.
_SPECK_HEIGHT = 0.3

_OCR_STOPS = ":.;,"

_TITLED = (
    RegionKind.TABLE1,
    RegionKind.TABLE2,
    RegionKind.EXPLANATION,
    RegionKind.REMARKS,
    RegionKind.PAGE_END,
)


def _page_cuts(
    index: PhraseIndex, template: Template, words: Sequence[Word]
) -> list[tuple[RegionKind, PhraseHit]]:
    spec = template.regions
    phrases = {
        RegionKind.TABLE1: spec.table1,
        RegionKind.TABLE2: spec.table2,
        RegionKind.EXPLANATION: spec.explanation,
        RegionKind.REMARKS: spec.remarks,
        RegionKind.PAGE_END: spec.page_end,
    }
    cuts = []
    for kind in _TITLED:
        hits = [h for p in phrases[kind] for h in index.find(p) if _is_title(h, p, words)]
        if hits:
            cuts.append((kind, min(hits, key=lambda h: (h.box.top, h.box.x0))))
    return sorted(cuts, key=lambda c: c[1].box.top)


def _is_title(hit: PhraseHit, phrase: str, words: Sequence[Word]) -> bool:
    """A title begins its printed line (or its own part of it, see `_APART`) and ends
    as the template prints it ("Remarks:"):
    "Remarks" in a value such as "See Remarks", even wrapped onto a line of its own, is
    not the Remarks title."""
    end = phrase.rstrip()[-1:]
    last = hit.words[-1]
    # OCR reads a colon as a full stop or semicolon as often as not
    ends = _OCR_STOPS if last.source == "ocr" else end
    if end and end in ":." and last.text[-1:] not in ends:
        return False
    return not any(
        w.box.x1 <= hit.box.x0
        and hit.box.x0 - w.box.x1 < _APART * hit.box.height
        and w.box.v_overlap(hit.box) >= 0.5 * min(w.box.height, hit.box.height)
        and not _stray(w, hit)
        for w in words
    )


def _stray(word: Word, hit: PhraseHit) -> bool:
    """An OCR reading of specks or a rule's stub in the margin left of a title ("|",
    "oo" at confidence 0.1), which must not hide the title: no letter or digit, or a
    doubtful or tiny word far from the title (a word of the same text, "See Remarks",
    sits a space away)."""
    if word.source != "ocr":
        return False
    if not any(c.isalnum() for c in word.text):
        return True
    far = hit.box.x0 - word.box.x1 > _STRAY_GAP * hit.box.height
    tiny = word.box.height < _SPECK_HEIGHT * hit.box.height
    return far and (word.confidence < _STRAY_CONFIDENCE or tiny)


def pages_to_regions(pages: list[Page], template: Template) -> Regions:
    """Cut every page into regions at the titles it prints."""
    items: list[Region] = []
    carry: RegionKind | None = None  # region still open at the bottom of the previous page
    for page in pages:
        index = PhraseIndex(page.words)
        cuts = _page_cuts(index, template, page.words)
        top = 0.0
        if page.number == 1:
            # the header boxes open the form; the SEC's paper form gives them page 1
            # alone, its tables following on pages of their own
            bottom = cuts[0][1].box.top if cuts else page.height
            items.append(Region(RegionKind.HEADER, 1, Box(0, 0, page.width, bottom), None))
        elif carry is not None and (not cuts or cuts[0][0] != carry):
            first_cut = cuts[0][1].box.top if cuts else page.height
            items.append(Region(carry, page.number, Box(0, top, page.width, first_cut), None))
        for i, (kind, hit) in enumerate(cuts):
            bottom = cuts[i + 1][1].box.top if i + 1 < len(cuts) else page.height
            items.append(
                Region(kind, page.number, Box(0, hit.box.top, page.width, bottom), hit.box)
            )
            carry = kind
        items.extend(_signature_regions(page, index.first(template.regions.signature), items))
    if not any(r.kind == RegionKind.SIGNATURE for r in items):
        items.extend(_garbled_signature(pages, template, items))
    return Regions(tuple(items))


def _garbled_signature(pages: list[Page], template: Template, so_far: list[Region]) -> list[Region]:
    """The signature block of an OCR'd document whose caption no page prints as
    matched: the caption with its words garbled past matching ("Sigiature af Heyoring
    Person", a fax at 150 dpi), placed as a long label is (see `find_labels`), on the
    last page that has one, below its header box (box 6's "Form filed by One Reporting
    Person" comes as close), and beginning its line as a title does."""
    for page in reversed(pages):
        if page.source != "ocr":
            continue
        heads = [
            r.box.bottom for r in so_far if r.page == page.number and r.kind == RegionKind.HEADER
        ]
        hits = find_labels(page.words, template.regions.signature, template.header)
        hits = [h for h in hits if h.box.top > max(heads, default=0.0) and _line_start(h, page)]
        if hits:
            return _signature_regions(page, max(hits, key=lambda h: h.box.top), so_far)
        caption = _caption_above_page_end(page, template, max(heads, default=0.0))
        if caption is not None:
            return _signature_regions(page, caption, so_far)
    return []


def _caption_above_page_end(page: Page, template: Template, below: float) -> PhraseHit | None:
    """The signature caption garbled past placing ("** Segrusluta of Reporuny Person" in
    a fax at 150 dpi), found by the line under it: EDGAR prints the reminder ("Reminder:
    Report on a separate line...", a long label that survives the fax) right under the
    caption, which stands in the page's right half. The caption's words are that line's
    words in the right half up to the wide gap before the "Date" caption; None when no
    such line prints there."""
    ends = find_labels(page.words, template.regions.page_end, template.header)
    ends = [e for e in ends if e.box.top > below and _line_start(e, page)]
    if not ends:
        return None
    end = ends[0].box
    reach = end.top - _CAPTION_LINES * end.height
    above = [
        w
        for w in page.words
        if w.box.x0 >= page.width / 2 and reach <= w.box.top and w.box.bottom <= end.top + 1
    ]
    lines = rows(above)
    if not lines:
        return None
    words = _before_wide_gap(list(lines[-1].words))
    if len(words) < _CAPTION_WORDS:
        return None
    return PhraseHit(page.number, Box.enclosing([w.box for w in words]), tuple(words))


def _before_wide_gap(words: list[Word]) -> list[Word]:
    """A line's words up to the first gap wider than `_CAPTION_GAP` of their height."""
    for i in range(1, len(words)):
        gap = words[i].box.x0 - words[i - 1].box.x1
        if gap > _CAPTION_GAP * max(words[i - 1].box.height, words[i].box.height):
            return words[:i]
    return words


# The caption's line lies within this many of the reminder line's heights above it; its
# words stand closer than this many of their heights (the "Date" caption stands apart);
# it has this many words at least ("**", "Signature", "of", "Reporting", "Person").
_CAPTION_LINES = 4
_CAPTION_GAP = 1.2
_CAPTION_WORDS = 3


def _line_start(hit: PhraseHit, page: Page) -> bool:
    """Whether nothing but specks prints left of `hit` on its line ("**" may)."""
    return not any(
        w.box.x1 <= hit.box.x0
        and w.box.v_overlap(hit.box) >= 0.5 * min(w.box.height, hit.box.height)
        and sum(c.isalnum() for c in w.text) >= _LINE_START_LETTERS
        for w in page.words
    )


# A word of this many letters or digits left of a caption is text the caption is no
# start of (a footnote's "...the reporting person").
_LINE_START_LETTERS = 2


def _signature_regions(page: Page, hit: PhraseHit | None, so_far: list[Region]) -> list[Region]:
    """The signature block: from the caption's line up to the region above it."""
    if hit is None:
        return []
    above = [r for r in so_far if r.page == page.number and r.box.top <= hit.box.top]
    top = max((r.title.bottom for r in above if r.title is not None), default=0.0)
    return [
        Region(
            RegionKind.SIGNATURE, page.number, Box(0, top, page.width, hit.box.bottom + 2), hit.box
        )
    ]
