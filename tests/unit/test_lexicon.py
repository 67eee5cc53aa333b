"""The word list OCR'd prose is checked against (sources/lexicon): held compactly,
looked up exactly, and in any case a word is printed in."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _model_and_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: list[str], dictionary: str | None
) -> None:
    """The model's list replaced by `model`, the system's dictionaries by one holding
    `dictionary`'s lines (none when None)."""
    from extractor.sources import lexicon

    absent = tmp_path / "absent"
    paths: tuple[Path, ...] = (absent,)
    if dictionary is not None:
        (tmp_path / "words").write_text(dictionary)
        paths = (absent, tmp_path / "words")
    monkeypatch.setattr(lexicon, "_DICTIONARIES", paths)
    monkeypatch.setattr(lexicon, "english_words", lambda: WordList(model))
    lexicon.prose_words.cache_clear()


def test_prose_words_drop_rare_forms_the_dictionary_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rare form of the model's list that OCR makes of a common word ("ume" for
    "time") is no word of prose when the spelling dictionary lacks it; names and
    capitalized forms stay as the model lists them."""
    from extractor.sources import lexicon

    model = ["Glent", "NASDAQ", "time", "tum", "turn", "ume"]
    _model_and_dictionary(tmp_path, monkeypatch, model, "time\nturn\nZorbia\n")
    assert list(lexicon.prose_words()) == ["Glent", "NASDAQ", "time", "turn"]
    lexicon.prose_words.cache_clear()


def test_prose_words_without_a_dictionary_are_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.sources import lexicon

    model = ["Glent", "time", "ume"]
    _model_and_dictionary(tmp_path, monkeypatch, model, None)
    assert list(lexicon.prose_words()) == model
    lexicon.prose_words.cache_clear()


def test_regression_a_misreading_that_is_a_rare_model_word_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "at any time" read "at any ume": "ume" is in Tesseract's list, so it was taken
    for a word and left; with the dictionary it is the one lookalike that is a word."""
    from extractor.layout.ocr_prose import respelt, vocabulary
    from extractor.sources import lexicon

    model = ["any", "at", "the", "time", "ume", "une"]
    _model_and_dictionary(tmp_path, monkeypatch, model, "any\nat\nthe\ntime\n")
    text = "convertible at any ume at the option"
    assert respelt(text, vocabulary([text])) == "convertible at any time at the option"
    lexicon.prose_words.cache_clear()
