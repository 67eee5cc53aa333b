"""Remarks and signatures: the text under "Remarks:" and the names and dates above
"** Signature of Reporting Person".

Signatures print in a column that starts at the caption and dates over the "Date"
caption beside it; reading upwards from the caption, the signature block ends at the
first line that reaches left of that column (the last remarks or footnote line). Several
signatures print one under another; a long name wraps at a tighter pitch than the gap
between two signatures, and each signature has one date, printed beside its name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from extractor.layout.boxtext import (
    Row,
    find_label,
    is_value,
    provenance,
    roman_items,
    rows,
    text_fact,
    within,
)
from extractor.layout.ocr_prose import filing_words, repaired_signature, repaired_words, respelt
from extractor.layout.ocr_repair import corrected, prose_repaired
from extractor.layout.owners import split_fields
from extractor.layout.regions import Region, RegionKind, Regions
from extractor.layout.signature_ocr import conformed_signature
from extractor.layout.template import HeaderSpec
from extractor.layout.values import parse_date
from extractor.model.filing import Fact, Signature
from extractor.model.geometry import Box, Page, Word
from extractor.model.result import Finding, Severity


def signature_rows(pages: Sequence[Page], region: Region) -> list[Row]:
    """Lines of the signature block above the caption, top to bottom.

    A page break may fall between the signatures and their caption: when nothing of the
    block prints above the caption, it is read from the bottom of the page before.
    """
    caption = region.title
    if caption is None:
        return []
    page = pages[region.page - 1]
    left = _column_left(page, caption) - 3
    block = _block_above(page, Box(region.box.x0, region.box.top, region.box.x1, caption.top), left)
    if not block and region.page > 1:
        prev = pages[region.page - 2]
        block = _block_above(prev, Box(0, 0, prev.width, prev.height), left)
    return block


def _block_above(page: Page, area: Box, left: float) -> list[Row]:
    """Reading up from the bottom of `area`, the lines that stay right of `left`."""
    block: list[Row] = []
    for row in reversed(rows(within(page.words, area))):
        if row.box.x0 < left:
            break
        block.append(row)
    return block[::-1]


def block_top(
    blocks: Sequence[Sequence[Row]], captions: Sequence[Region], page: int
) -> float | None:
    """Top of the signature block on `page`: its first line, or the caption itself when
    the signatures printed at the bottom of the page before."""
    tops = [r.top for b in blocks for r in b if r.words[0].page == page]
    tops += [c.title.top for c in captions if c.page == page and c.title is not None]
    return min(tops) if tops else None


def _column_left(page: Page, caption: Box) -> float:
    """Where the caption's line starts: its "**" prefix is not part of the matched phrase.
    OCR may lose the pale "**" (a fax): the column then starts a prefix's width left of
    the caption, else the signature's lines, which start there, ended the block."""
    line = Box(caption.x0 - 2 * caption.height, caption.top, caption.x0, caption.bottom)
    prefix = [w.box.x0 for w in within(page.words, line) if w.box.x1 <= caption.x0 + 1]
    return min(prefix, default=caption.x0 - _PREFIX_WIDTH * caption.height)


# The width of the caption's "** " prefix, in the caption's heights.
_PREFIX_WIDTH = 1.2


def read_signatures(
    pages: Sequence[Page], regions: Regions, spec: HeaderSpec
) -> tuple[list[Signature], list[Finding]]:
    signatures: list[Signature] = []
    findings: list[Finding] = []
    for region in regions.of(RegionKind.SIGNATURE):
        page = pages[region.page - 1]
        block = signature_rows(pages, region)
        got, more = _signatures(page, region, block, spec)
        signatures += got
        findings += more
    return signatures, findings


def _signatures(
    page: Page, region: Region, block: list[Row], spec: HeaderSpec
) -> tuple[list[Signature], list[Finding]]:
    assert region.title is not None
    words = [w for r in block for w in r.words if is_value(w, spec)]
    beside = Box(region.title.x1, region.title.top - 2, page.width, region.title.bottom + 2)
    label = find_label(page.words, "signature_date", spec, beside)
    split = label.box.x0 - 3 if label else _misread_date_caption(page, beside)
    dates = sorted((w for w in words if w.box.x0 >= split and _dated(w)), key=lambda w: w.box.top)
    names = [w for w in words if w.box.x0 < split]
    groups = [[w for r in g for w in r.words] for g in split_fields(rows(names), spec)]
    if len(groups) != len(dates) and dates:
        groups = _by_nearest_date(names, dates)
    findings: list[Finding] = []
    out = []
    for i, group in enumerate(groups):
        when = _date_fact(dates[i], findings) if i < len(dates) else Fact[date]()
        out.append(Signature(name=_name_fact(group, findings), date=when))
    return out, findings


