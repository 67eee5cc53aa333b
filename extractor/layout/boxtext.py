"""Reading the boxes around the tables: printed labels, the values under them, check marks.

The header box, the extra reporting-owner blocks, the footnotes and the signature are
read the same way: find a label by its printed text, then take the value words in the
area the labels around it leave. Labels print in the template's label colour and values
in another, so a value that happens to read "Director" is never taken for a label.

Lines are grouped here by vertical overlap with the line's tallest word, not by a fixed
tolerance: the small print of the header's check-box paragraphs runs at a pitch shorter
than its glyph boxes, and a tolerance that fits body text merges those lines.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractor.layout.template import HeaderSpec
from extractor.layout.text import PhraseHit, phrase_tokens, prefix_distances, token_matches
from extractor.model.filing import Fact, Provenance
from extractor.model.geometry import Box, Line, Word


@dataclass(frozen=True, slots=True)
class Row:
    """Words of one printed line, left to right, and the band of its tallest word."""

    words: tuple[Word, ...]
    top: float
    bottom: float

    @property
    def box(self) -> Box:
        return Box.enclosing([w.box for w in self.words])

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def text(self) -> str:
        """Words joined by spaces, except a word that starts where the one before it
        ends (a comma kerned under a closing quote is its own word in the text layer).
        OCR words are words by the engine's own spacing, and their boxes are rough:
        they are always spaced ("Note" "4" boxed edge to edge is "Note 4")."""
        out = ""
        prev: Word | None = None
        for w in self.words:
            touching = prev is not None and w.box.x0 <= prev.box.x1 + 0.1 * w.size
            glued = touching and w.source != "ocr"
            out = f"{out}{w.text}" if glued or prev is None else f"{out} {w.text}"
            prev = w
        return out


def rows(words: Iterable[Word]) -> list[Row]:
    """Words grouped into printed lines, top to bottom.

    A word joins a line when it shares at least half of its height (or of the line's
    band, if smaller) with the band of the line's tallest word; superscripts sit inside
    that band, the next line of small print does not. An OCR box that spans two lines
    (see `_spans_lines`) joins the line it shares most with, once the lines are set.
    """
    every = list(words)
    spanning = _spans_lines(every)
    open_rows: list[tuple[list[Word], list[float]]] = []  # words, [top, bottom, size]
    lined = [w for w in every if w not in spanning] if spanning else every
    for w in sorted(lined, key=lambda w: (w.box.top, w.box.x0)):
        for ws, band in reversed(open_rows[-4:]):
            overlap = min(band[1], w.box.bottom) - max(band[0], w.box.top)
            # a comma or period hangs below the band of capitals and digits it follows
            hangs = w.box.height < 0.5 * w.size and band[0] <= w.box.top <= band[1]
            if hangs or overlap >= 0.5 * min(band[1] - band[0], w.box.height):
                ws.append(w)
                if w.size > band[2]:
                    band[:] = [w.box.top, w.box.bottom, w.size]
                break
        else:
            open_rows.append(([w], [w.box.top, w.box.bottom, w.size]))
    for w in spanning:
        shared = [min(b[1], w.box.bottom) - max(b[0], w.box.top) for _, b in open_rows]
        if shared and max(shared) > 0:
            open_rows[shared.index(max(shared))][0].append(w)
        else:
            open_rows.append(([w], [w.box.top, w.box.bottom, w.size]))
    out = [
        Row(tuple(sorted(ws, key=lambda w: w.box.x0)), band[0], band[1]) for ws, band in open_rows
    ]
    return sorted(out, key=lambda r: r.top)


# An OCR word box this many times as high as the words' usual height spans two lines
# of small print: OCR ran glyphs of both into one word ("Tkre", 10 points high among
# words of 5). Taken as a line's tallest word, it would set a band that holds the next
# line too, and the two lines' words would be read as one line, interleaved. A text
# layer's boxes span no lines; a few words are too few to tell the usual height.
_SPANS_LINES = 1.8
_USUAL_FROM = 20


def _spans_lines(words: list[Word]) -> set[Word]:
    ocr = [w.box.height for w in words if w.source == "ocr"]
    if len(ocr) < _USUAL_FROM:
        return set()
    usual = sorted(ocr)[len(ocr) // 2]
    return {w for w in words if w.source == "ocr" and w.box.height > _SPANS_LINES * usual}


def is_label(word: Word, spec: HeaderSpec) -> bool:
    """A word printed in the label colour (every word, when the source has no colour)."""
    return _in_label_color(word, spec.label_color)


def _in_label_color(word: Word, label_color: str | None) -> bool:
    return label_color is None or word.color is None or word.color == label_color


def is_value(word: Word, spec: HeaderSpec) -> bool:
    return word.color is None or spec.label_color is None or word.color != spec.label_color


def within(words: Iterable[Word], box: Box) -> list[Word]:
    """Words whose middle lies inside the box."""
    x0, top, x1, bottom = box.as_tuple()
    # Box.contains_point of the word's middle, written out: each box's words are
    # picked from all the page's, and the calls were most of the time it took
    return [
        w
        for w in words
        if x0 <= (w.box.x0 + w.box.x1) / 2 <= x1 and top <= (w.box.top + w.box.bottom) / 2 <= bottom
    ]


def find_labels(words: Sequence[Word], phrases: Sequence[str], spec: HeaderSpec) -> list[PhraseHit]:
    """Every place one of the phrases is printed in label words, top to bottom.

    A phrase is followed word by word as text flows: to the next word right of it on
    its line, or, at the end of the line, to the first word of the next line of the same
    paragraph. Lines of neighbouring boxes sit at slightly different heights, so no
    page-wide line order is assumed. A long phrase printed nowhere in full is looked for
    again with one or two of its words garbled or lost by OCR (see `_GARBLED_ONE`), and
    when none of the phrases (a label's wordings) is found so, by its letters (see
    `_garbled_hits`): a label is printed in one of its wordings, and that search, from
    every word of a scan, was made for each wording the form does not print.
    """
    pool = _pool_of(_SameWords(tuple(words)), spec.label_color)
    hits = [hit for phrase in phrases for hit in pool.hits_of(phrase)]
    if not hits:
        hits = [hit for phrase in phrases for hit in pool.garbled_hits_of(phrase)]
    return sorted(hits, key=lambda h: (h.box.top, h.box.x0))


class _SameWords:
    """Words as a cache key that is equal only to the very same words: a label's
    search is asked of the same header or page words many times over (boxes 1-6, the
    check boxes, each owner block), and words equal in value but not the same objects
    are rare enough not to be worth hashing every field of every word."""

    __slots__ = ("_hash", "words")

    def __init__(self, words: tuple[Word, ...]) -> None:
        self.words = words  # held, so no id of them is reused while the key lives
        self._hash = hash(tuple(map(id, words)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _SameWords) or len(other.words) != len(self.words):
            return False
        return all(a is b for a, b in zip(self.words, other.words, strict=True))


# The searches of one word set follow one another (the header box's labels, then each
# page's, each owner band's): a few pools kept catch nearly every repeat.
@lru_cache(maxsize=8)
def _pool_of(words: _SameWords, label_color: str | None) -> _Pool:
    """The label words of `words` (in `label_color`) as a pool, its searches kept."""
    tokens = [(w, phrase_tokens(w.text)) for w in words.words]
    # words that fold to nothing (column numbers "2.", "*") are skipped over
    return _Pool([(w, t[0]) for w, t in tokens if len(t) == 1 and _in_label_color(w, label_color)])


def _phrase_places(phrase: str, pool: _Pool) -> list[PhraseHit]:
    """Every place one phrase is printed in the pool's words, its words read or a few
    of them garbled (see `find_labels`)."""
    target = phrase_tokens(phrase)
    found = _phrase_hits(target, pool, 0)
    for garbled in range(1, _garbled_allowed(len(target)) + 1):
        found = found or _phrase_hits(target, pool, garbled)
    return found or _caption_hits(target, pool)


# A long label whose words OCR garbled past `_GARBLED_TWO` ("teeuor Nome and Ticket of
# Trading Synilk!") is still placed when its letters, run together, are within this
# share of edits of the label's (labels of _FUZZY_LETTERS letters or more): too many of
# its letters survive for another printed text of the form to come as close.
_FUZZY_LETTERS = 25
_FUZZY_SHARE = 0.35
# The words tried for such a label: up to this many more than it has.
_FUZZY_SPREAD = 2


def _garbled_hits(target: Sequence[str], pool: _Pool) -> list[PhraseHit]:
    """The places a long label prints with its words garbled but its letters mostly
    right (see `_FUZZY_SHARE`): from each OCR word, the words that follow it in reading
    order whose letters come closest to the label's; the closest of all wins."""
    goal = "".join(target)
    if len(goal) < _FUZZY_LETTERS:
        return []
    allowed = int(_FUZZY_SHARE * len(goal))
    letters = tuple(Counter(goal).items())
    best: tuple[int, list[Word]] | None = None
    for start, tok in pool.items:
        if start.source != "ocr":
            continue
        chain = _reading_on(start, tok, len(target) + _FUZZY_SPREAD, pool)
        text = "".join(t for _, t in chain)
        if _missing_letters(text, letters) > allowed:
            continue  # no run of these words comes close: spares the edit distances
        ends = list(itertools.accumulate(len(t) for _, t in chain))
        edits = prefix_distances(goal, text)
        found = min((edits[end], k) for k, end in enumerate(ends))
        if found[0] <= allowed and (best is None or found[0] < best[0]):
            best = (found[0], [w for w, _ in chain[: found[1] + 1]])
    if best is None:
        return []
    ws = tuple(best[1])
    return [PhraseHit(ws[0].page, Box.enclosing([w.box for w in ws]), ws)]


