"""Dates and amounts read glyph by glyph against the print face, where Tesseract fails.

A fax at 150 dpi breaks a value's thin strokes until Tesseract's line model reads
"03/17/2029" as "bhedbe2029" and "$1,046.213" as "$),0H6.213". Such a value is printed
in one face from a small alphabet (digits / , . $) whose advance widths the face fixes,
so it can be read by synthesis: every well-formed value (a date M/D/YYYY or an amount
$1,234.5678, see `_Grammar`) is laid out glyph by glyph at the size the line's digits
are printed, each glyph at its own advance (a little slack for the scan), and the layout
whose drawing differs least from the line's blurred ink wins (dynamic programming over
cut points and grammar states). A reading is used only where Tesseract's does not parse
and this one fits the ink closely (`_MAX_COST`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import numpy.typing as npt

from extractor.sources import glyphs, grid
from extractor.sources.ocr import OcrWord

Gray = npt.NDArray[np.uint8]
Floats = npt.NDArray[np.float64]

_FACES = ("LiberationSerif-Regular.ttf", "LiberationSans-Regular.ttf")
_DIGITS = "0123456789"
_ALPHABET = _DIGITS + "/,.$"
# Any glyph of print, for the free reading a value's reading is weighed against.
_ANY = _ALPHABET + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()-:;'&%#"
# Glyphs are drawn this many times finer than the page and shrunk, for their grey edges.
_SUPERSAMPLE = 4
# The blur (pixels at 300 dpi) put on the ink and the drawn glyphs before comparing: a
# fax's strokes are broken and a pixel or two off where the face draws them.
_BLUR = 1.2
# The advance of a drawn glyph may be this many pixels off its face's width.
_SLACK = (-1, 0, 1)
# Em sizes tried round the one the digits' height gives (the band is measured roughly).
_EM_STEPS = (0.94, 1.0, 1.06)
# The mean squared difference (ink 0..1, blurred) above which a reading is no reading.
_MAX_COST = 0.035
# A value's reading fits at most this much worse than the best reading by any glyphs
# (measured: values 1.0-1.26, words of a label forced into digits 1.3-2.4).
_FREE_RATIO = 1.3
# A value Tesseract read is replaced only by one that fits at most this share of its
# fit (squared differences): a clearly better explanation of the same ink.
_CLEARLY = 0.85
# Words of one value stand closer than this many digit heights; a value is at most this
# many digit heights wide ("$1,234,567,890.1234").
_RUN_GAP = 1.2
_MAX_WIDTH = 16.0
# A garbled value is read as at most this many words; a reading of fewer glyphs than
# _MIN_GLYPHS is not trusted (a lone "I" fits a "1" as well).
_MAX_WORDS = 3
# A cell read as two or three glyphs may hold one capital (a broken "D" read "ly",
# "(1)"); one read as one glyph is left as read (a fax's "S" read as a capital drawn
# here came out "N").
_LONE_MIN_TEXT = 2
_LONE_TEXT = 3
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A value Tesseract read is checked against the print face from this many digits: a
# lone digit is more often a column number or a note ("3.", "Instr. 4)").
_MIN_DIGITS = 2
# Punctuation that ends a sentence or a clause beside a value ("in 2019.").
_EDGE_STOPS = ".,;:"
_MIN_GLYPHS = 2
# The crop round a run reaches this share of its height past its words' boxes.
_PAD = 0.4
# A glyph reading's confidence, from its fit, stays within these bounds.
_MIN_CONFIDENCE = 0.05
_MAX_CONFIDENCE = 0.9
# The digits' band: rows with at least this share of the inkiest row's ink; a band lower
# than _MIN_HEIGHT pixels is no print; the margin drawn above and below it, as a share
# of its height (the "$" and the commas reach past the digits).
_BAND_SHARE = 0.3
_JOIN_SHARE = 0.12
_MIN_HEIGHT = 8
# A comma's tail is its ink from this share of the digits' height below their foot
# (a stop's blurred edge reaches just below it).
_TAIL_FROM = 0.1
# The share of a separator's ink in its tail from which it is a comma (measured on
# faxes: stops 0.00-0.02; most commas above 0.05, but some thinned to nothing).
_COMMA_TAIL = 0.04
_MARGIN_SHARE = 0.35
# Ink left and right of a value costs only in the lower part of the band, from this
# share of its height down: a footnote marker after it is raised above that.
_LOW_PART = 0.45
# A value starts at the latest at the first column with this much ink in the band's
# lower part (squared, blurred; a lone speck has less).
_FIRST_INK = 1.5
_MARKER = re.compile(r"\(\w{1,3}\)$")
# A garbled value keeps at least this share of its characters in the value alphabet
# (a faxed date read "bhedbe2029": 0.4); a label with a digit has fewer ("2A. Deemed":
# 0.2), and read glyph by glyph it came out a number ("2586.1349888488").
_VALUE_SHARE = 0.35
# Digits in groups joined by hyphens: a ZIP+4 code ("12345-6789"), a phone number. The
# value alphabet has no hyphen, so such a word read glyph by glyph came out "12345.6789".
_HYPHENED = re.compile(r"^\d+(?:-\d+)+$")
# A value of a dollar sign and one glyph ("$0", the price of a grant) that a fax left
# without a digit Tesseract can see: "#)", "$I", "Ss)", or marks alone ("»"). A "$"
# (or the "#" or "S" a fax makes of one) and a glyph or two, or marks alone, are read
# glyph by glyph like a garbled value, and kept only when a value fits the ink far
# better than any glyphs do (a word, "So", fits letters better; see `_reread`).
_LONE_DOLLAR = re.compile(r"^(?:[$#Ss][^\s\d]{1,2}|[^\w\s]{1,3})$")
_WELL_FORMED = re.compile(
    r"^(?:\d{1,2}/\d{1,2}/\d{2}(?:\d{2})?|\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """A value read from a line crop: its text, its fit (lower is better) and the columns
    of the crop it spans."""

    text: str
    cost: float
    x0: int
    x1: int
    free: float = 0.0  # the fit of the best reading by any glyphs, no grammar
    given: float = np.inf  # the fit of the reading asked about (see `read_value`)
    starts: tuple[int, ...] = ()  # the column each glyph of `text` starts at
    tails: tuple[float, ...] = ()  # per separator, see `_tails`


def parses(text: str) -> bool:
    """Whether `text` is a well-formed date or amount, its footnote markers aside."""
    core = text.replace(" ", "").strip(_EDGE_STOPS)
    while _MARKER.search(core):
        core = _MARKER.sub("", core)
    return bool(_WELL_FORMED.match(core))


# The well-formed values as a small automaton over glyphs: a date M/D/YY(YY), an amount
# [$]digits with thousands commas or without, with a decimal part. Each state lists
# (glyphs, next state); a value may end in a final state.
_START = 0
_EDGES: dict[int, tuple[tuple[str, int], ...]] = {
    0: ((_DIGITS, 1), (_DIGITS, 20), ("$", 19)),
    # date: month 1-2, day 3-5, year 6-10
    1: ((_DIGITS, 2), ("/", 3)),
    2: (("/", 3),),
    3: ((_DIGITS, 4),),
    4: ((_DIGITS, 5), ("/", 6)),
    5: (("/", 6),),
    6: ((_DIGITS, 7),),
    7: ((_DIGITS, 8),),
    8: ((_DIGITS, 9),),
    9: ((_DIGITS, 10),),
    # amount: 19 after "$", 20-22 leading digits, 23 four or more, 24-27 a group
    19: ((_DIGITS, 20),),
    20: ((_DIGITS, 21), (",", 24), (".", 28)),
    21: ((_DIGITS, 22), (",", 24), (".", 28)),
    22: ((_DIGITS, 23), (",", 24), (".", 28)),
    23: ((_DIGITS, 23), (".", 28)),
    24: ((_DIGITS, 25),),
    25: ((_DIGITS, 26),),
    26: ((_DIGITS, 27),),
    27: ((",", 24), (".", 28)),
    28: ((_DIGITS, 29),),
    29: ((_DIGITS, 29),),
}
_FINAL = frozenset({8, 10, 20, 21, 22, 23, 27, 29})


@dataclass(frozen=True, slots=True)
class _Grammar:
    """An automaton over glyphs from state `_START`: per state (glyphs, next state)."""

    edges: dict[int, tuple[tuple[str, int], ...]]
    final: frozenset[int]


_VALUES = _Grammar(_EDGES, _FINAL)


def _spelled(text: str) -> _Grammar:
    """The automaton that takes `text` only, glyph by glyph."""
    edges: dict[int, tuple[tuple[str, int], ...]] = {i: ((c, i + 1),) for i, c in enumerate(text)}
    return _Grammar(edges, frozenset({len(text)}))


@dataclass(frozen=True, slots=True)
class _Glyph:
    """A glyph drawn at one size: its ink (rows from the top of the digits, with the
    band's margin), its advance and the em it was drawn at."""

    ink: Floats
    advance: float


@cache
def _digit_height(face: str) -> float:
    """The height of the face's digits over its em."""
    from PIL import ImageFont

    font = ImageFont.truetype(face, 200)
    _, top, _, bottom = font.getbbox("0123456789", anchor="ls")
    return float(bottom - top) / 200.0


@cache
def _drawn(
    face: str, em: int, digits: int, margin: int, alphabet: str = _ALPHABET
) -> dict[str, _Glyph]:
    """Every glyph of the alphabet drawn at `em` pixels on a canvas as tall as a `_Line`
    with `digits` rows of digits and `margin` rows above and below them (the digits' foot
    on the baseline), blurred as the ink is."""
    from PIL import Image, ImageDraw, ImageFont

    big = _SUPERSAMPLE
    font = ImageFont.truetype(face, em * big)
    height = digits + 2 * margin
    out = {}
    for char in alphabet:
        advance = font.getlength(char) / big
        width = (int(advance) + 4) * big
        canvas = Image.new("L", (width, height * big), 0)
        baseline = (margin + digits) * big
        ImageDraw.Draw(canvas).text((0, baseline), char, font=font, fill=255, anchor="ls")
        small = grid.resized(np.asarray(canvas, dtype=np.uint8), width // big, height)
        out[char] = _Glyph(_blurred(small.astype(np.float64) / 255.0), advance)
    return out


def _blurred(ink: Floats) -> Floats:
    return grid.blurred(ink, _BLUR)


@dataclass(frozen=True, slots=True)
class _Line:
    """A line crop's blurred ink (0..1), with the digits' band: `margin` rows of the crop
    above the digits' top, `height` rows of digits."""

    ink: Floats
    margin: int
    height: int


def _line(gray: Gray) -> _Line | None:
    """The crop's ink cut to the band of its digits with a margin above and below (one
    row more each side, for the glyphs' vertical slack), or None without such a band.
    The band is the run of inky rows nearest the crop's middle: a crop round a value
    may take in the foot of the line above."""
    ink = (255.0 - gray.astype(np.float64)) / 255.0
    rows = np.count_nonzero(ink > 0.5, axis=1)
    if rows.max(initial=0) == 0:
        return None
    # the digits' middle rows may hold little ink ("7"): they join the band, and its
    # ends are its inky rows (a comma's tail or a speck below do not lower the foot)
    low, high = _middle_band(rows >= _JOIN_SHARE * rows.max())
    inky = np.nonzero(rows[low : high + 1] >= _BAND_SHARE * rows.max())[0]
    if len(inky) == 0:
        return None
    top, base = low + int(inky[0]), low + int(inky[-1])
    height = base - top + 1
    if height < _MIN_HEIGHT:
        return None
    margin = max(2, round(_MARGIN_SHARE * height))
    padded = np.pad(ink, ((margin + 1, margin + 1), (0, 0)))
    cut = padded[top : top + height + 2 * margin + 2]
    return _Line(_blurred(cut), margin, height)


def _middle_band(inky: npt.NDArray[np.bool_]) -> tuple[int, int]:
    """The first and last row of the run of inky rows nearest the middle row."""
    rows = np.nonzero(inky)[0]
    breaks = np.nonzero(np.diff(rows) > 1)[0]
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], [rows[-1]]))
    middle = len(inky) / 2.0
    gaps = [max(0.0, s - middle, middle - e) for s, e in zip(starts, ends, strict=True)]
    k = int(np.argmin(gaps))
    return int(starts[k]), int(ends[k])


