"""Street words of an address line as a fax reads them, put back.

A street line ends its street name with a suffix and goes on with a unit ("2 OAK
STREET, SUITE 4", "BUILDING D, 5TH FLOOR"): a small fixed vocabulary (the USPS's
street suffixes and unit designators, written in full). On a one-bit page OCR drops,
adds or swaps a letter of them ("SIREET", "FILOOR", "SUTIE") and reads the "T" of an
ordinal as a bar ("51H" for "5TH"). A word of capitals that is no English word and is
one slip from exactly one such word is that word; a name word is never touched, as it
is either English ("TOWERS", "CENTRE") or no slip from the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Container

from extractor.layout.text import within_edits

_STREET_VOCABULARY = (
    *("STREET", "AVENUE", "DRIVE", "BOULEVARD", "PLACE", "COURT", "PLAZA", "PARKWAY"),
    *("HIGHWAY", "SQUARE", "CIRCLE", "TERRACE", "CENTER", "TOWER"),
    *("SUITE", "FLOOR", "BUILDING"),
)
# Shorter words have too many neighbours ("ROAD": "ROAN", "LOAD") to tell.
_MIN_LETTERS = 5
_CAPITALS = re.compile(r"(?<![\w'-])[A-Z]{4,10}(?![\w'-])")
# An ordinal whose "T" read as a bar: "51H" for "5TH"; or a bar read beside it, "51TH".
_BAR_ORDINAL = re.compile(r"(?<![\w-])(\d{1,3})[1lI|](T?)H(?![\w-])")


def street_words(line: str, lexicon: Container[str]) -> str:
    """`line` with its misread street words and ordinals put back (see the module)."""
    line = _BAR_ORDINAL.sub(_ordinal, line)
    return _CAPITALS.sub(lambda m: _street_word(m.group(0), lexicon), line)


def _street_word(word: str, lexicon: Container[str]) -> str:
    if len(word) < _MIN_LETTERS - 1 or word in _STREET_VOCABULARY:
        return word
    if word.lower() in lexicon:
        return word
    near = [v for v in _STREET_VOCABULARY if _one_slip(word, v)]
    return near[0] if len(near) == 1 else word


def _one_slip(read: str, word: str) -> bool:
    """One letter changed, added or lost, or two next to each other swapped."""
    if len(word) < _MIN_LETTERS:
        return False
    if within_edits(read, word, 1):
        return True
    if len(read) != len(word):
        return False
    diff = [i for i, (a, b) in enumerate(zip(read, word, strict=True)) if a != b]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and read[diff[0]] == word[diff[1]]
        and (read[diff[1]] == word[diff[0]])
    )


def _ordinal(m: re.Match[str]) -> str:
    """ "5TH" for "51H" or "51TH", when "TH" is the ending the number takes; "11TH",
    "21ST" and the like read right are left, as their ending agrees already."""
    digits, t = m.group(1), m.group(2)
    whole = m.group(0)
    if t and _ending(int(whole[: -len("TH")])) == "TH":
        return whole  # "11TH", "111TH": a real ordinal
    return digits + "TH" if _ending(int(digits)) == "TH" else whole


def _ending(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "TH"
    return {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
