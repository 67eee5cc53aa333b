"""A Table I price read as a whole number where its column prints three decimals: the
stop was read as a comma."""

from __future__ import annotations

from decimal import Decimal

from extractor.layout.price_stops import with_price_stops
from extractor.model.codes import DocumentType
from extractor.model.filing import Fact, Filing, NonDerivativeTransaction, Provenance


def _price(text: str, source: str = "ocr") -> Fact[Decimal]:
    where = Provenance(page=1, box=(10.0, 20.0, 30.0, 26.0), source=source, confidence=0.9)
    return Fact[Decimal](value=Decimal(text), provenance=where, footnote_ids=["F4"])


def _filing(prices: list[Fact[Decimal]]) -> Filing:
    rows = [NonDerivativeTransaction(price_per_share=p) for p in prices]
    return Filing(document_type=DocumentType.FORM_4, non_derivative_transactions=rows)


def _values(filing: Filing) -> list[str]:
    return [str(r.price_per_share.value) for r in filing.non_derivative_transactions]


def test_a_whole_price_among_three_decimal_ones_gets_its_stop_back() -> None:
    filing = _filing([_price("431207"), _price("432.518"), _price("433.06"), _price("434.925")])
    findings = with_price_stops(filing)
    assert _values(filing) == ["431.207", "432.518", "433.06", "434.925"]
    assert [f.code for f in findings] == ["ocr.corrected"]
    assert filing.non_derivative_transactions[0].price_per_share.footnote_ids == ["F4"]


def test_prices_not_printed_alike_stay() -> None:
    # one other three-decimal price is no pattern; other digit counts are no match
    for prices in (["431207", "432.518", "433.06"], ["43120", "432.518", "434.925"]):
        filing = _filing([_price(p) for p in prices])
        assert with_price_stops(filing) == []
        assert _values(filing) == prices


def test_a_text_layer_price_is_never_changed() -> None:
    filing = _filing([_price("431207", "text"), _price("432.518"), _price("434.925")])
    assert with_price_stops(filing) == []
    assert _values(filing)[0] == "431207"
