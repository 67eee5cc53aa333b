"""A lone capital or digit told by its shape, for the cells Tesseract cannot read.

Tesseract's line model reads words; a single glyph alone in a cell (a transaction code
"J", "D or I", a check mark) it often misreads or leaves out, above all when blurred or
binarized. Such a glyph is compared with the capitals and digits drawn in the common
print faces (serif and sans, regular and bold, from the Liberation fonts, metric twins
of Times and Arial): the most similar shape wins, with its similarity as confidence.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from extractor.sources import grid

Gray = npt.NDArray[np.uint8]

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/liberation"),
)
_FACES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
)
# Templates are drawn at this size (pixels per em) and compared at this many pixels.
_DRAW_EM = 64
_SIDE = 32
# A crop with less contrast than this (grey levels) holds no glyph.
_MIN_CONTRAST = 48


@cache
def font_path(name: str) -> str | None:
    """Where the font file `name` (one of the Liberation faces) is installed, or None."""
    return next((str(d / name) for d in _FONT_DIRS if (d / name).is_file()), None)


@cache
def _faces() -> tuple[str, ...]:
    return tuple(path for path in map(font_path, _FACES) if path is not None)


@cache
def _template(face: str, char: str) -> tuple[npt.NDArray[np.float64], float] | None:
    """(the glyph's ink as a _SIDE x _SIDE array, its width over its height)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(face, _DRAW_EM)
    canvas = Image.new("L", (2 * _DRAW_EM, 2 * _DRAW_EM), 255)
    ImageDraw.Draw(canvas).text((_DRAW_EM // 2, _DRAW_EM // 4), char, font=font, fill=0)
    return _shape(np.asarray(canvas, dtype=np.uint8))


def _shape(gray: Gray) -> tuple[npt.NDArray[np.float64], float] | None:
    """The ink of `gray` cropped to its box and scaled to a square, with its aspect.

    The contrast is stretched first: a pale glyph (grey print, a light scan) has no
    pixel under a fixed threshold in its thin strokes."""
    low, high = int(gray.min()), int(gray.max())
    if high - low < _MIN_CONTRAST:
        return None
    gray = ((gray.astype(np.float64) - low) * (255.0 / (high - low))).astype(np.uint8)
    ys, xs = np.nonzero(gray < 128)
    if len(ys) == 0:
        return None
    crop = gray[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    aspect = crop.shape[1] / crop.shape[0]
    square = grid.resized(crop, _SIDE, _SIDE).astype(np.float64)
    return 255.0 - square, aspect


def classify(glyph: Gray, candidates: str) -> tuple[str, float] | None:
    """The candidate character most like `glyph` (dark on light) and how alike, 0..1;
    None when no font is installed or the crop holds no ink."""
    shape = _shape(glyph)
    if shape is None or not _faces():
        return None
    chars, inks, aspects = _bank(candidates)
    if not chars:
        return None
    ink, aspect = shape
    # every template at once: a loop over 36 characters in 4 faces was a tenth of the
    # time of a cell holding one unsure glyph
    scores = inks @ _unit(ink).ravel() * np.exp(-np.abs(np.log(aspect / aspects)))
    best = int(np.argmax(scores))
    return chars[best], float(scores[best])


@cache
def _bank(
    candidates: str,
) -> tuple[tuple[str, ...], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The templates of `candidates` in every face: their characters, their inks as unit
    rows (centred, so that a row times a unit ink is the Pearson correlation), and
    their width over height."""
    chars, inks, aspects = [], [], []
    for char in candidates:
        for face in _faces():
            template = _template(face, char)
            if template is not None:
                chars.append(char)
                inks.append(_unit(template[0]).ravel())
                aspects.append(template[1])
    matrix = np.array(inks).reshape(len(inks), _SIDE * _SIDE)
    return tuple(chars), matrix, np.array(aspects, dtype=np.float64)


def _unit(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """`a` less its mean, scaled to length 1 (all zeros when flat)."""
    centred = a - a.mean()
    norm = float(np.sqrt((centred * centred).sum()))
    out: npt.NDArray[np.float64] = centred / norm if norm else centred
    return out


def bowed_left(glyph: Gray) -> bool:
    """Whether `glyph` (dark on light, cropped to one blob) is a narrow stroke bowed to
    the left, the ends of its edges to the right of their middles: a "(", or what a
    fax leaves of a serif "C" whose thin arms it erased. A capital "I", an "l" or a "1"
    is straight or spreads its serifs to the left at its ends; a whole "C" is wide."""
    height, width = glyph.shape
    if height < _BOW_MIN_PX or width > _BOW_WIDTH * height:
        return False
    low, high = int(glyph.min()), int(glyph.max())
    if high - low < _MIN_CONTRAST:
        return False
    # the blob's whole extent: its faint edge rows too (it was found at the page's ink
    # level, paler than halfway)
    ink = glyph < high - _BOW_EDGE * (high - low)
    if not ink.any(axis=1).all():
        return False  # a broken stroke: no telling its edges
    left = ink.argmax(axis=1)
    right = width - 1 - ink[:, ::-1].argmax(axis=1)
    bow = _bow(left)
    return bool(bow >= _BOW_LEFT * height and bow + _bow(right) >= _BOW_DEPTH * height)


def _bow(edge: npt.NDArray[np.intp]) -> float:
    """How far right of its middle rows' an edge stands at its ends (rows of pixels
    from the top; both ends added)."""
    third = len(edge) // 3
    middle = float(np.median(edge[third : len(edge) - third]))
    return float(edge[:_BOW_END_ROWS].mean() + edge[-_BOW_END_ROWS:].mean()) - 2 * middle


# A bowed stroke is this many pixels tall at least (a speck is no glyph) and at most
# this share of its height wide. The ends of its left edge stand right of its middle
# by `_BOW_LEFT` of its height at least (both ends added), and of both edges by
# `_BOW_DEPTH`: a faxed "C" 15-18 px tall and 6-8 wide bows 0.13-0.37 on the left and
# 0.30-0.50 in all; of the capitals, digits and small letters of the Liberation faces
# (14-40 px) only "t" comes near (0.14 and 0.25), and "f", "r" and "[" bow on the
# right alone.
_BOW_MIN_PX = 10
_BOW_WIDTH = 0.55
_BOW_LEFT = 0.12
_BOW_DEPTH = 0.28
_BOW_END_ROWS = 2
# The share of its contrast below paper white at which a blob's pixels count as ink.
_BOW_EDGE = 0.25