def _reading_on(start: Word, token: str, count: int, pool: _Pool) -> list[tuple[Word, str]]:
    """Up to `count` words from `start` in reading order (see `_next_words`). The
    pool keeps the longest run read from each start: every long label is read on
    from every word of a scan."""
    kept = pool.readings.get(id(start))
    if kept is not None and len(kept) >= count:
        return kept[:count]
    chain = [(start, token)] if kept is None else list(kept)  # a kept run is never changed
    while len(chain) < count:
        following = _next_words(chain[-1][0], start, pool)
        if not following:
            break
        chain.append(following[0])
    pool.readings[id(start)] = chain
    return chain[:count]


def _missing_letters(text: str, goal: Sequence[tuple[str, int]]) -> int:
    """How many of the goal's letters (letter, count) `text` lacks (counted with
    repeats): each one costs an edit, so no part of `text` is fewer edits from it."""
    return sum(max(0, n - text.count(c)) for c, n in goal)


# Brackets OCR reads a caption's round brackets as, at its start and its end.
_OPENING = "({[|<"
_CLOSING = ")}]|>"
# A word this short between or beside captions is a speck read as a letter ("(State I (Zip}").
SPECK_LETTERS = 2


def _caption_hits(target: Sequence[str], pool: _Pool) -> list[PhraseHit]:
    """Captions of two words or more in round brackets ("(City) (State) (Zip)") whose
    words OCR garbled past matching, told by their shape: as many bracketed OCR words on
    one line, one of them matching its caption word (small print keeps its brackets
    when its letters blur, "(Cay) {Stare} (Zip)")."""
    if len(target) < 2 or not all(_bracketed(t) for t in target):
        return []
    hits = []
    for start, _ in pool.items:
        if start.source != "ocr" or not half_bracketed(start.text):
            continue
        chain = _bracketed_run(start, len(target), pool)
        if len(chain) == len(target) and any(
            _matches_caption(w, goal) for w, goal in zip(chain, target, strict=True)
        ):
            box = Box.enclosing([w.box for w in chain])
            hits.append(PhraseHit(start.page, box, tuple(chain)))
    return hits or _caption_less_one(target, pool)


