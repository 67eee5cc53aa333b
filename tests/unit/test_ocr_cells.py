"""Reading one table cell of a scan: superscript footnote markers found by where they
sit and read on their own, lone glyphs, specks.

The geometry tests run on hand-made blob boxes; the reading tests draw a cell with a
TrueType font (skipped without the OCR extra, the English model or the font).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy", reason="the ocr extra (numpy) is not installed")
pytest.importorskip("cv2", reason="the ocr extra (opencv) is not installed")
PIL_Image = pytest.importorskip("PIL.Image", reason="the ocr extra (Pillow) is not installed")
from PIL import ImageDraw, ImageFilter, ImageFont  # noqa: E402

from extractor.sources import cell_ocr, glyphs, grid  # noqa: E402
from extractor.sources.cell_ocr import (  # noqa: E402
    Blob,
    _blobs,
    _without_noise,
    cell_blobs,
    raised_runs,
    read_cell,
    segments,
    text_lines,
    word_spans,
)
from extractor.sources.lexicon import WordList  # noqa: E402
from extractor.sources.ocr import OcrWord  # noqa: E402
from tests.conftest import ocr_engine_or_skip  # noqa: E402

SERIF = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


def _blobs_of(gray: Any) -> list[Blob]:
    """The blobs of a drawn crop, cut at its own ink level as `read_cell` cuts it."""
    level = grid.ink_level(gray)
    return _blobs(gray, level, gray < level)


# --- geometry on blob boxes (pixels at 300 dpi; digits 25 high, markers 16-19) -------


def _digits(x: int, n: int) -> list[Blob]:
    return [Blob(x + 18 * i, 39, x + 18 * i + 15, 64) for i in range(n)]


def _marker(x: int) -> list[Blob]:
    """ "(1)" as a superscript: brackets 19 high, the digit 16, feet well above 64."""
    return [Blob(x, 37, x + 5, 56), Blob(x + 9, 37, x + 12, 53), Blob(x + 16, 37, x + 21, 56)]


def test_superscript_after_a_number_is_one_run() -> None:
    line = [*_digits(0, 3), *_marker(56)]
    assert raised_runs(line) == [_marker(56)]


def test_regression_one_inside_full_size_brackets_is_no_superscript() -> None:
    # "(1)" printed alone at full size: the "1" stands a little higher than the
    # brackets' feet; it must not be cut out as a marker of its own
    line = [Blob(0, 46, 6, 66), Blob(10, 46, 16, 62), Blob(20, 46, 26, 66)]
    assert raised_runs(line) == []


def test_regression_letters_after_a_descender_are_no_superscript() -> None:
    # "qui": the foot of "q" is far below the "u" after it, but the "u" is no taller
    # than an x-height letter, so nothing is raised
    line = [
        Blob(0, 39, 15, 64),  # capital A
        Blob(18, 47, 30, 72),  # q, descending
        Blob(33, 47, 45, 64),  # u
        Blob(48, 47, 52, 64),  # i
        Blob(55, 39, 67, 64),  # d
    ]
    assert raised_runs(line) == []


def test_regression_a_marker_whose_bracket_tips_faded_is_a_run() -> None:
    # "(5)" at 200 dpi: the "(" lost its tips (14 px), the "5"'s flag stands above
    # the brackets (run 19 px high)
    five = [Blob(60, 14, 63, 28), Blob(70, 11, 76, 14), Blob(73, 19, 78, 27), Blob(82, 13, 86, 30)]
    assert raised_runs(
        [*_digits(0, 3), *[Blob(b.x0, b.top + 25, b.x1, b.bottom + 25) for b in five]]
    ) == [[Blob(b.x0, b.top + 25, b.x1, b.bottom + 25) for b in five]]


def test_regression_a_marker_thinned_to_half_the_letter_height_is_a_run() -> None:
    # "(1)" at 200 dpi cut to black and white: its "(" lost its tips and a bracket
    # run stands 11 px beside capitals 23-27 px high (under half their height)
    letters = [Blob(0, 39, 17, 66), Blob(20, 39, 37, 64), Blob(40, 41, 49, 64)]
    marker = [Blob(62, 41, 66, 50), Blob(74, 41, 77, 50), Blob(84, 41, 88, 52)]
    assert raised_runs([*letters, *marker]) == [marker]


def test_a_long_raised_run_needs_full_height_brackets() -> None:
    # the same short brackets round five glyphs: text in brackets, no marker
    text = [Blob(60, 39, 63, 53), *[Blob(66 + 8 * i, 38, 72 + 8 * i, 50) for i in range(5)]]
    text.append(Blob(108, 36, 112, 55))
    assert raised_runs([*_digits(0, 3), *text]) == []


def test_regression_a_broken_letter_before_a_marker_does_not_hide_it() -> None:
    # a fax kept only the top of the "e" before "(3)": that raised piece, round, opened
    # the run and the run was no marker
    piece = Blob(56, 40, 66, 50)
    line = [*_digits(0, 3), piece, *_marker(68)]
    assert raised_runs(line) == [_marker(68)]


def test_regression_a_label_in_brackets_ending_in_a_narrow_letter_is_no_marker() -> None:
    # the printed labels "(Last) (First) (Middle)" of a scan (x, top, width, height):
    # the raised run "Last)" above the "(" bracket's foot was cut at its narrow "t" and
    # read as a marker "(1)"
    boxes = [
        (17, 228, 7, 27), (27, 229, 13, 20), (41, 233, 15, 16), (57, 233, 12, 16),
        (70, 230, 7, 19), (78, 228, 7, 27), (277, 228, 7, 27), (287, 229, 14, 20),
        (303, 234, 4, 15), (303, 228, 3, 3), (309, 233, 8, 16), (318, 233, 12, 16),
        (332, 231, 7, 18), (340, 228, 7, 27), (537, 228, 7, 27), (547, 229, 19, 20),
        (569, 234, 4, 15), (570, 228, 3, 3), (575, 228, 13, 21), (590, 228, 14, 21),
        (606, 228, 4, 21), (612, 233, 14, 16), (627, 228, 8, 27),
    ]  # fmt: skip
    assert raised_runs([Blob(x, t, x + w, t + h) for x, t, w, h in boxes]) == []


def test_regression_a_marker_after_digits_broken_into_pieces_is_a_run() -> None:
    # "234(1)" with its "2" in three pieces and "34" one blob: the pieces' heights and
    # feet set the line's letter height and baseline too high to see the marker raised
    two = [Blob(0, 58, 16, 67), Blob(1, 39, 5, 45), Blob(7, 42, 16, 58)]
    line = [*two, Blob(20, 41, 53, 67), *_marker(56)]
    assert raised_runs(line) == [_marker(56)]


def test_regression_a_speck_under_a_marker_does_not_split_its_run() -> None:
    # a grey JPEG's speck of noise below the "2" of "(2)": it broke the run, and "(2"
    # and ")" were two runs, neither a marker
    marker = [Blob(56, 37, 61, 56), Blob(64, 37, 74, 53), Blob(77, 37, 82, 56)]
    speck = Blob(74, 61, 77, 64)
    assert raised_runs([*_digits(0, 3), *marker[:2], speck, marker[2]]) == [marker]


def test_regression_a_speck_at_a_closing_brackets_foot_is_no_part_of_the_marker() -> None:
    # the speck touching the foot of ")" stayed up with the run, which then ended in a
    # dot and was no marker: the value's "(2)" was read "(36)" with the digits
    marker = [Blob(56, 37, 61, 56), Blob(64, 37, 74, 53), Blob(77, 37, 82, 56)]
    assert raised_runs([*_digits(0, 3), *marker, Blob(80, 56, 83, 59)]) == [marker]


def test_a_dot_after_a_run_of_text_keeps_it_no_marker() -> None:
    # a raised run ending in a round glyph and a dot is text, dot or not
    text = [Blob(56, 37, 61, 56), Blob(64, 37, 74, 53), Blob(76, 40, 86, 56)]
    assert raised_runs([*_digits(0, 3), *text, Blob(88, 53, 91, 56)]) == []


def test_regression_a_value_run_into_one_blob_keeps_the_baseline_under_it() -> None:
    # "1,234(5)" on a grey scan: "234" is one blob, and counted once as much as the
    # marker's round "5" its foot and the "5"'s set the baseline halfway up
    value = [Blob(0, 39, 7, 64), Blob(10, 58, 14, 67), Blob(17, 39, 60, 64)]
    marker = [Blob(62, 29, 67, 50), Blob(70, 31, 80, 47), Blob(83, 29, 88, 50)]
    assert raised_runs([*value, *marker]) == [marker]


def test_regression_a_digit_as_tall_as_its_faded_brackets_is_a_marker() -> None:
    # a date's "(4)" on a harsh JPEG: the brackets' thin tips faded, and the "4" standing as
    # tall as the run made it no marker; the date was read with the marker as one word
    marker = [Blob(56, 30, 60, 46), Blob(63, 28, 75, 45), Blob(78, 30, 82, 46)]
    assert raised_runs([*_digits(0, 3), *marker]) == [marker]


def test_regression_a_value_of_ones_round_a_digit_is_no_marker() -> None:
    # "151" alone in its cell: its "1"s are narrow and level as brackets, the "5" as
    # tall as they; read as a marker, the amount was lost and footnote 5 linked
    value = [Blob(0, 39, 5, 64), Blob(8, 39, 24, 64), Blob(27, 39, 32, 64)]
    assert not cell_ocr._bracketed(value)


def test_two_capitals_as_tall_as_the_brackets_round_them_are_no_marker() -> None:
    # only one glyph between brackets may stand as tall as they: "(AB)" raised is text
    run = [Blob(56, 30, 60, 46), Blob(63, 28, 75, 45), Blob(78, 28, 90, 45), Blob(93, 30, 97, 46)]
    assert raised_runs([*_digits(0, 3), *run]) == []


def test_a_trailing_run_at_the_foot_of_the_line_is_no_marker() -> None:
    # brackets as low as the digits before them ("12(5)" typed at full size)
    full = [Blob(56, 39, 61, 66), Blob(64, 42, 72, 64), Blob(75, 39, 80, 66)]
    assert raised_runs([Blob(0, 58, 16, 67), Blob(20, 41, 53, 67), *full]) == []


def test_regression_a_marker_of_narrow_strokes_read_as_letters_is_no_word() -> None:
    # a faxed "(1)" alone in a cell, read "can)": its glyphs are strokes, no letters
    assert cell_ocr._no_word("can)", _marker(0))


def test_a_marker_with_a_broken_digit_is_no_word() -> None:
    # "(2)" with only the flag and a speck of the "2" left, read "at"
    broken = [Blob(0, 37, 5, 56), Blob(8, 50, 12, 53), Blob(14, 38, 19, 45), Blob(21, 37, 27, 56)]
    assert cell_ocr._no_word("at", broken)


def test_regression_the_end_of_below_read_bl_is_a_word() -> None:
    # the label "Officer (give title below)" read "... bl)": "b", "l" and ")" narrow, but
    # the "b" stands on the baseline where the ")" reaches below it; taken for a marker,
    # the label was lost and with it the officer's check mark (mild scans)
    blobs = [Blob(121, 173, 127, 195), Blob(130, 173, 133, 195), Blob(137, 173, 142, 201)]
    assert not cell_ocr._no_word("bl)", blobs)


def test_regression_a_roman_two_read_il_is_a_word() -> None:
    # "Fund II" with its "II" on a line of its own, read "il": two level strokes, no
    # marker "(1)" (the nature lost its "II" and gained a footnote)
    assert not cell_ocr._no_word("il", [Blob(0, 40, 4, 62), Blob(9, 40, 13, 62)])


def test_a_word_in_brackets_is_a_word() -> None:
    # "(ab)": round letters as tall as the x-height
    word = [Blob(0, 37, 5, 60), Blob(8, 45, 19, 57), Blob(21, 38, 32, 57), Blob(35, 37, 40, 60)]
    assert not cell_ocr._no_word("(ab)", word)


def test_regression_a_broken_digit_and_a_slash_are_no_marker() -> None:
    # "12/12": a fax broke the first "2"; its raised top and the slash after it were two
    # narrow strokes side by side, read as a marker "(3)"
    line = [Blob(0, 39, 5, 64), Blob(11, 52, 21, 58), Blob(16, 39, 21, 51), Blob(23, 43, 29, 54)]
    line += _digits(36, 3)
    assert raised_runs(line) == []


def test_regression_a_one_and_bracket_closing_a_code_are_a_marker() -> None:
    # "C(1)" in a grey scan, its "(" run into the "C": "1" and ")" close together end
    # the cell (no digit follows them, as after the "2/" of a date)
    line = [Blob(0, 38, 25, 67), Blob(29, 37, 35, 55), Blob(39, 37, 46, 58)]
    assert raised_runs(line) == [line[1:]]


@pytest.mark.parametrize(
    "run",
    [
        [Blob(56, 37, 61, 56), Blob(73, 37, 78, 56)],  # "(" and ")", the digit lost
        [Blob(56, 37, 60, 53), Blob(66, 37, 71, 56)],  # "1)", its "(" run into the value
    ],
)
def test_two_raised_strokes_a_digit_apart_are_a_marker(run: list[Blob]) -> None:
    assert raised_runs([*_digits(0, 3), *run]) == [run]


def test_raised_run_of_round_glyphs_is_no_marker() -> None:
    # an apostrophe-like pair of dots after a word: raised, but not bracket-shaped
    line = [*_digits(0, 3), Blob(56, 37, 66, 47), Blob(68, 37, 78, 47)]
    assert raised_runs(line) == []


def test_text_lines_keep_a_superscript_on_its_line() -> None:
    first = [*_digits(0, 2), *_marker(40)]
    second = [Blob(b.x0, b.top + 40, b.x1, b.bottom + 40) for b in _digits(0, 4)]
    lines = text_lines(second + first)
    assert [len(ln) for ln in lines] == [5, 4]
    assert lines[0][0] == first[0]


def _two_lines_of_notes(tall: Blob) -> list[Blob]:
    """Two lines of small print 21 px high with no leading between them (rows 0-21 and
    22-43), 120 glyphs each, and `tall`."""
    upper = [Blob(12 * k, 0, 12 * k + 9, 21) for k in range(120)]
    lower = [Blob(12 * k, 22, 12 * k + 9, 43) for k in range(120)]
    return [*upper, *lower, tall]


def test_regression_glyphs_of_two_lines_run_together_do_not_join_the_lines() -> None:
    # a page of notes at 150 dpi: one blob of two lines' glyphs drew the next line into
    # the first, and the two were read as one line, garbled
    lines = text_lines(_two_lines_of_notes(Blob(2000, 2, 2030, 42)))
    assert [(min(b.top for b in ln), max(b.bottom for b in ln)) for ln in lines] == [
        (0, 22),
        (22, 43),
    ]
    assert Blob(2000, 2, 2030, 22) in lines[0] and Blob(2000, 22, 2030, 42) in lines[1]


def test_regression_two_lines_touching_are_split_too() -> None:
    # the next line's capitals reached a pixel into this line's descenders: the blob
    # spanning both was not cut, and the next line's glyphs were read into this one
    upper = [Blob(12 * k, 0, 12 * k + 9, 21) for k in range(120)]
    lower = [Blob(12 * k, 20, 12 * k + 9, 41) for k in range(120)]
    lines = text_lines([*upper, *lower, Blob(2000, 2, 2030, 40)])
    assert len(lines) == 2
    assert Blob(2000, 2, 2030, 20) in lines[0] and Blob(2000, 20, 2030, 40) in lines[1]


def test_a_capital_in_a_line_of_small_print_stays_whole() -> None:
    lines = text_lines(_two_lines_of_notes(Blob(2000, -6, 2020, 21)))
    assert [len(ln) for ln in lines] == [121, 120]
    assert Blob(2000, -6, 2020, 21) in lines[0]


def test_a_title_line_among_small_print_stays_one_line() -> None:
    # capitals twice as tall as the page's small print, a line of their own
    title = [Blob(30 * k, 60, 30 * k + 24, 102) for k in range(8)]
    lines = text_lines(_two_lines_of_notes(Blob(2000, -6, 2020, 21)) + title)
    assert [len(ln) for ln in lines] == [121, 120, 8]


def test_lone_specks_are_dropped_and_a_full_stop_is_kept() -> None:
    word = _digits(0, 2)
    stop = Blob(36, 60, 40, 64)  # right after the last digit
    speck = Blob(120, 10, 123, 13)  # alone, far from any glyph
    dust = Blob(60, 20, 61, 21)  # too small for any stroke
    kept = cell_blobs([*word, stop, speck, dust])
    assert stop in kept
    assert speck not in kept
    assert dust not in kept


def test_regression_a_comma_after_a_full_stop_is_kept() -> None:
    # "Inc.,": the comma stands beside the stop, more than a dot's reach from the "c"
    word = _digits(0, 3)
    stop = Blob(52, 60, 55, 64)
    comma = Blob(59, 60, 62, 66)
    speck = Blob(90, 60, 93, 63)  # beside neither
    kept = cell_blobs([*word, stop, comma, speck])
    assert comma in kept
    assert speck not in kept


def _letters(n: int) -> list[Blob]:
    """A line of small letters 12 high standing on y=64, capitals 20 high among them."""
    return [Blob(10 * i, 44 if i % 3 == 0 else 52, 10 * i + 7, 64) for i in range(n)]


def test_regression_a_comma_hanging_below_the_baseline_is_no_speck() -> None:
    # "therein, and" at 300 dpi: the comma's tail hangs lower than a stop's foot, and
    # the comma was dropped as a speck beside the line
    comma = Blob(59, 64, 62, 70)
    assert comma in cell_ocr._without_noise([*_letters(6), comma])


def test_a_round_speck_below_the_baseline_stays_a_speck() -> None:
    speck = Blob(59, 64, 64, 70)
    assert speck not in cell_ocr._without_noise([*_letters(6), speck])


def test_regression_a_hyphen_inside_a_word_is_no_speck() -> None:
    line = _letters(6)
    hyphen = Blob(57, 56, 63, 58)  # flat, at a third of the letters, right after one
    speck = Blob(57, 56, 60, 59)  # round, in the same place
    assert hyphen in _without_noise(sorted([*line, hyphen], key=lambda b: b.x0))
    assert speck not in _without_noise(sorted([*line, speck], key=lambda b: b.x0))


def _faint_dot_line(dot_top: int) -> Any:
    """Three dark glyphs 20 high standing on y=40, then a blurred dot: a 2 x 2 core
    dark enough to be ink in a ring of faint grey (a full stop at 200 dpi, enlarged)."""
    gray = np.full((60, 120), 255, dtype=np.uint8)
    for x in (10, 25, 40):
        gray[20:40, x : x + 10] = 60
    gray[dot_top : dot_top + 4, 53:57] = 180
    gray[dot_top + 1 : dot_top + 3, 54:56] = 110
    return gray


def test_regression_a_faint_full_stop_is_no_speck() -> None:
    kept = cell_blobs(_blobs_of(_faint_dot_line(36)))  # at the glyph's foot
    assert any(b.x0 == 53 and b.bottom == 40 for b in kept)


def test_regression_a_stop_whose_core_lies_past_the_reach_is_no_speck() -> None:
    # a 200-dpi JPEG's blurred stop: its ink core 7 px after the glyph, beyond the
    # reach, its faint edge 4 px: the stop was dropped as a speck ("date." read "date")
    gray = np.full((60, 120), 255, dtype=np.uint8)
    for x in (10, 25, 40):
        gray[20:40, x : x + 10] = 60
    gray[35:40, 54:60] = 180
    gray[37:39, 57:59] = 110
    kept = cell_blobs(_blobs_of(gray))
    assert any(b.x0 == 54 and b.bottom == 40 for b in kept)


def test_a_faint_dot_far_past_a_glyph_stays_a_speck() -> None:
    gray = np.full((60, 120), 255, dtype=np.uint8)
    for x in (10, 25, 40):
        gray[20:40, x : x + 10] = 60
    gray[35:40, 60:66] = 180  # its faint edge 10 px after the glyph
    gray[37:39, 62:64] = 110
    assert not any(b.x0 >= 60 for b in cell_blobs(_blobs_of(gray)))


def test_a_faint_dot_off_the_baseline_stays_a_speck() -> None:
    kept = cell_blobs(_blobs_of(_faint_dot_line(26)))  # halfway up the glyph
    assert not any(b.x0 >= 53 for b in kept)


def test_regression_a_signature_i_dot_joins_its_own_line_not_the_date_beside_it() -> None:
    """A signature and a date printed beside it half a line higher: the dot of the
    signature's "i" touches the date's line too and, read there alone, came out a
    stray "." in the name ("Jane . Example")."""
    name = [Blob(10 * i, 40, 10 * i + 8, 60) for i in range(6)]  # letters on y=60
    stem = Blob(60, 46, 63, 60)  # the "i", its dot above it
    dot = Blob(60, 40, 63, 43)
    date = [Blob(300 + 12 * i, 22, 300 + 12 * i + 9, 42) for i in range(6)]  # on y=42
    lines = text_lines([*name, stem, dot, *date])
    line_of = {b: i for i, line in enumerate(lines) for b in line}
    assert line_of[dot] == line_of[stem]
    assert line_of[dot] != line_of[date[0]]


def test_regression_an_i_dot_over_a_short_stem_is_kept() -> None:
    """The dot of an "i" sits at the capitals' height, more than a dot's reach over
    the small letters' tops; dropped as a speck, "in" came out "1n"."""
    letters = [Blob(10 * i, 52, 10 * i + 8, 64) for i in range(4)]  # x-height 12
    stem = Blob(40, 52, 43, 64)
    dot = Blob(40, 43, 43, 47)  # its top 9 over the stem, its foot 5
    speck = Blob(40, 30, 43, 34)  # far over the stem: no dot of it
    kept = cell_blobs([*letters, stem, dot, speck])
    assert dot in kept
    assert speck not in kept


