"""The form's own printed wording, known in advance (the template's `printed` phrases).

Most of what a scanned form makes OCR read is the form's fixed wording: its title
block, the labels of the header boxes, the column headers of the tables. Tesseract's
time grows with the characters it reads, and a fax garbles small bold labels past
recognition. A run of words the form prints is told instead from its word count
(measured from the gaps in the ink) and its first and last words read by OCR: when
exactly one stretch of the printed wording has that many words and begins and ends
with those, the run is that stretch, word for word (see cell_ocr).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# A read word this alike to a printed one (letters in common over both lengths) is that
# word, when the printed word is at least _TOLERANT_LENGTH characters long; shorter
# words ("2.", "of", "(A)") must read exactly.
_ALIKE = 0.75
_TOLERANT_LENGTH = 4
_STROKE_RUN = re.compile(r"[il1|!]+")


@dataclass(frozen=True, slots=True)
class Wording:
    """The printed phrases, each as its words."""

    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, phrases: Sequence[str]) -> Wording:
        return cls(tuple(tuple(p.split()) for p in phrases if p.split()))

    def opens(self, first: Sequence[str], count: int, whole: bool) -> bool:
        """Whether some stretch of `count` printed words begins with the words `first`."""
        return bool(self.opened(first, count, whole))

    def opened(self, first: Sequence[str], count: int, whole: bool) -> set[tuple[str, ...]]:
        """The stretches of `count` printed words that begin with the words `first`.
        `whole`: a stretch must be a whole phrase (a cell that holds nothing else), else
        it may be any part of one (a line of a wrapped phrase)."""
        return {
            phrase[i : i + count]
            for phrase in self.phrases
            for i in _starts(phrase, count, whole)
            if _alike_all(first, phrase[i : i + len(first)])
        }

    def stretch(self, first: Sequence[str], last: str, count: int, whole: bool) -> list[str] | None:
        """The printed words of the one stretch of `count` words that begins with the
        words `first` and ends with `last` (see `ending`)."""
        return ending(self.opened(first, count, whole), last)


def ending(stretches: set[tuple[str, ...]], last: str) -> list[str] | None:
    """The one stretch of `stretches` that ends with the word `last`, or None when none
    or several (with other words) do.

    Upright strokes are not told apart (see `alike`): "Table I - ... Owned" and
    "Table II - ... Owned" have as many words, and OCR may read "II" as "I" or "|";
    such a line is read whole."""
    found = {s for s in stretches if alike(last, s[-1])}
    return list(found.pop()) if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class PrintedForm:
    """What the template tells the OCR of a scanned form: its printed wording, and the
    phrases of the line below which the form prints only fixed notices (nothing below
    it is read)."""

    wording: Wording = Wording(())
    page_end: tuple[str, ...] = ()


# A form the OCR knows nothing of: every word is read.
UNKNOWN_FORM = PrintedForm()


def _starts(phrase: tuple[str, ...], count: int, whole: bool) -> range:
    if whole:
        return range(1) if len(phrase) == count else range(0)
    return range(len(phrase) - count + 1)


def _alike_all(read: Sequence[str], printed: Sequence[str]) -> bool:
    return len(read) == len(printed) and all(map(alike, read, printed))


def alike(read: str, printed: str) -> bool:
    """Whether OCR's `read` may be the printed word `printed`, a letter or two off when
    the word is long enough for that to be told apart. Upright strokes (I, l, 1, |)
    and runs of them are one letter to compare: OCR reads the "I" of "Table I" as "|"
    and may read "II" as "I", so words differing only there are not told apart."""
    a, b = _folded(read), _folded(printed)
    if a == b:
        return True
    if len(b) < _TOLERANT_LENGTH or 2 * min(len(a), len(b)) < _ALIKE * (len(a) + len(b)):
        return False  # the second: the ratio's upper bound, from the lengths alone
    # every read word is held against every printed one: the cheap upper bound first
    match = SequenceMatcher(None, a, b, autojunk=False)
    return match.quick_ratio() >= _ALIKE and match.ratio() >= _ALIKE


@functools.lru_cache(maxsize=4096)
def _folded(word: str) -> str:
    """`word` as `alike` compares it. Memoised: the printed words are the same few
    hundred on every page, each held against every word read."""
    return _STROKE_RUN.sub("i", word.casefold())
