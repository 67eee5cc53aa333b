"""Page images: decompression bombs refused from the header, TIFF frames, resolution."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PIL", reason="the ocr extra (Pillow) is not installed")
pytest.importorskip("numpy", reason="the ocr extra (numpy) is not installed")

from PIL import Image

from extractor.errors import InputError
from extractor.sources.images import MAX_PIXELS, OCR_DPI, image_pages, pdf_page_images


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height but holds almost no pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"".join(
        (b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(b"\0")))
    )


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(60_000, 60_000))  # 3.6 Gpx claimed in 60 bytes
    with pytest.raises(InputError, match=r"too large to decode|over the limit of"):
        image_pages(path, max_pages=10)


def test_image_just_under_the_limit_is_not_called_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    Image.new("L", (850, 1100), 255).save(path, dpi=(100, 100))
    (page,) = image_pages(path, max_pages=10)
    assert page.pixels.shape == (1100, 850)
    assert MAX_PIXELS > 850 * 1100


def test_multi_page_tiff_gives_every_frame_with_its_resolution(tmp_path: Path) -> None:
    path = tmp_path / "fax.tif"
    frames = [Image.new("1", (1700, 2200), 1) for _ in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = image_pages(path, max_pages=10)
    assert [p.number for p in pages] == [1, 2, 3]
    assert all(p.dpi == 200 for p in pages)
    assert pages[0].width_pt == pytest.approx(612.0)
    assert pages[0].height_pt == pytest.approx(792.0)


def test_resolution_not_stated_is_guessed_from_a_letter_page(tmp_path: Path) -> None:
    path = tmp_path / "nodpi.png"
    Image.new("L", (1275, 1650), 255).save(path)  # 150 dpi Letter, no pHYs chunk
    (page,) = image_pages(path, max_pages=10)
    assert page.dpi == pytest.approx(150.0)


def test_too_many_tiff_frames_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.tif"
    frames = [Image.new("1", (100, 100), 1) for _ in range(4)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(InputError, match="more than 2 pages"):
        image_pages(path, max_pages=2)


def test_truncated_image_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    Image.new("L", (400, 400), 128).save(path)
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(InputError, match=r"cut\.png"):
        image_pages(path, max_pages=10)


@pytest.mark.parametrize("mode", ["RGB", "CMYK", "L", "1"])
def test_regression_a_scanned_pdf_is_drawn_with_the_grey_levels_of_pdfiums_gray_mode(
    tmp_path: Path, mode: str
) -> None:
    # drawn into a grey bitmap without PDFium's grayscale flag, three times faster: the
    # same pixels, colour scans included
    import numpy as np
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    colours = np.full((220, 170, 3), 255, dtype=np.uint8)
    colours[20:80, 10:150] = (200, 30, 30)
    colours[100:104, :] = (20, 160, 40)
    colours[150:200, 40:90] = (30, 30, 220)
    path = tmp_path / "scan.pdf"
    Image.fromarray(colours).convert(mode).save(path, resolution=20)
    (page,) = pdf_page_images(path, None)
    doc = pdfium.PdfDocument(path)
    bitmap = doc[0].render(
        scale=OCR_DPI / 72, grayscale=True, force_bitmap_format=pdfium_c.FPDFBitmap_Gray
    )
    expected = np.array(bitmap.to_numpy(), dtype=np.uint8)
    doc.close()
    assert page.pixels.shape == expected.shape
    assert (page.pixels == expected).all()


def _page_of_print(mode: str) -> Image.Image:
    """A small page with a block of ink, in `mode` ("1": one bit per pixel)."""
    pixels = np.full((220, 170), 255, dtype=np.uint8)
    pixels[40:60, 20:150] = 0
    return Image.fromarray(pixels).convert(mode)


@pytest.mark.parametrize("suffix", [".png", ".tif", ".pdf"])
def test_regression_a_one_bit_page_is_known_as_one_whatever_its_print_looks_like(
    tmp_path: Path, suffix: str
) -> None:
    """Two 150 dpi fax pages full of small print were read as grey scans: drawn at 300
    dpi their edges came out grey, more grey than black. A page stored in one bit per
    pixel is a fax, as it says; a grey one is not."""
    for mode, one_bit in (("1", True), ("L", False)):
        path = tmp_path / f"{mode}{suffix}"
        _page_of_print(mode).save(path, resolution=20.0, dpi=(20, 20))
        pages = (
            list(pdf_page_images(path, None, dpi=40)) if suffix == ".pdf" else image_pages(path, 2)
        )
        assert [p.one_bit for p in pages] == [one_bit], (mode, suffix)