def _underlined_word() -> Any:
    """Dark letters standing on y=40, an underline 3 rows below them (dropped as a
    ruling's sliver) that a descender crosses, and a faint arm beside the last letter."""
    gray = np.full((60, 200), 255, dtype=np.uint8)
    for x in (20, 35, 50, 65):
        gray[20:40, x : x + 10] = 60
    gray[22:24, 75:81] = 170  # a faint arm of the last letter, right of its box
    gray[20:48, 90:94] = 60  # a descender through the underline
    gray[43:46, 10:180] = 40  # the underline
    return gray


def test_regression_an_underline_touching_a_descender_stays_out_of_the_text() -> None:
    """A signature underlined in print: at the faint level the underline hangs
    together with the descender crossing it, and the whole of it came with the glyph
    ("_attorney")."""
    gray = _underlined_word()
    blobs = [Blob(x, 20, x + 10, 40) for x in (20, 35, 50, 65)] + [Blob(90, 20, 94, 48)]
    body = cell_ocr._only(gray, grid.ink_level(gray), blobs)
    assert (body[43:46, 10:18] == 255).all()  # left of every glyph
    assert (body[43:46, 120:180] == 255).all()  # far right of the descender
    assert body[23, 80] == 170  # the faint arm is kept


def test_regression_faint_parts_far_from_the_crop_origin_are_kept_in_place() -> None:
    """The faint parts are looked for within the glyphs' bounds only (the rest of a
    page is one large crop): an arm beside a glyph far down and right is copied at its
    own place, and faint grey far from every glyph is not."""
    gray = np.full((900, 700), 255, dtype=np.uint8)
    gray[700:720, 500:510] = 60  # the glyph
    gray[702:704, 510:515] = 170  # its faint arm, right of its box
    gray[100:103, 100:140] = 170  # faint grey far from any glyph
    body = cell_ocr._only(gray, grid.ink_level(gray), [Blob(500, 700, 510, 720)])
    assert body[703, 513] == 170
    assert (body[100:103, 100:140] == 255).all()
    assert (body[700:720, 500:510] == 60).all()


