"""Words with pixel boxes and confidences from Tesseract.

The only module that imports an OCR engine. tesserocr (Tesseract's C API) is used when
installed: it keeps the model loaded between calls and is much faster than pytesseract,
which starts a `tesseract` process per call and is kept as the fallback.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

# Tesseract's OpenMP threads fight each other on small machines (2.5x slower on two
# cores); one thread per engine is faster, and the batch runs documents in parallel.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

Gray = npt.NDArray[np.uint8]

# Page segmentation: 11 = sparse text, every word wherever it is (tables, forms);
# 7 = one text line; 6 = one block of text (a table cell); 10 = one character;
# 0 = orientation only.
PSM_SPARSE = 11
PSM_LINE = 7
PSM_BLOCK = 6
PSM_CHAR = 10
PSM_OSD = 0

_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


class OcrUnavailable(RuntimeError):
    """No Tesseract engine (or no English model) on this machine."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word in pixels of the image it was read from; confidence 0..1."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float


@cache
def tessdata_dir() -> str | None:
    """Where eng.traineddata is (TESSDATA_PREFIX first), or None."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *_TESSDATA_DIRS]
    for d in candidates:
        if d and (Path(d) / "eng.traineddata").is_file():
            return d
    return None


@cache
def engine() -> str:
    """'tesserocr', 'pytesseract', or an OcrUnavailable that says what to install."""
    problems = []
    if tessdata_dir() is None:
        problems.append("no eng.traineddata found")
    else:
        try:
            import tesserocr  # noqa: F401

            return "tesserocr"
        except ImportError as exc:
            problems.append(f"tesserocr: {exc}")
    if shutil.which("tesseract"):
        try:
            import pytesseract  # noqa: F401

            return "pytesseract"
        except ImportError as exc:
            problems.append(f"pytesseract: {exc}")
    raise OcrUnavailable(
        "no OCR engine: install the Tesseract English model (Debian: tesseract-ocr "
        f"tesseract-ocr-eng) and `pip install 'form4[ocr]'` ({'; '.join(problems)})"
    )


_LOCAL = threading.local()


@contextmanager
def lines_turned(tried: bool) -> Iterator[None]:
    """Within the block, whether this thread's Tesseract reads an unsure line a second
    time turned light-on-dark (its default). A grey page prints no such text: the
    second reading cost a quarter of the OCR time for nothing. On a fax it is kept:
    without it a 150-dpi fax lost table rows (the turned reading of a line the
    cut to black and white smeared won over the garble)."""
    before = getattr(_LOCAL, "turned", True)
    _LOCAL.turned = tried
    try:
        yield
    finally:
        _LOCAL.turned = before


def _turned() -> str:
    return "1" if getattr(_LOCAL, "turned", True) else "0"


def _api(psm: int) -> Any:
    """This thread's tesserocr engine, set to `psm`. One engine per thread: each loads
    the model (~0.1 s and tens of MB), and switching the segmentation mode is free."""
    import tesserocr

    api = _LOCAL.__dict__.get("api")
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir() or "", lang="eng", psm=psm)
        _LOCAL.api = api
    api.SetPageSegMode(psm)
    return api


def read_words(image: Gray, dpi: int, psm: int = PSM_SPARSE, whitelist: str = "") -> list[OcrWord]:
    """Every word Tesseract finds in a grayscale image."""
    if engine() == "tesserocr":
        return _tesserocr_words(image, dpi, psm, whitelist)
    return _pytesseract_words(image, dpi, psm, whitelist)


def _tesserocr_words(image: Gray, dpi: int, psm: int, whitelist: str) -> list[OcrWord]:
    import tesserocr

    api = _api(psm)
    img = np.ascontiguousarray(image)
    api.SetImageBytes(img.tobytes(), img.shape[1], img.shape[0], 1, img.shape[1])
    api.SetSourceResolution(dpi)
    api.SetVariable("tessedit_char_whitelist", whitelist)
    api.SetVariable("tessedit_do_invert", _turned())
    api.Recognize()
    words: list[OcrWord] = []
    it = api.GetIterator()
    level = tesserocr.RIL.WORD
    if it is not None:
        for w in tesserocr.iterate_level(it, level):
            try:  # an empty word (a speck) raises instead of returning ""
                text = (w.GetUTF8Text(level) or "").strip()
            except RuntimeError:
                continue
            box = w.BoundingBox(level)
            if text and box is not None:
                x0, top, x1, bottom = box
                words.append(OcrWord(text, x0, top, x1, bottom, w.Confidence(level) / 100.0))
    api.Clear()
    return words


def _pytesseract_words(image: Gray, dpi: int, psm: int, whitelist: str) -> list[OcrWord]:
    import pytesseract
    from PIL import Image

    config = f"--psm {psm} --dpi {dpi} -c tessedit_do_invert={_turned()}"
    if whitelist:
        config += f" -c tessedit_char_whitelist={whitelist}"
    data = pytesseract.image_to_data(
        Image.fromarray(image), lang="eng", config=config, output_type=pytesseract.Output.DICT
    )
    words: list[OcrWord] = []
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        conf = float(data["conf"][i])
        if text and conf >= 0:
            x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
            words.append(OcrWord(text, x, y, x + w, y + h, conf / 100.0))
    return words


def orientation(image: Gray, dpi: int) -> tuple[int, float]:
    """(degrees the page must turn clockwise to read upright, confidence) from OSD."""
    if engine() == "tesserocr":
        api = _api(PSM_OSD)
        img = np.ascontiguousarray(image)
        api.SetImageBytes(img.tobytes(), img.shape[1], img.shape[0], 1, img.shape[1])
        api.SetSourceResolution(dpi)
        found = api.DetectOrientationScript()
        api.Clear()
        if not found:
            return 0, 0.0
        return int(found["orient_deg"]), float(found["orient_conf"])
    import pytesseract
    from PIL import Image

    try:
        osd = pytesseract.image_to_osd(Image.fromarray(image), output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return 0, 0.0
    return int(osd["rotate"]), float(osd["orientation_conf"])
