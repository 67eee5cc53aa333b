"""Text helpers shared by the layout stages: folding, lines, and phrase search.

A phrase is found as a run of consecutive words in reading order (line by line, left to
right) whose folded tokens equal the phrase's tokens. Folding drops case, column numbers
("2A."), instruction notes ("(Instr. 3)") and punctuation at token ends, so a reworded
line break or a renumbered column still matches.

`PhraseIndex` folds a page once and answers many phrase look-ups: region cutting asks
for a dozen phrases per page, and re-reading the page for each was the slow part.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractor.model.geometry import Box, Page, Word

_INSTR = re.compile(r"\(\s*instr\.?[^)]*\)", re.I)
_COLUMN_NUMBER = re.compile(r"^\d+[a-z]?\.$", re.I)
# OCR reads a ruling line that crosses a title's line as dashes, equals signs and
# underscores set between its words ("Table - I - Non-Derivative = Securities"); on an
# OCR page such tokens are no wording, in the page or in the phrase ("Table I - ...").
_RULE_TOKEN = re.compile(r"^[-‐–—=_~]+$")
# OCR tokens of at least _FUZZY_MIN letters may be one letter off a phrase token and
# still match it; longer than _FUZZY_LONG, two letters.
_FUZZY_MIN = 4
_FUZZY_LONG = 6
# An OCR'd phrase of this many tokens or more may lack one inner word.
_SKIP_MIN = 6


# Dashes of every width are one: the SEC's own paper form titles its tables with an em
# dash ("Table I — Non-Derivative ...") where EDGAR prints a hyphen.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def fold(text: str) -> str:
    """Lower-case, no instruction notes, dashes as hyphens, single spaces."""
    return " ".join(_INSTR.sub(" ", text).lower().translate(_DASHES).split())


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    out = []
    for tok in fold(text).split():
        if _COLUMN_NUMBER.match(tok):
            continue
        tok = tok.strip(".,:;*")
        if tok:
            out.append(tok)
    return tuple(out)


def phrase_tokens(text: str) -> list[str]:
    """Tokens of a phrase as matched: folded, column numbers dropped, edge punctuation off."""
    return list(_tokens(text))


def group_lines(words: Iterable[Word], tolerance: float = 2.0) -> list[list[Word]]:
    """Words grouped into lines by their vertical middle, each line left to right.

    Superscripts sit higher than their line; they join the line whose band they overlap.
    A line's band is set by its largest words, so a superscript does not widen it.
    """
    lines: list[list[Word]] = []
    bands: list[list[float]] = []  # top, bottom, largest size
    for w in sorted(words, key=lambda w: (w.box.bottom, w.box.x0)):
        mid = w.box.ymid
        # words come sorted by bottom, so the matching band is nearly always a recent one
        for i in range(len(bands) - 1, max(-1, len(bands) - 6), -1):
            band = bands[i]
            if band[0] - tolerance <= mid <= band[1] + tolerance:
                lines[i].append(w)
                if w.size >= band[2]:
                    band[0], band[1] = min(band[0], w.box.top), max(band[1], w.box.bottom)
                    band[2] = w.size
                break
        else:
            lines.append([w])
            bands.append([w.box.top, w.box.bottom, w.size])
    for line in lines:
        line.sort(key=lambda w: w.box.x0)
    lines.sort(key=lambda line: min(w.box.top for w in line))
    return lines


def line_text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


@dataclass(frozen=True, slots=True)
class PhraseHit:
    page: int
    box: Box
    words: tuple[Word, ...]


class PhraseIndex:
    """The folded tokens of some words in reading order, for repeated phrase search."""

    def __init__(self, words: Sequence[Word]) -> None:
        ordered = [w for line in group_lines(words) for w in line]
        self._ocr = any(w.source == "ocr" for w in ordered)
        tokens = [(t, w) for w in ordered for t in _tokens(w.text)]
        self._tokens = [(t, w) for t, w in tokens if not (self._ocr and _RULE_TOKEN.match(t))]
        self._starts: dict[str, list[int]] = {}
        for i, (t, _) in enumerate(self._tokens):
            self._starts.setdefault(t, []).append(i)

    def find(self, phrase: str, within: Box | None = None) -> list[PhraseHit]:
        """Every place the phrase is printed (wholly inside `within` when given)."""
        target = _tokens(phrase)
        if self._ocr:
            target = tuple(t for t in target if not _RULE_TOKEN.match(t))
        if not target:
            return []
        hits = []
        for i in self._starts_of(target[0]):
            run = self._run(i, target)
            if run is None:
                continue
            ws = tuple(dict.fromkeys(w for _, w in run))
            if within is not None and not all(
                within.contains_point(w.box.xmid, w.box.ymid) for w in ws
            ):
                continue
            hits.append(PhraseHit(ws[0].page, Box.enclosing([w.box for w in ws]), ws))
        return hits

    def _run(self, start: int, target: tuple[str, ...]) -> list[tuple[str, Word]] | None:
        """The tokens from `start` that print `target`, or None.

        On an OCR page a long phrase may miss one word (OCR dropped a faint or broken
        word) or misread one a letter beyond the tolerance ("GQwned", "of" for "or"): a
        phrase of _SKIP_MIN tokens or more matches with one inner token absent, or one
        token after the first a letter further off. That letter never turns one title
        of the form into another ("Table I - Derivative" is no "Table I - Non-Derivative").
        """
        n = len(target)
        run = self._tokens[start : start + n]
        if len(run) == n and all(_same(run[k], target[k]) for k in range(n)):
            return run
        if not self._ocr or n < _SKIP_MIN:
            return None
        if len(run) == n and _one_letter_further(run, target):
            return run
        run = self._tokens[start : start + n - 1]
        if len(run) < n - 1:
            return None
        for skip in range(1, n - 1):
            rest = target[:skip] + target[skip + 1 :]
            if all(_same(run[k], rest[k]) for k in range(n - 1)):
                return run
        return self._run_past_speck(start, target)

    def _run_past_speck(self, start: int, target: tuple[str, ...]) -> list[tuple[str, Word]] | None:
        """The tokens from `start` that print a long `target` with one inner token more:
        a speck or a rule's stub OCR read as a word of its own ("Beneficially oo Owned")."""
        n = len(target)
        run = self._tokens[start : start + n + 1]
        if len(run) < n + 1:
            return None
        for extra in range(1, n):
            rest = run[:extra] + run[extra + 1 :]
            if all(_same(rest[k], target[k]) for k in range(n)):
                return rest
        return None

    def _starts_of(self, token: str) -> list[int]:
        """Where a phrase starting with `token` may start (any OCR word might misspell it)."""
        exact = self._starts.get(token, [])
        if not self._ocr:
            return exact
        return [i for i, (t, w) in enumerate(self._tokens) if _same((t, w), token)]

    def first(self, phrases: Sequence[str], within: Box | None = None) -> PhraseHit | None:
        """The top-most hit of any of the phrases."""
        hits = [h for p in phrases for h in self.find(p, within)]
        return min(hits, key=lambda h: (h.box.top, h.box.x0)) if hits else None