def test_regression_a_crop_without_glyphs_is_left_white() -> None:
    # a cell whose blobs were all read as markers: no glyph bounds to look in (an empty
    # window crashed the labelling)
    gray = np.full((40, 60), 255, dtype=np.uint8)
    gray[10:20, 10:20] = 60
    body = cell_ocr._only(gray, grid.ink_level(gray), [])
    assert (body == 255).all()


def _faint_i_dot(dot_top: int) -> Any:
    """Glyphs 20 high standing on y=40, an "i" stem 12 high, and over it a blurred dot:
    a 2 x 2 core dark enough to be ink in a 3 x 3 patch of faint grey."""
    gray = np.full((60, 120), 255, dtype=np.uint8)
    for x in (10, 25, 40):
        gray[20:40, x : x + 10] = 60
    gray[28:40, 53:56] = 60
    gray[dot_top : dot_top + 3, 53:56] = 180
    gray[dot_top + 1 : dot_top + 3, 54:56] = 110
    return gray


def test_regression_a_faint_i_dot_over_its_stem_is_no_speck() -> None:
    """Small print loses the dot of an "i" to the speck filter ("in" read "1n")."""
    kept = cell_blobs(_blobs_of(_faint_i_dot(22)))  # foot 3 over the stem
    assert any(b.x0 == 53 and b.bottom == 25 for b in kept)


def test_a_faint_dot_far_over_a_stem_stays_a_speck() -> None:
    kept = cell_blobs(_blobs_of(_faint_i_dot(8)))  # foot 17 over the stem
    assert not any(b.bottom <= 20 for b in kept)


def test_regression_a_faint_speck_over_a_line_of_digits_stays_a_speck() -> None:
    """Over a number there is no "i": a blurred speck just above its digits, read as a
    line of its own, came out "4," in front of the value."""
    gray = np.full((60, 120), 255, dtype=np.uint8)
    for x in (10, 25, 40, 55):
        gray[20:40, x : x + 10] = 60
    gray[14:17, 26:29] = 180
    gray[15:17, 27:29] = 110
    kept = cell_blobs(_blobs_of(gray))
    assert not any(b.bottom <= 20 for b in kept)


def test_fields_far_apart_on_one_line_are_separate_segments() -> None:
    city = _digits(0, 3)
    state = _digits(300, 2)
    assert [len(s) for s in segments([*city, *state])] == [3, 2]


# --- a marker's bracket run into the glyph before it by the blur ----------------------


def _core(mask: Any) -> tuple[Any, float]:
    """A core given as its mask: a crop dark exactly there, and the level it is cut at."""
    return (~mask).view(np.uint8), 1.0


def _joined(top: int, width: int = 4, height: int = 20) -> tuple[Any, Any, list[Blob]]:
    """Ink and core masks of a glyph (x 4-18, y 20-52) and a bracket-like stroke from
    x 22 and `top` down, joined by a bridge of halo that is ink but no core (two glyphs
    4 px apart blurred at 200 dpi), and the line of the joined blob, a digit and a
    closing bracket."""
    ink = np.zeros((70, 80), dtype=bool)
    ink[20:52, 4:18] = True
    ink[top : top + height, 22 : 22 + width] = True
    core = ink.copy()
    ink[30:33, 18:22] = True
    joined = Blob(4, min(20, top), 22 + width, max(52, top + height))
    return ink, core, [joined, Blob(30, top, 36, top + 16), Blob(40, top, 44, top + height)]


def test_regression_a_raised_bracket_joined_to_a_code_is_cut_off() -> None:
    # "J(1)" at 200 dpi: the "(" hung on the "J", the run had no bracket to start with
    # and the code letter was lost
    ink, core, line = _joined(top=12)
    cut = cell_ocr._cut_line(_core(core)[0], ink, [_core(core)], line)
    assert cut == [Blob(4, 20, 18, 52), Blob(22, 12, 26, 32), *line[1:]]
    assert raised_runs(cut) == [cut[1:]]


def test_regression_a_bracket_joined_through_a_dark_halo_is_cut_off_deeper() -> None:
    # "C(9)" at 200 dpi, blurred more: the halo between "C" and "(" is darker than the
    # first core's cut, so only the second, deeper core has the gap
    ink, core, line = _joined(top=12)
    shallow = ink.copy()  # the bridge is core at the first depth
    cut = cell_ocr._cut_line(_core(shallow)[0], ink, [_core(shallow), _core(core)], line)
    assert cut == [Blob(4, 20, 18, 52), Blob(22, 12, 26, 32), *line[1:]]
    assert cell_ocr._cut_line(_core(shallow)[0], ink, [_core(shallow)], line) == line


def _pale_joined(glyph_grey: int = 100) -> tuple[Any, Any, list[Blob]]:
    """`_joined` in grey: the glyph printed `glyph_grey`, the rest pale (180) as a
    green marker scanned grey, the halo joining them as dark as its bracket."""
    ink, _, line = _joined(top=12)
    gray = np.full(ink.shape, 255, dtype=np.uint8)
    gray[ink] = 180
    gray[20:52, 4:18] = glyph_grey
    return gray, ink, line


def test_regression_a_pale_bracket_joined_through_halo_as_dark_is_cut_by_its_mirror() -> None:
    # "12,500(2)" at 150 dpi: no core parts the "(" from the "0" (cut darker than the
    # bracket, the core holds the glyph alone); the ")" tells how wide the "(" is
    gray, ink, line = _pale_joined()
    cut = cell_ocr._cut_line(gray, ink, [(gray, 150.0)], line)
    assert cut == [Blob(4, 20, 22, 52), Blob(22, 12, 26, 32), *line[1:]]
    assert raised_runs(cut) == [cut[1:]]
    # not in a fax's cell, where it read markers the fax had erased (no grey given)
    assert cell_ocr._cut_line(None, ink, [(gray, 150.0)], line) == line


def test_a_raised_end_as_dark_as_its_glyph_stays_joined() -> None:
    # the top of a "7" is the value's own print, not a green marker's bracket
    gray, ink, line = _pale_joined(glyph_grey=180)
    assert cell_ocr._cut_line(gray, ink, [(gray, 150.0)], line) == line


def test_a_raised_end_before_a_marker_of_its_own_stays_joined() -> None:
    # the bowl of the "P" of "LP(2)" ends raised too: its marker's "(" stands apart and
    # opens the run already
    gray, ink, (joined, _, _) = _pale_joined()
    for x0, x1, bottom in ((30, 34, 32), (38, 44, 28), (48, 52, 32)):
        ink[12:bottom, x0:x1] = True
        gray[12:bottom, x0:x1] = 180
    line = [joined, Blob(30, 12, 34, 32), Blob(38, 12, 44, 28), Blob(48, 12, 52, 32)]
    assert cell_ocr._cut_line(gray, ink, [(gray, 150.0)], line) == line


def test_a_narrow_glyph_on_the_baseline_stays_joined() -> None:
    ink, core, line = _joined(top=20, height=32)  # "ll"
    assert cell_ocr._cut_line(_core(core)[0], ink, [_core(core)], line) == line


def test_a_raised_stroke_followed_by_text_stays_joined() -> None:
    # the right half of an "R" whose thin strokes are lighter than the core, then
    # letters on the baseline: no marker opens there
    ink, core, line = _joined(top=20, height=13)
    text = [line[0], Blob(30, 28, 40, 52), Blob(43, 28, 53, 52)]
    assert cell_ocr._cut_line(_core(core)[0], ink, [_core(core)], text) == text


def test_a_raised_round_glyph_stays_joined() -> None:
    ink, core, line = _joined(top=12, width=16)
    assert cell_ocr._cut_line(_core(core)[0], ink, [_core(core)], line) == line


def test_regression_a_digit_joined_to_brackets_in_a_cell_of_markers_stays_joined() -> None:
    # "(2)(3)" alone in a cell, ")(3" one blob: the "3" cut off would start a run of
    # its own with the last ")" and the rest be read as text
    ink = np.zeros((80, 70), dtype=bool)
    ink[45:66, 20:40] = True  # ")(" run together
    ink[45:61, 42:47] = True  # the "3", narrow at 200 dpi
    core = ink.copy()
    ink[50:53, 40:42] = True
    line = [Blob(0, 45, 6, 65), Blob(8, 45, 18, 62), Blob(20, 45, 47, 66), Blob(49, 46, 56, 65)]
    assert cell_ocr._cut_line(_core(core)[0], ink, [_core(core)], line) == line


def _opening_joined(gap_core: bool) -> tuple[Any, Any, list[Blob]]:
    """Ink and core of a word's last letter (x 2-14, y 30-52), then a raised "(" (x 18-22)
    joined at its top tip to the digit after it (x 25-35) by halo, and the ")" (x 38-42);
    the joined blob is one. `gap_core`: whether the core leaves the bracket apart."""
    ink = np.zeros((70, 60), dtype=bool)
    ink[30:52, 2:14] = True
    ink[18:38, 18:22] = True
    ink[19:35, 25:35] = True
    ink[18:38, 38:42] = True
    core = ink.copy()
    ink[18:20, 22:25] = True
    if not gap_core:
        core[18:20, 22:25] = True
    line = [Blob(2, 30, 14, 52), Blob(18, 18, 35, 38), Blob(38, 18, 42, 38)]
    return ink, core, line