def _caption_less_one(target: Sequence[str], pool: _Pool) -> list[PhraseHit]:
    """Captions of three words or more of which OCR lost one whole word: the others on
    one line, in order, each read exactly as its caption word ("(Last) (Middle)", the
    faint "(First)" of a 150 dpi scan gone; the owner's name then ran on into the
    address). Read with a letter off as well, in a fax a name's "(ROBERT" came out a
    caption and a second owner."""
    if len(target) < 3:
        return []
    hits = []
    kept = [[*target[:j], *target[j + 1 :]] for j in range(len(target))]
    for start, _ in pool.items:
        if start.source != "ocr" or not half_bracketed(start.text):
            continue
        chain = _bracketed_run(start, len(target) - 1, pool)
        # no speck passed over as well (a word lost and a speck read are too much)
        if (
            len(chain) == len(target) - 1
            and not _between(chain, pool)
            and any(
                all(phrase_tokens(w.text) == [g] for w, g in zip(chain, goals, strict=True))
                for goals in kept
            )
        ):
            box = Box.enclosing([w.box for w in chain])
            hits.append(PhraseHit(start.page, box, tuple(chain)))
    return hits


def _between(chain: list[Word], pool: _Pool) -> bool:
    """Whether another word of the pool stands between the first and last of `chain`
    on its line."""
    first, last = chain[0], chain[-1]
    return any(
        w not in chain
        and first.box.x1 <= w.box.x0
        and w.box.x1 <= last.box.x0
        and w.box.v_overlap(first.box) > 0
        for w, _ in pool.items
    )


