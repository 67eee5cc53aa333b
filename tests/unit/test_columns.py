"""Column mapping: header boxes -> model fields, tolerant of layout and wording changes."""

from __future__ import annotations

import pytest

from extractor.layout.columns import (
    HeaderCell,
    header_cells,
    header_cells_from_words,
    map_columns,
    merge_positions,
    placed_by_order,
    similarity,
)
from extractor.layout.template import load_template
from extractor.model.geometry import Box, Line, Word

ND = load_template().tables.non_derivative
D = load_template().tables.derivative


def _cells(*specs: tuple[str, str]) -> list[HeaderCell]:
    return [HeaderCell(i * 10.0, i * 10.0 + 10, top, sub) for i, (top, sub) in enumerate(specs)]


TABLE_I = [
    ("1. Title of Security (Instr. 3)", ""),
    ("2. Transaction Date (Month/Day/Year)", ""),
    ("2A. Deemed Execution Date, if any (Month/Day/Year)", ""),
    ("3. Transaction Code (Instr. 8)", "Code"),
    ("3. Transaction Code (Instr. 8)", "V"),
    ("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", "Amount"),
    ("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", "(A) or (D)"),
    ("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", "Price"),
    ("5. Amount of Securities Beneficially Owned Following Reported Transaction(s)", ""),
    ("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", ""),
    ("7. Nature of Indirect Beneficial Ownership (Instr. 4)", ""),
]
FIELDS_I = [
    "security_title",
    "transaction_date",
    "deemed_execution_date",
    "transaction_code",
    "v",
    "shares",
    "acquired_disposed",
    "price_per_share",
    "shares_owned_following",
    "direct_or_indirect",
    "nature_of_ownership",
]


def test_table_one_header_maps_every_column() -> None:
    columns, missing = map_columns(_cells(*TABLE_I), ND)
    assert [c.field for c in columns] == FIELDS_I
    assert missing == []


def test_reordered_columns_follow_their_headers() -> None:
    order = [3, 0, 10, 5, 6, 7, 1, 2, 4, 8, 9]
    columns, _ = map_columns(_cells(*[TABLE_I[i] for i in order]), ND)
    assert [c.field for c in columns] == [FIELDS_I[i] for i in order]


def test_renumbered_and_slightly_reworded_headers_still_match() -> None:
    cells = _cells(
        ("Title of the Security", ""),
        ("3. Date of Transaction (Month/Day/Year)", ""),
        ("9. Nature of Indirect Beneficial Ownership", ""),
    )
    columns, _ = map_columns(cells, ND)
    assert [c.field for c in columns] == [
        "security_title",
        "transaction_date",
        "nature_of_ownership",
    ]


def test_code_header_without_second_level_takes_the_code() -> None:
    """Regression: Form 5 prints 'Transaction Code' without 'Code | V' below it."""
    columns, missing = map_columns(_cells(("3. Transaction Code (Instr. 8)", "")), ND)
    assert [c.field for c in columns] == ["transaction_code"]
    assert "v" in missing


def test_derivative_acquired_and_disposed_sub_columns() -> None:
    top = "5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)"
    columns, _ = map_columns(_cells((top, "(A)"), (top, "(D)")), D)
    assert [c.field for c in columns] == ["acquired", "disposed"]


def test_unrelated_text_maps_to_nothing() -> None:
    columns, missing = map_columns(_cells(("Name and Address of Reporting Person", "")), ND)
    assert columns == []
    assert len(missing) == len(ND.columns)


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("2A. Deemed Execution Date,\nif any", "Deemed Execution Date, if any", 1.0, 1.0),
        ("Title of Security (Instr. 3)", "Title of Security", 1.0, 1.0),
        ("Price", "Amount", 0.0, 0.0),
    ],
)
def test_similarity_folds_numbers_notes_and_breaks(a: str, b: str, low: float, high: float) -> None:
    assert low <= similarity(a, b) <= high


def test_merge_positions_joins_double_borders() -> None:
    assert merge_positions([10.0, 10.75, 50.0]) == [10.375, 50.0]


