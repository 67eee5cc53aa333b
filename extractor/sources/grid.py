"""Image clean-up for OCR with OpenCV: skew, speckle, ruling lines, blank pages.

The only module that imports cv2. Every function takes and returns plain uint8 arrays,
so the rest of the package never sees an OpenCV type (OpenCV 5 changed the shapes some
calls return; the few used here are read shape-independently).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

# One thread: OpenCV's workers cost more CPU than they save on a page's steps (a 2 x 2
# opening of a page took five times the CPU with two), and the batch reads documents in
# parallel, one core each (see ocr: Tesseract's threads are limited the same way).
cv2.setNumThreads(1)

Gray = npt.NDArray[np.uint8]
Labels = npt.NDArray[np.integer[Any]]  # 16 or 32 bits (see `_labelled`)
Mask = npt.NDArray[np.bool_]

# Scans come skewed by up to +-3 degrees; search a little wider.
MAX_SKEW_DEG = 4.0
_COARSE_STEP = 0.25
_FINE_STEP = 0.05
_COARSE_STRIDE = 8  # the coarse steps weigh every this many ink pixels
# Skew is measured on a copy this many pixels wide: enough to resolve 0.05 degrees.
_SKEW_WIDTH = 1000
# A page with less ink than this share of its pixels is blank (one short word has more).
_BLANK_INK = 0.0001
# Column sums this much more uneven than row sums: the page lies on its side.
_SIDEWAYS_RATIO = 1.2


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line in pixels (x0, top, x1, bottom)."""

    x0: int
    top: int
    x1: int
    bottom: int

    @property
    def vertical(self) -> bool:
        """Taller than wide (a square counts as horizontal)."""
        return self.x1 - self.x0 < self.bottom - self.top


def _u8(img: Any) -> Gray:
    """An OpenCV result as a uint8 array (OpenCV's stubs type results loosely)."""
    return np.asarray(img, dtype=np.uint8)


def binarize(gray: Gray) -> Gray:
    """Ink as 255 on 0, at Otsu's threshold (give it a `normalize`d page)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return _u8(ink)


def normalize(gray: Gray) -> Gray:
    """Even out the illumination: the page divided by its background (a blurred copy).

    Uneven lighting otherwise moves the ink threshold across the page, and a dark corner
    turns into a black blob that OCR reads as words.
    """
    small = cv2.resize(gray, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    background = cv2.resize(cv2.medianBlur(small, 15), (gray.shape[1], gray.shape[0]))
    return _u8(cv2.divide(gray, background, scale=255))


def is_blank(ink: Gray) -> bool:
    """Whether a page holds no more than specks (removed by a 2x2 opening first)."""
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), dtype=np.uint8))
    return float(np.count_nonzero(solid)) < _BLANK_INK * ink.size


def skew_angle(ink: Gray) -> float:
    """The rotation (degrees, counter-clockwise positive) that makes text lines level.

    Text lines are level when the row sums of the ink are most uneven (sharp peaks at
    lines, zeros between them): the angle that maximises their variance.
    """
    scale = min(1.0, _SKEW_WIDTH / ink.shape[1])
    small = _u8(cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    found = cv2.findNonZero(small)  # five times faster than numpy's nonzero
    if found is None:  # no ink (a blank page is not turned level: never asked)
        return 0.0
    xs, ys = np.asarray(found).reshape(-1, 2).T
    ink_px = _InkPixels(
        ys.astype(np.float64), xs.astype(np.float64), small[ys, xs].astype(np.float64)
    )
    # the coarse steps on every eighth ink pixel: a quarter degree needs far fewer than
    # the fine step (on the 376 pages of the corpus's scans, images and harder scans the
    # same angle came out), and the 33 coarse steps were half of deskew's 45 ms a page
    coarse = _InkPixels(*(a[::_COARSE_STRIDE] for a in (ink_px.ys, ink_px.xs, ink_px.weight)))
    best = _best_angle(coarse, np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, _COARSE_STEP))
    fine = np.arange(best - _COARSE_STEP, best + _COARSE_STEP + 1e-9, _FINE_STEP)
    return _best_angle(ink_px, fine)


@dataclass(frozen=True, slots=True)
class _InkPixels:
    """The ink pixels of a page copy: rows, columns and ink weights (0-255), in floats."""

    ys: npt.NDArray[np.float64]
    xs: npt.NDArray[np.float64]
    weight: npt.NDArray[np.float64]


def _best_angle(ink: _InkPixels, angles: npt.NDArray[np.float64]) -> float:
    """The angle whose rows of turned ink are most uneven. Each ink pixel's row after
    turning by an angle is computed directly (y' = y cos a - x sin a, as `rotate`
    turns) rather than turning the image for every angle tried: 40 turns of the page
    were a tenth of a page's time."""
    turned, across = np.empty_like(ink.ys), np.empty_like(ink.xs)
    scores = []
    for a in np.radians(angles):
        # the rows as `ys * cos(a) - xs * sin(a)` rounds them, in place: a new array
        # each step cost as much as the arithmetic
        np.multiply(ink.ys, np.cos(a), out=turned)
        np.subtract(turned, np.multiply(ink.xs, np.sin(a), out=across), out=turned)
        rows = np.rint(turned, out=turned).astype(np.intp)
        rows -= rows.min()
        sums = np.bincount(rows, weights=ink.weight)
        # the ink is the same at every angle: the sum of squares ranks like the variance
        # (sums of whole weights: exact in any order)
        scores.append(float(np.dot(sums, sums)))
    return float(angles[int(np.argmax(scores))])


