"""parse_date / parse_decimal on the forms EDGAR prints, and on what they must refuse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractor.layout.values import parse_date, parse_decimal


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
