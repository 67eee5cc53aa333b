"""The SEC's own paper Form 4 (SEC 1474, 03-26), typed into: a layout other than EDGAR's.

The blank form comes from `../shared/reference`; the test types invented values into
its boxes and table cells (PDFium text objects, as a PDF form filler does) and reads
the result. The blank sets its text at size 1, scaled by the text matrix, titles its
tables with an em dash after "FORM 4 (continued)" on the same line, gives the header
boxes page 1 alone, prints its labels and the typed values in one colour, numbers its
pages and ends with its instructions; each of these had stopped or spoilt the reading.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from extractor.api import extract
from tests.conftest import SHARED

BLANK = SHARED / "reference" / "sec-form4-blank-SEC1474-03-26.pdf"

# Invented values typed where a filer types them: (page, text, x, top, size), in points
# from the top left of the blank's pages; each value over its caption, as on EDGAR.
TYPED = [
    (1, "Doe John Q", 78.0, 318.0, 9.0),  # box 1, over (Last) (First) (Middle)
    (1, "123 Example Street", 78.0, 364.0, 9.0),  # over (Street)
    (1, "Springfield", 78.0, 402.0, 9.0),  # over (City) (State) (Zip/Postal Code)
    (1, "IL", 139.0, 402.0, 9.0),
    (1, "62701", 204.0, 402.0, 9.0),
    (1, "Acme Widgets Corp [ACMW]", 295.0, 309.0, 9.0),  # box 2
    (1, "03/14/2024", 295.0, 365.0, 9.0),  # box 3
    (1, "X", 479.0, 318.0, 9.0),  # on the line before "Director"
    (1, "X", 479.0, 449.0, 9.0),  # box 6: one reporting person
    (4, "/s/ John Q Doe", 410.0, 148.0, 9.0),  # over the signature line
    (4, "03/15/2024", 657.0, 148.0, 9.0),
    (3, "1. The price is a weighted average of prices from $42.00 to $42.30.", 72.0, 476.0, 8.0),
    (2, "(1)", 490.0, 170.5, 5.5),  # a footnote marker raised after the first price
]
# Table I, first two rows: title, date, code, shares, (A)/(D), price, owned after, D/I
ROWS = [
    ("Common", "03/14/2024", "S", "1,250", "D", "$42.17", "18,400", "D"),
    ("Common", "03/14/2024", "M", "500", "A", "$10.00", "18,900", "D"),
]
ROW_TOPS = (171.0, 192.0)
COLUMN_LEFTS = (36.0, 90.0, 281.0, 355.0, 405.0, 464.0, 501.0, 625.0)


def _typed(doc: object, page: object, text: str, x: float, top: float, size: float) -> None:
    import pypdfium2.raw as pdfium_c

    height = page.get_size()[1]  # type: ignore[attr-defined]
    obj = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", ctypes.c_float(size))  # type: ignore[attr-defined]
    buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, pdfium_c.FPDF_WIDESTRING))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, height - top - size)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def typed_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BLANK.is_file():
        pytest.skip(f"{BLANK} not found: the shared reference folder is needed")
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(BLANK)
    pages = [doc[i] for i in range(4)]  # one handle per page: content is made per handle
    for number, text, x, top, size in TYPED:
        _typed(doc, pages[number - 1], text, x, top, size)
    for row, top in zip(ROWS, ROW_TOPS, strict=True):
        for text, x in zip(row, COLUMN_LEFTS, strict=True):
            _typed(doc, pages[1], text, x, top, 8.0)
    for page in pages:
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    path = tmp_path_factory.mktemp("paper") / "typed-form4.pdf"
    doc.save(path)
    return path


def _text(value: object) -> str:
    """A value as printed: an enum's code, a number's digits."""
    return str(getattr(value, "value", value))


def test_the_typed_paper_form_is_read_as_a_form_4(typed_form: Path) -> None:
    result = extract(typed_form)
    assert result.filing is not None
    assert result.filing.document_type == "4"


def test_the_issuer_box_of_the_paper_form_is_read(typed_form: Path) -> None:
    filing = extract(typed_form).filing
    assert filing is not None
    assert filing.issuer.name.value == "Acme Widgets Corp"
    assert filing.issuer.trading_symbol.value == "ACMW"


def test_table_one_rows_of_the_paper_form_are_read(typed_form: Path) -> None:
    filing = extract(typed_form).filing
    assert filing is not None
    read = [
        tuple(
            _text(v.value)
            for v in (
                t.security_title,
                t.transaction_date,
                t.coding.code,
                t.shares,
                t.acquired_disposed,
                t.price_per_share,
                t.shares_owned_following,
                t.ownership.direct_or_indirect,
            )
        )
        for t in filing.non_derivative_transactions
    ]
    assert read == [
        ("Common", "2024-03-14", "S", "1250", "D", "42.17", "18400", "D"),
        ("Common", "2024-03-14", "M", "500", "A", "10.00", "18900", "D"),
    ]


def test_the_reporting_owner_of_the_paper_form_is_read(typed_form: Path) -> None:
    filing = extract(typed_form).filing
    assert filing is not None
    (owner,) = filing.reporting_owners
    address = owner.address
    assert owner.name.value == "Doe John Q"
    assert (address.street1.value, address.city.value, address.state.value) == (
        "123 Example Street",
        "Springfield",
        "IL",
    )
    assert address.zip_code.value == "62701"
    roles = owner.relationship
    assert roles.is_director and not (roles.is_officer or roles.is_other)
    assert roles.officer_title.value is None  # the printed title line is no title


def test_the_paper_form_reads_clean(typed_form: Path) -> None:
    """Box 3's date, the note under Explanation of Responses without the page's number
    under it, its marker, and the signature; nothing left to report."""
    result = extract(typed_form)
    filing = result.filing
    assert filing is not None
    assert str(filing.period_of_report.value) == "2024-03-14"
    (note,) = filing.footnotes
    assert note.text == "The price is a weighted average of prices from $42.00 to $42.30."
    assert filing.non_derivative_transactions[0].price_per_share.footnote_ids == [note.id]
    (signature,) = filing.signatures
    assert (signature.name.value, str(signature.date.value)) == ("/s/ John Q Doe", "2024-03-15")
    assert result.findings == []


@pytest.mark.slow
def test_the_typed_paper_form_scanned_is_read(typed_form: Path, tmp_path: Path) -> None:
    """The same form printed and scanned (the corpus's 300 dpi tier settings): box 3
    under its two-line label, box 2 bounded by box 2a's label, the owner, Table I."""
    import subprocess
    import sys

    from tests.conftest import ocr_engine_or_skip

    ocr_engine_or_skip()
    tool = SHARED / "tools" / "degrade.py"
    if not tool.is_file():
        pytest.skip(f"{tool} not found")
    scan = tmp_path / "scan.pdf"
    settings = "--dpi 300 --skew-deg 0.5 --scale 0.005 --noise 0.006 --blur 0.5 --jpeg 50"
    command = [sys.executable, str(tool), str(typed_form), str(scan), *settings.split()]
    subprocess.run([*command, "--seed", "3", "--last", "4"], check=True, capture_output=True)
    filing = extract(scan).filing
    assert filing is not None
    assert str(filing.period_of_report.value) == "2024-03-14"
    issuer = f"{filing.issuer.name.value} {filing.issuer.trading_symbol.value}"
    assert "Acme" in issuer and "Foreign" not in issuer  # box 2a's label is not box 2's
    (owner,) = filing.reporting_owners
    assert (owner.name.value, owner.address.zip_code.value) == ("Doe John Q", "62701")
    rows = filing.non_derivative_transactions
    assert [(_text(t.coding.code.value), _text(t.shares.value)) for t in rows] == [
        ("S", "1250"),
        ("M", "500"),
    ]
