"""Images that are no filing get a clear refusal, never a crash: a blank page, a picture
with words that is not a form. Skipped without the OCR extra or the Tesseract model."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("cv2", reason="the ocr extra (opencv) is not installed")
Image = pytest.importorskip("PIL.Image", reason="the ocr extra (Pillow) is not installed")
from PIL import ImageDraw, ImageFont  # noqa: E402

from extractor.api import extract  # noqa: E402
from extractor.errors import InputError, NotAFormError  # noqa: E402
from extractor.sources import ocr  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")


@pytest.fixture(autouse=True)
def _engine() -> None:
    try:
        ocr.engine()
    except ocr.OcrUnavailable as exc:
        pytest.skip(str(exc))


def test_blank_scan_says_no_text_was_found(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    Image.new("L", (1275, 1650), 255).save(path, dpi=(150, 150))
    with pytest.raises(InputError, match="no text found on any page"):
        extract(path)


def test_picture_with_words_that_is_no_form_is_refused_as_such(tmp_path: Path) -> None:
    if not FONT.is_file():
        pytest.skip(f"{FONT} not found (fonts-liberation)")
    img = Image.new("L", (1275, 1650), 200)
    draw = ImageDraw.Draw(img)
    draw.ellipse((200, 300, 1000, 1100), fill=90)  # a "photo": shapes and a caption
    draw.text(
        (200, 1300),
        "Holiday at the lake, summer 2019",
        fill=0,
        font=ImageFont.truetype(str(FONT), 40),
    )
    path = tmp_path / "photo.jpg"
    img.save(path, dpi=(150, 150))
    with pytest.raises(NotAFormError, match="not an ownership form"):
        extract(path)


def test_lines_turned_holds_within_its_block_and_is_put_back() -> None:
    from extractor.sources import ocr

    before = ocr._turned()
    with ocr.lines_turned(False):
        assert ocr._turned() == "0"
        with ocr.lines_turned(True):
            assert ocr._turned() == "1"
        assert ocr._turned() == "0"
    assert ocr._turned() == before == "1"
