"""The input kind comes from the content, not the name."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.sources.sniff import InputKind, sniff_kind

LIMIT = 10_000_000
CASES = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "doc.pdf", InputKind.PDF),
    "png-named-pdf": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "doc.pdf", InputKind.IMAGE),
    "tiff": (b"II*\x00\x08\x00\x00\x00", "scan.tif", InputKind.IMAGE),
    "xml-with-bom": (
        b"\xef\xbb\xbf<?xml version='1.0'?><ownershipDocument/>",
        "a.xml",
        InputKind.XML,
    ),
    "submission": (b"<SEC-DOCUMENT>0001.txt : 2021\n<DOCUMENT>", "a.txt", InputKind.SUBMISSION),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_kind_from_content(tmp_path: Path, case: str) -> None:
    data, name, kind = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    assert sniff_kind(path, LIMIT) is kind


def test_text_named_tiff_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "scan.tiff"
    path.write_text("just some words\n")
    with pytest.raises(InputError, match=r"scan\.tiff: not a PDF, image or ownership XML"):
        sniff_kind(path, LIMIT)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    with pytest.raises(InputError, match="over the limit of 1,000"):
        sniff_kind(path, 1000)


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        sniff_kind(tmp_path, LIMIT)
