"""Transaction codes guessed from a bare stroke, put back to the filing's sure code.

A lone glyph Tesseract cannot read at all is guessed a capital "I" when it is an upright
bar (cell_ocr): right in the "Direct (D) or Indirect (I)" column, where the other letter
is round. In the code column a fax leaves a bar of other codes too: the arc of a "C"
whose thin ends it lost, the stem of a "J" without its hook. Such a guess is no reading
of the letter; when every code of the filing read surely is one and the same, the guess
is that code (one filing's rows repeat their code: a series of sales, of conversions),
put back with a finding. Without such agreement the guess stays, for review.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.layout import ocr_repair
from extractor.model.codes import TransactionCode
from extractor.model.filing import Fact, Filing, TransactionCoding
from extractor.model.result import Finding

# A code read at least this surely is a reading; one at most _GUESSED a guess (the
# confidence cell_ocr gives a glyph told from its shape alone).
_SURE = 0.75
_GUESSED = 0.3


def with_code_guesses(filing: Filing) -> list[Finding]:
    """Each transaction code guessed "I" from a bare stroke put back, in place, to the
    one code the filing's sure readings agree on (see the module's docstring); the
    findings record each change."""
    codings = list(_codings(filing))
    sure = {c.code.value for _, c in codings if _sure(c.code)}
    if len(sure) != 1:
        return []
    agreed = sure.pop()
    findings = []
    for path, coding in codings:
        fact = coding.code
        if agreed is None or not _guessed(fact) or fact.value == agreed:
            continue
        prov = fact.provenance
        coding.code = Fact[TransactionCode](value=agreed, provenance=prov)
        why = "a bare stroke guessed as 'I'; every code read surely is this one"
        page, box = (prov.page, prov.box) if prov is not None else (None, None)
        findings.append(ocr_repair.corrected(path, "I", agreed.value, why, page, box))
    return findings


def _codings(filing: Filing) -> Iterator[tuple[str, TransactionCoding]]:
    for name in ("non_derivative_transactions", "derivative_transactions"):
        for at, row in enumerate(getattr(filing, name)):
            yield f"{name}[{at}].coding.code", row.coding


def _sure(fact: Fact[TransactionCode]) -> bool:
    prov = fact.provenance
    return fact.value is not None and prov is not None and prov.confidence >= _SURE


def _guessed(fact: Fact[TransactionCode]) -> bool:
    prov = fact.provenance
    ocr = prov is not None and prov.source == "ocr" and prov.confidence <= _GUESSED
    return ocr and fact.value is TransactionCode.I