def _w(text: str, x0: float, top: float) -> Word:
    return Word(text=text, box=Box(x0, top, x0 + 5 * len(text), top + 6), size=9.0, page=1)


def test_header_cells_split_a_header_with_two_levels() -> None:
    """A top box over two leaves ('Code | V') gives both leaves the top text."""
    lines = [
        Line(0, 0, 0.7, 40),  # left border, full height
        Line(60, 0, 60.7, 40),  # between the two top boxes
        Line(90, 20, 90.7, 40),  # between Code and V only, under the sub rule
        Line(120, 0, 120.7, 40),  # right border
        Line(60, 20, 120, 20.7),  # the rule under "Transaction Code"
    ]
    words = [
        _w("Title", 2, 5),
        _w("Transaction", 62, 3),
        _w("Code", 62, 11),
        _w("Code", 62, 28),
        _w("V", 95, 28),
    ]
    cells = header_cells(words, lines, 0, 40, 0, 120)
    assert [(c.top_text, c.sub_text) for c in cells] == [
        ("Title", ""),
        ("Transaction Code", "Code"),
        ("Transaction Code", "V"),
    ]


def test_regression_last_column_kept_when_the_right_border_is_not_found() -> None:
    """Scans lost Table II's last column (Nature of Ownership): the table's right border
    printed too faint to be found as a rule, so the column had no right edge. The ends
    of the horizontal rules (the table's frame) close it."""
    lines = [Line(0, 0, 0.7, 40), Line(60, 0, 60.7, 40)]  # no rule at the right edge
    words = [_w("Title", 2, 5), _w("Nature", 62, 5)]
    cells = header_cells(words, lines, 0, 40, 0, 120)
    assert [(c.x0, c.x1, c.top_text) for c in cells] == [
        (0.35, 60.35, "Title"),
        (60.35, 120, "Nature"),
    ]


def test_a_rule_near_the_frame_is_the_frame() -> None:
    lines = [Line(0, 0, 0.7, 40), Line(60, 0, 60.7, 40), Line(116, 0, 116.7, 40)]
    cells = header_cells([_w("Title", 2, 5), _w("Nature", 62, 5)], lines, 0, 40, 0, 120)
    assert len(cells) == 2


def test_regression_ocr_sub_header_missing_a_letter_still_maps() -> None:
    """A scan lost every transaction code: the sub-header "Code" read "ode" (its "C"
    lost against the cell's rule) matched nothing."""
    cells = _cells(*TABLE_I)
    cells[3] = HeaderCell(cells[3].x0, cells[3].x1, cells[3].top_text, "ode", ocr=True)
    columns, _ = map_columns(cells, ND)
    assert "transaction_code" in [c.field for c in columns]
    assert similarity("ode", "Code", True) == 1.0
    assert similarity("ode", "Code") == 0.0  # a text layer stays exact
    assert similarity("V", "Code", True) == 0.0  # short tokens get no tolerance


def _line(text: str, x0: float, top: float) -> list[Word]:
    out, x = [], x0
    for tok in text.split():
        out.append(_w(tok, x, top))
        x += 5 * len(tok) + 2.5
    return out


def test_header_without_rules_splits_columns_and_second_levels() -> None:
    """No ruling lines: x-spans give the columns, a gap then two spans a second level."""
    words = [
        *_line("1. Title of", 0, 0),
        *_line("Security", 0, 8),
        *_line("3. Transaction", 100, 0),
        *_line("Code", 100, 8),
        *_line("Code", 100, 30),
        *_line("V", 140, 30),
    ]
    cells = header_cells_from_words(words, 0, 200)
    assert [(c.top_text, c.sub_text) for c in cells] == [
        ("1. Title of Security", ""),
        ("3. Transaction Code", "Code"),
        ("3. Transaction Code", "V"),
    ]
    columns, _ = map_columns(cells, ND)
    assert [c.field for c in columns] == ["security_title", "transaction_code", "v"]
    assert columns[0].x0 == 0 and columns[0].x1 == columns[1].x0