def read_value(gray: Gray, given: str = "") -> Reading | None:
    """The best-fitting well-formed value printed on a one-line crop (dark on light), in
    either face at sizes round the one its digits' height gives, with the fit of the
    best free reading by any glyphs of that face and size, and that of the `given`
    reading (Tesseract's) laid out the same way; or None."""
    found = _best_value(gray)
    return None if found is None else _with_fits(found, given)


# A value's best reading on a line: the line, the reading (its separators told by their
# tails), the face and the em it was read at.
_Found = tuple[_Line, Reading, str, int]


def _best_value(gray: Gray) -> _Found | None:
    """The best-fitting well-formed value on a one-line crop, without the fits it is
    weighed against (see `_with_fits`: a reading no fit could make usable skips them)."""
    line = _line(gray)
    if line is None:
        return None
    faces = [f for f in map(glyphs.font_path, _FACES) if f is not None]
    # every face at every size: a face chosen at one size first lost a date to the
    # other face's fit at the size the digits' height gives
    tries = [_at(line, face, step) for face in faces for step in _EM_STEPS]
    best = min(tries, key=_cost, default=None)
    if best is None:
        return None
    reading, face, em = best
    if reading is None:
        return None
    tails = _tails(line, reading)
    text = _told(reading.text, tails)
    told = Reading(text, reading.cost, reading.x0, reading.x1, starts=reading.starts, tails=tails)
    return line, told, face, em


