"""A synthetic page scan read by Tesseract: words land in PDF points where they were
drawn, an upside-down page is turned, a blank page has no words.

Skipped without the OCR extra, the Tesseract English model or a TrueType font.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pytest

np = pytest.importorskip("numpy", reason="the ocr extra (numpy) is not installed")
cv2 = pytest.importorskip("cv2", reason="the ocr extra (opencv) is not installed")
PIL_Image = pytest.importorskip("PIL.Image", reason="the ocr extra (Pillow) is not installed")
from PIL import ImageDraw, ImageFont  # noqa: E402

from extractor.model.geometry import Box, Word  # noqa: E402
from extractor.sources import cell_ocr, ocr  # noqa: E402
from extractor.sources.images import PageImage  # noqa: E402
from extractor.sources.printed import PrintedForm, Wording  # noqa: E402
from extractor.sources.scan_words import scan_to_page, without_tall  # noqa: E402
from tests.conftest import ocr_engine_or_skip  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
DPI = 300
LINES = [
    ("Common Stock", 300, 600),
    ("04/23/2019", 1100, 600),
    ("2,468,135", 1700, 600),
    ("Explanation of Responses:", 300, 1200),
    ("Restricted Stock Units", 300, 1500),
]


def _page(turned: bool = False, lines: list[tuple[str, int, int]] = LINES) -> PageImage:
    img = PIL_Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 42)  # 10 pt at 300 dpi
    for text, x, y in lines:
        draw.text((x, y), text, fill=0, font=font)
    pixels = np.asarray(img, dtype=np.uint8)
    if turned:
        pixels = np.ascontiguousarray(pixels[::-1, ::-1])
    return PageImage(1, pixels, DPI)


CLOSING = PrintedForm(page_end=("Closing notice",))


def _texts(page_words: tuple[object, ...]) -> list[str]:
    return [w.text for w in page_words]  # type: ignore[attr-defined]


def test_words_are_read_with_boxes_in_points() -> None:
    ocr_engine_or_skip(FONT)
    page = scan_to_page(_page())
    assert (page.width, page.height) == (pytest.approx(612.0), pytest.approx(792.0))
    by_text = {w.text: w for w in page.words}
    for text in ("04/23/2019", "2,468,135", "Responses:"):
        assert text in by_text, _texts(page.words)
    date = by_text["04/23/2019"]
    assert date.box.x0 == pytest.approx(1100 * 72 / DPI, abs=3)
    assert date.source == "ocr"
    assert 0.5 < date.confidence <= 1.0
    assert 8 < date.size < 13  # drawn at 10 pt


def test_upside_down_page_is_read_upright() -> None:
    ocr_engine_or_skip(FONT)
    texts = _texts(scan_to_page(_page(turned=True)).words)
    assert "2,468,135" in texts and "Restricted" in texts, texts


@pytest.mark.parametrize("turns", [1, 3], ids=["quarter-left", "quarter-right"])
def test_page_lying_on_its_side_is_read_upright(turns: int) -> None:
    ocr_engine_or_skip(FONT)
    upright = _page()
    lying = PageImage(1, np.ascontiguousarray(np.rot90(upright.pixels, turns)), DPI)
    page = scan_to_page(lying)
    texts = _texts(page.words)
    assert "2,468,135" in texts and "Restricted" in texts, texts
    assert (page.width, page.height) == (pytest.approx(612.0), pytest.approx(792.0))


def test_blank_page_has_no_words() -> None:
    ocr_engine_or_skip(FONT)
    blank = PageImage(1, np.full((3300, 2550), 255, dtype=np.uint8), DPI)
    assert scan_to_page(blank).words == ()


def test_text_below_the_page_end_line_is_not_read() -> None:
    ocr_engine_or_skip(FONT)
    lines = [
        ("Explanation of Responses:", 300, 600),
        ("Closing notice of the form", 300, 1200),
        ("Boilerplate nobody reads", 300, 1800),
    ]
    texts = _texts(scan_to_page(_page(lines=lines), CLOSING).words)
    assert "Responses:" in texts and "notice" in texts, texts
    assert "Boilerplate" not in texts, texts


def test_page_end_phrase_must_begin_its_line() -> None:
    # the phrase inside a line of text ("see the Closing notice") ends nothing
    ocr_engine_or_skip(FONT)
    lines = [("See the Closing notice here", 300, 600), ("Restricted Stock Units", 300, 1200)]
    texts = _texts(scan_to_page(_page(lines=lines), CLOSING).words)
    assert "Restricted" in texts, texts


def test_typographic_quotes_read_by_ocr_become_plain() -> None:
    from extractor.sources.ocr import OcrWord
    from extractor.sources.scan_words import _to_word

    word = _to_word(OcrWord("(“Fooco’s”),", 0, 0, 40, 10, 0.9), 0.24, 1)
    assert word.text == '("Fooco\'s"),'


def test_regression_a_word_whose_one_riser_is_a_t_is_sized_as_its_line() -> None:
    """A scan read the label line 'to be Reported': "to", boxed 5.8 pt high, came out
    8 pt against its line's 10, and the label's second line was not followed. A 't'
    rises above the x-height, not to the ascenders ("be", 7.2 pt high)."""
    from extractor.sources.ocr import OcrWord
    from extractor.sources.scan_words import _to_word

    to, be = (_to_word(OcrWord(t, 0, 0, 40, h, 0.9), 1.0, 1) for t, h in (("to", 58), ("be", 72)))
    assert abs(to.size - be.size) < 0.15 * be.size


# --- The form's printed wording (sources/printed.py) ------------------------------------
PRINTED = PrintedForm(Wording.of(["Form filed by More than One Reporting Person"]))


def _read_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the segments OCR reads whole, recorded as the page is read."""
    seen: list[str] = []
    read = cell_ocr._read_segment

    def recorded(*args: object) -> list[object]:
        words = read(*args)  # type: ignore[arg-type]
        seen.append(" ".join(w.text for w in words))
        return words  # type: ignore[return-value]

    monkeypatch.setattr(cell_ocr, "_read_segment", recorded)
    return seen


