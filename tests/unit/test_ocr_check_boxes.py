"""Check boxes drawn beside a label's paragraph: the frame is no glyph, its mark is
read alone, and the paragraph's lines stay apart.

Skipped without the OCR extra, the Tesseract English model or a TrueType font.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy", reason="the ocr extra (numpy) is not installed")
pytest.importorskip("cv2", reason="the ocr extra (opencv) is not installed")
PIL_Image = pytest.importorskip("PIL.Image", reason="the ocr extra (Pillow) is not installed")
from PIL import ImageDraw, ImageFilter, ImageFont  # noqa: E402

from extractor.sources import cell_ocr  # noqa: E402
from tests.conftest import ocr_engine_or_skip  # noqa: E402

SANS = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
SERIF = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
PARAGRAPH = [
    "Tick this box to show that",
    "a purchase of goods was made",
    "under a written plan of sale",
]


def _outline(width: int, height: int, stroke: int) -> Any:
    mask = np.zeros((height, width), dtype=bool)
    mask[:stroke], mask[-stroke:], mask[:, :stroke], mask[:, -stroke:] = True, True, True, True
    return mask


def test_a_rectangle_outline_is_a_frame() -> None:
    assert cell_ocr._is_frame(_outline(38, 60, 5))


def test_an_outline_with_a_bold_cross_touching_it_is_a_frame() -> None:
    mask = _outline(38, 60, 5)
    for i in range(60):  # a cross corner to corner, 7 px thick
        x = round(i * 37 / 59)
        mask[i, max(0, x - 3) : x + 4] = True
        mask[i, max(0, 34 - x) : 41 - x] = True
    assert cell_ocr._is_frame(mask)


def test_a_filled_square_is_no_frame() -> None:
    assert not cell_ocr._is_frame(np.ones((30, 30), dtype=bool))


@pytest.mark.parametrize("size", [90, 32])
@pytest.mark.parametrize("letter", ["O", "D", "H", "0", "B", "n", "a"])
def test_regression_a_bold_round_or_open_letter_is_no_frame(letter: str, size: int) -> None:
    """Scanned small and bold, a "B" or an "n" inks the whole of each side's edge."""
    bold = SANS.with_name("LiberationSans-Bold.ttf")
    ocr_engine_or_skip(bold)
    img = PIL_Image.new("L", (120, 120), 255)
    ImageDraw.Draw(img).text((10, 0), letter, fill=0, font=ImageFont.truetype(str(bold), size))
    ink = np.asarray(img.filter(ImageFilter.GaussianBlur(1.2))) < 150  # the scan thickens it
    rows, cols = np.nonzero(ink)
    assert not cell_ocr._is_frame(ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1])


def _label_with_box(checked: bool) -> Any:
    img = PIL_Image.new("L", (700, 150), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(SANS), 28)  # 7 pt at 300 dpi, as the form's labels
    for i, line in enumerate(PARAGRAPH):
        draw.text((90, 10 + 30 * i), line, fill=0, font=font)
    # the box is two lines tall and sits between the paragraph's lines
    draw.rectangle((20, 30, 58, 92), outline=110, width=5)
    if checked:  # the typed cross touches the frame at its feet, as printed
        draw.text((25, 38), "X", fill=0, font=ImageFont.truetype(str(SERIF), 48))
    return np.asarray(img, dtype=np.uint8)


@pytest.mark.parametrize("checked", [True, False], ids=["checked", "empty"])
def test_regression_a_check_box_does_not_run_its_labels_lines_together(checked: bool) -> None:
    ocr_engine_or_skip(SANS)
    texts = [w.text for w in cell_ocr.read_cell(_label_with_box(checked), 300)]
    for word in ("purchase", "goods", "written", "sale"):
        assert word in texts
    marks = [t for t in texts if t.strip(".,").upper() in {"X", "XX"}]
    assert len(marks) == (1 if checked else 0)
