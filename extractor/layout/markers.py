"""Footnote markers: "(1)" on the page is footnote id "F1" on the value it follows.

Markers print as superscripts right after their value, one after another ("(1)(2)") or
separated by commas or spaces ("(1), (2)", "(1) (2)"). The template's MarkerSpec gives
the pattern of one marker and how an id is made from its number.
"""

from __future__ import annotations

import re
from functools import cache

from extractor.layout.template import MarkerSpec, load_template
from extractor.model.geometry import Word

_MAX_MARKER_DIGITS = 4


@cache
def _compiled(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(one marker, a trailing run of markers with commas or spaces between and after)."""
    one = re.compile(pattern)
    run = re.compile(rf"(?:[\s,]*(?:{pattern}))+[\s,]*$")
    return one, run


def _spec(spec: MarkerSpec | None) -> MarkerSpec:
    return spec if spec is not None else load_template().markers


def marker_ids(text: str, spec: MarkerSpec | None = None) -> list[str] | None:
    """Ids when `text` is nothing but markers ("(1)(2)", "(1), (2)"), else None."""
    value, ids = split_markers(text, spec)
    return ids if ids and not value else None


def split_markers(text: str, spec: MarkerSpec | None = None) -> tuple[str, list[str]]:
    """Trailing markers off a text: 'LP(1), (2)' -> ('LP', ['F1', 'F2'])."""
    s = _spec(spec)
    one, run = _compiled(s.pattern)
    m = run.search(text)
    if m is None:
        return text.strip(), []
    numbers = [g.group(1) for g in one.finditer(m.group(0))]
    # A footnote number has a few digits; "(" + 5,000 digits + ")" is no marker, and int()
    # refuses strings over 4,300 digits (ValueError) — a crash on hostile text.
    if any(len(n) > _MAX_MARKER_DIGITS for n in numbers):
        return text.strip(), []
    return text[: m.start()].strip(), [s.id_format.format(n=int(n)) for n in numbers]


def is_superscript(word: Word, body_size: float, spec: MarkerSpec | None = None) -> bool:
    """A word printed smaller than the body text that reads as markers only."""
    s = _spec(spec)
    if word.size > body_size * s.max_size_ratio:
        return False
    return marker_ids(word.text, s) is not None
