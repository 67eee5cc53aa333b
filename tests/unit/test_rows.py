"""Rows: bands between full-width rules, cells with wrapped text and superscript markers."""

from __future__ import annotations

from extractor.layout.columns import Column
from extractor.layout.rows import (
    band_cells,
    crossed_by_columns,
    find_grid,
    read_cell,
    rows_from_words,
)
from extractor.layout.template import MarkerSpec
from extractor.model.geometry import Box, Line, Word

SPEC = MarkerSpec(pattern=r"\((\d+)\)")


def _w(text: str, x0: float, top: float, size: float = 13.0, source: str = "text") -> Word:
    h = size * 0.7
    return Word(text, Box(x0, top, x0 + 0.5 * size * len(text), top + h), size, 1, source)  # type: ignore[arg-type]


def _rule(y: float, x0: float = 0.0, x1: float = 300.0) -> Line:
    return Line(x0, y, x1, y + 0.75)


def test_grid_keeps_full_width_rules_and_merges_double_borders() -> None:
    lines = [
        _rule(10),
        _rule(40, 100, 200),  # a sub-header rule: not a row border
        _rule(60),
        _rule(60.75),  # the next cell's top edge, drawn right under
        _rule(100, 0, 150),
        _rule(100, 150, 300),  # a row border drawn cell by cell
    ]
    grid = find_grid(lines, 0, 200)
    assert grid is not None
    assert [round(y) for y in grid.rules] == [10, 61, 100]
    assert len(grid.bands()) == 2


def _vertical(x: float, top: float, bottom: float) -> Line:
    return Line(x, top, x + 0.75, bottom)


def test_a_last_row_cut_off_by_the_page_foot_is_bounded_by_its_column_rules() -> None:
    """A scan missed the rule under the last row (a multi-page TIFF lost page 1's last
    row, and every row after it paired wrongly): on OCR pages the grid closes the table
    where its column rules end (see fax_grid.frame_edges)."""
    rules = [_rule(10), _rule(60), _rule(90)]
    columns = [_vertical(x, 10, 90) for x in (0, 100, 200, 300)]
    below = [_vertical(x, 90.5, 111) for x in (0, 100, 200, 300)]
    grid = find_grid(rules + columns + below, 0, 200, ocr=True)
    assert grid is not None and grid.rules[-1] == 111
    # a table closed by its last rule: nothing runs on below it
    closed = find_grid(rules + columns, 0, 200, ocr=True)
    assert closed is not None and closed.rules[-1] == 90.375
    # the frame of a box printed under the table (its two sides) is no row
    framed = find_grid(rules + columns + below[::3], 0, 200, ocr=True)
    assert framed is not None and framed.rules[-1] == 90.375


def test_a_broken_row_rule_bounds_a_row_under_the_header_on_ocr_pages_only() -> None:
    """A fax at 150 dpi merged two rows: the rule between them was read in pieces
    covering a third of the table's width."""
    lines = [
        _rule(10),
        _rule(30, 100, 200),  # a header's second level: above the header's foot
        _rule(60),
        _rule(90, 0, 60),
        _rule(90, 200, 260),  # a row rule broken into pieces (0.4 of the width)
        _rule(120),
    ]
    ocr = find_grid(lines, 0, 200, ocr=True)
    assert ocr is not None
    assert [round(y) for y in ocr.rules] == [10, 60, 90, 120]
    text = find_grid(lines, 0, 200)
    assert text is not None
    assert [round(y) for y in text.rules] == [10, 60, 120]


def _upright(x: float, top: float, bottom: float) -> Line:
    return Line(x, top, x + 0.75, bottom)


def test_a_fax_s_dashed_and_lost_table_rules_bound_its_rows_on_ocr_pages() -> None:
    """Faxes at 150 dpi lost Table II's rows: the rule over its header came out in
    dashes half the table's width, the rule under its row not at all, while the
    column rules (drawn whole) still start and end at the table's edges."""
    dashes = [_rule(10, x, x + 30) for x in range(10, 300, 60)]  # 0.5 inked, across
    lines = [
        *dashes,
        _rule(30, 100, 200),  # a header's second level: one piece, a third wide
        _rule(60),  # the header's foot, found whole
        *[_upright(x, 10, 95) for x in (0, 60, 120, 180, 240, 299)],
    ]
    ocr = find_grid(lines, 0, 200, ocr=True)
    assert ocr is not None
    assert [round(y) for y in ocr.rules] == [10, 60, 95]
    assert find_grid(lines, 0, 200) is None  # a digital page's rules are drawn whole


