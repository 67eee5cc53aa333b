"""Markers whose digit a fax erased, numbered from where the filing's notes first appear.

A one-bit page keeps a superscript's brackets and loses the digit between them: cell_ocr
reads such a run as a marker of a number no footnote has (`UNREAD`), so that its
place in the filing is known. A filer numbers footnotes in the order it first refers to
them (278 of the corpus's 292 filings): the first reference to note 3 comes after the
first to note 2 and before the first to note 4. So when the notes between two read
ones (say 2 and 3, between 1 and 4) are referred to nowhere else, the unread markers
between the first references to 1 and 4 are theirs, provided there are exactly as many
of them as notes missing: one marker each, in order. Fewer or more (a marker lost
altogether, an unread repeat of an earlier note) leave them all unread: a marker put on
the wrong note costs as much as one missed. When the read markers themselves are out
of that order, one of them is misread and nothing is placed.

Every marker still unread at the end is dropped, as before: no footnote is linked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from extractor.layout import ocr_repair
from extractor.layout.template import load_template
from extractor.model.filing import Filing
from extractor.model.geometry import Page
from extractor.model.result import Finding
from extractor.validate.rules import iter_marker_lists

# The number cell_ocr gives a marker whose digit it cannot tell (the word
# `UNREAD_MARKER`): no filing prints that many notes, and OCR reads no such marker (a
# "(0)" it does read: "(D)" in a column header).
UNREAD = 9999
UNREAD_MARKER = f"({UNREAD})"
_NUMBER = re.compile(r"^\D*(\d+)$")
# The tables in the order they print (Table I's holdings under its transactions).
TABLES = (
    "non_derivative_transactions",
    "non_derivative_holdings",
    "derivative_transactions",
    "derivative_holdings",
)
_ROW_FIELD = re.compile(r"^(\w+)\[(\d+)\]\.(.+)$")


def with_unread_markers_placed(filing: Filing, faxed: bool = False) -> list[Finding]:
    """Each unread marker of `filing` numbered, in place, where the order of first
    references leaves one note for it (see the module's docstring), the others dropped;
    the findings record each one numbered. On a fax (`faxed`) a marker read as a note
    the order rules out is unread first (see `past_order`), with a finding."""
    unread = load_template().markers.id_format.format(n=UNREAD)
    lists = in_print_order(filing, list(iter_marker_lists(filing)))
    slots = [(path, ids, at) for path, ids in lists for at in range(len(ids))]
    sequence = [_number(ids[at], unread) for _, ids, at in slots]
    findings: list[Finding] = []
    for pos in past_order(sequence) if faxed else []:
        path, ids, at = slots[pos]
        why = "a note the order of first reference rules out here: its digit misread"
        findings.append(ocr_repair.corrected(path, ids[at], "", why, None, None))
        ids[at], sequence[pos] = unread, None
    if None not in sequence:
        return findings
    placed = placements(sequence)
    for pos, number in placed.items():
        path, ids, at = slots[pos]
        ids[at] = load_template().markers.id_format.format(n=number)
        why = "its digit unread; the notes' order of first reference leaves this one"
        findings.append(ocr_repair.corrected(path, "", ids[at], why, None, None))
    for _, ids in lists:
        ids[:] = list(dict.fromkeys(i for i in ids if i != unread))
    return findings


def placements(sequence: list[int | None]) -> dict[int, int]:
    """Position -> note number for the unread markers (None) of `sequence`, the markers'
    numbers in print order: those between the first references to two read notes
    whose notes in between are referred to nowhere, when there are as many of them as
    such notes. Notes after the last one read are not counted: a fax's Explanation of
    Responses reads too poorly to tell how many it prints (one of three, one of five)."""
    first: dict[int, int] = {}
    for pos, number in enumerate(sequence):
        if number is not None:
            first.setdefault(number, pos)
    read = list(first)  # in order of first reference
    if read != sorted(read):
        return {}  # a misread number among them: the order tells nothing
    ends = [0, *read]
    placed: dict[int, int] = {}
    for before, low, high in zip([None, *ends], ends, ends[1:], strict=False):
        start = first[low] if low else -1
        if before is not None and _unread_in(sequence, first[before] if before else -1, start):
            continue  # one of them may be the first reference to `low`, lost in the gap
        gap = _unread_in(sequence, start, first[high])
        if gap and len(gap) == high - low - 1:
            placed.update({p: low + 1 + i for i, p in enumerate(gap)})
    return placed


def past_order(sequence: list[int | None]) -> list[int]:
    """The positions of `sequence` (note numbers in print order, None unread) whose
    number no marker can bear there: each marker printed before it is at most one note
    new, so the marker at position k (from 0) refers to note k + 1 at most, or one
    more when a marker before it was lost altogether (`_LOST_BEFORE`). A fax turns a
    marker's faded digit into another ("(2)" read "(8)", "(3)" read "(14)"); the order
    alone cannot say which note it is, so it is unread, to be numbered from the notes'
    order or dropped. Only on a fax: a filing that numbers its notes otherwise (14 of
    the corpus's 292) prints such a marker, and a grey scan reads it right."""
    return [pos for pos, n in enumerate(sequence) if n is not None and n > pos + 1 + _LOST_BEFORE]


# Markers a fax may lose altogether before the one judged, so that it may bear a note
# one further on. On the corpus's 33 faxes one rules out the same six misread markers
# as none (and no right one), two or three fewer (fax links F1 0.3871 against 0.3837);
# none would rule out the right "(2)" read first when the "(1)" before it was lost.
_LOST_BEFORE = 1


def _unread_in(sequence: list[int | None], start: int, stop: int) -> list[int]:
    """The positions of unread markers strictly between `start` and `stop`."""
    return [p for p in range(start + 1, stop) if sequence[p] is None]


def _number(marker_id: str, unread: str) -> int | None:
    """The note number of a marker id, None for an unread marker."""
    if marker_id == unread:
        return None
    number = note_number(marker_id)
    return -1 if number is None else number


def note_number(marker_id: str) -> int | None:
    """The number of the note a marker id points to ("F12" -> 12), None if none."""
    m = _NUMBER.match(marker_id)
    return int(m.group(1)) if m else None


def in_print_order(
    filing: Filing, lists: list[tuple[str, list[str]]]
) -> list[tuple[str, list[str]]]:
    """The marker lists in the order they print: the header's first (in the model's
    order), then each table's rows one by one, a row's cells left to right (the model
    keeps a row's fields in another order: the coding after the amounts, the nature
    of ownership first)."""

    def key(item: tuple[str, list[str]]) -> tuple[int, int, float]:
        m = _ROW_FIELD.match(item[0])
        if m is None or m.group(1) not in TABLES:
            return (0, 0, 0.0)
        row = getattr(filing, m.group(1))[int(m.group(2))]
        return (1 + TABLES.index(m.group(1)), int(m.group(2)), _left(row, m.group(3)))

    return sorted(lists, key=key)  # stable: the header keeps its order


def _left(row: Any, path: str) -> float:
    """The left edge of a row's field (a dotted path) where it was read; a field read
    nowhere sorts last."""
    node = row
    for name in path.split("."):
        node = getattr(node, name, None)
    if hasattr(node, "code"):
        node = node.code  # the coding prints where its code does
    provenance = getattr(node, "provenance", None)
    return provenance.box[0] if provenance is not None else float("inf")


def without_unread_markers(page: Page) -> Page:
    """`page` less its unread markers: outside the tables a hyphen or a speck kept as
    one ("98052 (0) 6399" in a zip code) is no marker, and no order numbers it."""
    words = tuple(w for w in page.words if w.text != UNREAD_MARKER)
    return page if len(words) == len(page.words) else replace(page, words=words)