def _with_fits(found: _Found, given: str) -> Reading:
    """The reading with the fit of the best free reading by any glyphs of its face and
    size, and that of the `given` reading laid out the same way."""
    line, reading, face, em = found
    free = _free_cost(line, _drawn(face, em, line.height, line.margin, _ANY))
    fit = np.inf
    if given and all(c in _ALPHABET for c in given):
        spelled = _decode(line, _drawn(face, em, line.height, line.margin), _spelled(given))
        fit = spelled.cost if spelled is not None else np.inf
    return replace(reading, free=free, given=fit)


def _told(text: str, tails: tuple[float, ...]) -> str:
    """The reading with each stop that has a comma's tail read as a comma, when the value
    stays well formed: the fits of "," and "." differ by a few columns of ink only, so
    the whole value's fit does not tell them apart on a fax ("2.731" for "2,731"). A
    price ("$" first) is left as read: its decimals stand after a stop, and a marker's
    ink beside one made a stop look tailed ("$731.462" read "$731,462")."""
    if text.startswith("$"):
        return text
    chars, k = list(text), 0
    for i, char in enumerate(text):
        if char in ",.":
            if char == "." and tails[k] >= _COMMA_TAIL:
                chars[i] = ","
            k += 1
    told = "".join(chars)
    return told if parses(told) else text


