"""Table I amounts read as the sums of consecutive rows of one holding make them."""

from __future__ import annotations

from decimal import Decimal

from extractor.layout.amount_chain import with_amounts_chained
from extractor.model.codes import AcquiredDisposed, DocumentType
from extractor.model.filing import Fact, Filing, NonDerivativeTransaction


def _row(shares: str | None, after: str | None, code: str = "D") -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=Fact(value="Ordinary Shares"),
        shares=Fact(value=Decimal(shares) if shares else None),
        shares_owned_following=Fact(value=Decimal(after) if after else None),
        acquired_disposed=Fact(value=AcquiredDisposed(code)),
    )


def _amounts(rows: list[NonDerivativeTransaction]) -> list[tuple[str, str]]:
    filing = Filing(document_type=DocumentType.FORM_4, non_derivative_transactions=rows)
    out = with_amounts_chained(filing)[0].non_derivative_transactions
    return [(str(r.shares.value), str(r.shares_owned_following.value)) for r in out]


def test_a_stop_read_for_a_comma_is_put_back_where_the_rows_then_sum() -> None:
    rows = [_row("500", "71000"), _row("3.250", "67750"), _row("1000", "66.750")]
    assert _amounts(rows) == [("500", "71000"), ("3250", "67750"), ("1000", "66750")]


def test_a_true_fraction_that_sums_stays() -> None:
    rows = [_row("10", "100.500"), _row("0.250", "100.750", code="A")]
    assert _amounts(rows) == [("10", "100.500"), ("0.250", "100.750")]


def test_one_lost_amount_is_what_the_other_two_give() -> None:
    rows = [_row("500", "71000"), _row(None, "67750")]
    assert _amounts(rows)[1] == ("3250", "67750")
    misread = [_row("500", "71000"), _row(None, "677.50")]  # no whole holding: unsure
    assert _amounts(misread)[1] == ("None", "677.50")


def test_rows_of_two_holdings_and_two_lost_amounts_are_left() -> None:
    other = _row("3.250", "67750")
    other.security_title = Fact(value="Preferred Shares")
    assert _amounts([_row("500", "71000"), other])[1] == ("3.250", "67750")
    assert _amounts([_row("500", "71000"), _row(None, None)])[1] == ("None", "None")
