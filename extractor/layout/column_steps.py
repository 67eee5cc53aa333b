"""Footnote markers a fax lost, put back from the other rows of their column.

A filing that reports sales one by one often gives each row's price its own note (the
range its weighted average price covers): the price column's markers run "(3)", "(4)",
"(5)" down the rows, the row's index plus a fixed offset. In the corpus's 292 filings,
72 print such a run of three rows or more (908 rows inside one); a row inside a run
that breaks it (a row with no marker between two that step) is rare (13 rows). A fax
erases a marker or turns its digit into another ("(9)" read "(4)", "(10)" read "(11)"):
a row between two rows whose markers step with the column's offset, itself read with no
marker, an unread one or one that breaks the step, is given the marker the step puts
there, when at least three rows of the column agree on that offset and the break spans
at most `_MAX_GAP` rows. A row with more than one marker is left as read. So are the
`_MAX_GAP` rows after the last one on the step: a run of three rows or more goes on in
the next row 810 times in the corpus, and stops 42 times before a row that is not the
table's end (32 of them with no marker).

A column may carry one note on every row instead (the nature of ownership's "(2)", the
shares' "(1)"): in the corpus, in columns where four rows of five or more carry the
same markers, 2,343 rows carry them, 17 print a value without them and 27 another
marker. A row of such a column read without any, or with one other (a misread digit),
takes them (see `repeated`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from extractor.layout import ocr_repair
from extractor.layout.template import load_template
from extractor.layout.unread_markers import TABLES, note_number
from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding

# The least rows of a column whose markers agree on one offset for the column to step.
_MIN_RUN = 3
# The most rows in a row between two rows that step that are put back.
_MAX_GAP = 3
# The least share of a column's rows with markers that carry the same ones for a row
# read without any to take them.
_MOSTLY = 0.75


def with_column_steps(filing: Filing) -> list[Finding]:
    """The markers of rows that break a column's step put back, in place, to the step's
    (see the module's docstring); the findings record each one."""
    findings: list[Finding] = []
    for table in TABLES:
        rows = getattr(filing, table)
        for field in _marked_fields(rows):
            facts = [_fact(row, field) for row in rows]
            numbers = [_single(f.footnote_ids) if f else None for f in facts]
            # a row with more markers than one, or no value to mark, is left as read
            fixed = [f is None or len(f.footnote_ids) > 1 or _blank(f) for f in facts]
            steps = stepped(numbers, fixed)
            for at, number in steps.items():
                new = [load_template().markers.id_format.format(n=number)]
                findings.append(_put(facts[at], new, f"{table}[{at}].{field}", _STEP))
            if steps:
                continue
            lists = [tuple(f.footnote_ids) if f and not _unmarked(f) else None for f in facts]
            for at, ids in repeated(lists).items():
                findings.append(_put(facts[at], list(ids), f"{table}[{at}].{field}", _SAME))
    return findings


def repeated(lists: Sequence[tuple[str, ...] | None]) -> dict[int, tuple[str, ...]]:
    """Row -> markers for the rows of a column read without a marker, or with one other
    marker, where most rows have one and mostly the same ones: at least `_MIN_RUN`
    rows, `_MOSTLY` of those with markers, which are `_MOSTLY` of the rows. None: a
    row with nothing to mark. A fax reads many markers "(1)" (what is left of a digit
    is a stroke), so a column marked now and then with "(1)" is no column of one note."""
    marked = [ids for ids in lists if ids]
    counts = Counter(marked).most_common(1)
    rows = sum(ids is not None for ids in lists)
    if not counts or counts[0][1] < max(_MIN_RUN, _MOSTLY * len(marked)):
        return {}
    if len(marked) < _MOSTLY * rows:
        return {}
    usual = counts[0][0]
    # a row read with one other marker: a misread digit ("(2)" read "(1)", "(7)")
    return {at: usual for at, ids in enumerate(lists) if ids is not None and _off(ids, usual)}


def _off(ids: tuple[str, ...], usual: tuple[str, ...]) -> bool:
    """Whether a row's markers are none or a single other one than the column's usual."""
    return not ids or (len(ids) == 1 and ids != usual)


def stepped(numbers: Sequence[int | None], fixed: Sequence[bool]) -> dict[int, int]:
    """Row -> note number for the rows of a column that break its step: `numbers` is
    each row's one marker number (None: none, or more than one); rows `fixed` stay.
    The step is the offset most rows agree on, at least `_MIN_RUN` of them and two of
    them next to each other: a long column's misread two-digit markers ("(23)" read
    "(4)", "(29)" read "(11)") agree on some offset by chance, rows apart."""
    counts = Counter(n - at for at, n in enumerate(numbers) if n is not None).most_common()
    tied = len(counts) > 1 and counts[1][1] == counts[0][1]
    if not counts or counts[0][1] < _MIN_RUN or tied:
        return {}
    offset = counts[0][0]
    agree = [at for at, n in enumerate(numbers) if n is not None and n - at == offset]
    if all(high - low > 1 for low, high in itertools.pairwise(agree)):
        return {}
    put: dict[int, int] = {}
    for low, high in itertools.pairwise(agree):
        if high - low - 1 <= _MAX_GAP:
            put.update({at: at + offset for at in range(low + 1, high) if not fixed[at]})
    # the rows after the last one on the step go on with it, up to a row left as read
    for at in range(agree[-1] + 1, min(len(numbers), agree[-1] + 1 + _MAX_GAP)):
        if fixed[at]:
            break
        put[at] = at + offset
    return put


def _marked_fields(rows: Sequence[Any]) -> list[str]:
    """The fields (dotted paths) of `rows` that carry a marker in some row."""
    names: list[str] = []
    for row in rows:
        for path, fact in _facts(row, ""):
            if fact.footnote_ids and path not in names:
                names.append(path)
    return names


def _facts(node: Any, path: str) -> list[tuple[str, Fact[Any]]]:
    found: list[tuple[str, Fact[Any]]] = []
    for name, value in vars(node).items():
        here = f"{path}.{name}" if path else name
        if isinstance(value, Fact):
            found.append((here, value))
        elif isinstance(value, BaseModel):
            found += _facts(value, here)
    return found


def _fact(row: Any, path: str) -> Fact[Any] | None:
    node = row
    for name in path.split("."):
        node = getattr(node, name, None)
    return node if isinstance(node, Fact) else None


def _blank(fact: Fact[Any]) -> bool:
    return fact.value is None and fact.raw is None


def _unmarked(fact: Fact[Any]) -> bool:
    """A fact with neither a value nor a marker: nothing printed to mark."""
    return _blank(fact) and not fact.footnote_ids


def _single(ids: list[str]) -> int | None:
    return note_number(ids[0]) if len(ids) == 1 else None


_STEP = "the markers of the rows around it step by one note per row"
_SAME = "the other rows of its column mostly carry these markers"


def _put(fact: Fact[Any] | None, new: list[str], path: str, why: str) -> Finding:
    read = ",".join(fact.footnote_ids) if fact else ""
    if fact is not None:
        fact.footnote_ids[:] = new
    prov = fact.provenance if fact else None
    page, box = (prov.page, prov.box) if prov is not None else (None, None)
    return ocr_repair.corrected(f"{path}.footnote_ids", read, ",".join(new), why, page, box)