def _separators_told(given: str, reading: Reading) -> bool:
    """Whether the reading differs from Tesseract's `given` only in commas Tesseract read
    as stops, each told by its tail. A stop is never told against Tesseract's comma: a
    fax thins a comma's tail to nothing as often as it prints a stop (measured: commas
    with tails 0.002-0.41; stops 0.00-0.02)."""
    if len(given) != len(reading.text) or given == reading.text:
        return False
    k = 0
    for ours, theirs in zip(reading.text, given, strict=True):
        if ours in ",." and theirs in ",.":
            tail = reading.tails[k]
            k += 1
            if ours != theirs and not (ours == "," and tail >= _COMMA_TAIL):
                return False
        elif ours != theirs:
            return False
    return True


def _tails(line: _Line, reading: Reading) -> tuple[float, ...]:
    """Per separator ("," or ".") of the reading, the share of its ink below the digits'
    foot (a comma's tail)."""
    ends = [*reading.starts[1:], reading.x1]
    base = line.margin + line.height
    out = []
    for char, x0, x1 in zip(reading.text, reading.starts, ends, strict=True):
        if char not in ",.":
            continue
        ink = line.ink[:, x0:x1] ** 2
        below = float(ink[base + 1 + round(_TAIL_FROM * line.height) :].sum())
        out.append(below / max(float(ink[line.margin + 1 :].sum()), 1e-9))
    return tuple(out)