def test_printed_wording_is_told_from_a_few_words_not_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ocr_engine_or_skip(FONT)
    seen = _read_whole(monkeypatch)
    lines = [("Form filed by More than One Reporting Person", 300, 900), *LINES[:1]]
    texts = _texts(scan_to_page(_page(lines=lines), PRINTED).words)
    assert texts[2:10] == ["Form", "filed", "by", "More", "than", "One", "Reporting", "Person"], (
        texts
    )
    assert "Common Stock" in seen and not any("than" in s for s in seen), seen


def test_regression_line_opening_like_printed_wording_is_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # same opening words and word count, another last word: not the form's wording
    ocr_engine_or_skip(FONT)
    seen = _read_whole(monkeypatch)
    lines = [("Form filed by More than One Reporting Owner", 300, 600)]
    texts = _texts(scan_to_page(_page(lines=lines), PRINTED).words)
    assert "Owner" in texts and "Person" not in texts, texts
    assert any("than" in s for s in seen), seen


@pytest.mark.parametrize("binarized", [False, True], ids=["grey page", "black and white"])
def test_only_a_fax_has_its_unsure_lines_read_again_turned_light_on_dark(
    monkeypatch: pytest.MonkeyPatch, binarized: bool
) -> None:
    # a grey page prints no light-on-dark text; a 150-dpi fax lost table rows without it
    ocr_engine_or_skip(FONT)
    chosen: list[bool] = []
    real = ocr.lines_turned

    def recorded(tried: bool) -> AbstractContextManager[None]:
        chosen.append(tried)
        return real(tried)

    monkeypatch.setattr(ocr, "lines_turned", recorded)
    pixels = _page().pixels
    # a scanner's optics blur the print's edges grey; a fax cuts every pixel to one of two
    pixels = np.where(pixels < 128, 0, 255) if binarized else cv2.GaussianBlur(pixels, (0, 0), 2)
    scan_to_page(PageImage(1, pixels.astype(np.uint8), DPI))
    assert chosen == [binarized]


