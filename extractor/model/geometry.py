"""Internal geometry: boxes, words and pages as small frozen dataclasses.

Coordinates are PDF points with the origin at the top-left of the page and y growing
downwards (the way a reader scans a page); `x0 < x1`, `top < bottom`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

WordSource = Literal["text", "ocr"]


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom

    def h_overlap(self, other: Box) -> float:
        """Width shared with `other` along the x axis (0 when apart)."""
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def v_overlap(self, other: Box) -> float:
        """Height shared with `other` along the y axis (0 when apart)."""
        return max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    @staticmethod
    def enclosing(boxes: list[Box]) -> Box:
        """The smallest box around all `boxes` (which must not be empty)."""
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out


@dataclass(frozen=True, slots=True)
class Word:
    """A run of characters without a space or a change of font size.

    `size` is the font size in points; footnote superscripts are smaller than the
    text they follow, which is how markers are told apart from values.
    `color` is the fill colour as an RGB hex string when the source knows it.
    """

    text: str
    box: Box
    size: float
    page: int
    source: WordSource = "text"
    confidence: float = 1.0
    color: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A horizontal ruling line or a rectangle edge found on the page."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Page:
    """One page as words with geometry: the input of every layout stage."""

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    lines: tuple[Line, ...] = field(default=())
    source: WordSource = "text"
    # a scan cut to black and white (a fax): it loses markers a grey scan keeps
    binarized: bool = False


def covered_length(spans: Iterable[tuple[float, float]]) -> float:
    """The length of the union of the intervals (start, end)."""
    total, end = 0.0, float("-inf")
    for x0, x1 in sorted(spans):
        start = max(x0, end)
        if x1 > start:
            total += x1 - start
        end = max(end, x1)
    return total
