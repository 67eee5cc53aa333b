"""Footnote markers: every printed form of a marker run gives EDGAR ids."""

from __future__ import annotations

import pytest

from extractor.layout.markers import is_superscript, marker_ids, split_markers
from extractor.layout.template import MarkerSpec
from extractor.model.geometry import Box, Word

SPEC = MarkerSpec(pattern=r"\((\d+)\)", id_format="F{n}", max_size_ratio=0.9)


@pytest.mark.parametrize(
    ("text", "value", "ids"),
    [
        ("(1)(2)", "", ["F1", "F2"]),
        ("(1), (2)", "", ["F1", "F2"]),
        ("(1) (2)", "", ["F1", "F2"]),
        ("(12)", "", ["F12"]),
        ("LP(2)", "LP", ["F2"]),
        ("Common Stock (3),(4)", "Common Stock", ["F3", "F4"]),
        ("Common Stock", "Common Stock", []),
        ("(A)", "(A)", []),
        ("Series (2015) Warrants", "Series (2015) Warrants", []),
    ],
)
def test_split_markers(text: str, value: str, ids: list[str]) -> None:
    assert split_markers(text, SPEC) == (value, ids)


def test_split_markers_uses_the_template_id_format() -> None:
    spec = MarkerSpec(pattern=r"\[(\d+)\]", id_format="N{n}")
    assert split_markers("Stock[1][2]", spec) == ("Stock", ["N1", "N2"])


def test_split_markers_defaults_to_the_shipped_template() -> None:
    assert split_markers("(1)(2)") == ("", ["F1", "F2"])


def test_marker_ids_only_for_marker_only_text() -> None:
    assert marker_ids("(1), (2)", SPEC) == ["F1", "F2"]
    assert marker_ids("LP(1)", SPEC) is None
    assert marker_ids("", SPEC) is None


def _word(text: str, size: float) -> Word:
    return Word(text=text, box=Box(0, 0, 10, 10), size=size, page=1)


def test_is_superscript_needs_small_size_and_marker_text() -> None:
    assert is_superscript(_word("(1)", 6.0), 10.0, SPEC)
    assert not is_superscript(_word("(1)", 10.0), 10.0, SPEC)
    assert not is_superscript(_word("LP", 6.0), 10.0, SPEC)