def test_regression_a_bracket_joined_to_its_digit_is_cut_off() -> None:
    # "footnote(3)" on a 200-dpi JPEG: "(3" one blob through the bracket's top tip, and
    # a run opening with a glyph as wide as two was no marker
    ink, core, line = _opening_joined(gap_core=True)
    cut = cell_ocr._cut_opening(ink, [_core(core)], line)
    assert cut == [line[0], Blob(18, 18, 22, 38), Blob(25, 19, 35, 35), line[2]]
    assert raised_runs(cut) == [cut[1:]]


def test_a_bracket_joined_to_its_digit_in_the_core_too_stays_joined() -> None:
    ink, core, line = _opening_joined(gap_core=False)
    assert cell_ocr._cut_opening(ink, [_core(core)], line) == line


# --- reading drawn cells --------------------------------------------------------------


def _cell(value: str, marker: str = "", marker_grey: int = 0) -> object:
    """A 300 dpi cell: `value` at 10 pt, then `marker` at 7 pt raised by 3 pt."""
    img = PIL_Image.new("L", (420, 110), 255)
    draw = ImageDraw.Draw(img)
    body = ImageFont.truetype(str(SERIF), 42)
    small = ImageFont.truetype(str(SERIF), 29)
    draw.text((30, 35), value, fill=0, font=body)
    if marker:
        x = 30 + draw.textlength(value, font=body) + 2
        draw.text((x, 28), marker, fill=marker_grey, font=small)
    return np.asarray(img, dtype=np.uint8)


@pytest.mark.parametrize(
    ("value", "marker"),
    [("$2,018.57", "(1)"), ("517", "(12)"), ("by Trust", "(2)"), ("61,930", "(3)(4)")],
    ids=["price", "two-digit", "words", "two-markers"],
)
def test_marker_is_read_apart_from_its_value(value: str, marker: str) -> None:
    ocr_engine_or_skip(SERIF)
    words = read_cell(_cell(value, marker, marker_grey=110), 300)  # grey, as scanned
    texts = [w.text for w in words]
    assert marker in texts
    assert " ".join(t for t in texts if t != marker) == value


def _blurred_cell(value: str, marker: str, gap: float, blur: float) -> Any:
    """`value` and a grey raised `marker` `gap` px after it, blurred as a grey scan."""
    img = PIL_Image.new("L", (200, 110), 255)
    draw = ImageDraw.Draw(img)
    body = ImageFont.truetype(str(SERIF), 42)
    draw.text((30, 35), value, fill=0, font=body)
    x = 30 + draw.textlength(value, font=body) + gap
    draw.text((x, 28), marker, fill=110, font=ImageFont.truetype(str(SERIF), 29))
    return np.asarray(img.filter(ImageFilter.GaussianBlur(blur)), dtype=np.uint8)


def test_regression_a_code_with_its_bracket_blurred_into_it_keeps_code_and_marker() -> None:
    ocr_engine_or_skip(SERIF)
    texts = [w.text for w in read_cell(_blurred_cell("C", "(2)", gap=-1, blur=1.5), 300)]
    assert sorted(texts) == ["(2)", "C"]


def _pale_cell_150(value: str, marker: str, gap: float, grey: int, blur: float) -> Any:
    """`value` at 10 pt and a pale `marker` `gap` px after it as a 150 dpi grey scan
    blurred by `blur` px, drawn up to 300 dpi as the page is for OCR."""
    img = PIL_Image.new("L", (110, 55), 255)
    draw = ImageDraw.Draw(img)
    x = 15.0
    if value:
        body = ImageFont.truetype(str(SERIF), 21)
        draw.text((15, 17), value, fill=60, font=body)
        x += draw.textlength(value, font=body) + gap
    draw.text(
        (x, 13 if value else 20),
        marker,
        fill=grey,
        font=ImageFont.truetype(str(SERIF), 13 if not value else 14),
    )
    blurred = img.filter(ImageFilter.GaussianBlur(blur))
    return grid.resized(np.asarray(blurred, dtype=np.uint8), 220, 110)


@pytest.mark.parametrize(
    ("value", "grey"),
    [("12,500", 140), ("900", 140), ("24,587", 120), ("1,000", 140)],
    ids=["12,500", "900", "24,587-under-the-seven", "1,000"],
)
def test_regression_a_pale_marker_blurred_into_its_value_is_read(value: str, grey: int) -> None:
    # read "12,500”" and "900°”": the "(" run into the last digit, no marker run opened
    ocr_engine_or_skip(SERIF)
    words = read_cell(_pale_cell_150(value, "(2)", gap=-0.5, grey=grey, blur=0.9), 300)
    assert sorted(w.text for w in words) == ["(2)", value]


def _code_cell_150(code: str, marker: str, grey: int, blur: float) -> Any:
    """A code at 10 pt and a pale `marker` run into it, as `_pale_cell_150` draws."""
    img = PIL_Image.new("L", (60, 55), 255)
    draw = ImageDraw.Draw(img)
    body = ImageFont.truetype(str(SERIF), 21)
    draw.text((15, 17), code, fill=60, font=body)
    x = 15 + draw.textlength(code, font=body) - 0.5
    draw.text((x, 13), marker, fill=grey, font=ImageFont.truetype(str(SERIF), 14))
    blurred = img.filter(ImageFilter.GaussianBlur(blur))
    return grid.resized(np.asarray(blurred, dtype=np.uint8), 120, 110)


def test_regression_a_marker_run_into_its_code_is_read_as_a_raised_tail() -> None:
    # "J(3)" at 150 dpi blurred into blobs of which none opens a run: read "f"
    ocr_engine_or_skip(SERIF)
    words = read_cell(_code_cell_150("J", "(3)", grey=120, blur=1.1), 300)
    assert sorted(w.text for w in words) == ["(3)", "J"]


def test_a_raised_end_narrower_than_a_marker_is_no_tail() -> None:
    # the right side of a "D" is round: its last columns end above its foot
    ink = np.zeros((40, 40), dtype=bool)
    ink[5:30, 5:20] = True
    ink[12:22, 20:23] = True
    assert cell_ocr._raised_tail(ink, [Blob(5, 5, 23, 30)]) is None
    ink[8:24, 24:40] = True  # a raised run as wide as a marker
    assert cell_ocr._raised_tail(ink, [Blob(5, 5, 40, 30)]) == Blob(20, 8, 40, 24)


def test_regression_a_line_whose_box_reaches_past_its_ink_has_no_tail() -> None:
    # a glyph's faint parts widen its box past the ink cut at the crop's level: the
    # columns past the last one reaching the baseline held no ink (IndexError)
    ink = np.zeros((40, 60), dtype=bool)
    ink[5:30, 5:20] = True
    assert cell_ocr._raised_tail(ink, [Blob(5, 5, 40, 30)]) is None


def test_a_line_after_a_glyph_hanging_below_it_is_no_tail() -> None:
    # "gift": the "g" hangs below the baseline the "f" stands on; "ift" is no marker
    ink = np.zeros((50, 60), dtype=bool)
    ink[15:38, 5:17] = True  # "g", its foot 8 px below the baseline
    ink[12:30, 20:24] = True  # "i"
    ink[5:30, 26:34] = True  # "f", the tallest
    ink[10:30, 36:48] = True  # "t"
    line = [Blob(5, 15, 17, 38), Blob(20, 12, 24, 30), Blob(26, 5, 34, 30), Blob(36, 10, 48, 30)]
    assert cell_ocr._raised_tail(ink, line) is None


def test_regression_a_pale_marker_alone_is_read_with_its_levels_stretched() -> None:
    # grey 150 blurred at 150 dpi: read "@)" at every enlargement
    ocr_engine_or_skip(SERIF)
    words = read_cell(_pale_cell_150("", "(2)", gap=0, grey=150, blur=1.1), 300)
    assert [w.text for w in words] == ["(2)"]


def test_lone_capital_code_is_read() -> None:
    ocr_engine_or_skip(SERIF)
    assert [w.text for w in read_cell(_cell("S"), 300)] == ["S"]


def test_glyph_shapes_tell_a_drawn_capital() -> None:
    ocr_engine_or_skip(SERIF)
    img = PIL_Image.new("L", (60, 60), 255)
    ImageDraw.Draw(img).text((12, 6), "J", fill=90, font=ImageFont.truetype(str(SERIF), 42))
    found = glyphs.classify(np.asarray(img, dtype=np.uint8), "ADGIJMPS")
    assert found is not None
    assert found[0] == "J"


@pytest.mark.parametrize(
    "text",
    [
        "except to the extent",
        "(Month/Day/Year)",
        "Acquired, Disposed of",
        "(Instr. 3)",
        "Equity",
        "(Last)",
        "(Zip)",
    ],
)
def test_regression_plain_text_grows_no_markers(text: str) -> None:
    ocr_engine_or_skip(SERIF)
    texts = [w.text for w in read_cell(_cell(text), 300)]
    assert not any(t.startswith("(") and t[1:2].isdigit() for t in texts), texts


def test_markers_with_a_comma_between() -> None:
    ocr_engine_or_skip(SERIF)
    texts = [w.text for w in read_cell(_cell("$0", "(2),(3)", marker_grey=110), 300)]
    assert texts.count("$0") == 1
    assert any(t.replace(",", "") == "(2)(3)" for t in texts), texts


# --- reading again only what Tesseract was unsure of ---------------------------------


def _line_of_words(confidences: list[float]) -> tuple[list[Blob], list[OcrWord]]:
    """Words of three 20-px glyphs each, 30 px apart, with the given confidences."""
    blobs, words = [], []
    for i, conf in enumerate(confidences):
        x = i * 90
        blobs += [Blob(x + 20 * k, 10, x + 20 * k + 16, 35) for k in range(3)]
        words.append(OcrWord(f"w{i}", x, 10, x + 56, 35, conf))
    return blobs, words


def test_regression_one_unsure_word_is_read_again_with_its_neighbours_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one doubtful word used to cost a second reading of the whole line
    blobs, words = _line_of_words([0.95, 0.96, 0.97, 0.4, 0.95, 0.96])
    read: list[Blob] = []

    def enlarged(gray: object, box: Blob, *args: object) -> list[OcrWord]:
        read.append(box)
        return [OcrWord("left", 180, 10, 236, 35, 0.5), OcrWord("fixed", 270, 10, 326, 35, 0.93)]

    monkeypatch.setattr(cell_ocr, "_read_region", enlarged)
    out = cell_ocr._surer(np.full((50, 600), 255, np.uint8), blobs, words, 25.0, 300, 7, "")
    assert [w.text for w in out] == ["w0", "w1", "w2", "fixed", "w4", "w5"]
    assert len(read) == 1
    assert (read[0].x0, read[0].x1) == (180, 416)  # the word and one word either side


def test_a_less_sure_second_reading_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    blobs, words = _line_of_words([0.95, 0.6, 0.95])
    worse = [OcrWord("worse", 90, 10, 146, 35, 0.3)]
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *args: worse)
    out = cell_ocr._surer(np.full((50, 300), 255, np.uint8), blobs, words, 25.0, 300, 7, "")
    assert [w.text for w in out] == ["w0", "w1", "w2"]