def find_phrase(
    words: Sequence[Word], phrase: str, *, within: Box | None = None
) -> list[PhraseHit]:
    """Every place the phrase is printed, in reading order (words of one page)."""
    pool = [w for w in words if within is None or within.contains_point(w.box.xmid, w.box.ymid)]
    return PhraseIndex(pool).find(phrase)


def find_first(page: Page, phrases: Sequence[str], within: Box | None = None) -> PhraseHit | None:
    """The top-most hit of any of the phrases on the page."""
    pool = [
        w for w in page.words if within is None or within.contains_point(w.box.xmid, w.box.ymid)
    ]
    return PhraseIndex(pool).first(phrases)


def _one_letter_further(run: list[tuple[str, Word]], target: tuple[str, ...]) -> bool:
    """Whether `run` prints `target` with one token, not the first, a letter beyond the
    OCR tolerance (see `_run`)."""
    off = [k for k in range(1, len(target)) if not _same(run[k], target[k])]
    if len(off) != 1:
        return False
    text, word = run[off[0]]
    goal = target[off[0]]
    return word.source == "ocr" and within_edits(text, goal, ocr_tolerance(goal) + 1)


def _same(token: tuple[str, Word], target: str) -> bool:
    return token_matches(token[0], token[1], target)


def token_matches(text: str, word: Word, target: str) -> bool:
    """A printed token matches a phrase token; an OCR token may be a letter or two off
    (see `ocr_tolerance`) when long enough that no other word of a form is that close."""
    if text == target:
        return True
    return word.source == "ocr" and _ocr_token_matches(text, target)


# The label search compares each token of a scan with each label's words, page after
# page (nine calls in ten repeat an earlier one): the answers are kept.
@lru_cache(maxsize=1 << 16)
def _ocr_token_matches(text: str, target: str) -> bool:
    """`token_matches` for an OCR token that is not `target` as it stands."""
    if _lost_brackets(text, target):
        return False
    folded, goal = text.translate(_OCR_LOOKALIKES), target.translate(_OCR_LOOKALIKES)
    return folded == goal or within_edits(text, target, ocr_tolerance(target))