def _bracketed_run(start: Word, count: int, pool: _Pool) -> list[Word]:
    """Up to `count` bracketed words from `start` along its line. A fax loses one
    bracket of a caption ("(State", "Za}") and reads a speck between two captions as a
    letter ("I"): one such speck is passed over."""
    chain, cur, passed = [start], start, False
    while len(chain) < count:
        following = [w for w, _ in _next_words(cur, start, pool)]
        nxt = next((w for w in following if w.box.v_overlap(start.box) > 0), None)
        if nxt is None:
            break
        cur = nxt
        if not half_bracketed(nxt.text):
            if passed or len(nxt.text) > SPECK_LETTERS:
                break
            passed = True
            continue
        chain.append(nxt)
    return chain


def _matches_caption(word: Word, goal: str) -> bool:
    tokens = phrase_tokens(word.text)
    return len(tokens) == 1 and token_matches(tokens[0], word, goal)


def _bracketed(text: str) -> bool:
    return len(text) >= 3 and text[0] in _OPENING and text[-1] in _CLOSING


def half_bracketed(text: str) -> bool:
    """A caption as OCR reads it: with one of its brackets at least."""
    return len(text) >= 3 and (text[0] in _OPENING or text[-1] in _CLOSING)


# A label of five words or more is still placed when OCR garbled or lost one of its
# words past the letters `token_matches` forgives ("Issuer" read "s8uer" in a fax, the
# "If" of "If Amendment," lost), one of six words or more when two were: its other
# words, in reading order, are the label all the same, and no other text of the form
# repeats that many words of a label in order.
_GARBLED_ONE = 5
_GARBLED_TWO = 6


def _garbled_allowed(tokens: int) -> int:
    return 2 if tokens >= _GARBLED_TWO else 1 if tokens >= _GARBLED_ONE else 0


def _phrase_hits(target: Sequence[str], pool: _Pool, garbled: int) -> list[PhraseHit]:
    """The places `target` prints, with up to `garbled` of its words (OCR words) read as
    anything or lost."""
    if not target or pool.unmatched(target[1:-1]) > garbled:
        # each word garbled or lost spares one of the phrase's words a match (its first
        # and last words may match by other means: a word cut in two, lost letters)
        return []
    hits = []
    # with no word garbled, a phrase starts only where its first word prints
    starts = pool.starts(target[0]) if target and not garbled else pool.items
    for start, tok in starts:
        chain = _chain_from(start, tok, target, pool, garbled)
        if chain is not None:
            ws = (start, *chain)
            hits.append(PhraseHit(start.page, Box.enclosing([w.box for w in ws]), ws))
    return hits


