"""OCR'd footnote markers put back to the footnotes the filing defines.

A marker points to a footnote of the Explanation of Responses: an id the filing does
not define ("(4)" where the notes run (1) to (3)) is a misread. Superscript digits are
a few pixels tall on a grey scan and OCR swaps the ones that differ by a stroke ("1"
and "4", "5" and "9") or reads a bracket as a digit ("(2)" read "(42)"). Such an id is
put back to the defined one it is a lookalike of, or to the markers it ran together
("(2)(3)" read "(23)"); a footnote no marker points to
is the likelier one, because a filing references every footnote it prints (EDGAR
suspends one that does not). Ids the filing defines are left as they are.

The footnotes must have been read well enough to be the list: numbered from one without
a gap, read with some confidence and mostly into English words. A fax loses notes of
its Explanation of Responses (two read where four are printed), and a marker of a lost
note is right.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from extractor.layout import ocr_repair
from extractor.model.filing import Filing, Footnote
from extractor.model.result import Finding
from extractor.validate.rules import iter_marker_lists

# Digits of small print that OCR takes for one another: the first pairs differ by a
# stroke ("1"/"4": the flag; "5"/"9": the bowl closed), the second by less often.
_CLOSE_PAIRS = ("14", "17", "59", "38", "68", "08", "27")
_FAR_PAIRS = ("39", "35", "56", "89", "06", "09", "13")
_CLOSE, _FAR, _BRACKET = 2, 1, 2
# The digits OCR reads a superscript's "(" as ("(2)" read "(42)" or "(12)").
_BRACKET_DIGITS = "14"

# A footnote no marker points to weighs more than any lookalike: it is one of the
# misread markers' for certain, as every footnote has its marker.
_UNREFERENCED = 3
_ID = re.compile(r"^(\D*)(\d+)$")
# The mean OCR confidence of footnotes read well enough to trust the list (a fax's
# garbled notes read at 0, a grey scan's at 0.5 or more).
_SURE_NOTE = 0.3
# The least share of the notes' words that are English words for the notes to be read
# well enough to trust their numbers.
_ENGLISH = 0.85
_LETTERS = re.compile(r"[A-Za-z]{3,}")


def with_known_markers_recorded(filing: Filing) -> tuple[Filing, list[Finding]]:
    """`with_known_markers`, with a finding for each marker list it changed: what OCR
    read and what was taken, so a reviewer sees every marker put back."""
    before = {path: list(ids) for path, ids in iter_marker_lists(filing)}
    filing = with_known_markers(filing)
    why = "marker ids put back to the notes the filing prints"
    found = [
        ocr_repair.corrected(path, ", ".join(before[path]), ", ".join(ids), why, None, None)
        for path, ids in iter_marker_lists(filing)
        if path in before and ids != before[path]
    ]
    return filing, found


def with_known_markers(filing: Filing) -> Filing:
    """`filing` with each marker id it does not define put back, in place, to the one
    defined id most like it (see the module's docstring); one left in doubt (two as
    likely, or none alike) stays, for the footnote.missing check to report."""
    defined = [note.id for note in filing.footnotes]
    _join_split_numbers([ids for _, ids in iter_marker_lists(filing)], set(defined))
    if not defined or not _whole_list(filing.footnotes):
        return filing
    lists = [ids for _, ids in iter_marker_lists(filing)]
    if _cut_short(defined[-1], {i for ids in lists for i in ids}):
        return filing  # the notes after the last one read were lost, not misread
    _split_run_together(lists, set(defined))
    used = Counter(i for ids in lists for i in ids)
    columns = _column_markers(filing)
    for path, ids in iter_marker_lists(filing):
        for at, old in enumerate(ids):
            if old in defined:
                continue
            unused = {d for d in defined if not used[d]}
            new = _likeliest(old, defined, unused, columns[_column_of(path)])
            if new is not None:
                ids[at] = new
                used[new] += 1
    for note in defined:
        _unreferenced_placed(lists, note)
    for ids in lists:
        ids[:] = list(dict.fromkeys(ids))  # one id put back onto another of its list
    return filing


def _unreferenced_placed(lists: list[list[str]], note: str) -> None:
    """A defined `note` no marker points to put back, in place, onto the one marker
    that misread it as a note referenced before ("(9)" read "(3)"): every footnote has
    its marker, and notes are numbered in the order they are first referenced, so the
    marker lies after the previous note's first reference and before the next one's."""
    m = _ID.match(note)
    flat = [(ids, at, i) for ids in lists for at, i in enumerate(ids)]
    seen = [i for _, _, i in flat]
    if m is None or note in seen:
        return
    number = int(m.group(2))
    before, after = (f"{m.group(1)}{number + d}" for d in (-1, 1))
    if number > 1 and before not in seen:
        return  # the order tells nothing where the previous note has no marker either
    first: dict[str, int] = {}
    for k, i in enumerate(seen):
        first.setdefault(i, k)  # each id's first reference
    start = first[before] if number > 1 else -1
    end = first.get(after, len(seen))
    found = [
        (ids, at)
        for k, (ids, at, i) in enumerate(flat)
        if start < k < end and first[i] < k and _likeness(i, note) > 0
    ]
    if len(found) == 1:
        ids, at = found[0]
        ids[at] = note


def _join_split_numbers(lists: list[list[str]], defined: set[str]) -> None:
    """Two one-digit markers put back, in place, as the two-digit marker OCR read apart
    ("(16)" read "(1)(6)" or "(1,6)"): when the filing defines the two-digit note and no
    other marker points to it (every footnote has its marker)."""
    used = Counter(i for ids in lists for i in ids)
    for ids in lists:
        joined = _joined(ids)
        if joined is not None and joined in defined and not used[joined]:
            ids[:] = [joined]
            used[joined] += 1


def _split_run_together(lists: list[list[str]], defined: set[str]) -> None:
    """Each id the filing does not define put back, in place, as the one-digit markers
    its digits are ("(2)(3)" read "(23)": the brackets between two raised digits are a
    pixel or two wide and OCR drops them), when each digit is a defined note and they
    rise (a filing prints a value's markers in order). A first digit that OCR makes of
    a bracket ("(3)" read "(13)", see `_likeness`) leaves the id to the lookalikes, and
    so do notes that run to two digits: then a two-digit id is as likely a note whose
    digit was misread ("(23)" for "(13)")."""
    if any(len(m.group(2)) > 1 for m in map(_ID.match, defined) if m is not None):
        return
    for ids in lists:
        split: list[str] = []
        for old in ids:
            split += _digits_apart(old, defined) or [old]
        ids[:] = list(dict.fromkeys(split))


def _digits_apart(old: str, defined: set[str]) -> list[str] | None:
    """The defined one-digit ids `old`'s digits are, in rising order; else None."""
    m = _ID.match(old)
    if old in defined or m is None or len(m.group(2)) < 2 or m.group(2)[0] in _BRACKET_DIGITS:
        return None
    digits = m.group(2)
    ids = [f"{m.group(1)}{d}" for d in digits]
    rising = list(digits) == sorted(set(digits))  # each digit above the one before
    return ids if rising and all(i in defined for i in ids) else None


def _joined(ids: list[str]) -> str | None:
    """The id two one-digit ids of one prefix make side by side ("F1", "F6" -> "F16")."""
    found = [_ID.match(i) for i in ids]
    if len(found) != 2 or any(m is None or len(m.group(2)) != 1 for m in found):
        return None
    (a, b) = (m for m in found if m is not None)
    if a.group(1) != b.group(1) or a.group(2) == "0":
        return None
    return f"{a.group(1)}{a.group(2)}{b.group(2)}"


def _cut_short(last: str, used: set[str]) -> bool:
    """Whether the markers point past the last note read: to the next one ("F14" after
    "F13") and to one more beyond it. Then the notes read end early (a page of notes not
    read, a dark scan's last notes), and markers up to "(26)" had been put back to the
    first thirteen notes ("(19)" to F9, its "1" taken for a bracket). One id past the
    end is a misread ("(1)" read "(4)" with three notes)."""
    m = _ID.match(last)
    if m is None:
        return False
    prefix, number = m.group(1), int(m.group(2))
    past = {int(x.group(2)) for x in map(_ID.match, used) if x and x.group(1) == prefix}
    return number + 1 in past and any(p > number + 1 for p in past)


def _likeliest(
    old: str, defined: Iterable[str], unreferenced: set[str], column: Counter[str] | None = None
) -> str | None:
    """The defined id with the best score as a reading of `old`, when only one has it,
    or when only one of those the column's other rows print most (`column`: "(42)" is
    as like "(2)" as "(12)", and every other row's nature of ownership prints "(2)")."""
    scores = {d: _likeness(old, d) + (_UNREFERENCED if d in unreferenced else 0) for d in defined}
    best = max(scores.values(), default=0)
    winners = [d for d, s in scores.items() if s == best]
    if best > 0 and len(winners) > 1 and column:
        most = max(column[d] for d in winners)
        winners = [d for d in winners if column[d] == most] if most > 0 else winners
    return winners[0] if best > 0 and len(winners) == 1 else None


_ROW = re.compile(r"\[\d+\]")


def _column_of(path: str) -> str:
    """A marker list's column: its path without the row ("...transactions.price")."""
    return _ROW.sub("", path)


def _column_markers(filing: Filing) -> defaultdict[str, Counter[str]]:
    """How often each id stands in each column's marker lists (see `_column_of`)."""
    out: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for path, ids in iter_marker_lists(filing):
        out[_column_of(path)].update(ids)
    return out


def _likeness(read: str, printed: str) -> int:
    """How likely OCR reads the id `printed` as `read`: a digit swapped for its
    lookalike, or one digit more (a bracket read as a digit); 0 when neither."""
    a, b = _ID.match(read), _ID.match(printed)
    if a is None or b is None or a.group(1) != b.group(1):
        return 0
    x, y = a.group(2), b.group(2)
    if len(x) == len(y) + 1:
        # the "(" read as a digit comes first ("(2)" read "(42)"); a ")" read as one,
        # last, less often; a digit added inside is no bracket
        return _BRACKET if x[1:] == y else _FAR if x[:-1] == y else 0
    if len(x) != len(y):
        return 0
    swaps = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    if len(swaps) != 1:
        return 0
    pair = "".join(sorted(swaps[0]))
    return _CLOSE if pair in _CLOSE_PAIRS else _FAR if pair in _FAR_PAIRS else 0


def _whole_list(notes: list[Footnote]) -> bool:
    """Whether `notes` look like every footnote printed: numbered 1, 2, ... in order and
    each read with confidence."""
    numbers = [_ID.match(note.id) for note in notes]
    if any(m is None or int(m.group(2)) != at for at, m in enumerate(numbers, start=1)):
        return False
    sure = [n.provenance.confidence for n in notes if n.provenance is not None]
    # the mean: a note's confidence is its least sure word's, and one smudge is no fax
    if sure and sum(sure) / len(sure) < _SURE_NOTE:
        return False
    return _english_share(" ".join(n.text for n in notes)) >= _ENGLISH


def _english_share(text: str) -> float:
    """The share of `text`'s words of three letters or more that are English words (1
    when no word list is installed): a fax's notes read as "ceported ra this Pan wen"
    hold some 60-77 % of them, a grey scan's 90 % or more."""
    from extractor.sources.lexicon import english_words, knows  # the OCR model's own list

    words = [w.lower() for w in _LETTERS.findall(text)]
    known = english_words()
    if not known or not words:
        return 1.0
    return sum(knows(w, known) for w in words) / len(words)