def _reread(
    monkeypatch: pytest.MonkeyPatch, first: list[str], again: list[str], sure: float
) -> list[str]:
    """What `_surer` keeps of a line of three words read as `first` (the middle one
    unsure) and read again as `again` at confidence `sure`, with a lexicon of a few
    words of prose."""
    known = WordList(["LLC", "each", "the", "sol", "sold", "sole", "stock"])
    monkeypatch.setattr(cell_ocr.lexicon, "prose_words", lambda: known)
    blobs, words = _line_of_words([0.95, 0.6, 0.95])
    words = [replace(w, text=t) for w, t in zip(words, first, strict=True)]
    second = [replace(w, text=t, confidence=sure) for w, t in zip(words, again, strict=True)]
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *args: second)
    out = cell_ocr._surer(np.full((50, 300), 255, np.uint8), blobs, words, 25.0, 300, 7, "")
    return [f"{w.text} {w.confidence}" for w in out]


def test_regression_a_surer_reading_that_is_no_word_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # enlarged, small print read "each" as "cach" a little surer; the word kept
    # carries the surer confidence of the two readings (the sure words stay as read)
    out = _reread(monkeypatch, ["the", "each", "stock"], ["the", "cach", "stock"], 0.97)
    assert out == ["the 0.95", "each 0.97", "stock 0.95"]


def test_regression_a_surer_reading_with_a_sign_no_form_prints_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a grant number read again enlarged came out with a trademark sign, a little surer
    out = _reread(monkeypatch, ["the", "B416", "stock"], ["the", "B4S™", "stock"], 0.7)
    assert out == ["the 0.95", "B416 0.7", "stock 0.95"]


def test_a_word_in_capitals_the_dictionary_holds_is_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _reread(monkeypatch, ["the", "STOCK", "stock"], ["the", "STOEK", "stock"], 0.8)
    assert out == ["the 0.95", "STOCK 0.8", "stock 0.95"]


def test_a_less_sure_reading_that_is_a_word_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _reread(monkeypatch, ["the", "soid", "stock"], ["the", "sold", "stock"], 0.5)
    assert out == ["the 0.95", "sold 0.6", "stock 0.95"]


@pytest.mark.parametrize(
    ("first", "second", "taken"),
    [
        ("cach", "ceach", "ceach"),  # neither a word: the surer
        ("A657", "A6S7", "A6S7"),  # codes and numbers are not counted
        ("(D)", "(0)", "(0)"),
        ("sol", "solé", "solé"),  # an accent is no misspelling: the prose repairs drop it
        ("Alto-", "Altox", "Altox"),  # a dash at the end is a mark
        ("LLC", "LLCO", "LLCO"),  # capitals the dictionary lacks are not counted
        ("LLC", "L.LC", "L.LC"),
        ("2", "«)", "«)"),  # marks alone are no word (a blurred marker's brackets)
    ],
)
def test_readings_the_lexicon_does_not_tell_apart_go_by_confidence(
    monkeypatch: pytest.MonkeyPatch, first: str, second: str, taken: str
) -> None:
    out = _reread(monkeypatch, ["the", first, "stock"], ["the", second, "stock"], 0.9)
    assert out == ["the 0.95", f"{taken} 0.9", "stock 0.95"]


def test_regression_a_word_boxed_inside_its_blob_off_centre_is_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "$0" blurred into one blob at 150 dpi, read ")" (0.67) and boxed right of the
    # blob's centre: no blob was found under it, and it was never read again
    blob = Blob(53, 76, 82, 97)
    read: list[Blob] = []

    def enlarged(gray: object, box: Blob, *args: object) -> list[OcrWord]:
        read.append(box)
        return [OcrWord("so", 51, 76, 83, 97, 0.77)]

    monkeypatch.setattr(cell_ocr, "_read_region", enlarged)
    words = [OcrWord(")", 73, 81, 76, 91, 0.67)]
    out = cell_ocr._surer(np.full((110, 140), 255, np.uint8), [blob], words, 21.0, 300, 7, "")
    assert read == [blob]
    assert [w.text for w in out] == ["so"]


# --- two markers Tesseract reads as one ------------------------------------------------


def _two_markers() -> list[Blob]:
    """ "(3)(4)" with the ")(" run together: brackets 20 high, digits 15-16."""
    return [
        Blob(0, 45, 6, 64),
        Blob(8, 45, 19, 61),
        Blob(20, 45, 33, 65),  # ")(" as one blob, as tall as the brackets
        Blob(34, 45, 45, 60),
        Blob(47, 45, 53, 64),
    ]


def _twelve() -> list[Blob]:
    """ "(12)": brackets round two digits, nothing tall inside."""
    return [Blob(0, 45, 6, 64), Blob(9, 46, 14, 61), Blob(17, 45, 28, 61), Blob(30, 45, 36, 64)]


def test_regression_two_markers_read_as_a_two_digit_marker_are_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tesseract drops the ")(" of "(3)(4)" and reads "(34)": footnote 34 does not exist
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(34)", 0.8))
    marker = cell_ocr._read_marker(np.full((80, 60), 255, np.uint8), _two_markers(), 300)
    assert marker is not None and marker.text == "(3)(4)"


@pytest.mark.parametrize("read", ["(314)", "(344)", "3x4)"])
def test_regression_two_markers_whose_inner_brackets_read_as_a_digit_are_split(
    monkeypatch: pytest.MonkeyPatch, read: str
) -> None:
    # a pale "(2)(3)" alone in a price cell read "(243)": no marker of three digits, so
    # none was kept, and the price lost its two footnotes
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: (read, 0.3))
    marker = cell_ocr._read_marker(np.full((80, 60), 255, np.uint8), _two_markers(), 300)
    assert marker is not None and marker.text == "(3)(4)"


def test_three_digits_without_an_inner_bracket_are_no_two_markers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(141)", 0.3))
    marker = cell_ocr._read_marker(np.full((80, 60), 255, np.uint8), _twelve(), 300)
    assert marker is None or marker.text != "(1)(1)"


def test_a_two_digit_marker_stays_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(12)", 0.9))
    marker = cell_ocr._read_marker(np.full((80, 60), 255, np.uint8), _twelve(), 300)
    assert marker is not None and marker.text == "(12)"


def test_regression_a_two_digit_marker_with_faded_brackets_stays_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "(11)" on a harsh JPEG: brackets 13 and 11 high, the digits 15 and 14, taken for
    # inner brackets: the marker was split "(1)(1)" and linked footnote 1
    faded = [Blob(0, 3, 2, 16), Blob(10, 0, 14, 15), Blob(20, 1, 24, 15), Blob(31, 4, 35, 15)]
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(11)", 0.8))
    marker = cell_ocr._read_marker(np.full((40, 60), 255, np.uint8), faded, 300)
    assert marker is not None and marker.text == "(11)"


