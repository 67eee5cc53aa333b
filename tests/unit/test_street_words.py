"""Street words and ordinals of a fax's address line put back."""

from __future__ import annotations

import pytest

from extractor.layout.street_words import street_words

_ENGLISH = frozenset({"towers", "centre", "suites", "road", "one"})


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("12 ELM SIREET", "12 ELM STREET"),
        ("BUILDING B, 2ND FILOOR", "BUILDING B, 2ND FLOOR"),
        ("12 ELM ROAD, SUTIE 7", "12 ELM ROAD, SUITE 7"),
        ("BUILDING B, 41H FLOOR", "BUILDING B, 4TH FLOOR"),
        ("BUILDING B, 41TH FLOOR", "BUILDING B, 4TH FLOOR"),
    ],
)
def test_regression_fax_street_words_and_ordinals_slipped_a_letter(read: str, meant: str) -> None:
    assert street_words(read, _ENGLISH) == meant


@pytest.mark.parametrize(
    "line",
    [
        "ONE TOWERS PLAZA",  # English: a word of its own, no slip
        "12 CENTRE STREET",
        "SUITES 4-6",
        "11TH FLOOR",  # real ordinals whose digits end in a one
        "111TH STREET",
        "21TH STREET",  # no ordinal either way: left as read
        "12 ROAN ROAD",  # four letters: too many neighbours
        "1 QUILLFEATHER WAY",
    ],
)
def test_a_street_line_of_real_or_unknown_words_is_left(line: str) -> None:
    assert street_words(line, _ENGLISH) == line
