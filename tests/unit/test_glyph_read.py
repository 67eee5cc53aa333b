"""Dates and amounts read glyph by glyph (sources/glyph_read) from lines drawn in the
Liberation faces at fax quality: small print cut to black and white at low resolution."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.sources import glyph_read, glyphs, grid
from extractor.sources.ocr import OcrWord

SERIF = glyphs.font_path("LiberationSerif-Regular.ttf")
pytestmark = pytest.mark.skipif(SERIF is None, reason="no Liberation fonts installed")


def _faxed(text: str, size: int = 17) -> grid.Gray:
    """`text` drawn at 150 dpi (about 8 pt), cut at mid grey, drawn twice as large and
    smoothed as a scan page is read (see grid.smoothed_if_binarized)."""
    font = ImageFont.truetype(str(SERIF), size)
    canvas = Image.new("L", (int(font.getlength(text)) + 30, size * 2), 255)
    ImageDraw.Draw(canvas).text((15, size // 2), text, font=font, fill=0)
    cut = np.where(np.asarray(canvas) < 128, 0, 255).astype(np.uint8)
    big = grid.resized(cut, cut.shape[1] * 2, cut.shape[0] * 2)
    return grid.smoothed_if_binarized(big)


@pytest.mark.parametrize("value", ["03/17/2019", "$4,256.75", "86,420", "1,905,000"])
def test_a_well_formed_value_is_read_back(value: str) -> None:
    reading = glyph_read.read_value(_faxed(value))
    assert reading is not None
    assert reading.text == value


def test_a_word_fits_any_glyphs_far_better_than_a_value() -> None:
    reading = glyph_read.read_value(_faxed("Preferred Units"))
    assert reading is None or reading.cost > 1.3 * reading.free


def test_parses_takes_dates_and_amounts_with_their_markers_only() -> None:
    assert glyph_read.parses("12/5/2020")
    assert glyph_read.parses("$1,234.5(2)")
    assert glyph_read.parses("700")
    assert glyph_read.parses("2019.")  # a sentence's stop beside a year
    assert not glyph_read.parses("bhed be2020")
    assert not glyph_read.parses("$),0H8.57")
    assert not glyph_read.parses("1,23,4")


def _word(text: str, crop: grid.Gray) -> OcrWord:
    return OcrWord(text, 20, 5, crop.shape[1] - 20, crop.shape[0] - 5, 0.3)


def test_a_garbled_value_is_replaced_and_a_parsing_one_kept() -> None:
    crop = _faxed("07/24/2018")
    out = glyph_read.reread_values(crop, [_word("Ol/2Al2018", crop)])
    assert [w.text for w in out] == ["07/24/2018"]
    kept = glyph_read.reread_values(crop, [_word("07/24/2019", crop)])
    assert [w.text for w in kept] == ["07/24/2019"]  # Tesseract's parsing reading stands


def test_runs_without_a_digit_are_left_to_tesseract() -> None:
    crop = _faxed("Direct")
    words = [_word("Diroct", crop)]
    assert glyph_read.reread_values(crop, words) == words


def test_a_broken_capital_read_as_a_marker_is_read_as_the_capital() -> None:
    """Faxes at 150 dpi read the "D" of column "(A) or (D)" as "(1)" or "ly"."""
    crop = _faxed("D")
    for misread in ("(1)", "ly"):
        out = glyph_read.reread_values(crop, [_word(misread, crop)])
        assert [w.text for w in out] == ["D"]


def test_a_lone_glyph_tesseract_read_is_left_alone() -> None:
    crop = _faxed("S")
    words = [_word("s", crop)]
    assert glyph_read.reread_values(crop, words) == words


def test_a_parsing_misreading_is_replaced_on_a_binarized_page_only() -> None:
    """Faxes read "3,918" as "418" and "2,343" as "2,444": well-formed, but the print
    face drawn as "418" fits the ink far worse than the value printed."""
    crop = _faxed("5,726")
    words = [_word("726", crop)]
    checked = glyph_read.reread_values(crop, words, check=True)
    assert [w.text for w in checked] == ["5,726"]
    assert glyph_read.reread_values(crop, words) == words
    right = [_word("5,726", crop)]
    assert glyph_read.reread_values(crop, right, check=True) == right


def test_regression_zip_plus_four_is_not_read_as_an_amount() -> None:
    """A ZIP+4 code read right by Tesseract came out with a stop for its hyphen read glyph by glyph:
    the value alphabet has no hyphen. Digits joined by hyphens are left as read."""
    crop = _faxed("24680-1357")
    words = [_word("24680-1357", crop)]
    assert glyph_read.reread_values(crop, words) == words


def test_regression_a_label_with_a_digit_is_not_read_as_a_value() -> None:
    """The column label "2A. Deemed" of a grey scan came out "2586.1349888488": a run
    with few value glyphs is a label, no garbled value; a faxed date is one."""
    label = [OcrWord("2A.", 0, 0, 30, 20, 0.9), OcrWord("Deemed", 36, 0, 110, 20, 0.9)]
    assert not glyph_read._garbled(label)
    assert glyph_read._garbled([OcrWord("bhedbe2029", 0, 0, 120, 20, 0.3)])


def test_a_comma_tesseract_read_as_a_stop_is_told_by_its_tail() -> None:
    """Tesseract reads a fax's comma as a stop; the whole value's fit hardly differs,
    but a comma's tail below the digits' foot tells them apart."""
    crop = _faxed("7,205")
    checked = glyph_read.reread_values(crop, [_word("7.205", crop)], check=True)
    assert [w.text for w in checked] == ["7,205"]


def test_a_comma_tesseract_read_is_not_made_a_stop() -> None:
    """A fax thins a comma's tail to nothing: a stop is never told against Tesseract's
    comma, however the glyphs fit."""
    crop = _faxed("$318.426")
    words = [_word("$318,426", crop)]
    assert glyph_read.reread_values(crop, words, check=True) == words


def test_a_stop_with_a_tail_is_read_as_a_comma() -> None:
    assert glyph_read._told("4.816", (0.2,)) == "4,816"
    assert glyph_read._told("4.816", (0.0,)) == "4.816"
    # a comma must stay well formed: "48.16" with a tail is left a stop
    assert glyph_read._told("48.16", (0.2,)) == "48.16"


def test_a_price_keeps_its_stop_whatever_its_tail() -> None:
    assert glyph_read._told("$4.816", (0.2,)) == "$4.816"


@pytest.mark.parametrize("misread", ["#)", "$I", "Ss)", "»"])
def test_a_dollar_value_read_without_its_digit_is_read_glyph_by_glyph(misread: str) -> None:
    """A fax left "$0" (a grant's price) without a digit Tesseract sees: "#)", "»"; an
    "I" or an "S" read there had made it "$1" or "55"."""
    crop = _faxed("$0")
    out = glyph_read.reread_values(crop, [_word(misread, crop)])
    assert [w.text for w in out] == ["$0"]


def test_marks_alone_over_no_value_stay_as_read() -> None:
    """A dash or a bracket alone in a cell fits no value: Tesseract's reading stands."""
    for drawn, read in (("-", "-"), ("(", "(")):
        crop = _faxed(drawn)
        words = [_word(read, crop)]
        assert glyph_read.reread_values(crop, words) == words


def test_a_short_word_starting_like_a_dollar_stays_a_word() -> None:
    crop = _faxed("So")
    words = [_word("So", crop)]
    assert glyph_read.reread_values(crop, words) == words


def test_one_letter_read_twice_is_left_to_name_its_capital() -> None:
    """A fax's "S" read "Ss": drawn as capitals, its broken strokes fit an "N" better."""
    crop = _faxed("S")
    words = [_word("Ss", crop)]
    assert glyph_read.reread_values(crop, words) == words
