"""OCR'd titles opening with a bracket: a fax's 'C' read as '('."""

from __future__ import annotations

from extractor.layout.title_repair import with_titles_repaired
from extractor.model.codes import DocumentType
from extractor.model.filing import (
    DerivativeHolding,
    Fact,
    Filing,
    NonDerivativeHolding,
    Provenance,
)

OCR = Provenance(page=1, box=(0.0, 0.0, 1.0, 1.0), source="ocr", confidence=0.5)
TEXT = Provenance(page=1, box=(0.0, 0.0, 1.0, 1.0), source="text")


def _titles(read: str, where: Provenance) -> tuple[str | None, str | None]:
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_holdings=[
            NonDerivativeHolding(security_title=Fact(value=read, provenance=where))
        ],
        derivative_holdings=[
            DerivativeHolding(underlying_title=Fact(value=read, provenance=where))
        ],
    )
    out, _ = with_titles_repaired(filing)
    return (
        out.non_derivative_holdings[0].security_title.value,
        out.derivative_holdings[0].underlying_title.value,
    )


def test_a_bracket_before_small_letters_is_a_c_and_before_a_capital_a_speck() -> None:
    assert _titles("(lass B Units", OCR) == ("Class B Units", "Class B Units")
    assert _titles("{Ordinary Units", OCR) == ("Ordinary Units", "Ordinary Units")


def test_a_text_layer_title_and_a_bracketed_word_stay() -> None:
    assert _titles("(lass B Units", TEXT) == ("(lass B Units", "(lass B Units")
    assert _titles("(A) Units", OCR) == ("(A) Units", "(A) Units")
