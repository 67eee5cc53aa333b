"""Bad input through the real command: one line naming the file, an exit code by class."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import InputError, NotAFormError, XmlError
from tests.cli.conftest import run_form4

BAD_INPUTS = {
    "zero-byte": (b"", InputError, "empty"),
    "text-named-pdf": (b"hello, this is not a filing\n", InputError, "not a PDF, image"),
    "not-xml": (b"<ownershipDocument><issuer>", XmlError, "XML"),
    "other-xml": (b"<?xml version='1.0'?><invoice><total>3</total></invoice>", XmlError, "invoice"),
    "missing-document-type": (
        b"<ownershipDocument><issuer><issuerCik>1</issuerCik></issuer></ownershipDocument>",
        XmlError,
        "documentType",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_gets_one_line_and_exit_code(tmp_path: Path, case: str) -> None:
    data, error_class, words = BAD_INPUTS[case]
    path = tmp_path / ("doc.pdf" if case == "text-named-pdf" else "doc.xml")
    path.write_bytes(data)
    proc = run_form4("extract", path)
    assert proc.returncode == error_class.exit_code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and words in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_file_names_it(tmp_path: Path) -> None:
    proc = run_form4("extract", tmp_path / "nowhere.pdf")
    assert proc.returncode == InputError.exit_code
    assert "nowhere.pdf: no such file" in proc.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    proc = run_form4("extract", path, "--debug")
    assert proc.returncode == InputError.exit_code
    assert "Traceback" in proc.stderr


def test_pdf_that_is_not_a_form_is_refused(tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument.new()
    doc.new_page(612, 792)
    path = tmp_path / "blank.pdf"
    doc.save(str(path))
    proc = run_form4("extract", path)
    # a page without text is a scan to this version; either way a clear refusal
    assert proc.returncode in (InputError.exit_code, NotAFormError.exit_code)
    assert str(path) in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