def _boxed(image: PageImage, x0: int, top: int, x1: int, bottom: int) -> PageImage:
    """`image` with a ruled box drawn round (x0, top)-(x1, bottom): a cell of the grid."""
    pixels = image.pixels.copy()
    for y in (top, bottom):
        pixels[y : y + 4, x0 : x1 + 4] = 0
    for x in (x0, x1):
        pixels[top : bottom + 4, x : x + 4] = 0
    return PageImage(image.number, pixels, image.dpi)


@pytest.mark.parametrize("faxed", [False, True], ids=["grey page", "regression: fax"])
def test_a_grid_cell_holding_one_whole_printed_phrase_is_told_from_its_opening(
    monkeypatch: pytest.MonkeyPatch, faxed: bool
) -> None:
    # its opening words and word count fit one phrase: the rest is not read (around the
    # grid a line opening so is read to its end, see the regression test above). Not on
    # a fax, whose broken glyphs miscount words: box 3's date ran into its label there
    ocr_engine_or_skip(FONT)
    read: list[str] = []
    real = ocr.read_words

    def recorded(*args: object, **kwargs: object) -> list[ocr.OcrWord]:
        words = real(*args, **kwargs)  # type: ignore[arg-type]
        read.extend(w.text for w in words)
        return words

    monkeypatch.setattr(ocr, "read_words", recorded)
    lines = [("Form filed by More", 320, 620), ("than One Reporting Person", 320, 680)]
    pixels = _boxed(_page(lines=lines), 280, 580, 1200, 760).pixels
    pixels = np.where(pixels < 128, 0, 255) if faxed else cv2.GaussianBlur(pixels, (0, 0), 2)
    texts = _texts(scan_to_page(PageImage(1, pixels.astype(np.uint8), DPI), PRINTED).words)
    assert texts[:8] == ["Form", "filed", "by", "More", "than", "One", "Reporting", "Person"], texts
    assert ("Person" in read) is faxed, read


def _word(text: str, top: float, height: float) -> Word:
    return Word(text, Box(40, top, 80, top + height), height, 2, source="ocr", confidence=0.5)


def test_regression_a_page_of_flat_rule_edge_readings_keeps_its_words() -> None:
    # the faint edges of a continuation page's painted-out rules came back as a hundred
    # flat "a" and "—": as the median height they made every word of its table too tall
    table = [_word(f"row{i}", 100 + 20 * i, 7.0) for i in range(30)]
    edges = [_word(("a", "—", "Oo")[i % 3], 90 + 5 * i, 0.4) for i in range(100)]
    stroke = _word("|", 100, 40.0)  # a rule's stub boxed across several lines
    kept = without_tall(tuple(table + edges + [stroke]))
    assert [w for w in kept if w.box.height > 1] == table


def _blurred_table_page() -> PageImage:
    """A page scanned at 150 dpi, blurred, as 300 dpi: a table of three columns whose
    rules spread a faint edge beside them, one value per cell, little else on the page
    (as on a continuation page, where the page around the grid is nearly all paper)."""
    img = PIL_Image.new("L", (1275, 1650), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 21)  # 10 pt at 150 dpi
    xs, ys = (60, 420, 760, 1200), (300, 420, 540, 660)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    values = (("Common Stock", "06/20/2019", "16,514"), ("Class A", "04/23/2019", "37,310"))
    for row, texts in enumerate(values):
        for col, text in enumerate(texts):
            draw.text((xs[col] + 40, ys[row] + 45), text, fill=0, font=font)
    small = np.asarray(img, dtype=np.uint8)
    blurred = cv2.GaussianBlur(small, (0, 0), 0.9)
    big = cv2.resize(blurred, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return PageImage(1, np.asarray(big, dtype=np.uint8), DPI)


def test_regression_a_blurred_rules_faint_edge_is_not_read_as_text() -> None:
    # the faint edges left beside a continuation page's painted-out rules were read as
    # "I", "|" and dashes into its first and last columns ("I Class A Common Stock")
    ocr_engine_or_skip(FONT)
    page = scan_to_page(_blurred_table_page())
    expected = ["Common", "Stock", "06/20/2019", "16,514", "Class", "A", "04/23/2019", "37,310"]
    assert sorted(_texts(page.words)) == sorted(expected)
