"""Repairs of the form's fixed wording in OCR words (never of values)."""

from __future__ import annotations

import pytest

from extractor.model.geometry import Box, Word
from extractor.sources.ocr_fix import (
    repair,
    roman_two,
    with_flat_words_aligned,
    with_stops_attached,
    without_repeats,
    without_specks,
)


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


def _box(text: str, x0: float, top: float, x1: float, bottom: float, confidence: float) -> Word:
    return Word(text, Box(x0, top, x1, bottom), 8.0, 1, source="ocr", confidence=confidence)


def _line_of(*extra: Word) -> list[Word]:
    words = [_box("Jane", 10, 100, 30, 108, 0.95), _box("Roe", 33, 100, 48, 108, 0.96)]
    words += [_box("Doe", 51, 100, 66, 108, 0.96), *extra]
    return words


def test_regression_dot_of_an_i_boxed_on_its_own_is_dropped() -> None:
    """Signatures read "Jane . Roe": the dot of an "i" was boxed as a word of its own
    inside the word it belongs to, at the top of the line."""
    dot = _box(".", 20, 100.2, 21, 101, 0.7)
    assert [w.text for w in without_specks(_line_of(dot))] == ["Jane", "Roe", "Doe"]


def test_a_full_stop_after_a_word_and_a_dash_inside_are_kept() -> None:
    stop = _box(".", 48.5, 106.5, 49.5, 107.5, 0.7)  # on the baseline, after the word
    dash = _box("-", 38, 103, 42, 104, 0.7)  # halfway down, inside a word's span
    assert without_specks(_line_of(stop, dash)) == _line_of(stop, dash)


def test_flat_doubtful_letters_are_dropped_and_a_flat_sure_initial_kept() -> None:
    stub = _box("ee", 10, 112, 35, 113, 0.2)  # a rule stub under the line
    initial = _box("J.", 70, 100, 71, 101.5, 0.95)  # a real initial OCR boxed too flat
    assert [w.text for w in without_specks(_line_of(stub, initial))] == ["Jane", "Roe", "Doe", "J."]


@pytest.mark.parametrize(
    ("read", "meant"),
    [("Attorney-1n-Fact", "Attorney-in-Fact"), ("0f", "of"), ("1s", "is"), ("0nly", "only")],
)
def test_regression_digit_starting_a_word_of_small_letters_is_a_letter(
    read: str, meant: str
) -> None:
    assert repair([read]) == [meant]


@pytest.mark.parametrize("text", ["1st", "2nd", "10b5-1", "1a", "X1", "A1", "a1so", "1,250", "(1)"])
def test_digits_that_belong_stay(text: str) -> None:
    assert repair([text]) == [None]


def test_regression_a_full_stop_read_apart_in_a_word_gap_is_dropped() -> None:
    """A speck in the gap between two words was read as a word "." of its own and the
    footnote text came out "by the . Securities"."""
    line = [
        _box("by", 10, 100, 20, 108, 0.95),
        _box("the", 30, 100, 45, 108, 0.95),
        _box(".", 49, 106.5, 50, 107.5, 0.7),  # midway in the gap
        _box("Zorbs", 54, 100, 80, 108, 0.95),
    ]
    assert [w.text for w in with_stops_attached(line)] == ["by", "the", "Zorbs"]


def test_a_full_stop_boxed_against_its_word_joins_it() -> None:
    stop = _box(".", 66.5, 106.5, 67.5, 107.5, 0.7)  # right at the end of "Doe"
    after = _box(",", 70, 106.5, 71, 108.5, 0.7)  # a second mark after the stop: a speck
    out = with_stops_attached(_line_of(stop, after))
    assert [w.text for w in out] == ["Jane", "Roe", "Doe."]
    assert out[-1].box.x1 == 67.5


@pytest.mark.parametrize(
    ("read", "printed"), [("Il", "II"), ("lI,", "II,"), ("1]", "II"), ("I1.", "II.")]
)
def test_numeral_two_read_as_bars_is_put_back(read: str, printed: str) -> None:
    assert roman_two(read) == printed


@pytest.mark.parametrize("word", ["11", "II", "If", "Ill", "l", "Il1", "1l0"])
def test_other_words_of_bars_stay(word: str) -> None:
    assert roman_two(word) == word


def test_a_speck_under_a_word_does_not_join_it() -> None:
    """A speck below a number, grouped into its line, is no full stop of it."""
    speck = _box(".", 60, 108.5, 61, 109.5, 0.7)  # under the end of "Doe"
    out = with_stops_attached(_line_of(speck))
    assert [w.text for w in out] == ["Jane", "Roe", "Doe"]


def test_regression_a_flat_boxed_word_takes_the_line_of_the_word_beside_it() -> None:
    """OCR boxed "Zorbco," 1 pt tall and a point below its line: sorted into lines it
    came after "Inc." ("Inc. Zorbco.")."""
    flat = Word("Zorbco,", Box(10, 109, 40, 110), 1.2, 1, source="ocr", confidence=0.9)
    inc = _w("Inc.", 44, 60, 0.9)
    others = [_w("Some", 10 + 70 * i, 50 + 70 * i, 0.9, top=150) for i in range(3)]
    fixed = with_flat_words_aligned([flat, inc, *others])
    assert (fixed[0].box.top, fixed[0].box.bottom, fixed[0].size) == (100, 108, 8.0)
    assert fixed[1:] == [inc, *others]


def test_a_flat_word_with_no_word_beside_it_or_of_few_letters_stays() -> None:
    alone = Word("Zorbco,", Box(10, 109, 40, 110), 1.2, 1, source="ocr", confidence=0.9)
    stub = Word("ee", Box(10, 109, 40, 110), 1.2, 1, source="ocr", confidence=0.9)
    far = _w("Inc.", 200, 220, 0.9)
    assert with_flat_words_aligned([alone, far])[0] == alone
    assert with_flat_words_aligned([stub, _w("Inc.", 44, 60, 0.9)])[0] == stub


def test_regression_a_flat_word_takes_the_line_it_sits_on_not_the_next_ones() -> None:
    """A flat "Roe," between "Jane" and "by" was given the line under it, whose "for"
    ended as near: "/s/ Jane by ... for Roe,"."""
    flat = Word("Roe,", Box(42, 107, 60, 107.3), 0.3, 1, source="ocr", confidence=0.9)
    jane, by = _w("Jane", 10, 40, 0.9), _w("by", 63, 75, 0.9)
    under = _w("for", 30, 43, 0.9, top=110)
    fixed = with_flat_words_aligned([jane, flat, by, under])
    assert (fixed[1].box.top, fixed[1].box.bottom) == (100, 108)