def rotate(img: Gray, angle: float, fill: int = 255) -> Gray:
    """`img` turned by `angle` degrees about its centre, same size, edges filled."""
    if abs(angle) < 1e-6:
        return img
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    out = cv2.warpAffine(
        img,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )
    return np.asarray(out, dtype=np.uint8)


def quarter_turns(img: Gray, turns: int) -> Gray:
    """`img` turned counter-clockwise by `turns` x 90 degrees."""
    return np.ascontiguousarray(np.rot90(img, turns % 4))


def find_rules(ink: Gray, min_length: int, min_height: int | None = None) -> list[Rule]:
    """Horizontal ruling lines at least `min_length` pixels long and vertical ones at
    least `min_height` (default: the same).

    Each is an opening of the ink along the line's direction, its pieces labelled. The
    erosion leaves only the rules' cores, a few rows (columns) of the page: the dilation
    and the labelling run on those bands alone (see `_bands`), as they ran on the whole
    page but for the empty rows between: on the whole page they took 35 ms of 60.
    """
    rules: list[Rule] = []
    # an even kernel's anchor is off centre: the line would shift a pixel
    wide, tall = min_length | 1, (min_height or min_length) | 1
    for axis, kernel in ((1, (wide, 1)), (0, (1, tall))):
        element = cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
        # across a horizontal line's rows (axis 0), or a vertical one's columns (axis 1)
        across = 1 - axis
        core = _u8(cv2.erode(ink, element))
        kept = _bands(core, across)
        if not kept.size:
            continue
        opened = _u8(cv2.dilate(np.take(core, kept, axis=across), element))
        count, _, stats = _labelled(opened, 8)
        for row in np.asarray(stats).reshape(-1, 5)[1:count]:
            x, y, w, h = (int(v) for v in row[:4])
            if across == 0:
                y = int(kept[y])
            else:
                x = int(kept[x])
            rules.append(Rule(x, y, x + w, y + h))
    return rules


