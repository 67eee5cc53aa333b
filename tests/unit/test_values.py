"""parse_date / parse_decimal on the forms EDGAR prints, and on what they must refuse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractor.layout.rows import Cell
from extractor.layout.tables import _amount
from extractor.layout.values import CellReader, parse_date, parse_decimal
from extractor.model.codes import DirectIndirect
from extractor.model.geometry import Box


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08/06/2013", date(2013, 8, 6)),
        ("8/6/2013", date(2013, 8, 6)),
        (" 12/31/2024 ", date(2024, 12, 31)),
        ("02/29/2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_reads_month_day_year(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "13/01/2013", "02/29/2023", "2013-08-06", "08/06/13", "x"])
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$18.3654", "18.3654"),
        ("10,000", "10000"),
        ("$ 0", "0"),
        ("1,234,567.89", "1234567.89"),
        ("5,381.2", "5381.2"),
        ("0.5", "0.5"),
        ("$.25", "0.25"),
        ("12345", "12345"),
        ("-1,000", "-1000"),
    ],
)
def test_parse_decimal_reads_edgar_numbers(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["18,3654", "1,00", "1,000,00", ",100", "$", "", "abc", "1.2.3", "12a", "(1)"]
)
def test_parse_decimal_refuses_bad_grouping_and_non_numbers(text: str) -> None:
    assert parse_decimal(text) is None


def _cell(text: str, ids: tuple[str, ...] = ()) -> Cell:
    return Cell(text, ids, Box(10, 20, 30, 28), 2)


def test_cell_reader_keeps_what_does_not_parse_as_raw_with_a_finding() -> None:
    reader = CellReader("Table I page 2 row 1")
    fact = reader.decimal(_cell("18,3654", ("F1",)), "price")
    assert fact.value is None and fact.raw == "18,3654" and fact.footnote_ids == ["F1"]
    assert [f.code for f in reader.findings] == ["table.value_unreadable"]
    assert reader.findings[0].page == 2


def test_cell_reader_marker_only_cell_is_an_empty_value_with_footnotes() -> None:
    reader = CellReader("Table II page 1 row 1")
    fact = reader.date(_cell("", ("F3",)), "date exercisable")
    assert fact.value is None and fact.raw is None and fact.footnote_ids == ["F3"]
    assert fact.provenance is not None and fact.provenance.page == 2
    assert reader.findings == []


def test_ocr_date_cell_of_one_digit_is_a_marker_whose_brackets_were_lost() -> None:
    reader = CellReader("Table II page 1 row 1")
    ocr = Cell("7", (), Box(10, 20, 30, 28), 1, "ocr")
    fact = reader.date(ocr, "expiration date")
    assert (fact.value, fact.raw, fact.footnote_ids) == (None, None, ["F7"])
    assert reader.findings  # the reading is reported
    text = reader.date(_cell("7"), "expiration date")  # a text layer: kept as printed
    assert (text.value, text.raw, text.footnote_ids) == (None, "7", [])


def test_cell_reader_codes_and_dates() -> None:
    reader = CellReader("row")
    assert reader.code(_cell("I"), "form", DirectIndirect).value is DirectIndirect.INDIRECT
    assert reader.date(_cell("08/06/2013"), "date").value == date(2013, 8, 6)
    assert reader.code(_cell("Q"), "form", DirectIndirect).raw == "Q"
    assert len(reader.findings) == 1


def test_amount_printed_as_money_is_a_value_not_shares() -> None:
    """Regression: '$30,430,000' in the amount column is transactionTotalValue."""
    reader = CellReader("row")
    assert set(_amount(_cell("$ 30,430,000"), reader, "shares")) == {"total_value"}
    assert set(_amount(_cell("30,430,000"), reader, "shares")) == {"shares"}
    owned = _amount(_cell("$1,000"), reader, "shares_owned_following")
    assert owned["value_owned_following"].value == Decimal(1000)
    assert set(_amount(_cell("$5"), reader, "underlying_shares")) == {"underlying_value"}
