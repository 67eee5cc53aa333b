"""Table I amounts read as the sums of consecutive rows of one holding make them."""

from __future__ import annotations

from decimal import Decimal

import pytest

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


def test_a_holding_with_a_digit_misread_is_the_one_both_neighbours_give() -> None:
    # a fax's broken "3" read as a "4": 67,850 for 67,750
    rows = [_row("500", "71000"), _row("3250", "67850"), _row("1000", "66750")]
    assert _amounts(rows)[1] == ("3250", "67750")


def test_shares_with_a_digit_misread_are_the_difference_of_vouched_holdings() -> None:
    rows = [_row("500", "71000"), _row("3250", "67750"), _row("750", "67000")]
    rows += [_row("1900", "66000"), _row("750", "65250")]
    assert _amounts(rows)[3] == ("1000", "66000")


def test_regression_two_holdings_misread_alike_do_not_vouch_for_shares() -> None:
    # a fax misread one digit column of two rows, 600 less each time: the two wrong
    # holdings summed with each other, and a row's true shares were "put back" from them
    rows = [_row("4000", "52310104"), _row("7321", "52302783"), _row("51286", "52252097")]
    rows += [_row("60437", "52191660")]
    assert _amounts(rows)[2] == ("51286", "52252097")


@pytest.mark.parametrize(
    "rows",
    [
        # the two neighbours disagree: no telling which amount is misread
        [_row("500", "71000"), _row("3250", "67850"), _row("1000", "66950")],
        # the sums' value differs from the reading in three digits
        [_row("500", "71000"), _row("3250", "64810"), _row("1000", "66750")],
        # a holding of the last row has one neighbour only
        [_row("500", "71000"), _row("3250", "67850")],
    ],
    ids=["neighbours-disagree", "three-digits-off", "one-neighbour"],
)
def test_holdings_without_two_agreeing_neighbours_stay(
    rows: list[NonDerivativeTransaction],
) -> None:
    before = [(str(r.shares.value), str(r.shares_owned_following.value)) for r in rows]
    assert _amounts(rows) == before
