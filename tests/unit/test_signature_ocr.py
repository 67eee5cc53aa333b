"""Signature repairs from the form's fixed wording ("/s/", "attorney-in-fact for")."""

from __future__ import annotations

import pytest

from extractor.layout.signature_ocr import conformed_signature


@pytest.mark.parametrize("mark", ["'s/", "si", "es/", "/sf", "s/", "|s|"])
def test_slashes_of_the_conformed_mark_misread_on_a_fax_are_put_back(mark: str) -> None:
    text, repairs = conformed_signature(f"{mark} Pat Quill")
    assert text == "/s/ Pat Quill"
    assert [r.read for r in repairs] == [mark]


@pytest.mark.parametrize("text", ["Ann Quill", "Jo Quill", "/s/ Pat Quill", "/S/ Pat Quill"])
def test_a_name_or_a_well_read_mark_is_left_as_it_is(text: str) -> None:
    assert conformed_signature(text) == (text, [])


def test_a_mark_lookalike_not_followed_by_a_name_is_left() -> None:
    assert conformed_signature("si quill")[0] == "si quill"


@pytest.mark.parametrize(
    ("read", "taken"),
    [
        ("Attomey-in-Fact", "Attorney-in-Fact"),
        ("Allorpey-in-Fact", "Attorney-in-Fact"),
        ("duornyy-in-fact", "attorney-in-fact"),
        ("Adomey-in+ Fact", "Attorney-in-Fact"),
        ("Atiomey-in-facy", "Attorney-in-fact"),
        ("Attorney-in- — Kact", "Attorney-in-Fact"),
        ("Attorney-In-Fuct", "Attorney-In-Fact"),
        ("Algrney= in-fact", "Attorney-in-fact"),
        ("Attomey-ip-Fact", "Attorney-in-Fact"),
        ("Aormey=in-faey", "Attorney-in-fact"),
    ],
)
def test_attorney_in_fact_garbled_on_a_fax_is_put_back_with_its_capitals(
    read: str, taken: str
) -> None:
    text, repairs = conformed_signature(f"/s/ Pat Quill, {read}")
    assert text == f"/s/ Pat Quill, {taken}"
    assert len(repairs) == 1


@pytest.mark.parametrize("mark", ["'s/", "(s/", "/s/"])
def test_a_name_whose_capital_i_read_as_a_small_l_after_the_mark_is_put_back(mark: str) -> None:
    text, repairs = conformed_signature(f"{mark} lvo Quill, Attorney-in-Fact")
    assert text == "/s/ Ivo Quill, Attorney-in-Fact"
    assert repairs[-1].read == "lvo" and repairs[-1].taken == "Ivo"


def test_a_small_l_word_later_in_the_signature_is_left() -> None:
    text = "/s/ Ivo Quill, lvo Quill"
    assert conformed_signature(text) == (text, [])


@pytest.mark.parametrize(
    ("read", "taken"),
    [
        # a hyphen's blurred end read as a comma or quote marks
        ("Attomey, In-Fact", "Attorney-In-Fact"),
        ("attorne '= — in-fact", "attorney-in-fact"),
    ],
)
def test_a_hyphen_of_in_fact_read_as_a_mark_is_put_back(read: str, taken: str) -> None:
    text, repairs = conformed_signature(f"/s/ Pat Quill, {read}")
    assert text == f"/s/ Pat Quill, {taken}"
    assert len(repairs) == 1


def test_a_word_far_from_attorney_before_in_fact_is_left() -> None:
    text = "/s/ Pat Quill, Mart -in-fact"
    assert conformed_signature(text)[0] == text


def test_for_after_in_fact_misread_is_put_back() -> None:
    text, _ = conformed_signature("/s/ Pat Quill, Attorney-in-fact fot Lee Moss")
    assert text == "/s/ Pat Quill, Attorney-in-fact for Lee Moss"


def test_a_word_after_the_name_alone_is_not_taken_for_for() -> None:
    text = "/s/ Pat Quill tor Lee Moss"
    assert conformed_signature(text)[0] == text
