"""The form's printed wording told from a few of its words (sources/printed.py)."""

from __future__ import annotations

import pytest

from extractor.sources.printed import Wording, alike

FORM = Wording.of(
    [
        "Filed pursuant to Section 16(a) of the Act of 1934 or Section 30(h) of the Act",
        "2. Issuer Name and Ticker or Trading Symbol",
        "Form filed by One Reporting Person",
    ]
)


def test_a_wrapped_line_is_told_as_its_stretch_of_the_phrase() -> None:
    # the phrase's second printed line: "of the Act of 1934 or Section"
    told = FORM.stretch(["of", "the"], "Section", 7, whole=False)
    assert told == ["of", "the", "Act", "of", "1934", "or", "Section"]


def test_a_whole_cell_must_hold_the_whole_phrase() -> None:
    assert FORM.stretch(["2.", "Issuer"], "Symbol", 8, whole=True) == [
        "2.", "Issuer", "Name", "and", "Ticker", "or", "Trading", "Symbol",
    ]  # fmt: skip
    assert FORM.stretch(["2.", "Issuer"], "Trading", 7, whole=True) is None


def test_a_long_word_may_read_a_letter_off() -> None:
    assert FORM.stretch(["Form", "flied"], "Persen", 6, whole=False) == [
        "Form", "filed", "by", "One", "Reporting", "Person",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("read", "printed"),
    [("2:", "2."), ("af", "of"), ("(A}", "(A)"), ("Fonn", "Form")],
    ids=["column-number", "short-word", "bracket", "four-letters-two-off"],
)
def test_a_short_word_must_read_exactly(read: str, printed: str) -> None:
    assert not alike(read, printed)


def test_a_different_last_word_is_no_printed_stretch() -> None:
    assert FORM.stretch(["Form", "filed"], "Owner", 6, whole=False) is None


def test_more_words_than_the_phrase_holds_are_no_printed_stretch() -> None:
    assert FORM.stretch(["Form", "filed"], "Person", 7, whole=False) is None


def test_two_stretches_with_the_same_ends_are_told_by_neither() -> None:
    twins = Wording.of(["See the Act of 1934 in full", "See the Rule of 1934 in full"])
    assert twins.stretch(["See", "the"], "full", 6, whole=True) is None


def test_the_opening_alone_says_whether_a_stretch_may_follow() -> None:
    assert FORM.opens(["Reporting", "Person"], 2, whole=False)
    assert not FORM.opens(["Reporting", "Person"], 3, whole=False)  # the phrase ends there
    assert not FORM.opens(["Common", "Stock"], 2, whole=False)


def test_regression_roman_one_read_as_a_bar_is_alike() -> None:
    # "Table I -" read "Table | -": the title went to OCR whole
    assert alike("|", "I") and alike("(1)", "(I)")


def test_regression_titles_differing_in_strokes_only_are_not_told() -> None:
    # Table II's title told as Table I's: "II" read "I", same word count and last word,
    # and the table was lost
    titles = Wording.of(["Table I - Stock Owned", "Table II - Stock Owned"])
    for read in ("I", "II", "|", "Il"):
        assert titles.stretch(["Table", read], "Owned", 5, whole=False) is None
    assert titles.stretch(["Table", "II"], "Stock", 4, whole=False) is None