def _chain_from(
    start: Word, tok: str, target: Sequence[str], pool: _Pool, garbled: int
) -> list[Word] | None:
    """The words after `start` that print the rest of `target` when `start` prints its
    first word (see `_phrase_hits`); None when the phrase does not start there."""
    # a word OCR cut in two is tried first: its first half alone is near enough the
    # word to match, and the label then broke off at the second half
    split = _split_word_rest(start, tok, target[0], pool)
    rest = None if split is None else _follow(split, target[1:], pool, garbled)
    if split is not None and rest is not None:
        return [split, *rest]
    if token_matches(tok, start, target[0]):
        return _follow(start, target[1:], pool, garbled)
    if garbled and start.source == "ocr":
        # the first word read as something else, or lost ("If" of "If Amendment,")
        lost = len(target) > 1 and token_matches(tok, start, target[1])
        return _follow(start, target[2:] if lost else target[1:], pool, garbled - 1)
    return None


def _split_word_rest(start: Word, tok: str, target: str, pool: _Pool) -> Word | None:
    """The second half of a word OCR cut in two ("Relationsh" "ip" for "Relationship"):
    the word right after `start` on its line, touching it, when the two tokens joined
    are `target`; else None. Matched from the second half on, the label had started
    there, and its box left out its first word."""
    if start.source != "ocr" or not target.startswith(tok):
        return None
    after = pool.followers(start).beside
    if after is None or after[0].box.x0 - start.box.x1 > _CUT_GAP * start.size:
        return None
    return after[0] if token_matches(tok + after[1], start, target) else None


# Two pieces of one word OCR cut in two lie closer than this many font sizes apart (a
# space is about a quarter of one; the pieces often overlap).
_CUT_GAP = 0.15


def _follow(first: Word, rest: Sequence[str], pool: _Pool, garbled: int = 0) -> list[Word] | None:
    chain: list[Word] = []
    cur = first
    i = 0
    while i < len(rest):
        last = i == len(rest) - 1 and len(rest) >= 2
        following = _next_words(cur, first, pool)
        nxt = next(
            (
                w
                for w, t in following
                if token_matches(t, w, rest[i]) or (last and lost_letters(t, w, rest[i]))
            ),
            None,
        )
        if nxt is None and garbled and following and following[0][0].source == "ocr":
            # the word where this one prints, read as something else; or this word lost
            # and the next one printed there
            nxt, text = following[0]
            lost = i + 1 < len(rest) and token_matches(text, nxt, rest[i + 1])
            garbled, i = garbled - 1, i + 1 if lost else i
        if nxt is None:
            return None
        cur = nxt
        chain.append(cur)
        i += 1
    return chain


def lost_letters(text: str, word: Word, target: str) -> bool:
    """An OCR token that dropped letters of a small-print word ("bl)" for "below)"): its
    letters, the first one included, are the word's letters in order. Taken only for the
    last word of a label of three words or more, where the words before it have already
    placed the label, so a stray word there cannot make one."""
    if word.source != "ocr":
        return False
    got = [c for c in text if c.isalpha()]
    goal = iter(c for c in target if c.isalpha())
    return len(got) >= 2 and got[0] == next(iter(goal), "") and all(c in goal for c in got[1:])