def _at(line: _Line, face: str, step: float) -> tuple[Reading | None, str, int]:
    """The value decoded in `face` at `step` times the em its digits' height gives."""
    em = round(line.height / _digit_height(face) * step)
    return _decode(line, _drawn(face, em, line.height, line.margin)), face, em


def _cost(found: tuple[Reading | None, str, int]) -> float:
    return found[0].cost if found[0] is not None else float("inf")


def _free_cost(line: _Line, drawn: dict[str, _Glyph]) -> float:
    """The fit of the cheapest layout of any glyphs and blank columns over the line (a
    blank column costs as beside a value), on the scale of `_decode`'s cost."""
    # at their own advance only: three times fewer comparisons, and a free reading only
    # needs to be about as good as the best
    single = _single_costs(line, drawn, (0,))
    beside = np.diff(_beside_costs(line))
    columns = line.ink.shape[1]
    widths = np.array([w for rows in single.values() for w in rows], dtype=np.int64)
    table = np.array([row for rows in single.values() for row in rows.values()])
    cost = np.full(columns + 1, np.inf)
    cost[0] = 0.0
    for x in range(columns):
        cost[x + 1] = min(cost[x + 1], cost[x] + beside[x])
        ends = x + widths
        fits = ends <= columns
        np.minimum.at(cost, ends[fits], cost[x] + table[fits, x])
    return float(cost[columns]) / float(columns * (line.ink.shape[0] - 2))


# Per set of glyphs the grammar allows at once: (a width, per column the cost of the
# cheapest of them laid there at that width, which one that is), as lists: the decoding
# loop reads them one number at a time, which numpy does slowly.
Costs = dict[str, list[tuple[int, list[float], list[int]]]]
_UNSEEN = (np.inf, -1, "", -1)
# Per column, per grammar state: (cost so far, previous column, glyph, previous state).
Table = list[dict[int, tuple[float, int, str, int]]]


def _glyph_costs(line: _Line, drawn: dict[str, _Glyph], grammar: _Grammar) -> Costs:
    """For every set of glyphs on an edge of the grammar and every width they may take:
    the squared difference between the ink and the best of them drawn from each column
    (the best of three heights). The digits share one advance, so a set has few widths."""
    single = _single_costs(line, drawn)
    out: Costs = {}
    for chars in {c for edges in grammar.edges.values() for c, _ in edges}:
        widths = sorted({w for c in chars for w in single.get(c, {})})
        out[chars] = []
        for width in widths:
            rows = np.array([single[c].get(width, _never(line)) for c in chars])
            out[chars].append((width, rows.min(axis=0).tolist(), rows.argmin(axis=0).tolist()))
    return out


def _never(line: _Line) -> Floats:
    return np.full(line.ink.shape[1], np.inf)


