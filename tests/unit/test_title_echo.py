"""Security titles a fax garbled once, put back from a title the filing prints again."""

from __future__ import annotations

from extractor.layout.title_echo import printed_titles, with_titles_echoed
from extractor.model.codes import DocumentType
from extractor.model.filing import (
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeHolding,
)


def _fact(text: str, confidence: float = 0.5) -> Fact[str]:
    where = (0.0, 0.0, 1.0, 1.0)
    return Fact.model_validate(
        {
            "value": text,
            "provenance": {"page": 1, "box": where, "source": "ocr", "confidence": confidence},
        }
    )


def _filing(held: list[str], underlying: str, confidence: float = 0.5) -> Filing:
    return Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_holdings=[NonDerivativeHolding(security_title=_fact(t)) for t in held],
        derivative_transactions=[
            DerivativeTransaction(
                security_title=_fact("Zeta Warrants"),
                underlying_title=_fact(underlying, confidence),
            )
        ],
    )


def _echoed(filing: Filing) -> tuple[str | None, int]:
    found = with_titles_echoed(filing, printed_titles(filing))
    assert all(f.code == "ocr.corrected" for f in found)
    return filing.derivative_transactions[0].underlying_title.value, len(found)


def test_an_underlying_title_garbled_alone_in_its_column_takes_table_one_s_title() -> None:
    filing = _filing(["Ordinary Shares", "Ordinary Shares"], "Orbinnrp Shares")
    assert _echoed(filing) == ("Ordinary Shares", 1)


def test_a_title_printed_once_in_title_words_only_is_a_witness() -> None:
    assert _echoed(_filing(["Ordinary Shares"], "Oralnany Shaves")) == ("Ordinary Shares", 1)


def test_another_class_or_a_title_of_title_words_or_a_sure_reading_stays() -> None:
    held = ["Class C Ordinary Shares", "Class C Ordinary Shares", "Ordinary Units"]
    assert _echoed(_filing(held, "Class D Ordinary Shares")) == ("Class D Ordinary Shares", 0)
    assert _echoed(_filing(held, "Ordinary Unit")) == ("Ordinary Unit", 0)
    assert _echoed(_filing(held, "Ordinxry Units", 0.95)) == ("Ordinxry Units", 0)


def test_a_text_far_from_every_printed_title_stays() -> None:
    assert _echoed(_filing(["Ordinary Shares"] * 2, "Zeta Holdings LLC")) == (
        "Zeta Holdings LLC",
        0,
    )
