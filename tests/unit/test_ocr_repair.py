"""OCR'd values that do not parse get other readings from what their column may hold;
the reading taken is recorded as a finding, and valid text is never changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from extractor.layout.ocr_repair import code_readings, date_readings, number_readings, title_reading
from extractor.layout.rows import Cell
from extractor.layout.values import CellReader
from extractor.model.codes import AcquiredDisposed, DirectIndirect, TransactionCode
from extractor.model.geometry import Box


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("$18,3654", "$18.3654"),  # a decimal point read as a comma
        ("$2,O18.57", "$2,018.57"),  # letter O for zero
        ("5,261.", "5,261"),  # a speck after the number
        ("l0,000", "10,000"),
        ("47;500", "47,500"),  # a comma with a speck over it
        ("$6;25", "$6.25"),  # the same, for a decimal point read as a comma
        ("$1,234.567 !", "$1,234.567"),  # a pale marker's remnant apart after it
        ("$!,234.56", "$1,234.56"),  # a "1" read as "!" among the digits
    ],
)
def test_number_readings(read: str, meant: str) -> None:
    assert meant in number_readings(read)


def test_regression_a_mark_apart_after_a_price_is_no_digit() -> None:
    """A grey 150 dpi scan read "$1,234.567(7)" as "$1,234.567" and "!" apart: the
    "!" went in as a "1", and the price came out 1234.5671."""
    assert number_readings("$1,234.567 !") == ["$1,234.567"]


def test_number_with_good_grouping_gets_no_decimal_point() -> None:
    assert all("." not in r for r in number_readings("$18,365"))


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("11/O9/2021", "11/09/2021"),
        ("11/0912021", "11/09/2021"),
        ("11 09 2021", "11/09/2021"),
        ("14/06/2021", "11/06/2021"),  # a faxed serif "1" read "4": no month
    ],
)
def test_date_readings(read: str, meant: str) -> None:
    assert meant in date_readings(read)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("Ss", "S"),
        ("s", "S"),
        ("|", "I"),
        ("0", "O"),
        ("SS", "S"),
        ("db", "D"),
        ("Dp", "D"),
        ("\u00a9", "C"),
        # a faxed "C" left as its bowl, read as a bracket (see cell_ocr._lone_bowl)
        ("(", "C"),
        ("( .", "C"),
    ],
)
def test_code_readings(read: str, meant: str) -> None:
    assert meant in code_readings(read)


@pytest.mark.parametrize(("kind", "meant"), [(AcquiredDisposed, "D"), (DirectIndirect, "D")])
def test_a_d_read_as_u_is_taken_as_d_where_u_is_no_value(kind: Any, meant: str) -> None:
    """A fax lost the thin top of a "D": its stem and bowl read "U"."""
    reader = CellReader("Table I row 1")
    fact = reader.code(_cell("U"), "(A) or (D)", kind)
    assert fact.value is not None and fact.value.value == meant
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


def test_a_u_stays_where_it_is_a_code() -> None:
    reader = CellReader("Table I row 1")
    fact = reader.code(_cell("U"), "transaction code", TransactionCode)
    assert fact.value is TransactionCode.U
    assert reader.findings == []


def test_regression_sale_code_read_as_eight_is_taken_as_s() -> None:
    """A scan lost a transaction code: "S" read "8" was offered only as "B", no code."""
    reader = CellReader("Table I row 1")
    fact = reader.code(_cell("8"), "transaction code", TransactionCode)
    assert fact.value is TransactionCode.S
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


@pytest.mark.parametrize(("marker"), ["F1", "F2"])
def test_regression_a_code_d_read_as_one_marker_is_taken_as_d(marker: str) -> None:
    """A fax lost the bars of a "D" (direct ownership): stem and bowl read "(1)"."""
    reader = CellReader("Table I row 1")
    fact = reader.code(
        Cell("", (marker,), Box(10, 20, 30, 28), 1, "ocr", 0.8), "D or I", DirectIndirect
    )
    assert fact.value is DirectIndirect.DIRECT
    assert fact.footnote_ids == []
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


def test_a_code_cell_of_two_markers_or_from_text_keeps_its_markers() -> None:
    reader = CellReader("Table I row 1")
    two = Cell("", ("F1", "F2"), Box(10, 20, 30, 28), 1, "ocr", 0.8)
    assert reader.code(two, "D or I", DirectIndirect).footnote_ids == ["F1", "F2"]
    text = Cell("", ("F1",), Box(10, 20, 30, 28), 1, "text", 1.0)
    assert reader.code(text, "D or I", DirectIndirect).value is None
    assert reader.findings == []


def test_regression_a_faxed_month_read_with_a_four_is_a_date() -> None:
    reader = CellReader("Table I row 1")
    assert reader.date(_cell("14/06/2021"), "date").value == date(2021, 11, 6)
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


def test_a_valid_date_with_a_four_is_left_alone() -> None:
    reader = CellReader("Table I row 1")
    assert reader.date(_cell("04/14/2021"), "date").value == date(2021, 4, 14)
    assert reader.findings == []


def test_regression_indirect_read_as_j_is_taken_as_i() -> None:
    """A blurred serif "I" in the direct-or-indirect column was read "J" and lost."""
    reader = CellReader("Table I row 1")
    assert (
        reader.code(_cell("J"), "direct or indirect", DirectIndirect).value
        is DirectIndirect.INDIRECT
    )
    code = CellReader("Table I row 1").code(_cell("J"), "transaction code", TransactionCode)
    assert code.value is TransactionCode.J  # a transaction code "J" stays


def _cell(text: str, source: str = "ocr") -> Cell:
    return Cell(text, (), Box(10, 20, 30, 28), 1, source, 0.5)


def test_ocr_misreading_is_corrected_with_a_finding() -> None:
    reader = CellReader("Table I row 1")
    fact = reader.code(_cell("Ss"), "transaction code", TransactionCode)
    assert fact.value is TransactionCode.S
    assert [f.code for f in reader.findings] == ["ocr.corrected"]
    assert "'Ss'" in reader.findings[0].message


def test_text_layer_value_is_never_corrected() -> None:
    reader = CellReader("Table I row 1")
    fact = reader.code(_cell("|", source="text"), "D or I", DirectIndirect)
    assert fact.value is None
    assert fact.raw == "|"
    assert [f.code for f in reader.findings] == ["table.value_unreadable"]


def test_valid_ocr_value_is_left_alone() -> None:
    reader = CellReader("Table I row 1")
    assert reader.decimal(_cell("18,365"), "price").value == Decimal("18365")
    assert reader.date(_cell("04/23/2019"), "date").value == date(2019, 4, 23)
    assert reader.findings == []


def test_price_with_its_dollar_read_as_s_is_corrected() -> None:
    reader = CellReader("Table I row 1")
    assert reader.money(_cell("S27.45"), "price").value == Decimal("27.45")
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


def test_price_read_as_digits_only_is_left_alone() -> None:
    # "50" may be "$0" misread or "$50" with its "$" dropped: not guessed
    reader = CellReader("Table I row 1")
    assert reader.money(_cell("50"), "price").value == Decimal("50")
    assert reader.findings == []


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("Serles B Preferrad Unlts", "Series B Preferred Units"),
        ("Perfornuance Sharcs", "Performance Shares"),  # a blurred "m" read "nu"
        ("Series C C Preferred Stock", "Series C Preferred Stock"),  # a capital read twice
        ("— Phantom Units _", "Phantom Units"),  # specks at the cell's edges
        ("Zenith Warrants", "Zenith Warrants"),  # a name far from every title word
        ("Cass B Units", "Class B Units"),  # a fifth of "Class" off, a quarter of "Cash"
        ("Shork B Units", "Shork B Units"),  # as far from "Stock" as from "Share": left
        ("Pion Units", "Pion Units"),  # two letters off "Option" but two letters shorter
        ("SERIES X OPTIONS", "SERIES X OPTIONS"),
        ("Phantom' Units", "Phantom Units"),  # a speck read as a quote mark
        ("Zenith 'Warrants", "Zenith Warrants"),
        ("Zenith Warrants'\"?", "Zenith Warrants"),  # a marker misread as marks
        ("Pref erred Units", "Preferred Units"),  # a word OCR split in two
        ("Preferred Share L its", "Preferred Share Units"),  # its capital set apart
        ("Preferred Stim k", "Preferred Stock"),  # its last letter set apart
        ("Class B Units", "Class B Units"),  # a class letter stays alone
        ("Zenith Warrants (right to buy)", "Zenith Warrants (right to buy)"),
    ],
)
def test_title_reading(read: str, meant: str) -> None:
    assert title_reading(read) == meant


def test_regression_a_title_word_two_letters_shorter_is_no_vocabulary_word() -> None:
    """A mild scan's "Employee Stock Option Grant" came out "... Option Warrant": a
    word two insertions away from a longer vocabulary word was taken for it."""
    assert title_reading("Stock Option Grant") == "Stock Option Grant"
    assert title_reading("Stock Pion") == "Stock Pion"  # not "Option": two letters more


def test_regression_garbled_title_words_are_put_back_in_ocr_cells_only() -> None:
    """Faxes read the serif title words two or three letters off ("Stack", "Conunon"):
    besides the title itself, the scorer pairs rows by their facts, so a row with a
    wrong title and a misread number was lost whole."""
    reader = CellReader("Table I row 1")
    assert reader.title(_cell("Preferrad Unlts"), "security title").value == "Preferred Units"
    assert [f.code for f in reader.findings] == ["ocr.corrected"]
    text = CellReader("Table I row 1")
    assert text.title(_cell("Preferrad Unlts", "text"), "title").value == "Preferrad Unlts"
    assert text.findings == []


def test_regression_initials_lost_their_first_stop_in_a_name_cell() -> None:
    # "L.P." read "LP.": its first stop touched the "L" and was read as part of it
    reader = CellReader("Table I row 1")
    fact = reader.name(_cell("By Example Fund IV, LP."), "nature of ownership")
    assert fact.value == "By Example Fund IV, L.P."
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("By Trust'", "By Trust"),  # a speck after the last letter
        ("By Example Fund il", "By Example Fund II"),  # the numeral's bars as letters
        ("By Example Fund lI", "By Example Fund II"),
        ("See footnote)", "See footnote"),  # a marker's closing bracket left over
        ("By Example Fund; LP", "By Example Fund, LP"),  # a comma read as a semicolon
        ("By Example Fund XU, LLC", "By Example Fund XII, LLC"),  # two bars as a "U"
        ("By Example Fund X11, LLC", "By Example Fund XII, LLC"),
        ("See Footnotes'\u201d", "See Footnotes"),  # a marker read as quote marks
        ("See footnote *?", "See footnote"),  # or as signs
        ('See footnote"?', "See footnote"),
        ("By Trust (Family))", "By Trust (Family)"),
    ],
)
def test_ocr_name_specks_and_numerals(read: str, meant: str) -> None:
    reader = CellReader("Table I row 1")
    assert reader.name(_cell(read), "nature of ownership").value == meant


@pytest.mark.parametrize(
    "printed",
    ["By Example Fund, LP", "By Example U.S. Fund, L.P.", "By Trust", "By Owners' Fund"],
    ids=["no-stops", "stops-read", "no-initials", "possessive"],
)
def test_names_read_right_keep_their_stops(printed: str) -> None:
    reader = CellReader("Table I row 1")
    assert reader.name(_cell(printed), "nature of ownership").value == printed
    assert reader.findings == []


def test_a_name_from_a_text_layer_is_kept_as_printed() -> None:
    reader = CellReader("Table I row 1")
    assert reader.name(_cell("Example Fund, LP.", "text"), "nature").value == "Example Fund, LP."


@pytest.mark.parametrize(("read", "meant"), [("sO", "0"), ("So.50", "0.50"), ("S0", "0")])
def test_regression_price_of_zero_with_its_dollar_and_digit_read_as_letters(
    read: str, meant: str
) -> None:
    """A blurred "$0" read "sO" was taken as "50": the "S" as a "5", then "O" as "0"."""
    reader = CellReader("Table II row 1")
    assert reader.money(_cell(read), "price").value == Decimal(meant)


def test_a_word_in_a_price_cell_is_no_price() -> None:
    assert CellReader("Table II row 1").money(_cell("Sold"), "price").value is None


@pytest.mark.parametrize("read", ["v", "V.", "'v"])
def test_regression_a_lone_v_read_in_lower_case_is_the_v_column_mark(read: str) -> None:
    reader = CellReader("Table I row 1")
    assert reader.v_mark(_cell(read))
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


@pytest.mark.parametrize(("read", "source"), [("v", "text"), ("W", "ocr"), ("vv", "ocr")])
def test_other_text_in_the_v_column_is_no_v(read: str, source: str) -> None:
    reader = CellReader("Table I row 1")
    assert not reader.v_mark(_cell(read, source))
    assert [f.code for f in reader.findings] == ["table.value_unreadable"]


@pytest.mark.parametrize("read", ["I", "|", "l"])
def test_regression_one_stroke_read_in_a_nature_cell_is_no_name(read: str) -> None:
    reader = CellReader("Table II row 1")
    assert reader.name(_cell(read), "nature of ownership").value is None
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


def test_a_name_of_one_letter_printed_in_the_text_layer_is_kept() -> None:
    assert CellReader("Table II row 1").name(_cell("I", "text"), "nature").value == "I"