def _single_costs(
    line: _Line, drawn: dict[str, _Glyph], slacks: tuple[int, ...] = _SLACK
) -> dict[str, dict[int, Floats]]:
    """Per glyph, per width it may take (its advance plus each of `slacks`), its cost laid
    from each column (inf past the end)."""
    columns = line.ink.shape[1]
    out: dict[str, dict[int, Floats]] = {}
    for char, glyph in drawn.items():
        out[char] = {}
        for slack in slacks:
            width = round(glyph.advance) + slack
            if width < 2 or width > columns:
                continue
            part = np.zeros((line.ink.shape[0] - 2, width))
            shown = glyph.ink[:, :width]
            part[:, : shown.shape[1]] = shown
            found = grid.square_differences(line.ink, part).min(axis=0)
            row = _never(line)
            row[: len(found)] = found
            out[char][width] = row
    return out


def _beside_costs(line: _Line) -> Floats:
    """The cost of each column left outside the value: its ink in the band's lower part
    (a raised footnote marker beside a value costs nothing), cumulated left to right."""
    low = line.margin + 1 + round(_LOW_PART * line.height)
    base = line.margin + 1 + line.height
    column = (line.ink[low:base] ** 2).sum(axis=0)
    return np.concatenate(([0.0], np.cumsum(column)))


def _decode(line: _Line, drawn: dict[str, _Glyph], grammar: _Grammar = _VALUES) -> Reading | None:
    """The cheapest value of `grammar` laid out on the line (see the module's doc)."""
    costs = _glyph_costs(line, drawn, grammar)
    beside = _beside_costs(line)
    columns = line.ink.shape[1]
    inked = np.nonzero(np.diff(beside) >= _FIRST_INK)[0]
    first = int(inked[0]) if len(inked) else columns
    table: Table = [{} for _ in range(columns + 1)]
    for x in range(columns):
        if x <= first:  # a value starts at its first ink at the latest
            table[x].setdefault(_START, (float(beside[x]), -1, "", -1))
        for state, (cost, _, _, _) in list(table[x].items()):
            _relax(table, costs, x, state, cost, grammar)
    return _best_end(table, beside, line, grammar)


def _relax(table: Table, costs: Costs, x: int, state: int, cost: float, grammar: _Grammar) -> None:
    """Every glyph the grammar allows after `state`, laid from column `x`."""
    for chars, after in grammar.edges.get(state, ()):
        for width, row, which in costs[chars]:
            end = x + width
            if end >= len(table):
                continue
            total = cost + row[x]
            if total < table[end].get(after, _UNSEEN)[0]:
                table[end][after] = (total, x, chars[which[x]], state)


def _best_end(table: Table, beside: Floats, line: _Line, grammar: _Grammar) -> Reading | None:
    """The cheapest value ending in a final state, the columns after it costed as beside
    it, traced back glyph by glyph."""
    columns = len(table) - 1
    ends = [
        (cost + float(beside[-1] - beside[x]), x, state)
        for x in range(columns + 1)
        for state, (cost, _, _, _) in table[x].items()
        if state in grammar.final
    ]
    if not ends:
        return None
    total, x, state = min(ends)
    end, chars, starts = x, [], []
    while state != _START or table[x][state][1] >= 0:
        _, before, char, previous = table[x][state]
        if before < 0:
            break
        chars.append(char)
        starts.append(before)
        x, state = before, previous
    area = float(columns * (line.ink.shape[0] - 2))
    return Reading("".join(reversed(chars)), total / area, x, end, starts=tuple(reversed(starts)))


def reread_values(crop: Gray, words: list[OcrWord], check: bool = False) -> list[OcrWord]:
    """Tesseract's `words` from a cell crop, each run of them that reads as a garbled
    value (see `_garbled`) replaced by the value read glyph by glyph when one fits the
    ink closely; footnote markers and other runs stay as they are. A cell of one short
    word may hold a "$" and one digit a fax erased ("#)" for "$0", see `_LONE_DOLLAR`),
    or else, with no digit, one capital (a code, "D", "I"), read as one. With
    `check` (a page cut to black and white), a value Tesseract read that parses is
    read again too, and replaced when another value fits the ink clearly better."""
    dollar = _lone_dollar(crop, words)
    if dollar is not None:
        return [dollar]
    capital = _lone_capital(crop, words)
    if capital is not None:
        return [capital]
    out: list[OcrWord] = []
    for run in _runs(words):
        reading = None
        if _garbled(run):
            reading = _reread(crop, run)
        elif check and _checked(run):
            reading = _reread(crop, run, _core(run))
        out.extend(run if reading is None else [reading])
    return out


