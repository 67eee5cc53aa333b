"""Page images of a scanned document as 8-bit grayscale arrays, with their resolution.

PNG, JPEG and TIFF (every frame of a multi-page TIFF) are decoded with Pillow; image-only
PDFs are drawn with PDFium. A decompression bomb is refused from the header's pixel count
before any pixel is decoded: Pillow reads the size without decoding, so a tiny file that
claims a 100000 x 100000 image costs nothing to turn down.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageSequence, UnidentifiedImageError

from extractor.errors import InputError
from extractor.sources.pdf_text import PDFIUM_LOCK, open_pdf

Gray = npt.NDArray[np.uint8]

# A Letter page at 600 dpi is 5100 x 6600 = 34 Mpx; twice that is no page scan.
MAX_PIXELS = 70_000_000
# Scans are read at this resolution: Tesseract's models are trained on ~300 dpi text.
OCR_DPI = 300
# The widest page side (inches) used to guess a resolution the file does not state.
_LETTER_LONG_SIDE = 11.0


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page: grayscale pixels (rows, columns) and the pixels per inch they are drawn at."""

    number: int  # 1-based
    pixels: Gray
    dpi: float
    # stored in one bit per pixel (a fax): drawn at another resolution its edges come
    # out grey, and a page of dense small print then looked like a grey scan
    one_bit: bool = False

    @property
    def width_pt(self) -> float:
        return float(self.pixels.shape[1]) * 72.0 / self.dpi

    @property
    def height_pt(self) -> float:
        return float(self.pixels.shape[0]) * 72.0 / self.dpi


def image_pages(path: Path, max_pages: int) -> list[PageImage]:
    """Every page of a PNG, JPEG or TIFF file as grayscale."""
    try:
        with Image.open(path) as img:
            return list(_frames(path, img, max_pages))
    except UnidentifiedImageError:
        raise InputError(path, "not a readable PNG, JPEG or TIFF image") from None
    except Image.DecompressionBombError as exc:
        raise InputError(path, f"the image is too large to decode ({exc})") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(path, f"the image cannot be decoded ({exc})") from None


def _frames(path: Path, img: Image.Image, max_pages: int) -> Iterator[PageImage]:
    for index, frame in enumerate(ImageSequence.Iterator(img)):
        if index >= max_pages:
            raise InputError(path, f"more than {max_pages} pages, over the limit")
        check_pixels(path, frame.size[0], frame.size[1])
        pixels = np.asarray(frame.convert("L"), dtype=np.uint8)
        yield PageImage(index + 1, pixels, _dpi(frame), one_bit=frame.mode == "1")


def check_pixels(path: Path, width: int, height: int) -> None:
    """Refuse an image whose header claims more pixels than any page scan has."""
    if width <= 0 or height <= 0:
        raise InputError(path, f"the image claims an empty size ({width} x {height})")
    if width * height > MAX_PIXELS:
        raise InputError(
            path,
            f"the image claims {width} x {height} pixels, over the limit of {MAX_PIXELS:,}",
            "scan at 300 dpi or less",
        )


def _dpi(frame: Image.Image) -> float:
    """The stated resolution, or the one that makes the long side a Letter page."""
    stated = frame.info.get("dpi")
    if stated and 50 <= float(stated[0]) <= 1200:
        return float(stated[0])
    return max(frame.size) / _LETTER_LONG_SIDE


def pdf_page_images(path: Path, password: str | None, dpi: float = OCR_DPI) -> Iterator[PageImage]:
    """Every page of a PDF drawn in grayscale at `dpi`, one at a time as it is asked for:
    a page at 300 dpi is 8 MB and its clean-up several times that, so only the page
    being read is held (a 4-page scan peaked 70 MB higher when all were drawn first)."""
    with PDFIUM_LOCK:
        doc = open_pdf(path, password)
        count = len(doc)
        doc.close()
    for index in range(count):
        with PDFIUM_LOCK:  # never held across a yield: other threads draw pages too
            doc = open_pdf(path, password)
            try:
                page = _render(path, doc, index, dpi)
            finally:
                doc.close()
        yield page


def _render(path: Path, doc: object, index: int, dpi: float) -> PageImage:
    page = doc[index]  # type: ignore[index]
    width, height = page.get_size()
    check_pixels(path, int(width * dpi / 72.0), int(height * dpi / 72.0))
    # drawn straight into a grey bitmap: PDFium's grayscale flag on top of it gave the
    # same pixels (every scan of the corpus; colour images, paths and text) at three
    # times the time, a 300 dpi page's JPEG drawn in 85 ms instead of 28
    bitmap = page.render(scale=dpi / 72.0, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
    arr = np.array(bitmap.to_numpy(), dtype=np.uint8).reshape(bitmap.height, bitmap.width)
    return PageImage(index + 1, arr, dpi, one_bit=_one_bit_image(page))


def _one_bit_image(page: object) -> bool:
    """Whether the page is drawn from one image stored in one bit per pixel: a fax."""
    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1))  # type: ignore[attr-defined]
    if len(images) != 1:
        return False
    meta = pdfium_c.FPDF_IMAGEOBJ_METADATA()
    # the page is passed: without it PDFium reports an 8-bit JPEG as one bit too
    found = pdfium_c.FPDFImageObj_GetImageMetadata(images[0].raw, page.raw, ctypes.byref(meta))  # type: ignore[attr-defined]
    return bool(found) and int(meta.bits_per_pixel) == 1