@pytest.mark.parametrize(
    ("run", "confidence"),
    [
        # "(3)(4)" in four blobs: "(", "3)(" as one blob wider than a digit, "4", ")"
        (
            [Blob(0, 45, 6, 64), Blob(8, 45, 33, 65), Blob(34, 45, 45, 60), Blob(47, 45, 53, 64)],
            0.8,
        ),
        # regression: "(3)(4)" alone in a 150-dpi cell: "(3", ")(", "4", ")"; the ")(" as
        # tall as the brackets and 0.7 of its height wide, no thin stroke
        (
            [Blob(0, 45, 20, 65), Blob(21, 46, 34, 65), Blob(35, 46, 47, 62), Blob(47, 46, 54, 65)],
            0.7,
        ),
    ],
    ids=["bracket-run-into-digit", "four-blobs-150dpi"],
)
def test_two_markers_with_brackets_run_into_digits_are_split(
    run: list[Blob], confidence: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(34)", confidence))
    marker = cell_ocr._read_marker(np.full((80, 60), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == "(3)(4)"


def _thirty_one() -> list[Blob]:
    """ "(31)" at 200 dpi: brackets 18 high, a "3" and a thin "1" a little lower."""
    return [Blob(0, 14, 4, 32), Blob(7, 15, 13, 30), Blob(16, 14, 20, 30), Blob(23, 14, 28, 32)]


def _digit_reader(monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    """Tesseract reads the run as `marker`, a wide digit alone as "3" and a thin stroke
    alone as nothing."""
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: (marker, 0.5))

    def reading(gray: object, box: Blob, letter: float, dpi: int, psm: int, allowed: str):  # type: ignore[no-untyped-def]
        wide = box.x1 - box.x0 > 5
        return [OcrWord("3", box.x0, box.top, box.x1, box.bottom, 0.9)] if wide else []

    monkeypatch.setattr(cell_ocr, "_read_region", reading)


def test_regression_a_marker_read_with_a_digit_too_few_is_read_digit_by_digit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "(31)" came out "1)": footnote 1 was linked in place of footnote 31
    _digit_reader(monkeypatch, "1)")
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), _thirty_one(), 300)
    assert marker is not None and marker.text == "(31)"


def test_regression_a_comma_after_a_marker_is_no_digit(monkeypatch: pytest.MonkeyPatch) -> None:
    # "(1)," alone in a cell: the ")" between "1" and the comma is no second digit
    _digit_reader(monkeypatch, "(1)")
    run = [Blob(0, 14, 4, 32), Blob(8, 15, 12, 30), Blob(16, 14, 20, 32), Blob(22, 30, 25, 35)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == "(1)"


def test_regression_a_speck_between_brackets_is_no_thin_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "(2)" faxed to its brackets and a speck of the "2": the narrow speck was guessed a
    # "1", linking footnote 1
    _digit_reader(monkeypatch, ")")
    run = [Blob(0, 14, 4, 32), Blob(9, 14, 11, 19), Blob(16, 14, 20, 32)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == ""  # a marker, its digit lost


@pytest.mark.parametrize("confidence", [0.49, 0.3])
def test_regression_an_unsure_one_with_no_stem_between_its_brackets_is_no_one(
    monkeypatch: pytest.MonkeyPatch, confidence: float
) -> None:
    # "(2)" on a 200-dpi fax, kept as its brackets and the flag of its "2" at the top:
    # Tesseract read "(1)" unsurely and footnote 1 was linked in place of note 2
    _digit_reader(monkeypatch, ")")
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(1)", confidence))
    run = [Blob(0, 14, 4, 32), Blob(8, 14, 13, 21), Blob(16, 14, 20, 32)]
    crop = np.full((50, 40), 255, np.uint8)
    marker = cell_ocr._stemless_one_lost(crop, run, cell_ocr._read_marker(crop, run, 300))
    assert marker is not None and marker.text == ""  # a marker, its digit lost
    # alone in its cell the same blobs may be a capital a fax broke: read on as "(1)"
    alone = cell_ocr._read_marker(crop, run, 300)
    assert alone is not None and alone.text == "(1)"


@pytest.mark.parametrize(
    ("confidence", "inner"),
    [
        (0.49, [Blob(9, 15, 12, 30)]),  # a stem as tall as a digit
        (0.49, [Blob(9, 15, 12, 21), Blob(9, 23, 12, 30)]),  # a stem broken in two
        (0.95, [Blob(8, 14, 13, 21)]),  # a sure reading
    ],
)
def test_a_one_with_its_stem_or_read_surely_stays_a_one(
    monkeypatch: pytest.MonkeyPatch, confidence: float, inner: list[Blob]
) -> None:
    _digit_reader(monkeypatch, ")")
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(1)", confidence))
    run = [Blob(0, 14, 4, 32), *inner, Blob(16, 14, 20, 32)]
    crop = np.full((50, 40), 255, np.uint8)
    marker = cell_ocr._stemless_one_lost(crop, run, cell_ocr._read_marker(crop, run, 300))
    assert marker is not None and marker.text == "(1)"


def test_a_thin_stroke_as_tall_as_a_digit_between_brackets_is_a_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _digit_reader(monkeypatch, ")")
    run = [Blob(0, 14, 4, 32), Blob(9, 15, 12, 30), Blob(16, 14, 20, 32)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == "(1)"


def test_regression_a_thin_one_read_as_four_is_a_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # "(1)" at 200 dpi: Tesseract read the stroke centred between the brackets "4"
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("4", 0.0))
    run = [Blob(0, 19, 5, 36), Blob(13, 15, 17, 33), Blob(25, 19, 29, 33)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == "(1)"


def test_regression_a_digit_read_with_its_brackets_is_kept_though_centred(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a grey scan's "(4)" reduced to a centred stroke at the ink level, read "(4)" unsurely
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(4)", 0.29))
    run = [Blob(0, 19, 5, 36), Blob(13, 15, 17, 33), Blob(25, 19, 29, 33)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == "(4)"


def test_regression_a_round_digit_left_as_its_right_side_links_no_footnote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "(3)" faxed to the right side of its "3", a stroke right of the middle: it was
    # guessed a "1"; now a marker without a digit, kept out of the value
    _digit_reader(monkeypatch, ")")
    run = [Blob(0, 19, 4, 33), Blob(15, 15, 20, 30), Blob(24, 17, 28, 35)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == ""


@pytest.mark.parametrize("confidence", [0.95, 0.2])
def test_a_round_digit_read_right_of_the_middle_is_kept(
    monkeypatch: pytest.MonkeyPatch, confidence: float
) -> None:
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: ("(4)", confidence))
    run = [Blob(0, 19, 4, 33), Blob(15, 15, 20, 30), Blob(24, 17, 28, 35)]
    marker = cell_ocr._read_marker(np.full((50, 40), 255, np.uint8), run, 300)
    assert marker is not None and marker.text == "(4)"


def test_one_blob_read_as_three_letters_is_read_as_one_glyph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a bold "C" a little wider than a lone glyph may be came out "red"
    blob = Blob(10, 10, 33, 35)
    calls: list[int] = []

    def reading(gray: object, box: Blob, letter: float, dpi: int, psm: int, allowed: str):  # type: ignore[no-untyped-def]
        calls.append(psm)
        text = "C" if psm == cell_ocr.ocr.PSM_CHAR else "red"
        return [OcrWord(text, 10, 10, 33, 35, 0.95)]

    monkeypatch.setattr(cell_ocr, "_read_region", reading)
    page = np.full((50, 50), 255, np.uint8)
    words = cell_ocr._read_segment(page, page, [blob], 300)
    assert [w.text for w in words] == ["C"]
    assert calls == [cell_ocr.ocr.PSM_LINE, cell_ocr.ocr.PSM_CHAR]


def test_regression_a_second_reading_run_into_its_context_word_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two unsure words read again with a sure one beside them: Tesseract ran the second
    # into the word of context, which would have printed that word twice
    blobs, words = _line_of_words([0.5, 0.5, 0.95])
    again = [OcrWord("w0", 0, 10, 56, 35, 0.97), OcrWord("w1w2", 60, 10, 230, 35, 0.97)]
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *args: again)
    out = cell_ocr._surer(np.full((50, 300), 255, np.uint8), blobs, words, 25.0, 300, 7, "")
    assert [w.text for w in out] == ["w0", "w1", "w2"]


def test_regression_a_word_tesseract_boxed_apart_from_its_run_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "Class ACommon": the unsure "ACommon" was boxed without its "A"; read again, the
    # "A" came back left of that box and was dropped, leaving "Class Common"
    blobs, words = _line_of_words([0.95, 0.6, 0.95])
    words[1] = OcrWord("w1", 110, 10, 146, 35, 0.6)  # the box misses the run's first glyph
    again = [
        OcrWord("w0", 0, 10, 56, 35, 0.97),
        OcrWord("a", 92, 10, 104, 35, 0.96),
        OcrWord("w1", 110, 10, 146, 35, 0.96),
        OcrWord("w2", 180, 10, 236, 35, 0.97),
    ]
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *args: again)
    out = cell_ocr._surer(np.full((50, 300), 255, np.uint8), blobs, words, 25.0, 300, 7, "")
    assert [w.text for w in out] == ["w0", "a", "w1", "w2"]


# --- full stops Tesseract dropped, counted in the ink ---------------------------------


def _us_word() -> tuple[list[Blob], OcrWord]:
    """ "U.S." as blobs: capitals 25 high on a baseline at 35, a 4 px dot after each."""
    blobs = [Blob(0, 10, 18, 35), Blob(21, 31, 25, 35), Blob(28, 10, 44, 35), Blob(47, 31, 51, 35)]
    return blobs, OcrWord("US.", 0, 10, 51, 35, 0.93)


def test_regression_stops_between_capitals_dropped_by_ocr_are_read_again_enlarged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "U.S." came out "US." or "USS.": two dots in the ink, one mark in the reading
    blobs, word = _us_word()
    scales: list[float] = []

    def enlarged(gray: object, box: Blob, letter: float, *args: object) -> list[OcrWord]:
        scales.append(cell_ocr._TARGET_HEIGHT / letter)
        return [OcrWord("U.S.", 0, 10, 51, 35, 0.95)]

    monkeypatch.setattr(cell_ocr, "_read_region", enlarged)
    page = np.full((50, 60), 255, np.uint8)
    assert cell_ocr._with_its_dots(page, blobs, word, 300).text == "U.S."
    assert scales == [2.0]


def test_a_second_reading_whose_stops_do_not_match_the_dots_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blobs, word = _us_word()
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *a: [OcrWord("USS", 0, 10, 51, 35, 0.9)])
    page = np.full((50, 60), 255, np.uint8)
    assert cell_ocr._with_its_dots(page, blobs, word, 300).text == "US."


def test_a_reading_with_all_its_stops_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    blobs, _ = _us_word()
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *a: pytest.fail("read again"))
    page = np.full((50, 60), 255, np.uint8)
    word = OcrWord("U.S.", 0, 10, 51, 35, 0.93)
    assert cell_ocr._with_its_dots(page, blobs, word, 300).text == "U.S."


def test_regression_a_speck_after_the_last_letter_is_no_missing_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a speck at the foot right after "sold" made "sold." when counted as a stop
    blobs = [Blob(0, 10, 12, 35), Blob(14, 16, 26, 35), Blob(28, 10, 31, 35), Blob(33, 31, 37, 35)]
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *a: pytest.fail("read again"))
    page = np.full((50, 60), 255, np.uint8)
    word = OcrWord("sold", 0, 10, 37, 35, 0.95)
    assert cell_ocr._with_its_dots(page, blobs, word, 300).text == "sold"


# --- Word spans (runs of printed wording are counted in words, see printed.py) ----------
def _printed_letters(*words: int, gap: int = 4, space: int = 14) -> list[Blob]:
    """Letter blobs 20 wide and 30 tall: `words` gives the letters per word."""
    out, x = [], 0
    for n in words:
        for _ in range(n):
            out.append(Blob(x, 100, x + 20, 130))
            x += 20 + gap
        x += space - gap
    return out


def test_word_spans_cut_at_gaps_wider_than_letter_spacing() -> None:
    spans = word_spans(_printed_letters(4, 2, 3))
    assert [len(s) for s in spans] == [4, 2, 3]


def test_an_i_dot_over_its_stem_stays_in_its_word() -> None:
    line = _printed_letters(3, 2)
    dot = Blob(line[1].x0 + 6, 92, line[1].x0 + 12, 98)  # over the second letter
    spans = word_spans([*line, dot])
    assert [len(s) for s in spans] == [4, 2]


def _price_word(printed: str, read: str) -> tuple[Any, list[Blob], OcrWord]:
    """`printed` drawn bold and blurred into one blob, and OCR's reading `read` of it."""
    img = PIL_Image.new("L", (120, 60), 255)
    bold = SERIF.with_name("LiberationSerif-Bold.ttf")
    ImageDraw.Draw(img).text((10, 8), printed, fill=0, font=ImageFont.truetype(str(bold), 30))
    gray = np.asarray(img.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.uint8)
    blobs = _blobs_of(gray)
    box = cell_ocr._span(blobs)
    return gray, blobs, OcrWord(read, box.x0 + 3, box.top + 2, box.x1 - 3, box.bottom - 2, 0.9)


def test_regression_dollar_sign_read_as_five_is_put_back() -> None:
    # "$0" in a blurred grey scan read "50": a price of fifty
    ocr_engine_or_skip(SERIF)
    gray, blobs, word = _price_word("$0", "50")
    assert cell_ocr._with_its_dollar(gray, blobs, word).text == "$0"


def test_a_printed_five_stays_five() -> None:
    ocr_engine_or_skip(SERIF)
    gray, blobs, word = _price_word("50", "50")
    assert cell_ocr._with_its_dollar(gray, blobs, word).text == "50"


@pytest.mark.parametrize(
    ("text", "inner", "misread"),
    [
        ("(17)", Blob(10, 2, 19, 16), True),  # a bracket read as a "1" too
        ("0)", Blob(10, 2, 19, 16), True),  # the opening bracket lost
        ("(7)", Blob(10, 2, 19, 16), False),  # read right
        ("(4", Blob(10, 2, 19, 16), False),  # a bracket lost: the digit read is kept
        ("(12)", Blob(10, 2, 30, 16), False),  # two digits run together: wider than tall
    ],
)
def test_a_marker_of_one_glyph_misread(text: str, inner: Blob, misread: bool) -> None:
    run = [Blob(0, 0, 6, 18), inner, Blob(inner.x1 + 2, 0, inner.x1 + 8, 18)]
    assert cell_ocr._misread_one(text, run) is misread


@pytest.mark.parametrize("digit", ["3", "7", "1"])
def test_a_marker_digit_told_by_its_shape_between_its_brackets(digit: str) -> None:
    """A grey, blurred "(3)" whose "3" Tesseract cannot see was guessed a thin "1"."""
    ocr_engine_or_skip(SERIF)
    img = PIL_Image.new("L", (80, 60), 255)
    draw, font = ImageDraw.Draw(img), ImageFont.truetype(str(SERIF), 29)
    for x, glyph in ((10, "("), (22, digit), (40, ")")):  # apart, as their blobs are
        draw.text((x, 8), glyph, fill=110, font=font)
    gray = np.asarray(img.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.uint8)
    run = _blobs_of(gray)
    assert len(run) == 3
    assert cell_ocr._digit_by_shape(gray, run) == digit


def test_regression_a_marker_digit_broken_in_pieces_is_one_glyph() -> None:
    # "(2)" at 200 dpi: the "2" in three blobs (a speck, its curve, its foot), so the
    # run had five blobs and was held to the brackets' span of a longer run
    run = [
        Blob(0, 4, 4, 21),
        Blob(8, 3, 11, 5),
        Blob(12, 0, 17, 14),
        Blob(8, 14, 17, 19),
        Blob(21, 5, 26, 20),
    ]
    assert cell_ocr._glyph_count(run) == 3
    assert cell_ocr._bracketed(run)


@pytest.mark.parametrize(
    ("text", "blobs", "again"),
    [
        ("qa)", [Blob(0, 0, 6, 20), Blob(9, 2, 15, 18), Blob(18, 0, 24, 20)], True),
        ("(2G)", [Blob(0, 0, 6, 20), Blob(9, 2, 15, 18), Blob(18, 0, 30, 20)], True),
        ("®", [Blob(0, 0, 6, 20), Blob(8, 0, 26, 20)], True),  # "(" apart, "2)" one blob
        ("@", [Blob(0, 0, 26, 20)], True),  # "(2)" blurred into one blob
        ("@", [Blob(0, 0, 12, 20)], False),  # narrower than tall: no ring of brackets
        ("Trust)", [Blob(0, 0, 6, 20), Blob(9, 2, 15, 18), Blob(18, 0, 30, 20)], False),
        ("S", [Blob(0, 0, 14, 20)], False),  # a code
        ("Q)", [Blob(49, 55, 67, 75), Blob(68, 56, 74, 74)], True),  # "(2" one blob
        # a speck before "(1)", read "AL)": the brackets pair up without it
        (
            "AL)",
            [
                Blob(49, 60, 53, 63),
                Blob(54, 45, 61, 64),
                Blob(65, 45, 71, 61),
                Blob(74, 45, 81, 64),
            ],
            True,
        ),
        # "(2)(3)" in three blobs ("(2", ")(", "3)"), read "x3)"
        ("x3)", [Blob(68, 41, 87, 62), Blob(88, 42, 101, 62), Blob(103, 42, 122, 61)], True),
        # "below)" split by line grouping: "b", "l" and ")" alone, the "b" narrow
        (
            "bl)",
            [Blob(121, 173, 134, 195), Blob(153, 173, 156, 195), Blob(195, 173, 203, 201)],
            False,
        ),
        ("2", [Blob(0, 0, 27, 19)], True),  # "(2)" blurred into one blob, read "2"
        ("2", [Blob(0, 0, 12, 19)], False),  # a digit's width: a value "2"
    ],
)
def test_a_lone_marker_misread_is_read_again(text: str, blobs: list[Blob], again: bool) -> None:
    assert cell_ocr._marker_misread(blobs, text) is again


def test_regression_a_two_digit_marker_with_a_zero_in_halves_is_one_marker() -> None:
    # "(10)" at 200 dpi: the "0" in two halves a pixel apart, the "(" faded at its foot
    run = [Blob(0, 3, 4, 16), Blob(11, 0, 15, 16), Blob(19, 1, 25, 15), Blob(26, 1, 31, 15)]
    run.append(Blob(33, 1, 38, 18))
    assert cell_ocr._glyph_count(run) == 4
    assert cell_ocr._bracketed(run)
    apart = [*run[:3], Blob(28, 1, 31, 15), run[4]]  # a glyph of its own: two markers' worth
    assert cell_ocr._glyph_count(apart) == 5


def test_regression_a_lone_marker_whose_digit_sits_high_keeps_its_opening_bracket() -> None:
    # "(1)" alone in a cell at 200 dpi, the "1" higher than the "(": the "1)" was read
    # as a superscript run after the "(", which was read on its own as a value "I"
    line = [Blob(71, 34, 79, 58), Blob(84, 34, 91, 52), Blob(95, 34, 102, 56)]
    assert raised_runs(line) == [line]


def test_a_code_before_a_marker_is_no_bracket_of_it() -> None:
    line = [Blob(71, 22, 79, 64), Blob(84, 34, 91, 52), Blob(95, 34, 102, 56)]
    assert all(line[0] not in run for run in raised_runs(line))


def _faxed_marker(keep: list[tuple[int, int, int, int]]) -> Any:
    """ "(2)" drawn in the serif face with its "2" cut down to the pieces `keep` (rows
    and columns of the crop), cut to black and white and smoothed as a fax page is."""
    font = ImageFont.truetype(str(SERIF), 24)
    img = PIL_Image.new("L", (60, 40), 255)
    draw = ImageDraw.Draw(img)
    for x, glyph in ((10, "("), (18, "2"), (30, ")")):
        draw.text((x, 5), glyph, font=font, fill=0)
    pixels = np.asarray(img).copy()
    lost = np.zeros(pixels.shape, bool)
    lost[:, 18:30] = True  # the digit's columns
    for r0, r1, c0, c1 in keep:
        lost[r0:r1, c0:c1] = False
    pixels[lost] = 255
    return grid.smoothed_if_binarized(np.where(pixels < 128, 0, 255).astype(np.uint8))


@pytest.mark.parametrize(
    ("keep", "read"),
    [
        # the bowl's end and a piece of the stroke, apart: two pieces, as two glyphs
        ([(12, 18, 26, 30), (20, 26, 19, 23)], "(2)"),
        ([(11, 17, 26, 30), (21, 27, 19, 23)], "(2)"),
        ([(24, 29, 19, 30)], ""),  # the foot's bar alone tells no digit
    ],
)
def test_a_marker_digit_a_fax_broke_is_told_by_what_is_left_of_it(
    monkeypatch: pytest.MonkeyPatch, keep: list[tuple[int, int, int, int]], read: str
) -> None:
    # Tesseract reads nothing of it: without its shape the marker linked no footnote
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: (")", 0.0))
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *args: [])
    crop = _faxed_marker(keep)
    run = sorted(_blobs_of(crop), key=lambda b: b.x0)
    marker = cell_ocr._read_marker(crop, run, 300)
    assert marker is not None and marker.text == read


