"""One hostile document at a time through `form4 extract`: one line on stderr naming the
file and the cause (with a remedy where there is one), an exit code by class, no crash.

Exit codes (extractor/errors.py): 3 input, 4 XML, 5 not a form; 0 read.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.edgar.xml_read import read_ownership_file
from extractor.model.geometry import Page
from tests.conftest import SAMPLES
from tests.hostile.build import (
    SAMPLE_PDF,
    SAMPLE_XML,
    blank_pdf,
    cut_below,
    encrypted_pdf,
    png_header_only,
    text_pdf,
    white_png,
)
from tests.hostile.conftest import form4, one_line_error

TEN_K = [
    "UNITED STATES SECURITIES AND EXCHANGE COMMISSION",
    "Washington, D.C. 20549",
    "FORM 10-K",
    "ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934",
    "Item 1. Business",
    "Item 1A. Risk Factors",
]


def _truncated(path: Path) -> None:
    data = SAMPLE_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _xml_body() -> bytes:
    """The sample's XML without its declaration."""
    return SAMPLE_XML.read_bytes().split(b"?>", 1)[1]


def _with_doctype(doctype: bytes, entity: bytes) -> bytes:
    body = _xml_body().replace(b"<issuerName>", b"<issuerName>" + entity, 1)
    return b'<?xml version="1.0"?>\n' + doctype + body


