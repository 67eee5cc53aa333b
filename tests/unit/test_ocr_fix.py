"""Repairs of the form's fixed wording in OCR words (never of values)."""

from __future__ import annotations

import pytest

from extractor.sources.ocr_fix import repair


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        (["Table", "|", "-", "Non-Derivative"], [None, "I -", "", None]),
        (["Table", "1-", "Non-Derivative"], [None, "I -", None]),
        (["Table", "|}", "-", "Derivative"], [None, "II -", "", None]),
        (["Table", "Ne", "Derivative"], [None, "II -", None]),
        (["Table", "II", "-", "Derivative"], [None, None, None, None]),
    ],
    ids=["bar-for-I", "merged-dash", "bar-brace-for-II", "garbled-no-dash", "already-right"],
)
def test_table_title_numeral_comes_from_the_words_after_it(
    read: list[str], expected: list[str | None]
) -> None:
    assert repair(read) == expected


def test_footnote_number_read_with_a_comma_gets_its_full_stop() -> None:
    assert repair(["1,", "Weighted", "average"]) == ["1.", None, None]


def test_comma_after_a_number_inside_a_line_is_left_alone() -> None:
    assert repair(["Stock", "1,", "2"]) == [None, None, None]


def test_regression_real_words_near_a_label_are_not_respelled() -> None:
    """An earlier repair turned 'share' into the label word 'shares' and 'Class' into
    'class' inside footnotes; only the title numeral and item numbers are repaired."""
    assert repair(["one", "share", "of", "Class", "A"]) == [None] * 5


def test_v_heading_beside_code_is_put_back() -> None:
    assert repair(["Code", "Vv", "Amount"]) == [None, "V", None]
    assert repair(["Vv"]) == [None]  # alone it is no heading
