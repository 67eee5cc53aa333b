"""Markers whose digit a fax erased, numbered from the order the notes are first referenced."""

from __future__ import annotations

from decimal import Decimal

from extractor.layout.rows import read_cell
from extractor.layout.template import MarkerSpec
from extractor.layout.unread_markers import (
    UNREAD_MARKER,
    past_order,
    placements,
    with_unread_markers_placed,
    without_unread_markers,
)
from extractor.model.codes import DocumentType
from extractor.model.filing import (
    Fact,
    Filing,
    Footnote,
    NonDerivativeTransaction,
    Provenance,
    TransactionCoding,
)
from extractor.model.geometry import Box, Page, Word

SPEC = MarkerSpec(pattern=r"\((\d+)\)")
UNREAD_ID = f"F{UNREAD_MARKER.strip('()')}"


def test_two_unread_markers_between_notes_one_and_four_are_notes_two_and_three() -> None:
    # markers read 1, ?, ?, 1, 4: notes 2 and 3 are referred to nowhere else
    assert placements([1, None, None, 1, 4]) == {1: 2, 2: 3}


def test_unread_markers_fewer_than_the_notes_missing_stay_unread() -> None:
    # one marker for notes 2 and 3: the other marker was lost, which one is unknown
    assert placements([1, None, 1, 4]) == {}


def test_unread_markers_more_than_the_notes_missing_stay_unread() -> None:
    # one of the two repeats an earlier note
    assert placements([1, None, None, 3]) == {}


def test_read_markers_out_of_the_order_of_first_reference_place_nothing() -> None:
    # 4 before 2: one of them is misread
    assert placements([1, 4, None, 2]) == {}


def test_an_unread_marker_before_a_note_s_first_reading_may_be_that_note() -> None:
    # the unread one before the first "2" read may be note 2's own first reference
    # (the 1 read a misread 2), so the one after it is not surely note 3
    assert placements([1, None, 2, None, 4]) == {}
    assert placements([1, 2, None, 4]) == {2: 3}


def test_notes_after_the_last_one_referred_to_are_not_guessed() -> None:
    # a fax's notes list reads too poorly to say how many notes follow note 2
    assert placements([1, 2, None]) == {}
    assert placements([None]) == {}


def test_an_unread_marker_before_the_first_read_one_is_a_note_before_it() -> None:
    assert placements([None, 2, 2]) == {0: 1}


def _prov(x0: float) -> Provenance:
    return Provenance(page=1, box=(x0, 100.0, x0 + 20.0, 110.0), source="ocr", confidence=0.5)


def _row(
    code_ids: list[str], price_ids: list[str], nature_ids: list[str]
) -> NonDerivativeTransaction:
    """A row whose code, price and nature print left to right (the model keeps the
    nature first)."""
    row = NonDerivativeTransaction(
        coding=TransactionCoding(code=Fact(provenance=_prov(200.0)), footnote_ids=code_ids),
        price_per_share=Fact[Decimal](value=Decimal("12.5"), provenance=_prov(300.0)),
    )
    row.price_per_share.footnote_ids = price_ids
    row.ownership.nature_of_ownership = Fact[str](
        value="By Trust", footnote_ids=nature_ids, provenance=_prov(500.0)
    )
    return row


def test_unread_markers_are_numbered_in_the_order_the_row_prints() -> None:
    # printed: code (1), price (?), nature (?); next row: code (1), price (4)
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=[
            _row(["F1"], [UNREAD_ID], [UNREAD_ID]),
            _row(["F1"], ["F4"], []),
        ],
    )
    found = with_unread_markers_placed(filing)
    first = filing.non_derivative_transactions[0]
    assert first.price_per_share.footnote_ids == ["F2"]
    assert first.ownership.nature_of_ownership.footnote_ids == ["F3"]
    assert len(found) == 2


def test_unread_markers_left_unplaced_are_dropped() -> None:
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=[_row(["F1"], [UNREAD_ID], ["F2", UNREAD_ID])],
        footnotes=[Footnote(id="F1", text="One."), Footnote(id="F2", text="Two.")],
    )
    assert with_unread_markers_placed(filing) == []
    row = filing.non_derivative_transactions[0]
    assert row.price_per_share.footnote_ids == []
    assert row.ownership.nature_of_ownership.footnote_ids == ["F2"]


def test_a_marker_numbered_past_the_markers_printed_before_it_is_ruled_out() -> None:
    # each marker before it brings one note at most, and one marker may have been lost
    # altogether: the second can be note 3 at most
    assert past_order([1, 8, None, 2]) == [1]
    assert past_order([None, 4]) == [1]
    assert past_order([1, 2, 1, 3, None, 4]) == []


def test_a_marker_one_note_past_the_order_stands_as_one_before_it_may_be_lost() -> None:
    # note 1's marker lost: the first read is note 2, and right
    assert past_order([2, 2, 3]) == []


def test_a_fax_marker_the_order_rules_out_is_unread_and_numbered_from_the_order() -> None:
    # printed (1), (2), (3); the fax's "(2)" read "(5)": between notes 1 and 3 it is 2
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=[_row(["F1"], ["F5"], ["F3"])],
    )
    found = with_unread_markers_placed(filing, faxed=True)
    assert filing.non_derivative_transactions[0].price_per_share.footnote_ids == ["F2"]
    assert [f.code for f in found] == ["ocr.corrected", "ocr.corrected"]


def test_a_fax_marker_the_order_rules_out_and_cannot_number_is_dropped() -> None:
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=[_row(["F1"], ["F8"], [])],
    )
    found = with_unread_markers_placed(filing, faxed=True)
    assert filing.non_derivative_transactions[0].price_per_share.footnote_ids == []
    assert len(found) == 1 and "'F8'" in found[0].message


def test_a_grey_scan_keeps_a_marker_past_the_order_of_first_reference() -> None:
    # a filing may number its notes otherwise; a grey scan reads the digit right
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=[_row(["F1"], ["F8"], [])],
    )
    assert with_unread_markers_placed(filing) == []
    assert filing.non_derivative_transactions[0].price_per_share.footnote_ids == ["F8"]


def _word(text: str, x0: float, size: float = 9.0) -> Word:
    return Word(text, Box(x0, 10.0, x0 + 5.0 * len(text), 10.0 + size * 0.7), size, 1, "ocr")


def test_an_unread_marker_outside_the_tables_is_dropped_from_the_page() -> None:
    # a zip code's hyphen kept as an unread marker must not reach the address
    page = Page(1, 600.0, 800.0, (_word("10017", 10), _word(UNREAD_MARKER, 40, 5.0)))
    assert [w.text for w in without_unread_markers(page).words] == ["10017"]


def test_an_unread_marker_in_a_cell_is_its_footnote_not_its_text() -> None:
    cell = read_cell([_word("By", 10), _word(UNREAD_MARKER, 22), _word("Trust", 50)], 9.0, SPEC)
    assert cell.text == "By Trust"
    trailing = read_cell([_word("By", 10), _word("Trust", 22), _word(UNREAD_MARKER, 50)], 9.0, SPEC)
    assert (trailing.text, trailing.footnote_ids) == ("By Trust", (UNREAD_ID,))


def test_a_fax_cell_keeps_a_marker_whose_digit_is_lost_and_a_grey_cell_does_not() -> None:
    from extractor.sources.cell_ocr import _kept_unread
    from extractor.sources.ocr import OcrWord

    lost = OcrWord("", 10, 5, 22, 12, 0.0)
    assert [w.text for w in _kept_unread(lost, True)] == [UNREAD_MARKER]
    assert _kept_unread(lost, False) == []
