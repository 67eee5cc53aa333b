"""Words from a PDF's text layer: the font size a character is printed at."""

from __future__ import annotations

import pytest

from extractor.sources.pdf_text import _type_size


@pytest.mark.parametrize(
    ("reported", "loose_height", "expected"),
    [
        (9.0, 7.6, 9.0),  # a browser's PDF: the size as set
        (10.0, 0.0, 10.0),  # a space PDFium made up has no box
        (1.0, 0.0, 1.0),
        (1.0, 0.8, 1.0),  # text really set at 1 pt stays 1 pt
    ],
)
def test_a_reported_size_is_kept(reported: float, loose_height: float, expected: float) -> None:
    assert _type_size(reported, loose_height) == expected


def test_size_one_scaled_by_the_text_matrix_is_told_from_the_box() -> None:
    """The SEC's paper form sets its text at size 1 and scales it: a 12 pt letter's box
    is some 14 pt tall, and at size 1 a 0.05 pt gap between letters broke words."""
    assert _type_size(1.0, 14.4) == pytest.approx(12.0)
