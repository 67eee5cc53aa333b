"""Printed phrases found in OCR words that are a letter or two off; never in text-layer
words (the digital path stays exact)."""

from __future__ import annotations

import random

from extractor.layout.regions import RegionKind, pages_to_regions
from extractor.layout.template import load_template
from extractor.layout.text import PhraseIndex, edit_row, prefix_distances, within_edits
from extractor.model.geometry import Box, Page, Word, WordSource


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


def test_regression_a_kept_edit_row_is_the_same_on_every_call_and_cannot_be_changed() -> None:
    # the rows are kept for the calls that repeat one: a row a caller could change
    # would change every later answer for the same strings
    first = edit_row("harbour", "harbor", 3)
    assert first == (7, 6, 5, 4, 3, 2, 1)  # "harbour" to "", "h", ..., "harbor"
    assert isinstance(first, tuple)
    assert edit_row("harbour", "harbor", 3) == first
    assert edit_row("harbour", "tide", 1) is None


def test_prefix_distances_are_the_edit_row_of_the_table() -> None:
    rng = random.Random(4)
    for _ in range(2000):
        letters = rng.choice(["ab", "abcdefgh", "nameofreportingps"])
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 70)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 80)))
        assert prefix_distances(a, b) == list(edit_row(a, b) or ())
    assert prefix_distances("harbour", "harbor") == [7, 6, 5, 4, 3, 2, 1]


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


def test_regression_long_title_with_one_garbled_word_is_found_in_ocr_words() -> None:
    """A fax lost Table II to 'GQwned' (two letters off a five-letter word) in its title."""
    garbled = TITLE.replace("Owned", "GQwned")
    assert PhraseIndex(_line(garbled.split(), "ocr")).find(TITLE)
    assert not PhraseIndex(_line(garbled.split(), "text")).find(TITLE)


def test_two_garbled_words_are_no_title() -> None:
    garbled = TITLE.replace("Owned", "GQwned").replace("Disposed", "Xyzposxd")
    assert not PhraseIndex(_line(garbled.split(), "ocr")).find(TITLE)


def test_table_ii_title_is_not_taken_for_table_i_with_its_numeral_misread() -> None:
    # the numeral read "I" leaves "Derivative" against "Non-Derivative": two tokens off
    table2 = "Table I - Derivative Securities Acquired, Disposed of, or Beneficially Owned"
    assert not PhraseIndex(_line(table2.split(), "ocr")).find(TITLE)


def _ocr_word(text: str, x0: float, x1: float, confidence: float) -> Word:
    return Word(text, Box(x0, 300.0, x1, 308.0), 10.0, 1, source="ocr", confidence=confidence)


def _title_words(x0: float) -> list[Word]:
    return [_ocr_word(t, x0 + 40 * i, x0 + 40 * i + 36, 0.9) for i, t in enumerate(TITLE.split())]


def _table1_found(words: list[Word]) -> bool:
    page = Page(1, 612, 792, tuple(words))
    return bool(pages_to_regions([page], load_template()).of(RegionKind.TABLE1))


def test_regression_specks_in_the_margin_do_not_hide_an_ocr_title() -> None:
    """Faxes lost Table I to specks read as 'oo' (confidence 0.09) and '|' left of it."""
    specks = [_ocr_word("oo", 20, 30, 0.09), _ocr_word("|", 40, 42, 0.8)]
    assert _table1_found(specks + _title_words(150))


def test_a_word_close_before_a_title_makes_it_no_title_however_well_read() -> None:
    assert not _table1_found([_ocr_word("See", 120, 146, 0.9), *_title_words(150)])
    assert not _table1_found([_ocr_word("See", 120, 140, 0.2), *_title_words(150)])


def test_a_caption_read_well_far_left_of_a_title_leaves_it_a_title() -> None:
    """The SEC's paper form prints 'FORM 4 (continued)' some seven title heights left
    of the table's title, on its line."""
    caption = [_ocr_word("FORM", 20, 50, 0.9), _ocr_word("4", 54, 60, 0.9)]
    assert _table1_found([*caption, *_title_words(120)])


def test_a_title_printed_with_an_em_or_en_dash_is_the_same_title() -> None:
    """The SEC's paper form prints 'Table I — Non-Derivative ...' where EDGAR prints a
    hyphen; a typeset reprint may use an en dash."""
    for dash in ("\u2014", "\u2013"):
        printed = TITLE.replace(" - ", f" {dash} ")
        assert PhraseIndex(_line(printed.split(), "text")).find(TITLE)


def test_regression_an_ocr_title_whose_long_dash_was_lost_is_still_the_title() -> None:
    """A scan of the paper form read 'TableI Non-Derivative ...': 'Table I' run together
    and the em dash gone. A dash is no token, so one word is short, as OCR allows."""
    read = TITLE.replace("Table I - ", "TableI ")
    assert PhraseIndex(_line(read.split(), "ocr")).find(TITLE)
