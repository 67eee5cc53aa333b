"""Transaction codes guessed "I" from a bare stroke, put back to the filing's sure code."""

from __future__ import annotations

from extractor.layout.code_guesses import with_code_guesses
from extractor.model.codes import DocumentType, TransactionCode
from extractor.model.filing import (
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeTransaction,
    Provenance,
    TransactionCoding,
)


def _code(letter: str, confidence: float) -> TransactionCoding:
    where = Provenance(page=1, box=(1.0, 2.0, 3.0, 4.0), source="ocr", confidence=confidence)
    return TransactionCoding(
        code=Fact[TransactionCode](value=TransactionCode(letter), provenance=where)
    )


def _filing(table1: list[TransactionCoding], table2: list[TransactionCoding]) -> Filing:
    return Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=[NonDerivativeTransaction(coding=c) for c in table1],
        derivative_transactions=[DerivativeTransaction(coding=c) for c in table2],
    )


def _letters(filing: Filing) -> list[str]:
    rows = [*filing.non_derivative_transactions, *filing.derivative_transactions]
    return [r.coding.code.value.value for r in rows if r.coding.code.value is not None]


def test_guessed_bars_take_the_one_code_read_surely() -> None:
    filing = _filing([_code("I", 0.3), _code("G", 0.95)], [_code("I", 0.3), _code("G", 0.8)])
    findings = with_code_guesses(filing)
    assert _letters(filing) == ["G", "G", "G", "G"]
    assert [f.code for f in findings] == ["ocr.corrected"] * 2


def test_guesses_stay_without_agreement_or_without_a_sure_code() -> None:
    cases = [
        [_code("I", 0.3), _code("G", 0.95), _code("P", 0.9)],  # two sure codes
        [_code("I", 0.3), _code("G", 0.6)],  # none sure
        [_code("I", 0.5), _code("G", 0.95)],  # an "I" read, not guessed
    ]
    for codes in cases:
        filing = _filing(codes, [])
        before = _letters(filing)
        assert with_code_guesses(filing) == []
        assert _letters(filing) == before
