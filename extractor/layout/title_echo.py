"""OCR'd security titles garbled once, put back from a title the filing prints again.

A filing names its securities more than once: Table I prints "Common Stock" on its rows
and Table II prints it again as the security its options convert into. A fax garbles one
copy its own way ("Cannan Stock", "Jans A Common Stock") while others read as printed;
column consensus cannot see it, as the copy is alone in its column (Table II's
underlying title of a one-row table). A title cell that is a near copy of a title the
filing's title cells print twice or more as read, and near no other such
title, is that title; a title printed once is a witness too when every word of
it is a word titles are made of ("Common Stock": no garbling reads so). Unless:

- it was read surely (see `column_consensus.SURE`): another title, read right;
- it differs from it in a class letter, a number or a bracketed mark ("Class B");
- every word of it is a word titles are made of ("Common Units" beside "Common
  Stock"): a title of its own, not a garbling.

Each change is reported (ocr.corrected) for a reviewer to check against the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from extractor.layout import ocr_repair
from extractor.layout.column_consensus import (
    CLASS,
    NEAR_PRINTED,
    PLAIN,
    SEEN,
    SURE,
    distinct,
    near_copy,
)
from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding

# the fields of a row that hold a title
_FIELDS = ("security_title", "underlying_title")


def title_cells(filing: Filing) -> list[tuple[str, int, Any, str]]:
    """Every title cell of the filing's tables: (table label, row number, row, field)."""
    tables: list[tuple[str, Sequence[Any]]] = [
        ("Table I", filing.non_derivative_transactions),
        ("Table I", filing.non_derivative_holdings),
        ("Table II", filing.derivative_transactions),
        ("Table II", filing.derivative_holdings),
    ]
    return [
        (label, n, row, name)
        for label, rows in tables
        for n, row in enumerate(rows, 1)
        for name in _FIELDS
        if isinstance(getattr(row, name, None), Fact)
    ]


def printed_titles(filing: Filing) -> Counter[str]:
    """How often each plain title text stands in the filing's title cells as read."""
    texts = (getattr(row, name).value for _, _, row, name in title_cells(filing))
    return Counter(t for t in texts if isinstance(t, str) and PLAIN.fullmatch(t))


def with_titles_echoed(filing: Filing, printed: Counter[str]) -> list[Finding]:
    """Each garbled title cell put back, in place, to the title of `printed` (texts and
    how often the filing's title cells read them, counted before other repairs) it is a
    near copy of (see the module's doc); a finding each."""
    titles = [t for t, count in printed.items() if count >= SEEN or _title_words_only(t)]
    found: list[Finding] = []
    for label, n, row, name in title_cells(filing):
        fact: Fact[Any] = getattr(row, name)
        title = _echoed(fact, titles, printed)
        if title is None:
            continue
        setattr(
            row, name, Fact(value=title, footnote_ids=fact.footnote_ids, provenance=fact.provenance)
        )
        prov = fact.provenance
        found.append(
            ocr_repair.corrected(
                name.replace("_", " "),
                str(fact.value),
                title,
                "a near copy of a title the filing prints again",
                prov.page if prov else None,
                prov.box if prov else None,
                f"{label} row {n}",
            )
        )
    return found


def _echoed(fact: Fact[Any], titles: list[str], printed: Counter[str]) -> str | None:
    """The one title of `titles` the garbled `fact` is a near copy of, or None."""
    read, prov = fact.value, fact.provenance
    if not isinstance(read, str) or prov is None or prov.source != "ocr":
        return None
    if prov.confidence >= SURE or printed[read] >= SEEN or _title_words_only(read):
        return None
    close = [t for t in titles if near_copy(read, t, NEAR_PRINTED) and not distinct(read, t)]
    return close[0] if len(close) == 1 else None


def _title_words_only(text: str) -> bool:
    """Whether every word of `text` is a title's word, a class or a bracketed mark."""
    words = [w.strip("(),.") for w in text.split()]
    return all(ocr_repair.is_title_word(w) or CLASS.fullmatch(w) for w in words if w)
