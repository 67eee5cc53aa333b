"""Property: a filing written as XML, rendered as EDGAR shows it, and read back is the same.

Synthetic filings come from `tests/synth.py` (many rows, long wrapping titles, many
footnotes, several owners, multi-page, empty tables, Form 5); the bundled samples are
checked the same way against the XML they were rendered from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.api import extract
from extractor.edgar.render import render_filing
from extractor.edgar.xml_read import read_ownership_file, read_ownership_xml
from extractor.edgar.xml_write import filing_to_xml
from tests.conftest import SAMPLES
from tests.printed import differences
from tests.synth import make_filing

needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="chromium is needed to render PDFs (apt-get install chromium)",
)
SEEDS = list(range(1, 13))
SAMPLE_XML = sorted(SAMPLES.glob("*.xml"))


@needs_chromium
@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed{s}" for s in SEEDS])
def test_synthetic_filing_survives_render_and_extract(tmp_path: Path, seed: int) -> None:
    # through the XML first, so the filing is what EDGAR would hold
    filing = read_ownership_xml(filing_to_xml(make_filing(seed)), f"seed{seed}")
    pdf = tmp_path / f"seed{seed}.pdf"
    render_filing(filing, pdf)
    result = extract(pdf)
    assert result.filing is not None, result.error
    assert differences(filing, result.filing) == []


@pytest.mark.parametrize("xml", SAMPLE_XML, ids=[p.stem for p in SAMPLE_XML])
def test_bundled_sample_pdf_reads_as_its_xml(xml: Path) -> None:
    pdf = xml.with_suffix(".pdf")
    if not pdf.is_file():
        pytest.skip(f"{pdf} not rendered (python samples/make_samples.py)")
    result = extract(pdf)
    assert result.filing is not None, result.error
    assert differences(read_ownership_file(xml), result.filing) == []