XXE = _with_doctype(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', b"&x;")
LAUGHS = _with_doctype(
    b'<!DOCTYPE r [<!ENTITY a "lol">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9))
    + b"]>",
    b"&j;",
)

# name -> (file name, build it, exit code, message pattern after "form4: <path>: ")
Case = tuple[str, Callable[[Path], object], int, str]
CASES: dict[str, Case] = {
    "zero-byte": ("empty.pdf", lambda p: p.write_bytes(b""), 3, r"the file is empty \(0 bytes\)"),
    "truncated-pdf": (
        "half.pdf",
        _truncated,
        3,
        r"not a readable PDF \(.*\) \(the file may be truncated or damaged",
    ),
    "2000-blank-pages": (
        "blank.pdf",
        lambda p: blank_pdf(p, 2000),
        3,
        r"2,000 pages, over the limit of 200 \(split the document",
    ),
    "page-200-inches-wide": (
        "wide.pdf",
        lambda p: text_pdf(p, TEN_K, (14400.0, 792.0)),
        5,
        r"not an ownership form",
    ),
    "blank-pages-no-text": (
        "scan.pdf",
        lambda p: blank_pdf(p, 2),
        3,
        r"no text found on any page .* \(give",
    ),
    "png-30000x30000": (
        "bomb.png",
        lambda p: p.write_bytes(png_header_only(30_000, 30_000)),
        3,
        r"the image (is too large to decode|claims 30000 x 30000 pixels)",
    ),
    # read as the image it is (a blank page), never as a broken PDF
    "png-named-pdf": (
        "form.pdf",
        lambda p: p.write_bytes(white_png(400, 500)),
        3,
        r"no text found",
    ),
    "text-named-tiff": (
        "scan.tiff",
        lambda p: p.write_text("Dear investor, please find attached...\n"),
        3,
        r"not a PDF, image or ownership XML \(unrecognised content\) \(give",
    ),
    "xml-xxe": ("xxe.xml", lambda p: p.write_bytes(XXE), 4, r"DOCTYPE declares entities; refused"),
    "xml-billion-laughs": (
        "laughs.xml",
        lambda p: p.write_bytes(LAUGHS),
        4,
        r"DOCTYPE declares entities; refused",
    ),
    "xml-latin1-undeclared": (
        "latin1.xml",
        lambda p: p.write_bytes(
            _xml_body().replace(b"<issuerName>", b"<issuerName>Soci\xe9t\xe9 ")
        ),
        4,
        r"not well-formed XML at line \d+: .*encoding.* \(.*convert it to UTF-8 or declare it",
    ),
    "10-k-page": ("10k.pdf", lambda p: text_pdf(p, TEN_K), 5, r"not an ownership form: .*\(give"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_hostile_document_is_refused_in_one_line(tmp_path: Path, case: str) -> None:
    name, build, code, pattern = CASES[case]
    path = tmp_path / name
    build(path)
    started = time.monotonic()
    run = form4("extract", path)
    assert time.monotonic() - started < 10, "refusing must not hang"
    assert run.code == code, run.stderr
    message = one_line_error(run, path)
    assert re.search(pattern, message), message
    assert run.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "no temporary file left"


# -- documents that must read (or fail clearly) --------------------------------------


def _issuer_of_json(run: object) -> str:
    import json

    stdout = getattr(run, "stdout")  # noqa: B009 - Run is a plain dataclass
    return str(json.loads(stdout)["filing"]["issuer"]["name"]["value"])


TRUTH_ISSUER = read_ownership_file(SAMPLE_XML).issuer.name.value


def test_startxref_pointing_nowhere_is_repaired_and_reads(tmp_path: Path) -> None:
    data = SAMPLE_PDF.read_bytes()
    cut = data.rfind(b"startxref")
    path = tmp_path / "badxref.pdf"
    path.write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")
    run = form4("extract", path, "--format", "json")
    assert run.code == 0, run.stderr
    assert _issuer_of_json(run) == TRUTH_ISSUER


def test_a_garbled_xref_table_reads_or_fails_in_one_line(tmp_path: Path) -> None:
    """PDFium rebuilds a broken cross-reference table by scanning the objects; if it ever
    cannot, the refusal must still be the one-line input error."""
    data = bytearray(SAMPLE_PDF.read_bytes())
    start = data.rfind(b"\nxref") + 1
    end = data.find(b"trailer", start)
    assert 0 < start < end, "the sample has no classic xref table any more"
    data[start + 5 : end] = bytes(b if b in b"\r\n" else ord("#") for b in data[start + 5 : end])
    path = tmp_path / "garbled.pdf"
    path.write_bytes(bytes(data))
    run = form4("extract", path, "--format", "json")
    if run.code == 0:
        assert _issuer_of_json(run) == TRUTH_ISSUER
    else:
        assert run.code == 3
        assert "not a readable PDF" in one_line_error(run, path)


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    return encrypted_pdf(SAMPLE_PDF, tmp_path / "locked.pdf", "s3cret")


def test_encrypted_pdf_without_password_names_the_remedy(encrypted: Path) -> None:
    run = form4("extract", encrypted)
    assert run.code == 3
    assert one_line_error(run, encrypted).endswith(
        "the PDF is encrypted (pass the password with --password)"
    )


def test_encrypted_pdf_with_wrong_password_says_so(encrypted: Path) -> None:
    run = form4("extract", encrypted, "--password", "guess")
    assert run.code == 3
    assert one_line_error(run, encrypted).endswith("the password given is wrong")


def test_password_is_passed_through_to_the_reader(encrypted: Path) -> None:
    run = form4("extract", encrypted, "--password", "s3cret", "--format", "json")
    assert run.code == 0, run.stderr
    assert _issuer_of_json(run) == TRUTH_ISSUER


def test_page_limit_is_checked_before_any_page_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.sources import pdf_text

    read: list[int] = []
    real = pdf_text._read_page
    monkeypatch.setattr(pdf_text, "_read_page", lambda page, n: read.append(n) or real(page, n))
    path = blank_pdf(tmp_path / "long.pdf", 2000)
    started = time.monotonic()
    run = form4("extract", path)
    assert time.monotonic() - started < 10
    assert run.code == 3 and "over the limit of 200" in run.stderr
    assert read == [], f"{len(read)} pages were read before the limit was checked"


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        (
            "latin1-declared",
            lambda text: b'<?xml version="1.0" encoding="ISO-8859-1"?>' + text.encode("latin-1"),
        ),
        ("utf16-bom", lambda text: text.encode("utf-16")),
        (
            "utf16-declared",
            lambda text: ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16"),
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_xml_in_a_declared_encoding_reads(
    tmp_path: Path, name: str, encode: Callable[[str], bytes]
) -> None:
    text = _xml_body().decode("utf-8").replace("<issuerName>", "<issuerName>Société ", 1)
    path = tmp_path / f"{name}.xml"
    path.write_bytes(encode(text))
    run = form4("extract", path, "--format", "json")
    assert run.code == 0, run.stderr
    assert _issuer_of_json(run) == f"Société {TRUTH_ISSUER}"


def test_regression_utf16_xml_was_refused_as_unrecognised_content(tmp_path: Path) -> None:
    from extractor.sources.sniff import InputKind, sniff_kind

    path = tmp_path / "u16.xml"
    path.write_bytes(_xml_body().decode("utf-8").encode("utf-16"))
    assert sniff_kind(path, 1 << 20) is InputKind.XML


def test_xxe_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    path = tmp_path / "xxe.xml"
    path.write_bytes(XXE.replace(b"file:///etc/passwd", secret.as_uri().encode()))
    run = form4("extract", path, "--format", "json")
    assert run.code == 4
    assert "TOP-SECRET-LINE" not in run.stdout + run.stderr


# Known gap (layout/tables, not owned here): on this sample the tear leaves Table II's
# header with only optional columns missing, so 13 lost rows raise INFO findings only.
def _torn_cases() -> list[object]:
    return [pytest.param(p, id=p.stem) for p in sorted(SAMPLES.glob("*.pdf"))]


@pytest.mark.parametrize("sample", _torn_cases())
def test_table_ii_torn_off_mid_page_reads_what_is_there(tmp_path: Path, sample: Path) -> None:
    """The page loses everything from 40 pt below the Table II title: Table I is read in
    full, the torn Table II is reported in findings (a warning when rows were lost)."""
    from extractor.sources.pdf_text import pdf_to_pages

    title = _table_ii_title(pdf_to_pages(sample))
    if title is None:
        pytest.skip(f"{sample.name} prints no Table II title")
    page, bottom = title
    torn = cut_below(sample, tmp_path / sample.name, page - 1, bottom + 40)
    run = form4("extract", torn, "--format", "json")
    assert run.code == 0, run.stderr
    import json

    result = json.loads(run.stdout)
    truth = read_ownership_file(sample.with_suffix(".xml"))
    filing = result["filing"]
    assert len(filing.get("non_derivative_transactions", [])) == len(
        truth.non_derivative_transactions
    )
    table_ii = [f for f in result["findings"] if "Table II" in f["message"]]
    assert table_ii, "the torn Table II is not reported"
    if truth.derivative_transactions or truth.derivative_holdings:  # rows were lost
        assert any(f["severity"] in ("warning", "error") for f in table_ii), table_ii


def _table_ii_title(pages: list[Page]) -> tuple[int, float] | None:
    """(page number, bottom) of the printed 'Table II' title."""
    for page in pages:
        tables = [w for w in page.words if w.text == "Table"]
        for word in page.words:
            if word.text == "II" and any(abs(word.box.top - t.box.top) < 2 for t in tables):
                return page.number, word.box.bottom
    return None


def test_a_page_200_inches_square_renders_within_the_pixel_budget(tmp_path: Path) -> None:
    """The review page draws pages as PNG: 14,400 pt square at 1.5x would be 1.4 GB of RGB."""
    import struct

    from extractor.sources.raster import MAX_PIXELS, render_page_png

    path = text_pdf(tmp_path / "huge.pdf", ["a very large page"], (14400.0, 14400.0))
    png = render_page_png(path, 1)
    width, height = struct.unpack(">II", png[16:24])
    assert width * height <= MAX_PIXELS and width == height > 1000
