"""Table II's amount printed twice (derivative and underlying): an unsure OCR reading of
one put back from the sure reading of the other."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.layout.twin_amounts import with_twin_amounts
from extractor.model.codes import DocumentType
from extractor.model.filing import DerivativeTransaction, Fact, Filing, Provenance


def _read(text: str | None, confidence: float, raw: str | None = None) -> Fact[Decimal]:
    where = Provenance(page=1, box=(10.0, 20.0, 30.0, 26.0), source="ocr", confidence=confidence)
    value = Decimal(text) if text is not None else None
    return Fact[Decimal](value=value, raw=raw, provenance=where, footnote_ids=["F3"])


def _filing(shares: Fact[Decimal], under: Fact[Decimal]) -> Filing:
    row = DerivativeTransaction(shares=shares, underlying_shares=under)
    return Filing(document_type=DocumentType.FORM_4, derivative_transactions=[row])


@pytest.mark.parametrize(
    ("shares", "under", "meant"),
    [
        (_read("47100", 0.52), _read("37100", 0.95), ("37100", "37100")),  # "3" read "4"
        (_read("4081.700", 0.7), _read("4081700", 0.96), ("4081700", "4081700")),
        (_read("58.19", 0.55), _read("86.19", 0.66), ("86.19", "86.19")),  # two digits, surer
        (_read(None, 0.3, raw="TOMAL"), _read("612740", 0.93), ("612740", "612740")),
        # read as letters however surely, beside a twin read fairly surely (a fax)
        (_read(None, 0.34, raw="' wie"), _read("5952", 0.72), ("5952", "5952")),
        (_read(None, 0.72, raw="J"), _read("477", 0.92), ("477", "477")),
        (_read("8231", 0.95), _read("9", 0.2), ("8231", "8231")),  # the underlying unsure
    ],
)
def test_an_unsure_reading_is_put_back_from_its_sure_twin(
    shares: Fact[Decimal], under: Fact[Decimal], meant: tuple[str, str]
) -> None:
    filing = _filing(shares, under)
    findings = with_twin_amounts(filing)
    row = filing.derivative_transactions[0]
    assert (str(row.shares.value), str(row.underlying_shares.value)) == meant
    assert [f.code for f in findings] == ["ocr.corrected"]
    assert row.shares.footnote_ids == ["F3"]  # the markers read stay


@pytest.mark.parametrize(
    ("shares", "under"),
    [
        (_read("5000", 0.93), _read("2500", 0.91)),  # two sure readings: a real difference
        (_read("47100", 0.7), _read("37100", 0.95)),  # the doubtful one read surely enough
        (_read("58.19", 0.55), _read("71.02", 0.7)),  # far apart, the twin not sure
        (_read(None, 0.0), _read("612740", 0.93)),  # an empty cell stays empty
        (_read(None, 0.3, raw="Ls"), _read("1315", 0.5)),  # the twin unsure too
    ],
)
def test_readings_not_in_doubt_stay(shares: Fact[Decimal], under: Fact[Decimal]) -> None:
    filing = _filing(shares, under)
    assert with_twin_amounts(filing) == []
    row = filing.derivative_transactions[0]
    assert (row.shares.value, row.underlying_shares.value) == (shares.value, under.value)


def test_regression_a_preferred_stocks_unread_underlying_amount_is_not_its_twin() -> None:
    """Preferred stock converts at its own ratio (400,000 shares for 2,000,000): an
    underlying amount read as no amount was taken from shares read fairly surely."""
    row = DerivativeTransaction(
        security_title=Fact[str](value="Series A Preferred Stock"),
        shares=_read("400000", 0.7),
        underlying_shares=_read(None, 0.3, raw="G2S0"),
    )
    filing = Filing(document_type=DocumentType.FORM_4, derivative_transactions=[row])
    assert with_twin_amounts(filing) == []
    assert filing.derivative_transactions[0].underlying_shares.value is None


def test_regression_a_preferred_stocks_unread_amount_beside_a_sure_twin_still_takes_it() -> None:
    """The guard above had also turned off the rule that came before it: an unsure
    reading of no amount beside a sure twin, which a TIFF's preferred rows relied on."""
    row = DerivativeTransaction(
        security_title=Fact[str](value="Series A Preferred Stock"),
        shares=_read("402500", 0.93),
        underlying_shares=_read(None, 0.3, raw="Zq"),
    )
    filing = Filing(document_type=DocumentType.FORM_4, derivative_transactions=[row])
    assert [f.code for f in with_twin_amounts(filing)] == ["ocr.corrected"]
    assert filing.derivative_transactions[0].underlying_shares.value == Decimal("402500")


def test_a_text_layer_value_is_never_changed() -> None:
    text = Fact[Decimal](
        value=Decimal("47100"), provenance=Provenance(page=1, box=(0, 0, 1, 1), source="text")
    )
    filing = _filing(text, _read("37100", 0.95))
    assert with_twin_amounts(filing) == []
    assert filing.derivative_transactions[0].shares.value == Decimal("47100")


def _held(filing: Filing, held: str) -> Filing:
    filing.derivative_transactions[0].shares_owned_following = Fact[Decimal](value=Decimal(held))
    return filing


@pytest.mark.parametrize(
    ("shares", "under", "held", "meant"),
    [
        ("4583", "4983", "4583", ("4583", "4583")),  # the underlying's "5" read "9"
        ("4983", "4583", "4583", ("4583", "4583")),  # the derivative amount's
        ("4583", "4983", "12000", ("4583", "4983")),  # no third witness
        ("4583", "4913", "4583", ("4583", "4913")),  # two digits apart: a pair of its own
    ],
    ids=["underlying-misread", "amount-misread", "no-witness", "two-digits-apart"],
)
def test_two_sure_twins_a_digit_apart_take_the_one_the_holding_reads(
    shares: str, under: str, held: str, meant: tuple[str, str]
) -> None:
    filing = _held(_filing(_read(shares, 0.87), _read(under, 0.96)), held)
    with_twin_amounts(filing)
    row = filing.derivative_transactions[0]
    assert (str(row.shares.value), str(row.underlying_shares.value)) == meant