def _lone_dollar(crop: Gray, words: list[OcrWord]) -> OcrWord | None:
    """The value a cell of one short word holds when the word is a "$" and a mark or
    marks alone (see `_LONE_DOLLAR`) and a value read glyph by glyph fits; else None."""
    if len(words) != 1 or not _LONE_DOLLAR.match(words[0].text):
        return None
    return _reread(crop, words)


def _core(run: list[OcrWord]) -> str:
    """A run's text as a value: no spaces, markers or clause stops."""
    core = "".join(w.text for w in run).strip(_EDGE_STOPS)
    while _MARKER.search(core):
        core = _MARKER.sub("", core)
    return core


def _checked(run: list[OcrWord]) -> bool:
    """A run Tesseract read as a value of a few digits or more, which a misread glyph
    may have changed ("3,918" read "418")."""
    text = "".join(w.text for w in run)
    digits = sum(c.isdigit() for c in text)
    return len(run) <= _MAX_WORDS and digits >= _MIN_DIGITS and parses(text)


def _runs(words: list[OcrWord]) -> list[list[OcrWord]]:
    """The words in lines (boxes overlapping by half their height), each line cut into
    runs where words stand more than `_RUN_GAP` of their height apart."""
    runs: list[list[OcrWord]] = []
    for line in _lines(words):
        line.sort(key=lambda w: w.x0)
        run = [line[0]]
        for w in line[1:]:
            if w.x0 - run[-1].x1 > _RUN_GAP * _height(run) or _is_marker(w) or _is_marker(run[-1]):
                runs.append(run)
                run = []
            run.append(w)
        runs.append(run)
    return runs


def _lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    lines: list[list[OcrWord]] = []
    for w in sorted(words, key=lambda w: w.top):
        home = next((ln for ln in lines if _overlap(ln[-1], w)), None)
        if home is None:
            lines.append([w])
        else:
            home.append(w)
    return lines


def _overlap(a: OcrWord, b: OcrWord) -> bool:
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _height(run: list[OcrWord]) -> float:
    return float(np.median([w.bottom - w.top for w in run]))


def _is_marker(word: OcrWord) -> bool:
    return bool(_MARKER.fullmatch(word.text))


def _garbled(run: list[OcrWord]) -> bool:
    """A run that may be a value Tesseract garbled: a few words with a digit among them,
    no wider than a value prints, that do not parse as one."""
    text = "".join(w.text for w in run)
    if len(run) > _MAX_WORDS or not any(c.isdigit() for c in text) or parses(text):
        return False
    if _HYPHENED.match(text):
        return False  # a ZIP+4 code or a phone number: well formed, no value
    if sum(c in _ALPHABET for c in text) < _VALUE_SHARE * len(text):
        return False  # a label with a digit ("2A. Deemed", "(Instr. 4)"), no value
    width = run[-1].x1 - run[0].x0
    return width <= _MAX_WIDTH * _height(run) and not _is_marker(run[0])