def _lost_brackets(text: str, target: str) -> bool:
    """A caption in brackets ("(Street)") against a token with no bracket at all: the
    brackets are what tells a caption from a value that spells the same word ("STREET"
    in an address), so they are not among the letters OCR may misread."""
    return target.startswith("(") and target.endswith(")") and not ("(" in text or ")" in text)


# Glyphs OCR confuses in a printed label: "lf" for "If", "0f" for "of". Short label
# tokens get no edit tolerance, so these are folded before comparing instead.
_OCR_LOOKALIKES = str.maketrans("l1|!\\0", "iiiiio")


def ocr_tolerance(target: str) -> int:
    """Misread letters allowed in an OCR token: none below 4 letters, 1 up to 6, then 2."""
    return 0 if len(target) < _FUZZY_MIN else 1 if len(target) <= _FUZZY_LONG else 2


# A garbled label is compared with the same runs of a scan's words on each search for
# it (half the calls repeat an earlier one): the rows are kept.
@lru_cache(maxsize=1 << 12)
def edit_row(a: str, b: str, cap: int | None = None) -> tuple[int, ...] | None:
    """The edit distances between `a` and each prefix of `b` (index: its length); None
    once every one is over `cap`. A row's least value never falls in the rows below
    it, so a search for near strings stops as soon as none can be near."""
    row = list(range(len(b) + 1))  # a's empty prefix against b's prefixes
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if cap is not None and min(row) > cap:
            return None
    return tuple(row)


def prefix_distances(a: str, b: str) -> list[int]:
    """The edit distances between `a` and each prefix of `b`, as `edit_row(a, b)` gives
    them, by Myers' bit-parallel method in Hyyro's form for whole strings: `a`'s rows
    are the bits of an int, and each letter of `b` moves a column on in a dozen int
    operations, some ten times faster than filling the table in Python (a fax's
    garbled labels are compared with a run of words from each word of the page)."""
    m = len(a)
    if m == 0:
        return list(range(len(b) + 1))
    mask, last = (1 << m) - 1, 1 << (m - 1)
    equal: dict[str, int] = {}  # each letter's rows in `a`
    for i, c in enumerate(a):
        equal[c] = equal.get(c, 0) | (1 << i)
    up, down, score = mask, 0, m  # the column of b's empty prefix: 0, 1, ..., m
    out = [m]
    for c in b:
        eq = equal.get(c, 0)
        xv = eq | down
        xh = ((((eq & up) + up) & mask) ^ up) | eq
        h_up = down | (~(xh | up) & mask)
        h_down = up & xh
        score += 1 if h_up & last else -1 if h_down & last else 0
        # the top row grows by one with each letter of b: whole strings, not a search
        h_up = ((h_up << 1) | 1) & mask
        h_down = (h_down << 1) & mask
        up = h_down | (~(xv | h_up) & mask)
        down = h_up & xv
        out.append(score)
    return out


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (substitutions, insertions, deletions)."""
    row = edit_row(a, b)
    assert row is not None  # no cap: a full row
    return row[-1]


# A scan's tokens are compared with the same phrase tokens again and again (nine calls
# in ten repeat an earlier one): the answers are kept.
@lru_cache(maxsize=1 << 16)
def within_edits(a: str, b: str, k: int) -> bool:
    """Whether `a` becomes `b` by at most `k` substitutions, insertions or deletions."""
    if abs(len(a) - len(b)) > k:
        return False
    if k == 0:
        return a == b
    row = edit_row(a, b, k)
    return row is not None and row[-1] <= k


# A page's own number ("Page 3 of 12", the SEC's paper form's footer): no box's text.
_PAGE_NUMBER = ("page", "of")


def without_page_numbers(page: Page) -> Page:
    """`page` without the line that prints its number ("Page 3 of 12"); the footer ran
    into the last footnote above it."""
    if not any(w.text.lower() == _PAGE_NUMBER[0] for w in page.words):
        return page  # most pages print no number: no lines grouped on the digital path
    drop: set[int] = set()
    for line in group_lines(page.words):
        texts = [w.text.lower() for w in line]
        if len(texts) == 4 and (texts[0], texts[2]) == _PAGE_NUMBER and _counts(texts[1], texts[3]):
            drop.update(id(w) for w in line)
    if not drop:
        return page
    return dataclasses.replace(page, words=tuple(w for w in page.words if id(w) not in drop))


def _counts(number: str, total: str) -> bool:
    return number.isdigit() and total.isdigit() and 0 < int(number) <= int(total)