def test_a_flat_word_on_a_row_rule_is_a_stub_of_it_in_ocr_words() -> None:
    """'2,343 ar': a fax's rule stub under an amount, read as letters."""
    cols = [Column("shares", 0, 100, 1.0)]
    amount = _w("2,343", 10, 40, source="ocr")
    stub = Word("ar", Box(40, 58.5, 52, 60.5), 4.0, 1, "ocr")
    cells = band_cells([amount, stub], cols, 30, 60, 13.0, SPEC)
    assert cells["shares"].text == "2,343"
    letter = Word("ar", Box(40, 40, 52, 49), 13.0, 1, "ocr")  # a word's own height
    assert band_cells([amount, letter], cols, 30, 60, 13.0, SPEC)["shares"].text == "2,343 ar"


def test_a_short_stroke_at_a_column_s_edge_is_a_stub_of_its_rule_in_ocr_words() -> None:
    """A holding became a transaction: a fax's stub of the rule between Code and V
    was read "I" in the empty code cell."""
    cols = [Column("transaction_code", 100, 130, 1.0), Column("direct_or_indirect", 130, 180, 1.0)]
    title = _w("Units", 10, 40, source="ocr")
    stub = Word("I", Box(129.6, 42, 129.8, 45), 4.0, 1, "ocr")
    form = Word("I", Box(154.5, 40, 155.5, 49), 13.0, 1, "ocr")  # the value, mid-column
    cells = band_cells([title, stub, form], cols, 30, 60, 13.0, SPEC)
    assert "transaction_code" not in cells
    assert cells["direct_or_indirect"].text == "I"


def test_no_grid_without_rules() -> None:
    assert find_grid([], 0, 100) is None


def test_cell_wraps_lines_and_splits_a_superscript() -> None:
    """'By Northwind ... Fund, LP(2)' over three lines; the small '(2)' is a footnote."""
    words = [
        _w("By", 10, 10),
        _w("Northwind", 30, 10),
        _w("Capital", 10, 22),
        _w("Fund,", 10, 34),
        _w("LP", 40, 34),
        _w("(2)", 52, 33, size=8.33),
    ]
    cell = read_cell(words, 13.0, SPEC)
    assert cell.text == "By Northwind Capital Fund, LP"
    assert cell.footnote_ids == ("F2",)


def test_marker_only_cell_is_an_empty_value_with_its_footnotes() -> None:
    cell = read_cell([_w("(1),", 10, 10, 8.33), _w("(3)", 25, 10, 8.33)], 13.0, SPEC)
    assert (cell.text, cell.footnote_ids) == ("", ("F1", "F3"))


def test_body_sized_parenthesised_number_is_text_not_a_marker() -> None:
    cell = read_cell([_w("Warrants", 10, 10), _w("(2)", 70, 10)], 13.0, SPEC)
    assert (cell.text, cell.footnote_ids) == ("Warrants (2)", ())


def test_marker_after_a_smaller_code_is_still_a_superscript() -> None:
    """The code prints at 10 pt, its marker at 8.33: compared with the cell's own text."""
    cell = read_cell([_w("J", 10, 10, 10.0), _w("(2)", 15, 9, 8.33)], 13.0, SPEC)
    assert (cell.text, cell.footnote_ids) == ("J", ("F2",))


def test_hyphen_at_line_end_runs_on_but_a_lone_dash_does_not() -> None:
    """Regression: 'Venture 2010-' / 'Seed' is one word; 'Fund III -' / 'Endurance' is two."""
    joined = read_cell([_w("2010-", 10, 10), _w("Seed", 10, 22)], 13.0, SPEC)
    assert joined.text == "2010-Seed"
    spaced = read_cell([_w("III", 10, 10), _w("-", 30, 10), _w("Endurance", 10, 22)], 13.0, SPEC)
    assert spaced.text == "III - Endurance"


def test_ocr_words_split_trailing_markers_by_pattern() -> None:
    cell = read_cell([_w("Stock(1)", 10, 10, source="ocr")], 13.0, SPEC)
    assert (cell.text, cell.footnote_ids) == ("Stock", ("F1",))


def test_band_cells_assign_words_by_column() -> None:
    columns = [Column("security_title", 0, 100, 1.0), Column("shares", 100, 200, 1.0)]
    words = [_w("Common", 10, 20), _w("1,000", 120, 20), _w("Other", 10, 80)]
    cells = band_cells(words, columns, 10, 50, 13.0, SPEC)
    assert {k: c.text for k, c in cells.items()} == {"security_title": "Common", "shares": "1,000"}


def test_a_band_without_the_column_rules_is_not_part_of_the_table() -> None:
    columns = [Column("a", 0, 100, 1.0), Column("b", 100, 200, 1.0), Column("c", 200, 300, 1.0)]
    rules = [Line(100, 0, 100.7, 50), Line(200, 0, 200.7, 50)]
    assert crossed_by_columns(rules, columns, 10, 40)
    assert not crossed_by_columns(rules, columns, 60, 90)