def _reread(crop: Gray, run: list[OcrWord], given: str = "") -> OcrWord | None:
    """The run's value read glyph by glyph from the crop round it, or None when no
    well-formed value fits well enough, or (with Tesseract's reading `given`) when it
    is that reading or fits no clearly better, unless it differs from it only in
    separators its glyphs' tails tell (see `_separators_told`)."""
    pad = round(_PAD * _height(run))
    top = max(0, min(w.top for w in run) - pad)
    bottom = min(crop.shape[0], max(w.bottom for w in run) + pad)
    x0 = max(0, run[0].x0 - pad)
    x1 = min(crop.shape[1], max(w.x1 for w in run) + pad)
    found = _best_value(crop[top:bottom, x0:x1])
    if found is None:
        return None
    best = found[1]
    if best.cost > _MAX_COST or len(best.text) < _MIN_GLYPHS or best.text == given:
        return None  # decided without the fits, which cost as much again to measure
    reading = _with_fits(found, given)
    told = bool(given) and _separators_told(given, reading)
    if given and not told and reading.cost > _CLEARLY * reading.given:
        return None
    if reading.cost > _FREE_RATIO * reading.free:
        return None  # other glyphs fit far better: words, no value
    confidence = min(_MAX_CONFIDENCE, max(_MIN_CONFIDENCE, 1.0 - reading.cost / _MAX_COST))
    y0, y1 = min(w.top for w in run), max(w.bottom for w in run)
    return OcrWord(reading.text, x0 + reading.x0, y0, x0 + reading.x1, y1, confidence)


def _lone_capital(crop: Gray, words: list[OcrWord]) -> OcrWord | None:
    """The capital a cell holds when Tesseract read it as a few glyphs that are no
    capital ("ly", "(1)" for a broken "D") and one capital drawn there fits the ink
    closely, better than any glyphs laid freely; else None."""
    text = "".join(w.text for w in words)
    # a broken "D" reads as a marker "(1)": a marker's digit does not rule a capital out
    plain = "".join(w.text for w in words if not _is_marker(w))
    if not words or len(text) > _LONE_TEXT or any(c.isdigit() for c in plain):
        return None
    if len(text) < _LONE_MIN_TEXT:
        return None  # one glyph read: Tesseract's lone letters are right but for case
    if text.isalpha() and len(set(text.upper())) == 1:
        return None  # one letter read twice ("Ss"): Tesseract named it; drawn, an "N"
    if len(_lines(list(words))) != 1:
        return None
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    pad = round(_PAD * (bottom - top))
    x0, x1 = max(0, min(w.x0 for w in words) - pad), max(w.x1 for w in words) + pad
    area = crop[max(0, top - pad) : bottom + pad, x0:x1]
    reading = read_capital(area)
    if reading is None or reading.cost > _MAX_COST or reading.cost > _FREE_RATIO * reading.free:
        return None
    confidence = min(_MAX_CONFIDENCE, max(_MIN_CONFIDENCE, 1.0 - reading.cost / _MAX_COST))
    return OcrWord(reading.text, x0 + reading.x0, top, x0 + reading.x1, bottom, confidence)


def read_capital(gray: Gray) -> Reading | None:
    """The one capital that, drawn on a one-line crop at the size its band gives, fits
    its ink best (the ink beside it costing as beside a value), with the fit of the best
    free reading; None without a band."""
    line = _line(gray)
    if line is None:
        return None
    beside = _beside_costs(line)
    best: tuple[float, str, int, int, str, int] | None = None
    for face in filter(None, map(glyphs.font_path, _FACES)):
        em = round(line.height / _digit_height(face))
        drawn = _drawn(face, em, line.height, line.margin, _CAPITALS)
        for char, widths in _single_costs(line, drawn, (0,)).items():
            for width, row in widths.items():
                x = np.arange(len(row))
                ends = np.minimum(x + width, len(beside) - 1)
                total = row + beside[x] + (beside[-1] - beside[ends])
                k = int(np.argmin(total))
                if best is None or total[k] < best[0]:
                    best = (float(total[k]), char, k, k + width, face, em)
    if best is None:
        return None
    cost, char, x0, x1, face, em = best
    area = float(line.ink.shape[1] * (line.ink.shape[0] - 2))
    free = _free_cost(line, _drawn(face, em, line.height, line.margin, _ANY))
    return Reading(char, cost / area, x0, x1, free)
