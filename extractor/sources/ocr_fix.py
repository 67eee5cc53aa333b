"""Domain-aware repair of OCR words before the layout stages see them.

The layout finds the form's regions by printed phrases ("Table I - Non-Derivative
Securities ..."); a misread numeral hides a whole table, and a footnote number read as
"1," instead of "1." merges two footnotes. Both are put back from what the form must
print there. Values are not touched here: they are checked where they are parsed,
against their own grammar, and a repair there is recorded as a finding.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from extractor.layout.text import within_edits
from extractor.model.geometry import Box, Word

# The word after "Table <numeral> -" tells the numeral; OCR may put up to this many
# tokens (numeral, dash, specks) in between.
_TITLE_WORDS = {"Non-Derivative": "I", "Derivative": "II"}
_TITLE_GAP = 4
# A footnote number whose full stop OCR read as a comma.
_ITEM_COMMA = re.compile(r"^\d{1,2},$")
# What OCR makes of the heading "V" printed beside "Code".
_V_MISREAD = {"Vv", "vV", "VV", "W", "v", "Y"}
# Two readings of one word: the smaller box is at least _REPEAT_SIZE of the larger's
# area and _REPEAT_COVER of it lies inside the larger.
_REPEAT_SIZE = 0.5
_REPEAT_COVER = 0.6
_BAND_PT = 8.0  # height of the bands words are looked up in (points)
# A lone digit among small letters, and the letter OCR took it for.
_LETTER_RUN = re.compile(r"[A-Za-z0-9]+")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_DIGIT_LETTER = {"1": "i", "0": "o"}
_SHORT_WORDS = {"in", "is", "it", "if", "of", "on", "or"}
# Specks OCR glues to a word's ends ("‘Table").
_JUNK = "'‘’`\"_.,;:|-~ "


def repair(texts: list[str]) -> list[str | None]:
    """For each word of a line (left to right), its repaired text, or None when it stays
    as read; "" drops a word (a speck inside a table title)."""
    out: list[str | None] = [None] * len(texts)
    if texts and _ITEM_COMMA.match(texts[0]):
        out[0] = texts[0][:-1] + "."
    for i, text in enumerate(texts):
        # one word's own misreadings; a title or heading repair made already wins
        fixed = roman_two(_letters_for_digits(text))
        if fixed != text and out[i] is None:
            out[i] = fixed
        if within_edits(text.strip(_JUNK), "Table", 1):
            _repair_title(texts, i, out)
        elif text == "Code" and i + 1 < len(texts) and texts[i + 1] in _V_MISREAD:
            out[i + 1] = "V"  # the column heading "Code | V"
    return out


def _letters_for_digits(text: str) -> str:
    """`text` with a "1" or "0" that starts a run of small letters read back as the
    letter it looks like ("Attorney-1n-Fact", "0f"): no word of small letters starts
    with a digit, but an ordinal ("1st") does, and a code ("10b5-1") holds more."""
    return _LETTER_RUN.sub(_lettered, text)


def _lettered(m: re.Match[str]) -> str:
    run = m.group(0)
    digits = [i for i, c in enumerate(run) if c.isdigit()]
    if len(digits) != 1 or _ORDINAL.match(run) or run[digits[0]] not in _DIGIT_LETTER:
        return run
    # at the start only: inside a word a "1" may be an "l" as well as an "i" ("a1so")
    if digits[0] != 0 or not run[1:].isalpha() or not run[1:].islower():
        return run
    word = _DIGIT_LETTER[run[0]] + run[1:]
    # a digit and one letter is often a real label ("1a"): only the common short words
    return word if len(word) > 2 or word in _SHORT_WORDS else run


def _repair_title(texts: list[str], at: int, out: list[str | None]) -> None:
    """The numeral of "Table I - Non-Derivative ..." / "Table II - Derivative ...".

    The title's words after the numeral tell which table it is, so whatever OCR made of
    the numeral and dash ("|", "1-", "Il", "Ne") is put back from them.
    """
    for j in range(at + 1, min(at + 1 + _TITLE_GAP, len(texts))):
        word = next((w for w in _TITLE_WORDS if within_edits(texts[j], w, 2)), None)
        if word is not None:
            if j == at + 1:
                return  # no numeral printed: not a table title
            numeral = _TITLE_WORDS[word]
            if texts[at + 1 : j] != [numeral, "-"]:
                out[at + 1 : j] = [f"{numeral} -", *[""] * (j - at - 2)]
            return


def without_repeats(words: Sequence[Word]) -> list[Word]:
    """The words less second readings of the same ink: a word whose box mostly covers a
    word of about its size is one reading of it, and the more confident one is kept.

    A table cell whose border OCR sees broken is a white area reaching round its
    neighbours, and its bounding box (what is read) takes in their words too: every word
    of those cells comes twice ("Title Title of of Security Security"), and no header
    phrase matches.
    """
    ranked = sorted(words, key=lambda w: -w.confidence)
    kept: list[Word] = []
    # kept words by band of height on the page: a page has thousands of words, and
    # comparing each with every other cost more than reading them
    bands: dict[int, list[Word]] = {}
    for w in ranked:
        band = int(w.box.ymid // _BAND_PT)
        x0, x1 = w.box.x0, w.box.x1
        # only words it overlaps across can be the same ink: that test first, inline,
        # as the full one for every word of five bands was a tenth of a page's time
        near = (
            k
            for b in range(band - 2, band + 3)
            for k in bands.get(b, ())
            if k.box.x0 < x1 and k.box.x1 > x0
        )
        if not any(_same_ink(w.box, k.box) for k in near):
            kept.append(w)
            bands.setdefault(band, []).append(w)
    order = {id(w): i for i, w in enumerate(words)}
    return sorted(kept, key=lambda w: order[id(w)])


def _same_ink(a: Box, b: Box) -> bool:
    overlap = a.h_overlap(b) * a.v_overlap(b)
    small, large = sorted((a.width * a.height, b.width * b.height))
    return small > 0 and small >= _REPEAT_SIZE * large and overlap >= _REPEAT_COVER * small


# A dot this much of a word's height or less, in the top as much of the word, is a
# letter's dot.
_DOT_HEIGHT = 0.3
# A word of letters under this much of the page's median word height, and read with
# less than _DOUBTFUL confidence, is a stub of a rule or an underline read as letters.
_FLAT = 0.4
_DOUBTFUL = 0.6


def without_specks(words: Sequence[Word]) -> list[Word]:
    """The words less what OCR read apart from any word: the dot of an "i" boxed as a
    "." of its own inside the word ("Jane . Q."), and flat stubs of a rule read as letters
    ("ee" under a signature). A flat word read with confidence is kept: OCR sometimes
    boxes a real initial or numeral a point high."""
    if not words:
        return []
    heights = sorted(w.box.height for w in words)
    flat = _FLAT * heights[len(heights) // 2]
    bands: dict[int, list[Word]] = {}
    for w in words:
        bands.setdefault(int(w.box.ymid // _BAND_PT), []).append(w)
    return [
        w
        for w in words
        if not (w.box.height < flat and w.confidence < _DOUBTFUL) and not _letter_dot(w, bands)
    ]


def _letter_dot(w: Word, bands: dict[int, list[Word]]) -> bool:
    if any(c.isalnum() for c in w.text):
        return False
    band = int(w.box.ymid // _BAND_PT)
    near = (k for b in range(band - 1, band + 2) for k in bands.get(b, ()))
    return any(
        k is not w
        and k.box.x0 < w.box.xmid < k.box.x1
        and w.box.height <= _DOT_HEIGHT * k.box.height
        and k.box.top - 1 <= w.box.ymid <= k.box.top + _DOT_HEIGHT * k.box.height
        for k in near
    )


# A full stop or comma boxed as a word of its own belongs to the word before it when
# no further from it than this share of that word's height.
_STOP_GAP = 0.15
_STOPS = ".,"


def with_stops_attached(line: Sequence[Word]) -> list[Word]:
    """A line's words (left to right) with each full stop or comma that OCR read as a
    word of its own put at the end of the word it touches, or dropped when it stands
    apart: print sets a stop against its word, so one in the middle of a word gap is a
    speck ("by the . Securities"), and words are always spaced in the text ("Person .")."""
    out: list[Word] = []
    for w in line:
        if not w.text or w.text.strip(_STOPS):
            out.append(w)
            continue
        prev = out[-1] if out else None
        if prev is None or prev.text[-1:] in _STOPS or prev.source != "ocr":
            continue
        # past the word's end (a speck under a word, grouped into its line, is none)
        if w.box.xmid >= prev.box.x1 and w.box.x0 - prev.box.x1 <= _STOP_GAP * prev.box.height:
            box = Box.enclosing([prev.box, w.box])
            out[-1] = dataclasses.replace(prev, text=prev.text + w.text, box=box)
    return out


# The numeral "II" standing alone ("Fund II", "Example Fund II, LP"), as OCR reads its two
# upright bars: no word of a form's text is spelt so.
_TWO_BARS = re.compile(r"^(?!11|II)[Il1|!\]]{2}(?=[,.;:]?$)")


def roman_two(text: str) -> str:
    """'Il' -> 'II', 'l1,' -> 'II,'; any other text as it is ('11', 'If', 'Ill')."""
    return _TWO_BARS.sub("II", text)


def with_flat_words_aligned(words: Sequence[Word]) -> list[Word]:
    """The words with each flat word of letters (boxed a fraction of the text's height,
    as OCR boxes a word run into a rule under it: "Acme," 1 pt tall and a point low)
    given the box height, place and size of the word printed right beside it, so that
    it keeps its place in its line ("Inc. Acme," read for "Acme, Inc.")."""
    if not words:
        return []
    heights = sorted(w.box.height for w in words)
    median = heights[len(heights) // 2]
    return [_aligned(w, words, median) if _flat_letters(w, median) else w for w in words]


def _flat_letters(w: Word, median: float) -> bool:
    return w.box.height < _FLAT * median and sum(c.isalpha() for c in w.text) >= _FLAT_LETTERS


_FLAT_LETTERS = 3  # letters of a word whose flat box is a misplacement, not a rule's stub


def _aligned(w: Word, words: Sequence[Word], median: float) -> Word:
    """`w` boxed as the word beside it on either side (no overlap, a gap of a text
    height at most) whose band is nearest its middle, within one text height: OCR's flat
    box sits a point off its line, and a word of the next line may end just as near."""
    beside = [
        k
        for k in words
        if k is not w
        and not _flat_letters(k, median)
        and (0 <= k.box.x0 - w.box.x1 + 1 <= median or 0 <= w.box.x0 - k.box.x1 + 1 <= median)
        and k.box.top - median <= w.box.ymid <= k.box.bottom + median
    ]
    if not beside:
        return w
    k = min(beside, key=lambda k: (_off_band(w, k), max(k.box.x0 - w.box.x1, w.box.x0 - k.box.x1)))
    box = Box(w.box.x0, k.box.top, w.box.x1, k.box.bottom)
    return dataclasses.replace(w, box=box, size=k.size)


def _off_band(w: Word, k: Word) -> float:
    """How far the middle of `w` lies outside the band of `k` (0 inside it)."""
    return max(0.0, k.box.top - w.box.ymid, w.box.ymid - k.box.bottom)