def test_rows_without_rules_follow_the_centring_of_cells() -> None:
    """Two rows; the first has a four-line nature cell centred on its one-line title."""
    columns = [Column("security_title", 0, 100, 1.0), Column("nature_of_ownership", 100, 200, 1.0)]
    words = [
        _w("Common", 10, 118),  # row 1 middle ~ 122.5
        _w("By", 110, 100),
        _w("Northwind", 110, 112),
        _w("Capital", 110, 124),
        _w("Fund", 110, 136),
        _w("Preferred", 10, 170),  # row 2 middle ~ 174.5
        _w("Direct", 110, 170),
    ]
    rows = rows_from_words(words, columns, 13.0, SPEC)
    assert [{k: c.text for k, c in r.items()} for r in rows] == [
        {"security_title": "Common", "nature_of_ownership": "By Northwind Capital Fund"},
        {"security_title": "Preferred", "nature_of_ownership": "Direct"},
    ]


def test_a_cell_may_not_reach_into_the_rows_above_and_below() -> None:
    """Amounts in rows 1 and 3 of one column are centred, together, on row 2."""
    columns = [Column("security_title", 0, 100, 1.0), Column("shares", 100, 200, 1.0)]
    words = [
        _w("A", 10, 100),
        _w("B", 10, 130),
        _w("C", 10, 160),
        _w("1,000", 110, 100),
        _w("3,000", 110, 160),
    ]
    rows = rows_from_words(words, columns, 13.0, SPEC)
    assert [r.get("shares").text if "shares" in r else None for r in rows] == [
        "1,000",
        None,
        "3,000",
    ]


def test_a_raised_marker_at_nearly_body_size_is_still_a_footnote() -> None:
    """Told apart by its baseline: the '(2)' sits above the bottom of the code before it."""
    cell = read_cell([_w("J", 10, 10, 9.0), Word("(2)", Box(15, 7, 22, 13), 8.6, 1)], 13.0, SPEC)
    assert (cell.text, cell.footnote_ids) == ("J", ("F2",))


def test_ocr_cell_of_one_bracketed_number_at_text_size_is_its_value() -> None:
    """Grey JPEG scans read "37" with specks, or with its marker run in, as "(37)": a
    lone marker prints as a superscript, so a bracketed number as tall as the text and
    of two digits is the cell's value."""
    cell = read_cell([_w("(37)", 10, 10, 12.5, source="ocr")], 13.0, SPEC)
    assert (cell.text, cell.footnote_ids) == ("37", ())


def test_a_lone_small_or_one_digit_ocr_marker_stays_a_marker() -> None:
    small = read_cell([_w("(37)", 10, 10, 9.0, source="ocr")], 13.0, SPEC)
    assert (small.text, small.footnote_ids) == ("", ("F37",))
    one = read_cell([_w("(3)", 10, 10, 12.5, source="ocr")], 13.0, SPEC)
    assert (one.text, one.footnote_ids) == ("", ("F3",))
    text = read_cell([_w("(37)", 10, 10, 12.5)], 13.0, SPEC)  # a text layer as printed
    assert (text.text, text.footnote_ids) == ("(37)", ())


def test_a_band_holding_two_rows_whose_rule_a_fax_lost_is_cut_between_them() -> None:
    from extractor.layout.fax_grid import split_merged

    columns = [(0.0, 100.0), (100.0, 150.0), (150.0, 200.0), (200.0, 260.0)]

    def row(top: float) -> list[Word]:
        return [_w("Units", 10, top), _w("P", 110, top), _w("40", 160, top), _w("7", 210, top)]

    bands = [(0.0, 30.0), (30.0, 60.0), (60.0, 120.0)]
    words = [*row(10), *row(40), *row(70), *row(100)]
    # the gap between the third row (70 + 9.1 high) and the fourth (100)
    assert split_merged(bands, words, columns) == [(0, 30), (30, 60), (60, 89.55), (89.55, 120)]
    wrapped = [*row(10), *row(40), _w("Units", 10, 66), _w("of", 10, 78), *row(86)[1:]]
    wrapped.append(_w("held", 10, 100))  # a title over three lines, its values centred
    assert split_merged(bands, wrapped, columns) == bands
    three = [(0.0, 30.0), (30.0, 120.0)]  # a band as high as three rows: cut twice
    words = [*row(10), *row(40), *row(70), *row(100)]
    assert len(split_merged(three, words, columns)) == 4
    specks = [*row(10), *row(40), *row(70), _w("-", 110, 100), _w("'", 160, 100)]
    specks.append(_w("held", 10, 100))  # the last line: a wrapped title and specks
    assert split_merged(bands, specks, columns) == bands
