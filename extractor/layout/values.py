"""Printed values -> typed values, strictly: what does not read cleanly is not guessed.

EDGAR prints dates as MM/DD/YYYY and numbers with thousands separators, trailing zeros
dropped and prices prefixed with "$". A number whose digit grouping is wrong ("18,3654")
is more likely a misread decimal point than a big number, so it is refused (None) and the
caller keeps the raw text with a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TypeVar

from extractor.layout import ocr_names, ocr_prose, ocr_repair
from extractor.layout.markers import split_markers
from extractor.layout.rows import Cell
from extractor.model.filing import Fact, Provenance
from extractor.model.result import Finding, Severity

E = TypeVar("E", bound=Enum)
V = TypeVar("V")

_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Either plain digits or groups of three after a 1-3 digit head; optional fraction.
_NUMBER = re.compile(r"^-?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$")
_CURRENCY = "$"
# A price whose "$" OCR read as the letter S ("S27.45"). (Read as a digit, "50" for
# "$0", it is told by the glyph's shape while the cell is read: see cell_ocr.)
_DOLLAR_MISREAD = re.compile(r"^\s*[Ss](?:\d|[Oo](?:$|[\d.,]))")
# The code letter whose stem and bowl, bars lost, read as a marker's brackets.
_BOWL_LETTER = "D"
# One digit alone in a date cell (see `_digit_as_marker`).
_Date = date  # the type, which `CellReader.date` hides in its class
_LONE_DIGIT = re.compile(r"^\s*[1-9]\s*$")
# Two capitals and one stop, as a word of their own: "L.P." with its first stop lost.
_LOST_INITIAL_STOP = re.compile(r"(?<![\w.])([A-Z])([A-Z])\.(?=[\s,;)]|$)")


def parse_date(text: str) -> date | None:
    """'08/06/2013' -> date(2013, 8, 6); anything else (or an impossible date) -> None."""
    m = _DATE.match(text.strip())
    if m is None:
        return None
    month, day, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_decimal(text: str) -> Decimal | None:
    """'$18.3654' -> 18.3654, '10,000' -> 10000, '$ 0' -> 0; bad grouping -> None."""
    s = "".join(text.split())
    if s.startswith(_CURRENCY):
        s = s[1:]
    elif s.startswith("-" + _CURRENCY):
        s = "-" + s[2:]
    if not s or not any(c.isdigit() for c in s) or _NUMBER.match(s) is None:
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


# What OCR makes of a lone stroke: a speck or the remnant of a cell's rule.
_STROKES = frozenset({"I", "l", "|", "1", "!", "i", "-", ".", "'"})


class CellReader:
    """Turns cells into Facts, collecting a finding for every cell that does not parse.

    What does not parse keeps its printed text in `Fact.raw`, never a guess.
    """

    def __init__(self, where: str) -> None:
        self.where = where  # e.g. "Table I row 3", for findings
        self.findings: list[Finding] = []

    def text(self, cell: Cell | None) -> Fact[str]:
        if cell is None:
            return Fact[str]()
        return Fact[str](
            value=cell.text or None, footnote_ids=list(cell.footnote_ids), provenance=_prov(cell)
        )

    def name(self, cell: Cell | None, name: str) -> Fact[str]:
        """A name printed in a cell (the nature of ownership: a fund, a trust); read by
        OCR, two capitals with one stop after them ("LP.") get the stop between them
        that OCR lost where it touched the first letter ("L.P."), with a finding. A
        cell's name is no sentence, so that stop is no full stop. One stroke read alone
        ("I", "l", "|") is no name but a speck or a rule's remnant: dropped, with a
        finding. The marks a fax adds at a name's edges go too (see `ocr_names`)."""
        if cell is not None and cell.source == "ocr" and cell.text.strip() in _STROKES:
            self._corrected(cell, name, "", "a name, not one stroke")
            return Fact[str](footnote_ids=list(cell.footnote_ids), provenance=_prov(cell))
        return self._reread(cell, name, _initials_stopped, "a name's initials and edges")

    def title(self, cell: Cell | None, name: str) -> Fact[str]:
        """A security title; read by OCR, its garbled vocabulary words are put back
        (see `ocr_repair.title_reading`), with a finding."""
        return self._reread(cell, name, ocr_repair.title_reading, "the words of a security title")

    def _reread(
        self, cell: Cell | None, name: str, reading_of: Callable[[str], str], what: str
    ) -> Fact[str]:
        """The text of a cell; read by OCR, as `reading_of` repairs it, with a finding
        when that changes it."""
        fact = self.text(cell)
        if cell is None or cell.source != "ocr" or not cell.text:
            return fact
        reading = reading_of(cell.text)
        if reading == cell.text:
            return fact
        self._corrected(cell, name, reading, what)
        return Fact[str](value=reading, footnote_ids=fact.footnote_ids, provenance=fact.provenance)

    def date(self, cell: Cell | None, name: str) -> Fact[date]:
        what = "a date (MM/DD/YYYY)"
        if cell is not None and cell.source == "ocr" and _LONE_DIGIT.match(cell.text):
            return self._digit_as_marker(cell, name)
        return self._parsed(cell, name, parse_date, what, ocr_repair.date_readings)

    def _digit_as_marker(self, cell: Cell, name: str) -> Fact[_Date]:
        """A date cell holding one digit and nothing else: a marker whose brackets the
        scan lost ("(3)" read "8"), as no date is one digit and a date cell with no date
        carries a marker; its id is put back to a defined one later (known_markers)."""
        _, ids = split_markers(f"({cell.text.strip()})")
        self._corrected(cell, name, f"({cell.text.strip()})", "a marker, its brackets lost")
        return Fact[_Date](footnote_ids=[*cell.footnote_ids, *ids], provenance=_prov(cell))

    def decimal(self, cell: Cell | None, name: str) -> Fact[Decimal]:
        return self._parsed(cell, name, parse_decimal, "a number", ocr_repair.number_readings)

    def money(self, cell: Cell | None, name: str) -> Fact[Decimal]:
        """A price: printed with "$"; an OCR'd price whose "$" was read as "S" is
        taken with the "$", with a finding."""
        if cell is not None and cell.source == "ocr" and _DOLLAR_MISREAD.match(cell.text):
            reading = "$" + cell.text.strip()[1:]
            value = parse_decimal(reading)
            if value is None:  # "sO" for "$0": the digits read as letters too
                reading = "$" + next(iter(ocr_repair.number_readings(reading[1:])), "")
                value = parse_decimal(reading)
            if value is not None:
                self._corrected(cell, name, reading, "a price, printed with '$'")
                ids, prov = list(cell.footnote_ids), _prov(cell)
                return Fact[Decimal](value=value, footnote_ids=ids, provenance=prov)
        return self.decimal(cell, name)

    def code(self, cell: Cell | None, name: str, kind: type[E]) -> Fact[E]:
        def parse(text: str) -> E | None:
            try:
                return kind(text.strip())
            except ValueError:
                return None

        what = f"one of {', '.join(k.value for k in kind)}"
        bowl = self._d_as_marker(cell, name, kind)
        return (
            bowl
            if bowl is not None
            else self._parsed(cell, name, parse, what, ocr_repair.code_readings)
        )

    def _d_as_marker(self, cell: Cell | None, name: str, kind: type[E]) -> Fact[E] | None:
        """A code "D" read by OCR as one marker and no letter, with a finding; else None.

        A fax loses the thin bars of a "D": its stem and bowl are left, which OCR reads
        as the brackets of a marker round a digit ("(1)", "I)"). A code cell holding one
        marker and no code cannot be: the code is required and a marker follows it."""
        if cell is None or cell.source != "ocr" or cell.text.strip():
            return None
        letter = next((k for k in kind if k.value == _BOWL_LETTER), None)
        if letter is None or len(cell.footnote_ids) != 1:
            return None
        self._corrected(cell, name, _BOWL_LETTER, "a code, its bars lost: no marker")
        return Fact[E](value=letter, provenance=_prov(cell))

    def _parsed(
        self,
        cell: Cell | None,
        name: str,
        parse: Callable[[str], V | None],
        what: str,
        readings: Callable[[str], list[str]],
    ) -> Fact[V]:
        if cell is None:
            return Fact[V]()
        ids, prov = list(cell.footnote_ids), _prov(cell)
        if not cell.text:
            return Fact[V](footnote_ids=ids, provenance=prov)
        value = parse(cell.text)
        if value is None and cell.source == "ocr":
            value = self._repaired(cell, name, parse, what, readings)
        if value is None:
            self.unreadable(cell, name, what)
            return Fact[V](footnote_ids=ids, raw=cell.text, provenance=prov)
        return Fact[V](value=value, footnote_ids=ids, provenance=prov)

    def _repaired(
        self,
        cell: Cell,
        name: str,
        parse: Callable[[str], V | None],
        what: str,
        readings: Callable[[str], list[str]],
    ) -> V | None:
        """The first other reading of an OCR'd value that parses (see ocr_repair), with a
        finding that names the text as read and the value taken."""
        found = ocr_repair.first_parsed(cell.text, readings, parse)
        if found is None:
            return None
        self._corrected(cell, name, found[0], what)
        return found[1]

    def _corrected(self, cell: Cell, name: str, reading: str, what: str) -> None:
        box = cell.box.as_tuple() if cell.box else None
        found = ocr_repair.corrected(name, cell.text, reading, what, cell.page, box, self.where)
        self.findings.append(found)

    def v_mark(self, cell: Cell | None) -> bool:
        """Whether a V column cell holds its "V" (a Form 5 transaction). OCR reads a lone
        "V" in lower case, the case of one glyph being its size alone: taken, with a
        finding. Other text gets a finding and counts as no V."""
        if cell is None or not cell.text:
            return False
        if cell.text == "V":
            return True
        if cell.source == "ocr" and cell.text.strip(ocr_repair.CODE_SPECKS).upper() == "V":
            self._corrected(cell, "V column", "V", "'V' or empty")
            return True
        self.unreadable(cell, "V column", "'V' or empty")
        return False

    def unreadable(self, cell: Cell, name: str, what: str) -> None:
        self.findings.append(
            Finding(
                code="table.value_unreadable",
                severity=Severity.WARNING,
                message=f"{self.where}, {name}: {cell.text!r} is not {what}; kept as printed",
                path=name,
                page=cell.page,
                box=cell.box.as_tuple() if cell.box else None,
            )
        )


