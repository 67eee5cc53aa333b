"""The word list OCR'd prose is checked against (sources/lexicon): held compactly,
looked up exactly, and in any case a word is printed in."""

from __future__ import annotations

from extractor.sources.lexicon import WordList, knows


def test_a_word_list_holds_its_words_and_no_others() -> None:
    words = WordList(["zorbit", "Glent", "alpha", "zorbit"])
    assert list(words) == ["Glent", "alpha", "zorbit"]  # sorted, each once
    assert "alpha" in words and "zorbit" in words and "Glent" in words
    for other in ("glent", "alph", "alphas", "", "zz", "A"):
        assert other not in words
    assert 3 not in words


def test_a_word_list_from_its_cache_lines_is_the_same_list() -> None:
    lines = "Glent\nalpha\nzorbit\n"
    assert list(WordList.of_sorted_lines(lines)) == ["Glent", "alpha", "zorbit"]
    assert "zorbit" in WordList.of_sorted_lines(lines)


def test_an_empty_word_list_is_false_and_holds_nothing() -> None:
    for empty in (WordList([]), WordList.of_sorted_lines("")):
        assert not empty and len(empty) == 0 and "a" not in empty


def test_knows_a_word_in_any_case_it_is_printed_in() -> None:
    words = WordList(["zorbit", "Glent", "NASDAQ"])
    assert knows("ZORBIT", words) and knows("glent", words) and knows("nasdaq", words)
    assert not knows("quex", words)