class _Pool:
    """Label words with their folded token, in page order, looked up by height: a label
    is followed from every word of a page (see `_phrase_hits`), and scanning all the
    page's words for each next word cost seconds on a page of footnotes."""

    def __init__(self, items: list[tuple[Word, str]]) -> None:
        self.items = items
        self._by_top = sorted(range(len(items)), key=lambda i: items[i][0].box.top)
        self._tops = [items[i][0].box.top for i in self._by_top]
        self.tallest = max((w.box.height for w, _ in items), default=0.0)
        # a word's followers, by id: every phrase is followed from the same words, and
        # finding them again for each phrase was half the header stage's time
        self._after: dict[int, _Followers] = {}
        # a phrase's places, by phrase: a document asks for some labels more than once
        self._places: dict[str, tuple[PhraseHit, ...]] = {}
        self._garbled: dict[str, tuple[PhraseHit, ...]] = {}
        self._starts: dict[str, list[tuple[Word, str]]] = {}
        self._matches: dict[str, bool] = {}
        # the longest run read on from a word, by id (see `_reading_on`)
        self.readings: dict[int, list[tuple[Word, str]]] = {}

    def starts(self, first: str) -> list[tuple[Word, str]]:
        """The words a phrase whose first token is `first` may start at, with no word
        garbled (see `_chain_from`): that token, or the first half of it cut by OCR."""
        found = self._starts.get(first)
        if found is None:
            found = self._starts[first] = [
                (w, t)
                for w, t in self.items
                if token_matches(t, w, first) or (w.source == "ocr" and first.startswith(t))
            ]
        return found

    def unmatched(self, tokens: Sequence[str]) -> int:
        """How many of `tokens` no word of the pool matches (`token_matches`)."""
        return sum(not self._matched(t) for t in tokens)

    def _matched(self, token: str) -> bool:
        found = self._matches.get(token)
        if found is None:
            found = self._matches[token] = any(token_matches(t, w, token) for w, t in self.items)
        return found

    def hits_of(self, phrase: str) -> tuple[PhraseHit, ...]:
        found = self._places.get(phrase)
        if found is None:
            found = self._places[phrase] = tuple(_phrase_places(phrase, self))
        return found

    def garbled_hits_of(self, phrase: str) -> tuple[PhraseHit, ...]:
        """The place of a long phrase whose words OCR garbled (see `_garbled_hits`)."""
        found = self._garbled.get(phrase)
        if found is None:
            found = self._garbled[phrase] = tuple(_garbled_hits(phrase_tokens(phrase), self))
        return found

    def near(self, top: float, bottom: float) -> list[tuple[Word, str]]:
        """The words whose top lies in [top, bottom], in page order."""
        lo, hi = bisect_left(self._tops, top), bisect_right(self._tops, bottom)
        return [self.items[i] for i in sorted(self._by_top[lo:hi])]

    def followers(self, cur: Word) -> _Followers:
        found = self._after.get(id(cur))
        if found is None:
            found = self._after[id(cur)] = _followers(cur, self)
        return found


@dataclass(frozen=True)
class _Followers:
    """The words that may follow a word: the next one on its line (None: none), whether
    it sits right after it, and the first words of lines below it in the same print
    size, nearest first (which of them starts the paragraph's next line depends on the
    label's first word: see `_next_words`)."""

    beside: tuple[Word, str] | None
    adjacent: bool
    below: tuple[tuple[Word, str], ...]


def _next_words(cur: Word, first: Word, pool: _Pool) -> list[tuple[Word, str]]:
    """The words that may follow `cur` in reading order: the next word on its line and,
    unless that one sits right after it, the first word of the paragraph's next line.
    Captions such as "(Last) (First) (Middle)" sit far apart on one line, and a label
    such as "Officer (give title / below)" wraps beside another label's line."""
    after = pool.followers(cur)
    out = [after.beside] if after.beside is not None else []
    if after.adjacent:
        return out
    margin = first.box.x0 - 2 * cur.size
    nxt = next((p for p in after.below if p[0].box.x0 >= margin), None)
    return out if nxt is None else [*out, nxt]


def _followers(cur: Word, pool: _Pool) -> _Followers:
    size = cur.size
    # a word on cur's line overlaps it in height; one on the next line starts within
    # a size under cur's foot
    near = pool.near(cur.box.top - pool.tallest, cur.box.bottom + size)
    # a word that starts after cur starts in this span (see `_starts_after`): tested
    # first, as most words near in height are far to either side
    left = min(cur.box.x1 - 1, cur.box.xmid)
    same_line = [
        (w, t)
        for w, t in near
        if left <= w.box.x0
        and w.box.x0 - cur.box.x1 <= 10 * size
        and _starts_after(w, cur)
        and w.box.v_overlap(cur.box) >= 0.5 * min(w.box.height, cur.box.height)
    ]
    beside = min(same_line, key=lambda p: p[0].box.x0) if same_line else None
    adjacent = beside is not None and beside[0].box.x0 - cur.box.x1 <= size
    # OCR sizes come from glyph boxes, which vary with the letters of the word
    same_size = 0.5 if cur.source != "ocr" else max(0.5, 0.15 * size)
    below = [
        (w, t)
        for w, t in near
        if cur.box.top + 0.4 * size < w.box.top < cur.box.bottom + size
        and w.box.x0 < cur.box.x0
        and abs(w.size - size) < same_size
    ]
    return _Followers(beside, adjacent, tuple(_by_line(below, size)))


