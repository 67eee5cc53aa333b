"""`form4 inspect` draws a page with the boxes of what was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.api import extract
from extractor.errors import InputError
from extractor.inspect import inspect_page, provenances
from extractor.options import ExtractOptions
from tests.cli.conftest import run_form4
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "qualys-wilson-2013-08-06.pdf"
pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"{SAMPLE} not rendered")


def test_inspect_writes_a_page_image(tmp_path: Path) -> None:
    out = tmp_path / "p1.png"
    proc = run_form4("inspect", SAMPLE, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_value_read_has_a_box_on_its_page() -> None:
    result = extract(SAMPLE)
    boxes = list(provenances(result.filing))
    assert len(boxes) > 20
    assert all(p.page == 1 and p.box[0] < p.box[2] and p.box[1] < p.box[3] for p in boxes)


def test_a_page_that_does_not_exist_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no page 9"):
        inspect_page(SAMPLE, 9, tmp_path / "x.png", ExtractOptions())
