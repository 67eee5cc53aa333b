"""An OCR'd price whose decimal stop was read as a comma, put back from its column.

A price with three decimals ("$512.386") reads as a well-formed whole number when its
stop is taken for a comma ("$512.386"): a fax adds a tail to a stop, or a marker's ink
beside it does, and the grammar of amounts allows both. The column tells: weighted
average prices of one filing are printed alike, so when other prices of the same table
hold as many digits with three of them decimals, the whole number is such a price with
its stop misread. It is put back, with a finding; a column of whole prices is left.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from extractor.layout import ocr_repair
from extractor.model.filing import Fact, Filing, NonDerivativeTransaction
from extractor.model.result import Finding

# The decimals a comma can stand for: a thousands comma is followed by three digits.
_DECIMALS = 3
# At least this many other prices of the table show the pattern (one could be a misread).
_ALIKE = 2


def with_price_stops(filing: Filing) -> list[Finding]:
    """Each Table I price read as a whole number put back, in place, to three decimals
    where the table's other prices print so (see the module's docstring); the findings
    record each change."""
    rows = filing.non_derivative_transactions
    shapes = Counter(_shape(r.price_per_share.value) for r in rows)
    findings = []
    for at, row in enumerate(rows):
        found = _repaired(row, at, shapes)
        if found is not None:
            findings.append(found)
    return findings


def _repaired(
    row: NonDerivativeTransaction, at: int, shapes: Counter[tuple[int, int] | None]
) -> Finding | None:
    fact = row.price_per_share
    prov = fact.provenance
    if fact.value is None or prov is None or prov.source != "ocr" or _decimals(fact.value):
        return None
    digits = len(ocr_repair.amount_digits(fact.value))
    if digits <= _DECIMALS or shapes[(digits - _DECIMALS, _DECIMALS)] < _ALIKE:
        return None
    value = fact.value.scaleb(-_DECIMALS)
    row.price_per_share = Fact[Decimal](
        value=value, footnote_ids=fact.footnote_ids, provenance=prov.model_copy()
    )
    why = "the table's other prices print three decimals"
    path = f"non_derivative_transactions[{at}].price_per_share"
    return ocr_repair.corrected(path, str(fact.value), str(value), why, prov.page, prov.box)


def _shape(value: Decimal | None) -> tuple[int, int] | None:
    """(digits before the stop, digits after it) of a price with decimals, else None."""
    if value is None or not _decimals(value):
        return None
    whole, _, fraction = format(value, "f").partition(".")
    return len(whole.lstrip("-")), len(fraction)


def _decimals(value: Decimal) -> int:
    return len(format(value, "f").partition(".")[2])
