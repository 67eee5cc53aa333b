"""A name's roman numeral read by OCR as other strokes, put back from the filing's words.

Names and counts are invented."""

from __future__ import annotations

from collections import Counter

import pytest

from extractor.layout.roman_names import numerals_in, restored, with_numerals_restored
from extractor.model.codes import DocumentType
from extractor.model.filing import Fact, Filing, Footnote, Provenance, Signature

_WORDS = "Zorb II LP holds them; Zorb II UGP LLC, the general partner of Zorb II GP LP,"


def test_the_numerals_after_a_capital_word_are_counted() -> None:
    after = numerals_in(f"{_WORDS} 11 shares by IV".split())
    assert after == {"Zorb": Counter({"II": 3})}  # "by IV": no capital before it


@pytest.mark.parametrize("read", ["11", "If", "ff", "[1", "H", "ll", "LL"])
def test_strokes_after_the_word_are_its_numeral(read: str) -> None:
    after = numerals_in(_WORDS.split())
    assert restored(f"General Partner of Zorb {read} GP LP", after) == (
        "General Partner of Zorb II GP LP"
    )
    assert restored(f'Zorb {read}", and', after) == 'Zorb II", and'


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Zorb I GP LP", _WORDS),  # a numeral itself: "Fund I" and "Fund II" both exist
        ("Zorb XI GP LP", _WORDS),
        ("Quill 11 GP LP", _WORDS),  # no numeral follows "Quill" anywhere
        ("Zorb 11 GP LP", "Zorb II LP and Zorb III LP"),  # II not the usual one
        ("Zorb 11 GP LP", "Zorb II LP"),  # seen once: too little to tell
        ("Zorb 111 GP LP", _WORDS),  # three strokes: III, which it never prints
        ("by 11 shares", "by II LP, by II LP"),  # after a small word: a number
    ],
)
def test_a_reading_the_filing_does_not_vouch_for_stays(text: str, words: str) -> None:
    assert restored(text, numerals_in(words.split())) == text


def test_a_fund_counting_up_keeps_its_numbers() -> None:
    # regression: a lost stroke cannot be told from the next fund's number
    after = numerals_in(["Fund", "II", "Fund", "II", "Fund", "II", "Fund", "I"])
    assert restored("Fund I and Fund III", after) == "Fund I and Fund III"


def _ocr(value: str) -> Fact[str]:
    return Fact(value=value, provenance=Provenance(page=1, box=(0, 0, 9, 9), source="ocr"))


def test_the_filing_s_ocr_texts_are_put_back_with_findings() -> None:
    note = Footnote(
        id="F1",
        text="Held by Zorb 11 LP.",
        provenance=Provenance(page=1, box=(0, 0, 9, 9), source="ocr"),
    )
    filing = Filing(
        document_type=DocumentType.FORM_4,
        footnotes=[note],
        remarks=Fact(
            value="Zorb 11 LP", provenance=Provenance(page=1, box=(0, 0, 9, 9), source="text")
        ),
        signatures=[Signature(name=_ocr("/s/ Pat Quill, Zorb ff GP LP"))],
    )
    found = with_numerals_restored(filing, numerals_in(_WORDS.split()))
    assert filing.footnotes[0].text == "Held by Zorb II LP."
    assert filing.signatures[0].name.value == "/s/ Pat Quill, Zorb II GP LP"
    assert filing.remarks.value == "Zorb 11 LP"  # a text layer's words are as printed
    assert [f.code for f in found] == ["ocr.corrected", "ocr.corrected"]
    assert "Zorb ff GP LP" in found[0].message
