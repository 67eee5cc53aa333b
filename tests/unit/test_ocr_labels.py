"""Printed phrases found in OCR words that are a letter or two off; never in text-layer
words (the digital path stays exact)."""

from __future__ import annotations

from extractor.layout.text import PhraseIndex, within_edits
from extractor.model.geometry import Box, Word, WordSource


def _line(texts: list[str], source: WordSource) -> list[Word]:
    return [
        Word(t, Box(10.0 + 60 * i, 100.0, 60.0 + 60 * i, 108.0), 8.0, 1, source=source)
        for i, t in enumerate(texts)
    ]


TITLE = "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
MISREAD = "Table I - Non-Derivative Securities Acquired, Olsposed of, or Beneticiatly Owned"


def test_regression_misread_title_letters_still_find_the_table_in_ocr_words() -> None:
    """Scans lost whole tables to 'Beneticiatly' (two letters off) in the title."""
    assert PhraseIndex(_line(MISREAD.split(), "ocr")).find(TITLE)


def test_text_layer_words_must_match_exactly() -> None:
    assert not PhraseIndex(_line(MISREAD.split(), "text")).find(TITLE)


def test_short_tokens_get_no_tolerance() -> None:
    # "of" -> "or" would make any line with "or" a label
    words = _line(["Amount", "or", "Number", "or", "Shares"], "ocr")
    assert not PhraseIndex(words).find("Amount or Number of Shares")


def test_within_edits_counts_substitutions_insertions_deletions() -> None:
    assert within_edits("beneticiatly", "beneficially", 2)
    assert not within_edits("beneticiatiy", "beneficially", 2)
    assert within_edits("person", "person”", 1)
    assert not within_edits("abc", "abd", 0)


def test_regression_long_title_missing_one_word_is_found_in_ocr_words() -> None:
    """A scan lost Table I because OCR dropped the faint word 'Acquired,' from its title."""
    dropped = TITLE.replace("Acquired, ", "")
    assert PhraseIndex(_line(dropped.split(), "ocr")).find(TITLE)
    assert not PhraseIndex(_line(dropped.split(), "text")).find(TITLE)
