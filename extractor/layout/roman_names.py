"""Roman numerals of names put back where OCR read their strokes as other glyphs.

Funds and partnerships carry roman numerals ("Zorb Partners II, L.P."), and a filing
prints such a name again and again: in the owners' names, the notes, the remarks and
the signatures. OCR now and then reads the two upright strokes of a small "II" as
"11", "If", "ff", "[1" or "H" (on the harder scans, one filing's "II" came out so in a
signature, a note, the remarks and an owner's name). A reading of such strokes after a
word that the filing's words follow mostly by the roman numeral of as many strokes is
that numeral. A reading that is a numeral itself ("I" for "II", "XI" for "XII") is
left: names count up ("Fund I" and "Fund II" in one filing; 30 of the corpus's filings
print one word before two numerals), and a stroke lost cannot be told from the name's
own number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from extractor.layout import ocr_repair
from extractor.model.filing import Fact, Filing, Footnote
from extractor.model.geometry import Page
from extractor.model.result import Finding

# A roman numeral as names print them (up to 39); "I" alone only after a capital word.
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
# Upright strokes read for a numeral's "I"s: each counts one stroke; "H" and "LL" are
# two strokes run together at the middle and at the foot.
_STROKES = re.compile(r"[1lI|!\[\]f]{2,3}|H|LL")
_TWO_STROKES = frozenset({"H", "LL"})
# A word and the reading after it, up to the marks that may close a name.
_AFTER_WORD = re.compile(r"(?<![\w'’])([A-Z][\w'’.&-]*) (\S+?)(?=[,.;:)\"”']*(?:\s|$))")
# The numeral must follow the word at least this many times, and this many times as
# often as any other numeral (a misreading of it counts as one).
_SEEN = 2
_DOMINANT = 2
_MARKS = ",.;:)\"”'"
_WHY = "the roman numeral the filing prints after the same word"


def numerals_after(pages: Sequence[Page]) -> dict[str, Counter[str]]:
    """For each word of the filing's pages, the roman numerals printed right after it
    (with the times each is), from the words in the order they were read."""
    return numerals_in(w.text for p in pages for w in p.words)


def numerals_in(words: Iterable[str]) -> dict[str, Counter[str]]:
    """As `numerals_after`, from word texts in reading order."""
    out: dict[str, Counter[str]] = {}
    before = ""
    for word in words:
        numeral = word.rstrip(_MARKS)
        if before[:1].isupper() and _ROMAN.match(numeral):
            out.setdefault(before, Counter())[numeral] += 1
        before = word
    return out


def restored(text: str, after: dict[str, Counter[str]]) -> str:
    """`text` with each reading of upright strokes after a word put back as the roman
    numeral the filing prints after that word (see the module's docstring)."""

    def put_back(m: re.Match[str]) -> str:
        word, read = m.groups()
        numeral = _numeral_for(read, after.get(word))
        return m.group(0) if numeral is None else f"{word} {numeral}"

    return _AFTER_WORD.sub(put_back, text)


def _numeral_for(read: str, printed: Counter[str] | None) -> str | None:
    if printed is None or _ROMAN.match(read) or not _STROKES.fullmatch(read):
        return None
    numeral = "I" * (2 if read in _TWO_STROKES else len(read))
    count = printed[numeral]
    others = max((n for k, n in printed.items() if k != numeral), default=0)
    return numeral if count >= _SEEN and count >= _DOMINANT * others else None


def with_numerals_restored(filing: Filing, after: dict[str, Counter[str]]) -> list[Finding]:
    """The OCR'd names, natures, notes, remarks and signatures of `filing` with their
    roman numerals put back (see `restored`), in place; a finding for each change."""
    found: list[Finding] = []
    for i, owner in enumerate(filing.reporting_owners):
        owner.name, f = _fact(owner.name, f"reporting_owners[{i}].name", after)
        found += f
    for row in filing.table_rows():
        nature = row.ownership.nature_of_ownership
        row.ownership.nature_of_ownership, f = _fact(nature, "nature of ownership", after)
        found += f
    filing.remarks, f = _fact(filing.remarks, "remarks", after)
    found += f
    for i, sig in enumerate(filing.signatures):
        sig.name, f = _fact(sig.name, f"signatures[{i}].name", after)
        found += f
    filing.footnotes = [_note(note, after, found) for note in filing.footnotes]
    return found


def _fact(
    fact: Fact[str], path: str, after: dict[str, Counter[str]]
) -> tuple[Fact[str], list[Finding]]:
    return ocr_repair.text_repaired(fact, path, lambda text: restored(text, after), _WHY)


def _note(note: Footnote, after: dict[str, Counter[str]], found: list[Finding]) -> Footnote:
    prov = note.provenance
    if prov is None or prov.source != "ocr":
        return note
    text = restored(note.text, after)
    if text == note.text:
        return note
    found.append(
        ocr_repair.corrected(f"footnotes.{note.id}", note.text, text, _WHY, prov.page, prov.box)
    )
    return note.model_copy(update={"text": text})