def _by_line(words: list[tuple[Word, str]], size: float) -> list[tuple[Word, str]]:
    """`words` line by line, top to bottom, each line left to right (the order the
    nearest follower is chosen in). Tops within a third of the size are one line: a
    glyph box's top follows its letters, and "to" tops a point under the "be" after
    it, which had made "be" the line's first word."""
    out: list[tuple[Word, str]] = []
    rest = sorted(words, key=lambda p: (p[0].box.top, p[0].box.x0))
    while rest:
        cut = rest[0][0].box.top + _SAME_LINE * size
        line = [p for p in rest if p[0].box.top < cut]
        rest = [p for p in rest if p[0].box.top >= cut]
        out += sorted(line, key=lambda p: p[0].box.x0)  # stable: ties keep page order
    return out


_SAME_LINE = 1 / 3


def _starts_after(w: Word, cur: Word) -> bool:
    """Whether `w` starts where `cur` ends. OCR boxes are rough: a word boxed a point
    into the one before it ("If" "Amendment,") still follows it when it starts past that
    word's middle and ends past its end."""
    if w.box.x0 >= cur.box.x1 - 1:
        return True
    return w.source == "ocr" and w.box.x0 > cur.box.xmid and w.box.x1 > cur.box.x1


def find_label(
    words: Sequence[Word], key: str, spec: HeaderSpec, area: Box | None = None
) -> PhraseHit | None:
    """The top-most printing of the label `key` (inside `area` when given)."""
    pool = list(words) if area is None else within(words, area)
    hits = find_labels(pool, spec.labels.get(key, []), spec)
    return hits[0] if hits else None


def box_left(hit: PhraseHit) -> float:
    """Left edge of a label's box: the label text starts after its column number ("2."),
    which folds away when matching, and a value may start under that number."""
    return hit.box.x0 - 1.5 * max(w.size for w in hit.words)


def rule_right_of(lines: Iterable[Line], box: Box) -> float | None:
    """The left edge of the nearest upright ruling line right of `box` that crosses its
    middle: the side of the box a label prints in, when the label of the box beside it
    is not found (a scan's rules stand where the form's boxes meet)."""
    upright = [(ln.x0, ln.top, ln.bottom) for ln in lines if ln.bottom - ln.top > ln.x1 - ln.x0]
    return _nearest(upright, box.ymid, box.x1)


def rule_below(lines: Iterable[Line], box: Box) -> float | None:
    """The top of the nearest level ruling line below `box` that runs under its middle:
    the foot of the box a label prints in, when the label of the box under it is not
    found."""
    level = [(ln.top, ln.x0, ln.x1) for ln in lines if ln.x1 - ln.x0 > ln.bottom - ln.top]
    return _nearest(level, box.xmid, box.bottom)


def _nearest(rules: list[tuple[float, float, float]], at: float, past: float) -> float | None:
    """The least position beyond `past` of the rules (position, start, end) that span
    `at` along their length."""
    return min((pos for pos, a, b in rules if a <= at <= b and pos > past), default=None)


def join_rows(rs: Sequence[Row]) -> str:
    """Lines of one value joined as EDGAR's text wraps them (see `join_lines`)."""
    return join_lines([r.text for r in rs])


def join_lines(lines: Sequence[str]) -> str:
    """Lines joined with one space, except after a line that ends in a hyphen inside a
    word ("attorney-in-" / "fact"): a browser breaks a line after such a hyphen and adds
    no space. A lone "-" is a word of its own and keeps its spaces."""
    out = ""
    for line in (x.strip() for x in lines):
        if not line:
            continue
        last = out.rsplit(" ", 1)[-1]
        glue = "" if len(last) > 1 and last.endswith("-") else " "
        out = f"{out}{glue}{line}" if out else line
    return out


# An item of a list in running text, "(ii)" as OCR may read it ("(11)", "(1i)", "(l)"):
# standing alone, not the "(1)" of "Rule 16b-3(d)(1)".
_ITEM = re.compile(r"(?<![\w)])\(([1il|]{1,3})\)(?=[\s,.;:]|$)")
_ROMAN_ITEM = re.compile(r"(?<![\w)])\((?:i{1,3}|iv|vi{0,3}|ix|x)\)")