# A date prints eight digits and more. A speck OCR read beside a name that wraps
# towards the date column ("Attorney-in- 2") has a character or two, and counted as a
# second date it split one signature in two; a fax's specks read as letters, so an
# OCR date needs this many digits ("1/2/23" garbled to "12/23" keeps four).
_DATE_CHARACTERS = 3
_DATE_DIGITS = 4


def _dated(word: Word) -> bool:
    """Whether `word` may be (part of) a date in the date column, not a speck."""
    if word.source == "ocr":
        return sum(c.isdigit() for c in word.text) >= _DATE_DIGITS
    return sum(c.isalnum() for c in word.text) >= _DATE_CHARACTERS


def _misread_date_caption(page: Page, beside: Box) -> float:
    """Where the "Date" caption starts when OCR misread it ("Daie", "Deter"): the caption
    line prints nothing else right of "Signature of Reporting Person", so an OCR word
    there is that caption. Else the page's right edge (no date column)."""
    there = [w for w in within(page.words, beside) if w.source == "ocr"]
    return min(w.box.x0 for w in there) - 3 if there else page.width


def _name_fact(words: Sequence[Word], findings: list[Finding]) -> Fact[str]:
    fact = text_fact(words)
    if not fact.value or not any(w.source == "ocr" for w in words):
        return fact
    repaired = repaired_signature(fact.value)
    value, repairs = conformed_signature(repaired)
    where = fact.provenance
    findings += prose_repaired("signatures", fact.value, repaired, where)
    for r in repairs:
        box = where.box if where else None
        page = where.page if where else None
        findings.append(corrected("signatures", r.read, r.taken, r.why, page, box))
    return fact.model_copy(update={"value": value})


def _by_nearest_date(names: list[Word], dates: list[Word]) -> list[list[Word]]:
    groups: list[list[Word]] = [[] for _ in dates]
    for w in names:
        i = min(range(len(dates)), key=lambda k: abs(dates[k].box.ymid - w.box.ymid))
        groups[i].append(w)
    return groups


def _date_fact(word: Word, findings: list[Finding]) -> Fact[date]:
    got = parse_date(word.text)
    prov = provenance([word])
    if got is None:
        findings.append(
            Finding(
                code="header.unparsed",
                severity=Severity.WARNING,
                message=f"signature date '{word.text}' is not a date (MM/DD/YYYY)",
                path="signatures",
                page=word.page,
                box=word.box.as_tuple(),
            )
        )
        return Fact(raw=word.text, provenance=prov)
    return Fact(value=got, provenance=prov)


def read_remarks(
    pages: Sequence[Page], regions: Regions, spec: HeaderSpec
) -> tuple[Fact[str], list[Finding]]:
    """Remarks text across pages, stopping at the signature block on each page."""
    words: list[Word] = []
    blocks = [signature_rows(pages, r) for r in regions.of(RegionKind.SIGNATURE)]
    for region in regions.of(RegionKind.REMARKS):
        page = pages[region.page - 1]
        top = region.title.bottom if region.title else region.box.top
        cut = block_top(blocks, regions.of(RegionKind.SIGNATURE), page.number)
        bottom = min(region.box.bottom, cut) if cut is not None and cut > top else region.box.bottom
        area = Box(region.box.x0, top, region.box.x1, bottom)
        words += [w for w in within(page.words, area) if is_value(w, spec)]
    if not words:
        return Fact(), []
    per_page: dict[int, list[Word]] = {}
    for w in words:
        per_page.setdefault(w.page, []).append(w)
    texts = [text_fact(ws) for ws in per_page.values()]
    read = " ".join(t.value for t in texts if t.value)
    where = texts[0].provenance
    if not any(w.source == "ocr" for w in words):
        return Fact(value=read, provenance=where), []
    value = respelt(repaired_words(roman_items(read)), filing_words(pages))
    return Fact(value=value, provenance=where), prose_repaired("remarks", read, value, where)