def _initials_stopped(text: str) -> str:
    text = _LOST_INITIAL_STOP.sub(r"\1.\2.", ocr_names.repaired_name(text))
    for _ in range(_END_SPECKS):  # each pass takes the last speck off
        text = _NAME_END_SPECK.sub("", text)
    text = text.replace(";", ",")  # a name holds no semicolon
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip()  # a marker's bracket left over: a name closes no other
    text = ocr_prose.roman_numerals(text)
    return _ROMAN_TWO.sub(lambda m: m.group(1) + "I" * len(m.group(2)), text)


# A quote mark after a name's last letter, or two marks or a lone quote or sign after it
# ("See footnote *?"): specks or a marker misread (a possessive ends in "s'", and a
# name in a cell opens no quotation it does not close).
_NAME_END_SPECK = re.compile(
    r"(?:(?<=[A-Za-rt-z])['‘’`]|\s*['‘’`\"“”*?!~^°]{2,}|\s+['‘’`\"“”*?!~^°]+)(?=\s*$)"
)
# ... or several, apart ("Trust' '"): taken off one by one, this many at most.
_END_SPECKS = 3
# A name's last word of two or three bars ("Fund il", "Fund lI") after a capitalised
# word: the numeral "II" or "III" (no word is spelt so).
_ROMAN_TWO = re.compile(r"(\b[A-Z][a-z]+ )([Iil1|]{2,3})$")


def _prov(cell: Cell) -> Provenance | None:
    if cell.box is None:
        return None
    return Provenance(
        page=cell.page, box=cell.box.as_tuple(), source=cell.source, confidence=cell.confidence
    )
