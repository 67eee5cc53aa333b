"""Table cells OCR garbled, put back from the other cells of their column.

A filing that reports one trade as many lots prints the same title, date, code,
ownership form and nature on every row of a table; a fax garbles each copy another way
("Common Stxk", "hy Trust", a code "S" read "4" or lost). Where the column's readable
cells all print one value, a cell of it that is no such value is that value:

- a code, an ownership form, an (A)/(D) or a date the form requires on every row that
  is not one (unparsed, or lost) takes the value its column's other rows print, twice
  at least and in three readable cells of four;
- a text (a title, a nature) printed once in its column takes the text the column
  prints most often, twice at least, when it is a near copy of it (see `_NEAR`) and
  differs from it in no class letter or number ("Class B" among many "Class A", "Fund
  II" among "Fund" stay as read). The language cannot tell: OCR's word list holds
  most garblings of a short word ("Stark", "Sik").

Readable codes and dates are never changed. Each change is reported (ocr.corrected)
for a reviewer to check against the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from extractor.layout import ocr_repair
from extractor.layout.text import edit_distance, within_edits
from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding
from extractor.sources.lexicon import english_words

# A value is the column's when at least this many of its other cells print it, and
# (a code, a date) this share of its readable ones.
SEEN = 2
_MOSTLY = 0.75
# A column of at least this many texts, none printed twice, agrees on the copy nearest
# to all the others.
_MEDOID_ROWS = 4
# A garbled text is a copy of the column's text when its letters and digits are within
# this share of edits (a fax's "hy 'Thus |" for "by Trust": three of seven).
_NEAR = 0.4
# ... and within this share when the column prints its text as is twice or more (a
# fax's "hy 'Thus |" for "by Trust", among many "by Trust").
NEAR_PRINTED = 0.6
# A text Tesseract read with this confidence or more is as printed, however near the
# column's other text it is: a grey 300 dpi scan's "See Footnotes" (0.97) among rows of
# "See Footnote" was made one of them; a fax's garblings read under 0.9.
SURE = 0.9
_LETTERS = re.compile(r"[^a-z0-9]")
# The glyphs of a title or a nature as typed.
PLAIN = re.compile(r"[A-Za-z0-9 ,.&()/%$#-]+")
# A token that names a class, a series or a fund of its own: a capital, a roman or an
# arabic number, a bracketed mark ("(Q)").
CLASS = re.compile(r"[A-Z]|[IVXL]+|\d+[A-Za-z]?|\(\w+\)")
# The words of a text, without its marks: "Fund, LP" is "Fund" and "LP".
_TOKEN = re.compile(r"\(\w+\)|[A-Za-z0-9]+")
# A word added or left out of this many letters or more names another holder (a lone
# speck read as a letter or two is no word).
_WHOLE_WORD = 3
# A word of the language this long is no garbling of another: OCR's readings of a
# word seldom make another long word ("Growth" for "VI"), short ones often ("Stark").
_LONG_WORD = 6

Row = Any  # a table row of the filing model (a pydantic model)


@dataclass(frozen=True, slots=True)
class _Column:
    """One column of a table: how to get and set its fact on a row, and its kind."""

    name: str
    get: Callable[[Row], Fact[Any]]
    put: Callable[[Row, Fact[Any]], None]
    text: bool  # free text (a title, a nature) rather than a code or a date
    required: bool  # printed on every row: a lost one is garbled too


def _title() -> _Column:
    return _Column(
        "security_title", lambda r: r.security_title, _setter("security_title"), True, True
    )


def _nature() -> _Column:
    def put(r: Row, f: Fact[Any]) -> None:
        r.ownership.nature_of_ownership = f

    return _Column("nature", lambda r: r.ownership.nature_of_ownership, put, True, False)


def _form() -> _Column:
    def put(r: Row, f: Fact[Any]) -> None:
        r.ownership.direct_or_indirect = f

    return _Column("ownership form", lambda r: r.ownership.direct_or_indirect, put, False, True)


def _code() -> _Column:
    def put(r: Row, f: Fact[Any]) -> None:
        r.coding.code = f

    return _Column("transaction code", lambda r: r.coding.code, put, False, True)


def _date() -> _Column:
    return _Column(
        "transaction date", lambda r: r.transaction_date, _setter("transaction_date"), False, True
    )


def _acquired_disposed() -> _Column:
    return _Column(
        "(A) or (D)", lambda r: r.acquired_disposed, _setter("acquired_disposed"), False, True
    )


def _setter(field: str) -> Callable[[Row, Fact[Any]], None]:
    def put(r: Row, f: Fact[Any]) -> None:
        setattr(r, field, f)

    return put


def with_column_consensus(filing: Filing) -> tuple[Filing, list[Finding]]:
    """`filing` with garbled cells of uniform columns put back, in place (see the
    module's doc), and a finding for each."""
    holding = [_title(), _form(), _nature()]
    transaction = [*holding, _date(), _code()]
    tables: list[tuple[str, Sequence[Row], list[_Column]]] = [
        ("Table I", filing.non_derivative_transactions, [*transaction, _acquired_disposed()]),
        ("Table I", filing.non_derivative_holdings, holding),
        ("Table II", filing.derivative_transactions, transaction),
        ("Table II", filing.derivative_holdings, holding),
    ]
    findings: list[Finding] = []
    for label, rows, columns in tables:
        for column in columns:
            findings += _agreed(label, rows, column)
    return filing, findings


def _agreed(label: str, rows: Sequence[Row], column: _Column) -> list[Finding]:
    """Each garbled cell of one column put back to the value the column agrees on."""
    facts = [column.get(r) for r in rows]
    value = _text_agreed(facts) if column.text else _value_agreed(facts)
    if value is None:
        return []
    seen = Counter(f.value for f in facts)
    out = []
    for n, (row, fact) in enumerate(zip(rows, facts, strict=True), 1):
        if not _garbled(fact, column, value, seen):
            continue
        prov = fact.provenance
        column.put(row, Fact(value=value, footnote_ids=fact.footnote_ids, provenance=prov))
        read = fact.raw or ("" if fact.value is None else str(fact.value))
        out.append(
            ocr_repair.corrected(
                column.name,
                read,
                str(getattr(value, "value", value)),
                "the value the other rows of its column print",
                prov.page if prov else None,
                prov.box if prov else None,
                f"{label} row {n}",
            )
        )
    return out


def _value_agreed(facts: list[Fact[Any]]) -> object | None:
    """The value the column's readable cells print, `SEEN` times at least and in
    `_MOSTLY` of them (a fax's "S" read as another code, "A", stays as read, but is no
    reason to leave the column's unreadable cells unread)."""
    seen = Counter(f.value for f in facts if f.value is not None)
    if not seen:
        return None
    value, count = seen.most_common(1)[0]
    return value if count >= SEEN and count >= _MOSTLY * seen.total() else None


def _text_agreed(facts: list[Fact[Any]]) -> str | None:
    """The text the column prints most often, `SEEN` times at least, among those
    with no glyph a form's text has no use for (a fax's specks read "|", "'"); None
    when two are printed as often. When none is printed twice (every copy garbled
    another way), the copy closest to all the others, if most are near copies of it."""
    texts = [f.value for f in facts if isinstance(f.value, str)]
    seen = Counter(t for t in texts if PLAIN.fullmatch(t))
    top = seen.most_common(2)
    if top and top[0][1] >= SEEN:
        return top[0][0] if len(top) == 1 or top[1][1] < top[0][1] else None
    return _medoid(texts)


def _medoid(texts: list[str]) -> str | None:
    """The plain text nearest to all of `texts` (fewest edits in all) when there are
    `_MEDOID_ROWS` or more and `_MOSTLY` of them are near copies of it (see `near_copy`)."""
    plain = [t for t in set(texts) if PLAIN.fullmatch(t)]
    if len(texts) < _MEDOID_ROWS or not plain:
        return None
    keys = {t: _LETTERS.sub("", t.lower()) for t in set(texts)}
    best = min(sorted(plain), key=lambda m: sum(edit_distance(keys[m], keys[t]) for t in texts))
    near = sum(1 for t in texts if near_copy(t, best))
    return best if near >= _MOSTLY * len(texts) else None


def _garbled(fact: Fact[Any], column: _Column, value: object, seen: Counter[object]) -> bool:
    if not column.text:
        lost = fact.value is None and fact.raw is None and not fact.footnote_ids
        return (fact.value is None and fact.raw is not None) or (column.required and lost)
    if not isinstance(fact.value, str) or fact.value == value or fact.provenance is None:
        return False
    if fact.provenance.confidence >= SURE:
        return False  # read surely: another text ("See Footnotes" among "See Footnote")
    if seen[fact.value] >= SEEN:
        return False  # a second value the column prints: no one-off garbling
    # a text the column prints as is, twice or more, takes copies garbled further
    share = NEAR_PRINTED if seen[value] >= SEEN else _NEAR
    return near_copy(fact.value, str(value), share) and not distinct(fact.value, str(value))


def near_copy(garbled: str, text: str, share: float = _NEAR) -> bool:
    """Whether the letters and digits of `garbled` are within `share` edits of `text`'s."""
    a, b = _LETTERS.sub("", garbled.lower()), _LETTERS.sub("", text.lower())
    return within_edits(a, b, max(1, int(share * len(b))))


def distinct(read: str, text: str) -> bool:
    """Whether `read` differs from `text` in a class letter, a number or a bracketed
    mark ("Class B" / "Class A", "Fund II" / "Fund"), in a whole word one of them lacks
    ("Fund VI, LP" / "Fund VI Principals Fund, LP"), or in a long word of the language
    ("Growth" / "VI"): another security or holder, not a garbled copy."""
    a, b = _TOKEN.findall(read), _TOKEN.findall(text)
    for op, i0, i1, j0, j1 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        # a class replaced by a class, or one added or left out; a garbled word that
        # happens to look like one ("8y" for "By") replaces no class
        sides = [side for side in (a[i0:i1], b[j0:j1]) if side]
        if all(any(CLASS.fullmatch(t) for t in side) for side in sides):
            return True
        if len(sides) == 1 and any(len(t) >= _WHOLE_WORD for t in sides[0]):
            return True  # OCR garbles a word's letters; it does not add or drop words
        if any(_real_word(t, b[j0:j1]) for t in a[i0:i1]):
            return True
    return False


def _real_word(token: str, meant: list[str]) -> bool:
    """Whether `token` is a long word of the language (written small: the list holds
    names too) far from each word of `meant`
    (a third of its letters or more off: "Shaves" is a garbled "Shares")."""
    if len(token) < _LONG_WORD or not token.isalpha():
        return False
    low = token.lower()
    if low not in english_words():
        return False  # no word, or a name only ("Statik" for "Stock")
    return not any(within_edits(low, m.lower(), len(m) // 3) for m in meant)