def roman_items(text: str) -> str:
    """OCR text with its list items "(i)", "(ii)", "(iii)" put back where they were read
    with digits or an "l" ("(1)", "(11)", "(1i)"), when the text lists in roman numerals:
    an item reads as a roman numeral, or as a blend of "i" and "1", or items "(1)" and
    "(11)" both stand in it (arabic numbering never goes 1, 11). Small print loses the
    dot of an "i"; a text that numbers its items 1, 2, 3 keeps them."""
    items = [m.group(1) for m in _ITEM.finditer(text)]
    blended = any("i" in i and set(i) != {"i"} for i in items)
    ones = {len(i) for i in items if set(i) == {"1"}}
    if not (_ROMAN_ITEM.search(text) or blended or len(ones) > 1):
        return text
    return _ITEM.sub(lambda m: "(" + "i" * len(m.group(1)) + ")", text)


def provenance(words: Sequence[Word]) -> Provenance | None:
    if not words:
        return None
    box = Box.enclosing([w.box for w in words])
    source = words[0].source
    return Provenance(
        page=words[0].page,
        box=box.as_tuple(),
        source=source,
        confidence=min(w.confidence for w in words),
    )


def text_fact(words: Sequence[Word]) -> Fact[str]:
    """The words' text, line by line, as a Fact (empty Fact when there are no words).

    OCR words of punctuation alone at either end are specks or stubs of a box's rule
    ("." before a street, "—" after a signature), no part of the value."""
    ordered = [w for r in rows(words) for w in r.words]
    while ordered and _ocr_junk(ordered[0]):
        ordered.pop(0)
    while ordered and _ocr_junk(ordered[-1]):
        ordered.pop()
    if not ordered:
        return Fact()
    return Fact(value=join_rows(rows(ordered)), provenance=provenance(ordered))


def _ocr_junk(word: Word) -> bool:
    return word.source == "ocr" and not any(c.isalnum() for c in word.text)


def is_check_mark(word: Word, spec: HeaderSpec) -> bool:
    """A check mark as printed. OCR reads the lone "X" of a check box in lower case,
    with a speck, or as another cross-shaped glyph ("4", "K", "%"); `checked` only
    takes a mark printed right before a box's label, where nothing else prints."""
    if word.source != "ocr":
        return is_value(word, spec) and word.text in spec.check_marks
    text = word.text.strip(_MARK_SPECKS)
    marks = {m.upper() for m in spec.check_marks}
    # a heavy cross is sometimes read as two ("xX")
    doubled = len(text) == 2 and text.upper() == "XX"
    crossed = "X" in marks and (text in _CROSS_LOOKALIKES or doubled)
    return is_value(word, spec) and (text.upper() in marks or crossed)


# Specks OCR reads beside a check box's mark ("X=", "X:" in a fax).
_MARK_SPECKS = ".,:;='‘’`~-_ "
# What OCR makes of a lone "X" in a check box.
_CROSS_LOOKALIKES = {"x", "4", "K", "k", "%", "*", "+", "Y", "×", "XK"}


def checked(
    marks: Sequence[Word], labels: dict[str, PhraseHit | None], max_gap: float = 5.0
) -> set[str]:
    """Keys of the labels that have a check mark printed just left of them.

    Each mark goes to the label that starts right of it (within `max_gap` times the
    label's font size: the boxes sit further from their labels in a wide layout) and
    whose printed lines are vertically nearest: a box sits beside the first line of a
    short label and beside the middle of a long paragraph.
    """
    out: set[str] = set()
    for m in marks:
        best: tuple[float, str] | None = None
        for key, hit in labels.items():
            size = max(w.size for w in hit.words) if hit else 0.0
            if hit is None or not (-1.0 <= hit.box.x0 - m.box.x1 <= max_gap * size):
                continue
            dy = max(0.0, hit.box.top - m.box.ymid, m.box.ymid - hit.box.bottom)
            if dy <= 4 * size and (best is None or dy < best[0]):
                best = (dy, key)
        if best is not None:
            out.add(best[1])
    return out
