"""Shared fixtures: where the corpus is, and a skip with a reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED = Path(os.environ.get("FORM4_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_xml.py"


def corpus_dir(name: str) -> Path:
    """A corpus folder, or skip the test with the reason when it is not there."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"{path} not found: the shared corpus is needed (CI has it beside the repo)")
    return path


def corpus_files(name: str, pattern: str) -> list[Path]:
    """Files for parametrisation at collection time; empty when the corpus is absent."""
    path = CORPUS / name
    return sorted(path.glob(pattern)) if path.is_dir() else []


def ocr_engine_or_skip(font: Path | None = None) -> None:
    """Skip unless the OCR extra, a Tesseract engine with its English model and, when
    given, the TrueType `font` a test draws with are installed."""
    ocr = pytest.importorskip("extractor.sources.ocr", reason="the ocr extra is not installed")
    try:
        ocr.engine()
    except ocr.OcrUnavailable as exc:
        pytest.skip(str(exc))
    if font is not None and not font.is_file():
        pytest.skip(f"{font} not found (fonts-liberation)")
