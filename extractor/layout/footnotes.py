"""Explanation of Responses: the footnote texts, joined across lines and pages.

A footnote starts on a line whose first word is its number ("3.") and which comes next
in the count; every other line continues the footnote above it, so a line that happens
to begin with a number inside a footnote's text does not start a new one. The id is made
from the printed number by the template's marker `id_format` ("F{n}").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.layout.boxtext import (
    Row,
    is_value,
    join_lines,
    provenance,
    roman_items,
    rows,
    within,
)
from extractor.layout.ocr_prose import (
    filing_words,
    phrases_alike,
    ranges_alike,
    repaired_note,
    respelt,
)
from extractor.layout.ocr_repair import prose_repaired
from extractor.layout.parts import FootnotesPart, stage_failed
from extractor.layout.regions import RegionKind, Regions
from extractor.layout.signatures import block_top, signature_rows
from extractor.layout.template import Template
from extractor.model.filing import Footnote
from extractor.model.geometry import Box, Page, Word
from extractor.model.result import Finding, Severity

# An item number "3."; OCR may put a speck before it (".9.").
_NUMBER = re.compile(r"^[.,'‘’`]?(\d+)\.$")
# OCR may lose the full stop or read it as a comma ("1 Each ..."), read a speck
# before the number as a mark of its own ("-9.", "~9."), or its "1" as a letter ("t.",
# "l0."); the numbers must still run 1, 2, 3 for a row to start a footnote.
_OCR_NUMBER = re.compile(r"^[^\w\s$]?([\dtlLIi|!\]SBGZO]{1,2})[.,]?$")
# A grey scan also turns digits into letters of their shape ("2S." for 25., "1B." for
# 18., "G." for 6.); like the "1"s these count only where the count expects the number.
_AS_DIGIT = str.maketrans(
    {**dict.fromkeys("tlLIi|!]", "1"), "S": "5", "B": "8", "G": "6", "Z": "2", "O": "0"}
)
# A footnote whose number line OCR lost (a smudge over "15.") must not swallow every
# footnote after it: a number up to this many past the next one starts a footnote, when
# it is printed as a number ("16.") and followed by the capital of a sentence.
_LOST_NOTES = 3


@dataclass
class _Open:
    number: int
    words: list[Word] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def regions_to_footnotes(pages: list[Page], regions: Regions, template: Template) -> FootnotesPart:
    part = FootnotesPart()
    try:
        _read(pages, regions, template, part)
    except Exception as exc:  # never lose the rest of the filing over the footnotes
        part.findings.append(stage_failed("footnotes", exc))
    return part


def footnote_rows(pages: Sequence[Page], regions: Regions, template: Template) -> list[Row]:
    """Value lines under "Explanation of Responses:", page after page, above any
    signature block that shares the region."""
    out: list[Row] = []
    spec = template.header
    blocks = [signature_rows(pages, r) for r in regions.of(RegionKind.SIGNATURE)]
    for region in regions.of(RegionKind.EXPLANATION):
        page = pages[region.page - 1]
        top = region.title.bottom if region.title else region.box.top
        cut = block_top(blocks, regions.of(RegionKind.SIGNATURE), page.number)
        bottom = min(region.box.bottom, cut) if cut is not None and cut > top else region.box.bottom
        area = Box(region.box.x0, top, region.box.x1, bottom)
        out += rows(w for w in within(page.words, area) if is_value(w, spec))
    return out


def _read(pages: list[Page], regions: Regions, template: Template, part: FootnotesPart) -> None:
    notes: list[_Open] = []
    for row in footnote_rows(pages, regions, template):
        ended = bool(notes) and notes[-1].lines[-1].rstrip().endswith(".")
        number = _number(row.words, notes[-1].number if notes else None, ended)
        if number is not None:
            notes.append(_Open(number, list(row.words[1:]), [_text(row.words[1:])]))
        elif notes:
            notes[-1].words += row.words
            notes[-1].lines.append(row.text)
        else:
            part.findings.append(_stray(row))
    fmt = template.markers.id_format
    seen = filing_words(pages) if any(w.source == "ocr" for n in notes for w in n.words) else None
    read = [join_lines(note.lines) for note in notes]
    texts = read
    if seen is not None:
        texts = phrases_alike([respelt(repaired_note(roman_items(t)), seen) for t in texts])
        texts = ranges_alike(texts)
    for note, raw, text in zip(notes, read, texts, strict=True):
        note_id = fmt.format(n=note.number)
        where = provenance(note.words)
        part.footnotes.append(Footnote(id=note_id, text=text, provenance=where))
        part.findings += prose_repaired(f"footnotes.{note_id}", raw, text, where)


def _number(words: Sequence[Word], last: int | None, ended: bool = False) -> int | None:
    """The footnote number the row's first word prints when it is the next in the count
    (after `last`; any number starts the count, a letter read for a "1" only the first),
    or on OCR a number a few notes further (see `_LOST_NOTES`), or the next one misread
    after a note that `ended` (see `_misread_next`)."""
    first = words[0]
    m = (_OCR_NUMBER if first.source == "ocr" else _NUMBER).match(first.text)
    if m is None:
        return None
    printed = m.group(1)
    digits = printed.translate(_AS_DIGIT)
    number = int(digits)
    if last is None:
        return number if digits == printed or number == 1 else None
    if number == last + 1:
        return number
    if _after_lost_notes(words, printed, number - last):
        return number
    return last + 1 if ended and _misread_next(words, printed, last + 1) else None


def _misread_next(words: Sequence[Word], printed: str, expected: int) -> bool:
    """An OCR row that starts the next footnote with its number misread ("6." or "12."
    for 8. and 13. in a grey 150 dpi scan): a number of as many digits and a full stop,
    then a sentence, on the line after one that ended a sentence (the caller's test).
    Otherwise the note was run into the one before, and the count went on past it."""
    if words[0].source != "ocr" or not printed.isdigit() or len(printed) != len(str(expected)):
        return False
    sentence = len(words) > 1 and words[1].text[:1].isupper()
    return words[0].text.endswith(".") and sentence


def _after_lost_notes(words: Sequence[Word], printed: str, step: int) -> bool:
    """An OCR row that starts a footnote past one whose number line was lost: digits and
    a full stop ("16."), then a sentence ("The ...")."""
    if words[0].source != "ocr" or not 1 < step <= 1 + _LOST_NOTES:
        return False
    sentence = len(words) > 1 and words[1].text[:1].isupper()
    return printed.isdigit() and words[0].text.endswith(".") and sentence


def _text(words: Sequence[Word]) -> str:
    return Row(tuple(words), 0.0, 0.0).text if words else ""


def _stray(row: Row) -> Finding:
    return Finding(
        code="footnotes.stray_text",
        severity=Severity.WARNING,
        message=f"text before the first numbered footnote: '{row.text[:60]}'",
        page=row.words[0].page,
        box=row.box.as_tuple(),
    )