def test_a_column_number_printed_apart_stays_with_its_header() -> None:
    words = [_w("1.", 0, 0), *_line("Title of Security", 20, 0), *_line("2. Date", 120, 0)]
    cells = header_cells_from_words(words, 0, 200)
    assert [c.top_text for c in cells] == ["1. Title of Security", "2. Date"]


def _placed(rows: list[tuple[str, str]]) -> list[tuple[str, float]]:
    cells = _cells(*rows)
    columns, _ = map_columns(cells, ND)
    return [(c.field, c.x0) for c in placed_by_order(cells, ND, columns)]


def test_regression_misread_code_header_is_placed_between_its_neighbours() -> None:
    # OCR read the "Code" under "3. Transaction Code" as "ode": no text match
    rows = list(TABLE_I)
    rows[3] = ("3. Transaction Code (Instr. 8)", "ode")
    assert _placed(rows) == [("transaction_code", 30.0)]


def test_two_unreadable_headers_in_one_gap_are_placed_in_order() -> None:
    rows = list(TABLE_I)
    rows[1] = ("~~ ,,,", "")
    rows[2] = ("Dxmd Exctn", "")
    assert _placed(rows) == [("transaction_date", 10.0), ("deemed_execution_date", 20.0)]


def test_unreadable_first_column_is_placed_before_the_first_match() -> None:
    rows = list(TABLE_I)
    rows[0] = ("1 . Tltl o Scrty", "")
    assert _placed(rows) == [("security_title", 0.0)]


def test_no_place_is_guessed_when_the_counts_differ() -> None:
    # a stray extra leaf beside an unreadable one: two leaves, one field -> nothing
    rows = [*TABLE_I[:3], ("3. Transaction Code (Instr. 8)", "ode"), ("xx", ""), *TABLE_I[4:]]
    assert _placed(rows) == []


def test_a_leaf_without_second_level_does_not_take_a_second_level_field() -> None:
    rows = list(TABLE_I)
    rows[3] = ("zzz", "")  # no second level printed where the template has "Code"
    del rows[-1]  # one leaf short of the template: its shape says nothing
    assert _placed(rows) == []


def test_a_header_of_the_templates_shape_places_its_unread_leaves_by_place() -> None:
    """Faxes lost the price and (A)/(D) columns: their second level ("(A) or (D)",
    "Price") was unread, so the leaves did not agree with the template's split header."""
    rows = list(TABLE_I)
    rows[3] = ("zzz", "")
    rows[6] = (rows[6][0], "")
    rows[7] = (rows[7][0], "")
    cells = _cells(*rows)
    columns, _ = map_columns(cells, ND)
    every = sorted(columns + placed_by_order(cells, ND, columns), key=lambda c: c.x0)
    assert [c.field for c in every] == FIELDS_I


def test_nothing_is_placed_when_every_header_matched() -> None:
    assert _placed(TABLE_I) == []


def _garbled_header(rows: list[tuple[str, str]]) -> bool:
    """Whether a header is read as the template's (see tables._template_shape)."""
    from extractor.layout.tables import _template_shape

    cells = _cells(*rows)
    columns, _ = map_columns(cells, ND)
    return _template_shape(ND, columns, placed_by_order(cells, ND, columns))


def test_a_header_of_the_templates_shape_is_read_with_few_labels_matched() -> None:
    """A 150 dpi fax garbles most header labels: two matched in their places and the
    template's shape (a leaf per column) still make the header the template's."""
    rows = [(f"qx{i} zv", sub) for i, (_, sub) in enumerate(TABLE_I)]
    rows[0], rows[8] = TABLE_I[0], TABLE_I[8]
    columns, _ = map_columns(_cells(*rows), ND)
    assert len(columns) < len(TABLE_I) / 2  # below the share a header needs otherwise
    assert _garbled_header(rows)
    assert not _garbled_header(rows[:-1])  # one leaf short: no shape to go by
