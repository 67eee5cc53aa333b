"""Markers of a column that steps by one note per row, put back where a fax lost one."""

from __future__ import annotations

from decimal import Decimal

from extractor.layout.column_steps import repeated, stepped, with_column_steps
from extractor.model.codes import DocumentType
from extractor.model.filing import Fact, Filing, NonDerivativeTransaction

NONE_FIXED = [False] * 8


def test_a_lost_and_a_misread_marker_inside_a_stepping_column_get_the_step_s_notes() -> None:
    # rows 0-5 print (3) to (8); row 2's marker was lost, row 4's "(7)" read "(1)"
    assert stepped([3, 4, None, 6, 1, 8], NONE_FIXED) == {2: 5, 4: 7}


def test_rows_with_several_markers_or_no_value_stay_as_read() -> None:
    assert stepped([3, 4, None, 6, None, 8], [False, False, True, False, False, False]) == {4: 7}


def test_fewer_than_three_rows_agreeing_make_no_step() -> None:
    assert stepped([3, 4, None, 9], NONE_FIXED) == {}


def test_rows_agreeing_by_chance_far_apart_make_no_step() -> None:
    # a long column's misread two-digit markers: 1 at row 0, 4 at row 3, 7 at row 6
    assert stepped([1, 9, 9, 4, 9, 9, 7], NONE_FIXED) == {}


def test_two_offsets_as_often_agreed_on_make_no_step() -> None:
    assert stepped([2, 3, 4, 9, 10, 11], NONE_FIXED) == {}


def test_a_break_longer_than_three_rows_is_left_alone() -> None:
    numbers = [2, 3, None, None, None, None, 8, 9]
    assert stepped(numbers, NONE_FIXED) == {}


def _row(ids: list[str], price: str | None = "21.5") -> NonDerivativeTransaction:
    row = NonDerivativeTransaction()
    value = Decimal(price) if price is not None else None
    row.price_per_share = Fact[Decimal](value=value, footnote_ids=ids)
    return row


def test_a_filing_s_price_column_gets_its_lost_marker_back() -> None:
    rows = [_row(["F2"]), _row(["F3"]), _row([]), _row(["F5"]), _row([], price=None)]
    filing = Filing(document_type=DocumentType.FORM_4, non_derivative_transactions=rows)
    found = with_column_steps(filing)
    assert [r.price_per_share.footnote_ids for r in rows] == [["F2"], ["F3"], ["F4"], ["F5"], []]
    assert len(found) == 1


ONE = ("F3",)


def test_a_row_read_without_the_marker_every_other_row_of_its_column_carries_gets_it() -> None:
    assert repeated([ONE, ONE, (), ONE, ONE]) == {2: ONE}


def test_a_column_marked_now_and_then_gives_no_row_its_markers() -> None:
    # a fax reads stray strokes as "(1)": four rows of ten marked is no column of one note
    assert repeated([ONE, (), (), ONE, (), (), ONE, (), ONE, ()]) == {}


def test_a_column_of_mixed_markers_gives_no_row_its_markers() -> None:
    assert repeated([ONE, ("F5",), (), ONE, ("F5",)]) == {}


def test_a_row_with_nothing_printed_takes_no_marker() -> None:
    assert repeated([ONE, ONE, None, ONE]) == {}


def test_a_price_read_without_its_value_still_counts_its_marker() -> None:
    rows = [_row(["F1"], price=None), _row(["F1"]), _row(["F1"]), _row([])]
    filing = Filing(document_type=DocumentType.FORM_4, non_derivative_transactions=rows)
    with_column_steps(filing)
    assert rows[3].price_per_share.footnote_ids == ["F1"]


def test_the_rows_after_a_step_s_last_read_row_go_on_with_it_for_three_rows() -> None:
    # (2) (3) (4) read, then "(5)" read "(9)" and two markers lost, one row more beyond
    numbers = [2, 3, 4, 9, None, None, None]
    assert stepped(numbers, NONE_FIXED) == {3: 5, 4: 6, 5: 7}


def test_a_step_does_not_go_on_past_a_row_left_as_read() -> None:
    assert stepped([2, 3, 4, None, None], [False, False, False, True, False]) == {}


def test_a_grey_scan_s_cell_read_without_a_marker_keeps_none() -> None:
    # a grey scan keeps its markers: its cell read without one has none
    from extractor.pipeline import _with_ocr_repairs

    def filing() -> Filing:
        rows = [_row(["F2"]), _row(["F2"]), _row(["F2"]), _row([])]
        return Filing(document_type=DocumentType.FORM_4, non_derivative_transactions=rows)

    grey, _ = _with_ocr_repairs(filing(), faxed=False)
    fax, _ = _with_ocr_repairs(filing(), faxed=True)
    assert grey.non_derivative_transactions[3].price_per_share.footnote_ids == []
    assert fax.non_derivative_transactions[3].price_per_share.footnote_ids == ["F2"]


def test_a_row_read_with_another_single_marker_in_a_column_of_one_note_takes_it() -> None:
    # "(3)" on every row; a fax left a stroke of one read "(1)"; two markers stay as read
    lists = [ONE, ONE, ("F1",), ONE, ONE, ONE, ONE, ("F1", "F4")]
    assert repeated(lists) == {2: ONE}
