"""Repairs of the form's fixed wording in OCR words (never of values)."""

from __future__ import annotations

import pytest

from extractor.model.geometry import Box, Word
from extractor.sources.ocr_fix import repair, without_repeats


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


def _w(text: str, x0: float, x1: float, confidence: float, top: float = 100.0) -> Word:
    return Word(text, Box(x0, top, x1, top + 8), 8.0, 1, source="ocr", confidence=confidence)


def test_regression_a_word_read_twice_is_kept_once_the_surer_reading() -> None:
    """A header cell read again inside a neighbour's box gave 'Title Title of of'."""
    words = [_w("Title", 10, 30, 0.8), _w("of", 33, 40, 0.9), _w("Tille", 10.5, 30, 0.95)]
    assert [w.text for w in without_repeats(words)] == ["of", "Tille"]


def test_neighbours_and_a_small_word_inside_a_large_box_are_all_kept() -> None:
    words = [
        _w("560", 10, 30, 0.9),
        _w("(1)", 28, 36, 0.5),  # touches the value: a marker, not a second reading
        _w("A", 50, 54, 0.4),
        _w("-_A=", 46, 70, 0.9),  # a speck-laden box round the letter, four times its size
        _w("560", 10, 30, 0.9, top=120),  # the same text on the next line
    ]
    assert without_repeats(words) == words
