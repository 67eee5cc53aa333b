"""OCR faults (OCR arrived while this suite was written; extractor/sources/ocr.py and
scan_words.py belong to the OCR work): no engine is an OcrError (exit 7) naming what to
install; an engine that crashes on a page should be one too, never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.build import glyphs_png, white_png
from tests.hostile.conftest import form4, one_line_error

ocr = pytest.importorskip("extractor.sources.ocr", reason="this version has no OCR")


def test_no_ocr_engine_is_exit_7_naming_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> str:
        raise ocr.OcrUnavailable("no OCR engine: install tesseract-ocr")

    monkeypatch.setattr(ocr, "engine", missing)
    scan = tmp_path / "scan.png"
    scan.write_bytes(white_png(300, 400, ink_rows=40))
    run = form4("extract", scan)
    assert run.code == 7, run.stderr
    assert "no OCR engine: install tesseract-ocr" in one_line_error(run, scan)


def test_an_ocr_engine_crash_is_exit_7_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_: object, **__: object) -> list[object]:
        raise RuntimeError("Tesseract process died (signal 11)")

    monkeypatch.setattr(ocr, "read_words", crash)
    scan = tmp_path / "scan.png"
    scan.write_bytes(glyphs_png(600, 400))
    run = form4("extract", scan)
    assert run.code == 7, run.stderr
    assert "Tesseract process died" in one_line_error(run, scan)