@pytest.mark.parametrize(("told", "read"), [("5", "(5)"), ("1", ""), ("0", "")])
def test_remains_told_a_one_or_a_zero_link_no_footnote(
    monkeypatch: pytest.MonkeyPatch, told: str, read: str
) -> None:
    # any narrow piece of a broken digit is most like a "1", and no note is numbered 0
    monkeypatch.setattr(cell_ocr, "_best_marker_reading", lambda *args: (")", 0.0))
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *args: [])
    monkeypatch.setattr(glyphs, "classify", lambda *args: (told, 0.6))
    crop = _faxed_marker([(12, 18, 26, 30), (20, 26, 19, 23)])
    run = sorted(_blobs_of(crop), key=lambda b: b.x0)
    marker = cell_ocr._read_marker(crop, run, 300)
    assert marker is not None and marker.text == read


def test_a_faxed_marker_alone_read_as_letters_is_marker_sized() -> None:
    # "(1)" alone in a date cell of a 200-dpi fax, read "om": brackets 13-14 px
    run = [Blob(61, 47, 66, 60), Blob(73, 45, 76, 57), Blob(82, 44, 87, 60)]
    assert cell_ocr._marker_sized(run, "om", 300)
    # a value's digits are taller; a small word's last letter is round
    tall = [Blob(b.x0, b.top - 10, b.x1, b.bottom) for b in run]
    assert not cell_ocr._marker_sized(tall, "om", 300)
    word = [Blob(61, 47, 66, 60), Blob(69, 50, 80, 60), Blob(83, 50, 95, 60)]
    assert not cell_ocr._marker_sized(word, "inn", 300)
    assert not cell_ocr._marker_sized(run, "(1)", 300)  # a digit read: the marker paths
    assert not cell_ocr._marker_sized(run[:2], "o", 300)


def _lone(text: str) -> tuple[Any, Blob]:
    """A drawn cell holding one capital, and its blob's box."""
    cell = _cell(text)
    level = grid.ink_level(cell)
    found = _blobs(cell, level, cell < level)
    assert len(found) == 1
    return cell, found[0]


@pytest.mark.parametrize(
    ("first", "again", "kept"),
    [("P", "D", "P"), ("D", "P", "P")],
    ids=["enlarged-reading-wrong", "enlarged-reading-right"],
)
def test_regression_a_lone_glyph_read_two_ways_is_told_by_its_shape(
    first: str, again: str, kept: str
) -> None:
    """A clear "P" read "P" at print size and "D", a little surer, enlarged: the surer
    reading was kept. The glyph's shape tells the two apart."""
    ocr_engine_or_skip(SERIF)
    cell, b = _lone("P")
    one = [OcrWord(first, b.x0, b.top, b.x1, b.bottom, 0.81)]
    other = [OcrWord(again, b.x0, b.top, b.x1, b.bottom, 0.83)]
    assert [w.text for w in cell_ocr._told_apart(cell, b, one, other)] == [kept]


def test_a_lone_glyph_read_alike_twice_keeps_the_second_reading() -> None:
    cell, b = _lone("P")
    one = [OcrWord("P", b.x0, b.top, b.x1, b.bottom, 0.81)]
    other = [OcrWord("P", b.x0, b.top, b.x1, b.bottom, 0.95)]
    assert cell_ocr._told_apart(cell, b, one, other) == other


def _faint_date() -> Any:
    """A cell holding a date in faint grey print (blue ink scanned at 150 dpi, blurred,
    drawn at 300): its darkest pixel is lighter than 100."""
    img = PIL_Image.new("L", (120, 90), 255)
    font = ImageFont.truetype(str(SERIF), 17)
    ImageDraw.Draw(img).text((15, 30), "05/15/2021", fill=150, font=font)
    small = img.filter(ImageFilter.GaussianBlur(1.0))
    return np.asarray(small.resize((240, 180), PIL_Image.Resampling.BICUBIC), dtype=np.uint8)


def test_regression_faint_print_read_as_nothing_is_read_again_stretched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tesseract read a faint date "05/15/2021" at some sizes and nothing at others: the
    # row took its cell for empty. An engine that reads only ink near black stands in.
    ocr_engine_or_skip(SERIF)
    crop = _faint_date()
    assert crop.min() > 100

    def dark_only(image: Any, *_: object) -> list[OcrWord]:
        return [OcrWord("05/15/2021", 0, 0, 10, 10, 0.9)] if image.min() < 60 else []

    monkeypatch.setattr(cell_ocr.ocr, "read_words", dark_only)
    assert [w.text for w in read_cell(crop, 300)] == ["05/15/2021"]


def test_regression_a_dark_grey_code_read_as_nothing_is_read_again_stretched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an "M" of grey 88 at 150 dpi read as nothing: the retry was for ink lighter than 90
    ocr_engine_or_skip(SERIF)
    img = PIL_Image.new("L", (120, 90), 255)
    ImageDraw.Draw(img).text((40, 25), "M", fill=88, font=ImageFont.truetype(str(SERIF), 34))
    crop = np.asarray(img, dtype=np.uint8)
    assert 60 < crop.min() <= 90

    def dark_only(image: Any, *_: object) -> list[OcrWord]:
        return [OcrWord("M", 0, 0, 10, 10, 0.9)] if image.min() < 60 else []

    monkeypatch.setattr(cell_ocr.ocr, "read_words", dark_only)
    assert [w.text for w in read_cell(crop, 300)] == ["M"]