def without_text_lines(rules: list[Rule], ink: Gray) -> list[Rule]:
    """`rules` less the horizontal ones that are a line of text: a blurred line of small
    print scanned at 150 dpi runs together along its middle into a stroke as long as a
    rule (a column header's "Transaction Date"), and painted out as a rule it took the
    letters with it and cut its cell in two. A rule has paper above and below it (text
    may stand on it, or hang from it, but not both); a line of text has its letters'
    upper and lower halves there."""
    h = ink.shape[0]
    kept = []
    for r in rules:
        if not r.vertical and r.top - _BESIDE[1] >= 0 and r.bottom + _BESIDE[1] <= h:
            above = ink[r.top - _BESIDE[1] : r.top - _BESIDE[0], r.x0 : r.x1]
            below = ink[r.bottom + _BESIDE[0] : r.bottom + _BESIDE[1], r.x0 : r.x1]
            inked = min(np.count_nonzero(above) / above.size, np.count_nonzero(below) / below.size)
            if inked > _TEXT_LINE_INK:
                continue
        kept.append(r)
    return kept


# The bands looked at above and below a rule (pixels away from it, from and to), and
# the share of ink in both that makes it a line of text.
_BESIDE = (2, 7)
_TEXT_LINE_INK = 0.25


def _bands(core: Gray, axis: int) -> npt.NDArray[np.intp]:
    """The rows (axis 0) or columns (axis 1) of `core` to label it on: those of the pairs
    (2i, 2i + 1) holding ink, and one empty pair between two runs of them.

    Areas never cross an empty pair of rows, so they are the same as on the whole image,
    each in one run of pairs; OpenCV's labelling scans 2 x 2 blocks in raster order, and
    keeping whole pairs keeps the blocks, and so the order of the labels, too.
    """
    inked = core.max(axis=1 - axis) > 0  # numpy's is twenty times OpenCV's reduce here
    n = inked.size
    pairs = np.logical_or(inked[0::2], np.append(inked[1::2], False)[: (n + 1) // 2])
    # a pair is kept when inked, or empty after an inked one and before another
    seen_after = np.maximum.accumulate(pairs[::-1])[::-1]
    previous = np.concatenate(([False], pairs[:-1]))
    keep = pairs | (previous & seen_after)
    rows = np.repeat(np.flatnonzero(keep) * 2, 2) + np.tile([0, 1], int(keep.sum()))
    return np.asarray(rows[rows < n], dtype=np.intp)


def erase_rules(gray: Gray, rules: list[Rule], pad: int = 1) -> Gray:
    """A copy of `gray` with the ruling lines painted white (they confuse line finding)."""
    out = gray.copy()
    for r in rules:
        out[max(0, r.top - pad) : r.bottom + pad, max(0, r.x0 - pad) : r.x1 + pad] = 255
    return out


def with_blurred_edges(gray: Gray, rules: list[Rule]) -> list[Rule]:
    """`rules` with each vertical one widened across to the faint edge it leaves beside
    it: a column alongside it joins it while it is as dark as ink along more than half
    the rule, up to `_EDGE_REACH` pixels.

    A blurred rule's edge reaches past the pixel `erase_rules` paints beyond its ink
    (farther on a page scanned at 150 dpi and drawn at 300); read as text it came out
    "I" and "|" in a table's first and last columns. A horizontal rule keeps its width:
    a blurred line of text whose letters' feet ran together is found as one, and
    widened, it took the feet of the letters ("BAKER" read "RAKER").
    """
    out = []
    for r in rules:
        if r.vertical:
            along = gray[r.top : r.bottom, :].T  # the columns beside it, as rows
            left, right = _edge_width(along, r.x0, -1), _edge_width(along, r.x1 - 1, 1)
            r = Rule(r.x0 - left, r.top, r.x1 + right, r.bottom)
        out.append(r)
    return out


def _edge_width(along: Gray, edge: int, step: int) -> int:
    """How many rows of `along` from row `edge` on, `step` by `step`, are a rule's faint
    edge: each darker than `_EDGE_PAPER` along more than half its length (its median is;
    counted, in less than half a median's time). None when all of `_EDGE_REACH` are: no
    edge is that wide, and a glyph touching the rule all along it is no edge."""
    for k in range(1, _EDGE_REACH + 1):
        row = edge + step * k
        if not 0 <= row < along.shape[0]:
            return k - 1
        line = along[row]
        if 2 * np.count_nonzero(line < _EDGE_PAPER) <= line.size:
            return k - 1
    return 0


# A rule's faint edge lies within this many pixels of its ink, more than half of it
# along the rule darker than this grey level: as dark as ink is cut (see `ink_level`);
# a lighter edge is no ink.
_EDGE_REACH = 6
_EDGE_PAPER = 230


def resample(gray: Gray, dpi: float, target_dpi: float) -> Gray:
    """`gray` redrawn at `target_dpi` (Tesseract reads ~300 dpi text best)."""
    if abs(dpi - target_dpi) < 1:
        return gray
    f = target_dpi / dpi
    method = cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA
    return np.asarray(cv2.resize(gray, None, fx=f, fy=f, interpolation=method), dtype=np.uint8)


def quarter_turns_to_level(ink: Gray) -> int:
    """1 when the text lines run vertically (the page lies on its side), else 0.

    Level text gives row sums with sharp peaks and gaps; on a page lying on its side the
    column sums do. Which side is up is settled by reading (see scan_words).
    """
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    rows = float(np.var(small.sum(axis=1, dtype=np.float64)) / small.shape[1] ** 2)
    cols = float(np.var(small.sum(axis=0, dtype=np.float64)) / small.shape[0] ** 2)
    return 1 if cols > _SIDEWAYS_RATIO * rows else 0


def split_at_crossings(rules: list[Rule], tolerance: int = 4) -> list[Rule]:
    """Vertical rules cut where horizontal rules cross them, one piece per cell side.

    A digital form draws each cell's border on its own; a scan shows one long stroke
    from the top of the page box to the bottom. The layout takes the borders that lie
    inside a table, so the long stroke is cut into the pieces a digital page would have.
    """
    horizontal = [r for r in rules if not r.vertical]
    out = list(horizontal)
    for v in (r for r in rules if r.vertical):
        xmid = (v.x0 + v.x1) // 2
        cuts = sorted(
            (h.top + h.bottom) // 2
            for h in horizontal
            if h.x0 - tolerance <= xmid <= h.x1 + tolerance
            and v.top < h.top
            and h.bottom < v.bottom
        )
        edges = [v.top, *cuts, v.bottom]
        out.extend(Rule(v.x0, a, v.x1, b) for a, b in itertools.pairwise(edges) if b > a)
    return out


def find_cells(shape: tuple[int, ...], rules: list[Rule], min_side: int) -> list[Rule]:
    """Boxes enclosed by ruling lines (table cells, header boxes), in pixels.

    The rules are drawn on an empty mask and thickened a little (`_CELL_GROW`) to close
    small gaps; each white area left between them is a cell. An area touching the image
    edge is the page around the form, not a cell. The mask is drawn on the grid of the
    rules' own edges, one pixel per band of rows and columns (see `_edge_grid`): the
    same areas in the same order as on the page, while labelling the page's mostly
    white mask took a twentieth of a page's time.
    """
    h, w = shape[:2]
    ys, xs, free = _edge_grid(h, w, [_thickened(r, h, w) for r in rules])
    count, _, stats = _labelled(free, 4)
    cells = []
    for row in np.asarray(stats).reshape(-1, 5)[1:count]:
        gx, gy, gw, gh = (int(v) for v in row[:4])
        x, y, cw, ch = xs[gx], ys[gy], xs[gx + gw] - xs[gx], ys[gy + gh] - ys[gy]
        inside = x > 0 and y > 0 and x + cw < w and y + ch < h
        if inside and cw >= min_side and ch >= min_side and cw * ch < 0.2 * w * h:
            cells.append(Rule(x, y, x + cw, y + ch))
    return cells


# Each rule is thickened by this many pixels all round (a 5 x 5 dilation) to close
# small gaps between the rules of a cell's border.
_CELL_GROW = 2
# A cell begins this many pixels past the last pixel of the rules around it.
CELL_GAP = _CELL_GROW + 1


def _thickened(r: Rule, h: int, w: int) -> tuple[int, int, int, int] | None:
    """The pixels (x0, top, x1, bottom; ends exclusive) of rule `r` drawn on an h x w
    mask over rows top..bottom and columns x0..x1 inclusive (numpy's slicing: a
    negative start counts from the far edge), thickened by `_CELL_GROW`; None if empty."""
    top, bottom, _ = slice(r.top, r.bottom + 1).indices(h)
    x0, x1, _ = slice(r.x0, r.x1 + 1).indices(w)
    if bottom <= top or x1 <= x0:
        return None
    grow = _CELL_GROW
    return max(0, x0 - grow), max(0, top - grow), min(w, x1 + grow), min(h, bottom + grow)


def _edge_grid(
    h: int, w: int, boxes: list[tuple[int, int, int, int] | None]
) -> tuple[list[int], list[int], Gray]:
    """The row and column edges of `boxes` (with the image's), and a mask with one pixel
    per band between them: 255 where no box covers the band (a white area), else 0.
    Bands are uniform, so 4-connected areas of the mask are those of the page, and
    labelled in the same raster order of their first pixel."""
    kept = [b for b in boxes if b is not None]
    ys = sorted({0, h, *(b[1] for b in kept), *(b[3] for b in kept)})
    xs = sorted({0, w, *(b[0] for b in kept), *(b[2] for b in kept)})
    row_of, col_of = {y: i for i, y in enumerate(ys)}, {x: i for i, x in enumerate(xs)}
    free = np.full((len(ys) - 1, len(xs) - 1), 255, dtype=np.uint8)
    for x0, top, x1, bottom in kept:
        free[row_of[top] : row_of[bottom], col_of[x0] : col_of[x1]] = 0
    return ys, xs, free


def _labelled(binary: Gray, connectivity: int) -> tuple[int, Labels, npt.NDArray[np.int32]]:
    """The number of connected components of a non-zero image, its label image and the
    components' stats rows. Labelled in 16 bits where they fit: a page's 32-bit label
    image is 34 MB and took three times as long to write; a page of noise with 65535
    blobs or more overflows 16 bits and is labelled in 32."""
    count, labels, stats, rows = _labelled_bands(binary, connectivity)
    return count, _full_labels(labels, rows, binary.shape), stats


def _labelled_bands(
    binary: Gray, connectivity: int
) -> tuple[int, Labels, npt.NDArray[np.int32], npt.NDArray[np.intp] | None]:
    """As `_labelled`, with the label image of the rows labelled (`rows`, None: all).

    Labelled on its inked rows alone (see `_inked_rows`) where those are few: the rest
    of a page, its cells blanked out, holds ink on a fifth of its rows, and labelling it
    whole, twice a page, took 30 ms of 1.2 s. The same areas in the same order, their
    stats rows as the whole image's: an area lies in one run of rows, so only its top
    moves; the background's box is the image's, its pixels with the skipped rows'."""
    part, rows = _inked_rows(binary)
    count, labels, stats, _ = _in_16_bits(cv2.connectedComponentsWithStats, part, connectivity)
    stats = np.array(stats, dtype=np.int32)
    if rows is not None:
        stats[1:, 1] = rows[stats[1:, 1]]
        stats[0, :4] = (0, 0, binary.shape[1], binary.shape[0])
        stats[0, 4] += (binary.shape[0] - rows.size) * binary.shape[1]
    return int(count), np.asarray(labels), stats, rows


def _inked_rows(binary: Gray) -> tuple[Gray, npt.NDArray[np.intp] | None]:
    """The part of `binary` to label and its rows (see `_bands`: areas never cross the
    rows left out, and keep their order); the whole image and None when those rows are
    most of its rows (gathering them costs a copy) or none."""
    rows = _bands(binary, 0)
    if 0 < rows.size <= _BANDED_SHARE * binary.shape[0]:
        return binary[rows], rows
    return binary, None


_BANDED_SHARE = 0.5


def _full_labels(
    labels: Labels, rows: npt.NDArray[np.intp] | None, shape: tuple[int, ...]
) -> Labels:
    """The label image of the whole image from that of its `rows` (None: all)."""
    if rows is None:
        return labels
    out = np.zeros(shape, dtype=labels.dtype)
    out[rows] = labels
    return out


def _in_16_bits(label: Callable[..., Any], binary: Gray, connectivity: int) -> Any:
    """OpenCV's `label` (connectedComponents, or WithStats) of `binary` in 16-bit labels,
    or in 32 when the areas overflow 16 bits (see `_labelled`)."""
    try:
        return label(binary, connectivity=connectivity, ltype=cv2.CV_16U)
    except cv2.error:
        return label(binary, connectivity=connectivity)


def has_ink(gray: Gray, dark: int = 128, min_pixels: int = 12) -> bool:
    """Whether a crop holds anything darker than `dark` beyond a few specks."""
    return int(np.count_nonzero(gray < dark)) >= min_pixels


def pad(gray: Gray, margin: int, fill: int = 255) -> Gray:
    """`gray` with a `margin`-pixel border of `fill` all round."""
    return _u8(
        cv2.copyMakeBorder(gray, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=fill)
    )


def ink_level(gray: Gray, min_dark: int = 128) -> float:
    """The grey level under which a crop's pixels are ink: Otsu's threshold or
    `min_dark`, whichever is lighter (pale print, grey footnote markers, stays ink),
    but no lighter than `_LIGHTEST_INK`."""
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return min(max(float(level), float(min_dark)), _LIGHTEST_INK)


# On a normalized page (paper at 255) ink is darker than this. On a crop that is
# nearly all paper Otsu splits the paper's own shades: the page around a continuation
# page's grid came out at 249, and the faint edges beside its painted-out rules were
# read as "I" and "|" into its first and last columns. A pale grey footnote marker
# alone in its cell is cut at about 230.
_LIGHTEST_INK = 240.0


def mask_boxes(mask: Mask) -> npt.NDArray[np.int32]:
    """The boxes of the 8-connected areas of `mask` (a crop's ink: see `ink_level`), as
    rows of x0, top, x1, bottom: a page holds thousands of blobs, and a Rule made for
    each only to be copied cost more than labelling them."""
    count, _, stats, _ = _labelled_bands(mask.view(np.uint8), 8)
    return _box_rows(stats.reshape(-1, 5)[1:count])


def _box_rows(stats: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
    """Stats rows (x, y, width, height, ...) as rows of x0, top, x1, bottom."""
    boxes = stats[:, :4].copy()
    boxes[:, 2:] += stats[:, :2]
    return boxes


def faint_areas(
    gray: Gray, level: float
) -> tuple[Labels, npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """The 8-connected areas darker than `level`: a label image (0 is the background)
    and, by label, arrays of each area's box (rows of x0, top, x1, bottom) and pixel
    count. A page holds thousands of areas, of which a few are looked up."""
    count, labels, stats = _labelled((gray < level).view(np.uint8), 8)
    rows = stats.reshape(-1, 5)[:count]
    return labels, _box_rows(rows), rows[:, 4]


def mask_labels(mask: Mask) -> Labels:
    """The 8-connected areas of `mask` as a label image (0 is the background)."""
    # without the areas' stats (half the time on a page); labels as _labelled gives
    part, rows = _inked_rows(mask.view(np.uint8))
    _, labels = _in_16_bits(cv2.connectedComponents, part, 8)
    return _full_labels(np.asarray(labels), rows, mask.shape)


def attached(labels: Labels, seeds: Mask, grow: int) -> Mask:
    """The pixels of the labelled areas (see `faint_areas`) that hold a pixel of
    `seeds`, widened by `grow` pixels.

    A blurred grey scan prints a glyph's thin strokes lighter than its stems: cut at the
    ink threshold a "C" loses its arms and reads "(", an "i" its dot; at a fainter level
    they hang together with their stems again, while a speck lying apart stays out."""
    # a look-up table by label, set straight from the seeds' labels (repeats and all:
    # sorting them out first cost more than it saved)
    keep = np.zeros(int(labels.max()) + 1, dtype=np.uint8)
    keep[labels[seeds]] = 1
    keep[0] = 0
    mask = keep[labels]
    if grow > 0:
        mask = _u8(cv2.dilate(mask, np.ones((2 * grow + 1, 2 * grow + 1), dtype=np.uint8)))
    return mask.view(np.bool_)  # 0 and 1 only: read as it is


def stretched(gray: Gray, black: int, white: float) -> Gray:
    """`gray` with its grey levels stretched: `black` and darker to 0, `white` and
    lighter to 255, linearly between."""
    span = max(white - black, 1.0)
    lut = np.clip((np.arange(256, dtype=np.float32) - black) * (255.0 / span), 0, 255)
    return _u8(cv2.LUT(gray, lut.astype(np.uint8)))


def scaled(gray: Gray, factor: float) -> Gray:
    """`gray` resized by `factor` (cubic up, area down)."""
    if abs(factor - 1.0) < 0.02:
        return gray
    method = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return _u8(cv2.resize(gray, None, fx=factor, fy=factor, interpolation=method))


# A broken rule: each half-window beside a gap is at least this share ink (horizontal,
# vertical), and the rows (columns) this many pixels to either side are less than
# _MENDED_SIDE ink, which no line of text is (its middle rows have letters above and
# below them). Fax lines break horizontal rules far more (every other scan line is
# lost); the left edge of a column of text can pass for a faint vertical rule.
_MENDED_COVER = {1: 0.4, 0: 0.6}
_MENDED_SIDE = 0.25
_MENDED_OFFSET = 6


def mend_rules(ink: Gray, length: int) -> Gray:
    """`ink` with the gaps of broken ruling lines filled in.

    A thin line printed at 200 dpi, blurred and cut at a fixed threshold (a fax) breaks
    into dashes with gaps of up to ~20 pixels, and `find_rules` wants one unbroken run:
    a header row would merge with the table title above it. A gap pixel is filled when
    the `length`/2 pixels on either side along the line are mostly ink and the line is
    thin there (little ink `_MENDED_OFFSET` pixels across it); a rule's end, with no
    ink beyond it, grows no further.
    """
    out = ink.copy()
    half = max(3, length // 2)
    _, marked = cv2.threshold(ink, 0, 255, cv2.THRESH_BINARY)
    marked = _u8(marked)
    for axis in (1, 0):  # horizontal lines run along axis 1, vertical ones along axis 0
        # `out[gaps > 0] = 255` wrote through a page-sized boolean index, several times slower
        cv2.bitwise_or(out, _mended_gaps(marked, half, axis), dst=out)
    return out


def _mended_gaps(marked: Gray, half: int, axis: int) -> Gray:
    """The gap pixels of `mend_rules` along `axis`, 255 where filled, else 0. Each step
    writes over a page it no longer needs: each new page-sized array is some 2000
    fresh memory pages for the system to map and clear."""
    kernel = (half, 1) if axis == 1 else (1, half)
    # a line's pieces step a pixel across it where the page was turned level
    thick = _u8(cv2.dilate(marked, np.ones((3, 1) if axis == 1 else (1, 3), dtype=np.uint8)))
    # the share of ink along the line, as 0..255: a page in float32 is 34 MB and
    # its shifted copies made this the peak of a scan's memory
    share = _u8(cv2.blur(thick, kernel, borderType=cv2.BORDER_CONSTANT))
    # thin: little ink _MENDED_OFFSET pixels to either side, the larger of the two
    # taken by a dilation with the two end points as its kernel (shifted copies
    # of the page took half of this function's time)
    beside = _u8(
        cv2.dilate(share, _end_points(_MENDED_OFFSET, 1 - axis), dst=thick, **_ZERO_BORDER)
    )
    # share >= cover and beside < side, as 0/255 (thresholds keep values above them)
    cover = math.ceil(255 * _MENDED_COVER[axis]) - 1
    cv2.threshold(share, cover, 255, cv2.THRESH_BINARY, dst=share)
    side = math.ceil(255 * _MENDED_SIDE) - 1
    cv2.threshold(beside, side, 255, cv2.THRESH_BINARY_INV, dst=beside)
    dense = cv2.bitwise_and(share, beside, dst=share)
    # filled where dense ink lies `step` pixels along the line on both sides
    step = half // 2 + 1
    return _u8(cv2.erode(dense, _end_points(step, axis), dst=beside, **_ZERO_BORDER))


# Outside the image is no ink (as a zero-filled shift has it).
_ZERO_BORDER: dict[str, Any] = {"borderType": cv2.BORDER_CONSTANT, "borderValue": 0}


def _end_points(reach: int, axis: int) -> npt.NDArray[np.uint8]:
    """A kernel of the two pixels `reach` away from its centre along `axis`."""
    size = (1, 2 * reach + 1) if axis == 1 else (2 * reach + 1, 1)
    kernel = np.zeros(size, dtype=np.uint8)
    kernel.flat[0] = kernel.flat[-1] = 1
    return kernel


def resized(gray: Gray, width: int, height: int) -> Gray:
    """`gray` resized to `width` x `height` pixels (area when shrinking, else cubic)."""
    shrink = width < gray.shape[1] or height < gray.shape[0]
    method = cv2.INTER_AREA if shrink else cv2.INTER_CUBIC
    return _u8(cv2.resize(gray, (width, height), interpolation=method))


# A page cut to black and white (a fax, a binarized scan) drawn at 300 dpi from 150-200
# dpi has grey only along the edges of its strokes: fewer grey pixels than this share
# of its dark ones (measured 0.2-0.8; grey scans, even clean ones, 1.3 and more).
_BINARIZED_GREY = 1.0
_GREY_BAND = (48, 208)
# The blur that joins a binarized glyph's broken strokes and evens its jagged edges
# (a fax loses every other scan line of a thin stroke): Tesseract read a fax's "3" as
# "4" and "Stock" as "Stark" on the raw page, right on the smoothed one.
_SMOOTH_SIGMA = 1.0


def is_binarized(gray: Gray) -> bool:
    """Whether a page (normalized, at OCR resolution) was cut to black and white."""
    # counted by OpenCV in one mask: numpy's comparisons wrote three, twice the time
    _, mask = cv2.threshold(gray, 127, 255, cv2.THRESH_BINARY_INV)
    dark = cv2.countNonZero(mask)
    grey = cv2.countNonZero(cv2.inRange(gray, _GREY_BAND[0], _GREY_BAND[1] - 1, dst=mask))
    return dark > 0 and grey < _BINARIZED_GREY * dark


def smoothed_if_binarized(gray: Gray) -> Gray:
    """A binarized page blurred a little for reading (see `_SMOOTH_SIGMA`); any other
    page as it is."""
    return smoothed(gray) if is_binarized(gray) else gray


def smoothed(gray: Gray) -> Gray:
    """A binarized page blurred a little for reading (see `_SMOOTH_SIGMA`)."""
    return _u8(cv2.GaussianBlur(gray, (0, 0), _SMOOTH_SIGMA))


def blurred(a: npt.NDArray[np.float64], sigma: float) -> npt.NDArray[np.float64]:
    """A float image under a Gaussian blur of `sigma` pixels."""
    return np.asarray(cv2.GaussianBlur(a, (0, 0), sigma), dtype=np.float64)


def square_differences(
    image: npt.NDArray[np.float64], part: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The sum of squared differences between `part` and `image` at every offset where
    `part` fits inside it: (rows, columns) of offsets."""
    found = cv2.matchTemplate(image.astype(np.float32), part.astype(np.float32), cv2.TM_SQDIFF)
    return np.asarray(found, dtype=np.float64)