def test_stretched_grey_levels_map_black_and_white_points() -> None:
    gray = np.array([[100, 120, 170, 240, 255]], dtype=np.uint8)
    assert grid.stretched(gray, 120, 170).tolist() == [[0, 0, 255, 255, 255]]
    assert grid.stretched(gray, 100, 240).tolist()[0][1] == pytest.approx(36, abs=1)


def _one_band_engine(image: Any, dpi: int, psm: int = 0, whitelist: str = "") -> list[OcrWord]:
    """An engine that reads a line only when its ink is one band of rows: ink above
    the line, apart from it (the specks of the line above), and it reads nothing."""
    rows = np.flatnonzero((np.asarray(image) < 128).any(axis=1))
    if rows.size == 0 or np.any(np.diff(rows) > 1):
        return []
    return [
        OcrWord("*", 0, 0, 4, 4, 0.5),
        OcrWord("phrase", 6, int(rows[0]), 16, int(rows[-1]), 0.95),
    ]


def test_regression_a_phrase_read_as_nothing_is_read_again_without_the_specks_above(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a line of pale notes with the specks of the line above inside its box read as
    # nothing, and the note lost a line
    gray = np.full((70, 400), 255, np.uint8)
    glyphs = [Blob(12 + 24 * k, 30, 30 + 24 * k, 52) for k in range(10)]
    speck = Blob(100, 8, 104, 12)
    for b in [*glyphs, speck]:
        gray[b.top : b.bottom, b.x0 : b.x1] = 60
    monkeypatch.setattr(cell_ocr.ocr, "read_words", _one_band_engine)
    words = cell_ocr._read_segment(gray, gray, [*glyphs, speck], 300)
    assert [w.text for w in words] == ["phrase"]


def _drawn(blobs: list[Blob], grey: dict[int, int]) -> Any:
    """A page with each blob's box filled dark (30), or with the grey given by its index."""
    page = np.full((50, 60), 255, np.uint8)
    for i, b in enumerate(blobs):
        page[b.top : b.bottom, b.x0 : b.x1] = grey.get(i, 30)
    return page


def test_regression_a_glyphs_cut_off_foot_is_no_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The thin foot of a blurred "U" cut off at the ink level lies under its glyph, and
    is paler than the glyphs: no stop to read again for (a fortieth of the OCR time
    went to such words, "stock", "Class", for five stops in 34 scans)."""
    blobs, word = _us_word()
    blobs[1] = Blob(5, 31, 10, 35)  # the first dot moved under the "U"
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *a: pytest.fail("read again"))
    page = _drawn(blobs, {1: 140})
    assert cell_ocr._with_its_dots(page, blobs, word, 300).text == "US."


def test_a_stop_under_a_glyph_as_dark_as_it_is_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fax smears a stop under the digit beside it ("2.475"): as black as the digits,
    it is a stop."""
    blobs, word = _us_word()
    blobs[1] = Blob(5, 31, 10, 35)
    monkeypatch.setattr(cell_ocr, "_read_region", lambda *a: [OcrWord("U.S.", 0, 10, 51, 35, 0.95)])
    page = _drawn(blobs, {})
    assert cell_ocr._with_its_dots(page, blobs, word, 300).text == "U.S."


def test_regression_a_bracketed_header_word_is_no_marker() -> None:
    """ "(Month/Day/Year)" alone on a column header's last line: the "(" hangs below the
    letters after it, which stood raised; it was read as a marker, twice a page."""
    boxes = [(9, 69, 7, 25), (18, 70, 19, 19), (39, 74, 14, 15), (56, 74, 13, 15)]
    boxes += [(70, 71, 8, 18), (80, 69, 13, 20), (95, 69, 6, 20), (103, 70, 17, 19)]
    boxes += [(121, 74, 14, 15), (135, 74, 14, 20), (149, 69, 7, 20), (157, 70, 16, 19)]
    boxes += [(173, 74, 13, 15), (187, 74, 14, 15), (203, 74, 8, 15), (212, 69, 7, 25)]
    assert raised_runs([Blob(x, t, x + w, t + h) for x, t, w, h in boxes]) == []


def test_regression_a_code_and_an_instruction_in_brackets_are_no_markers() -> None:
    """ "(I) (Instr. 4)" opening a column header's line was read as the markers "(1)(4)":
    three round glyphs ("n", "s", "4") stand between two of its brackets."""
    boxes = [(9, 151, 6, 24), (17, 151, 4, 18), (24, 151, 6, 24), (40, 151, 6, 24)]
    boxes += [(48, 152, 4, 17), (55, 156, 13, 14), (70, 155, 12, 15), (83, 153, 8, 17)]
    boxes += [(93, 156, 8, 14), (101, 165, 4, 5), (114, 152, 14, 18), (128, 151, 7, 24)]
    assert raised_runs([Blob(x, t, x + w, t + h) for x, t, w, h in boxes]) == []


def test_markers_alone_opening_a_line_stay_markers() -> None:
    """ "(12)(3)" alone in a cell: two and one digits between brackets (a "1" narrow)."""
    boxes = [(0, 40, 6, 64), (9, 42, 13, 60), (16, 42, 26, 60), (29, 40, 35, 64)]
    boxes += [(38, 40, 44, 64), (47, 42, 57, 60), (60, 40, 66, 64)]
    line = [Blob(x0, t, x1, b) for x0, t, x1, b in boxes]
    assert not cell_ocr._worded(line, line)


# --- a fax's "C" left as its bowl -------------------------------------------------------


def _glyph(char: str, left_share: float = 1.0) -> Any:
    """`char` in the serif face at a code's size (300 dpi), cropped to its ink, with its
    columns past `left_share` of its width erased: a fax keeps a serif "C"'s thick
    bowl and loses its thin arms."""
    img = PIL_Image.new("L", (80, 80), 255)
    ImageDraw.Draw(img).text((16, 6), char, fill=0, font=ImageFont.truetype(str(SERIF), 42))
    gray = np.asarray(img, dtype=np.uint8).copy()
    ys, xs = np.nonzero(gray < 128)
    gray[:, xs.min() + int(left_share * (xs.max() - xs.min() + 1)) :] = 255
    ys, xs = np.nonzero(gray < 128)
    return np.ascontiguousarray(gray[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])


@pytest.mark.parametrize("share", [0.35, 0.45])
def test_a_c_left_as_its_bowl_is_bowed_left(share: float) -> None:
    ocr_engine_or_skip(SERIF)
    assert glyphs.bowed_left(_glyph("C", share))
    assert glyphs.bowed_left(_glyph("("))


@pytest.mark.parametrize("char", ["I", "l", "1", "C", "t", "f", "r", "J", "[", "|"])
def test_straight_or_wide_glyphs_are_not_bowed_left(char: str) -> None:
    ocr_engine_or_skip(SERIF)
    assert not glyphs.bowed_left(_glyph(char))


def _faxed_c() -> Any:
    """A serif "C" cut to black and white with all but its left two fifths erased and
    the tip of its upper arm kept as a speck, then smoothed as a fax page is."""
    img = PIL_Image.new("L", (60, 60), 255)
    ImageDraw.Draw(img).text((18, 10), "C", fill=0, font=ImageFont.truetype(str(SERIF), 30))
    gray = np.asarray(img, dtype=np.uint8).copy()
    ys, xs = np.nonzero(gray < 128)
    gray[:, xs.min() + int(0.4 * (xs.max() - xs.min() + 1)) :] = 255
    gray = np.where(gray < 128, 0, 255).astype(np.uint8)
    gray[ys.min() : ys.min() + 3, xs.max() - 3 : xs.max()] = 0
    smooth = PIL_Image.fromarray(gray).filter(ImageFilter.GaussianBlur(0.8))
    return np.ascontiguousarray(np.asarray(smooth, dtype=np.uint8))


def test_regression_a_faxed_c_left_as_its_bowl_reads_as_a_bracket_not_an_i() -> None:
    """A serif "C" on a one-bit fax kept its bowl and the tip of an arm; Tesseract read
    it "I" (or "t.", "c"), as it reads this one, and a column of 18 codes "C" came out
    with one right. Read as the bracket it is shaped as, a code column takes it for its
    "C" (see test_ocr_repair)."""
    ocr_engine_or_skip(SERIF)
    assert [w.text for w in read_cell(_faxed_c(), 300)] == ["("]


def test_a_capital_in_brackets_read_surely_is_not_read_again_as_a_marker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The form's "(A)" and "(D)" over Table I's amounts were read again as markers,
    three times a page, for nothing."""
    ocr_engine_or_skip(SERIF)

    def no_marker(*args: object, **kwargs: object) -> None:
        raise AssertionError("read again as a marker")

    monkeypatch.setattr(cell_ocr, "_read_marker", no_marker)
    assert [w.text for w in read_cell(_cell("(A)"), 300)] == ["(A)"]


@pytest.mark.parametrize("read", ["(I)", "(S)", "(O)"])
def test_a_capital_in_brackets_that_a_digit_looks_like_may_be_a_marker(read: str) -> None:
    assert not cell_ocr._code_in_brackets([OcrWord(read, 0, 0, 10, 10, 0.95)])
    assert cell_ocr._code_in_brackets([OcrWord("(D)", 0, 0, 10, 10, 0.95)])
    assert not cell_ocr._code_in_brackets([OcrWord("(D)", 0, 0, 10, 10, 0.5)])


def test_regression_a_word_box_holding_only_a_specks_centre_is_not_shrunk_to_it() -> None:
    """Tesseract boxed a fax's "A" by its right leg: the glyph's centre lay outside the
    box and only a speck's inside, and the word was shrunk to the speck, 3 px tall; the
    layout then set it on a line of its own ("Class Common Stock A")."""
    word = OcrWord("A", 109, 38, 118, 65, 0.96)
    glyph, speck = Blob(98, 38, 114, 65), Blob(113, 40, 115, 43)
    assert cell_ocr._tightened(word, [glyph, speck]) == word
    # a digit read from specks alone, no glyph across its box, is set on them: its
    # box, reaching down to the next line, had joined a ZIP code to it
    junk = OcrWord("4", 200, 30, 210, 70, 0.4)
    assert cell_ocr._tightened(junk, [Blob(203, 32, 206, 35)]).bottom == 35
    # a speck above a word whose glyphs lie inside its box is still cut off
    tall = OcrWord("AB", 100, 10, 140, 65, 0.96)
    letters = [Blob(100, 38, 118, 65), Blob(121, 38, 140, 65)]
    tightened = cell_ocr._tightened(tall, [Blob(120, 12, 123, 15), *letters])
    assert (tightened.top, tightened.bottom) == (38, 65)


def test_a_segment_without_blobs_is_no_bowl() -> None:
    assert cell_ocr._lone_bowl(np.full((10, 10), 255, dtype=np.uint8), []) is None
