"""A holder's name read by OCR in a table cell: the marks a fax adds at its edges."""

from __future__ import annotations

from collections import Counter

import pytest

from extractor.layout.ocr_names import repaired_name, with_natures_respelt
from extractor.layout.rows import Cell
from extractor.layout.values import CellReader
from extractor.model.codes import DocumentType
from extractor.model.filing import Fact, Filing, NonDerivativeHolding, OwnershipNature
from extractor.model.geometry import Box


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Ry Zeta Holdings Trust", "By Zeta Holdings Trust"),
        ("Hy Family Trust", "By Family Trust"),
        ("hy 'Trust", "by Trust"),
        ("bv Trust", "by Trust"),
        ("By Family 'Trust", "By Family Trust"),
        ("Zeta Growth Fund, 1..P", "Zeta Growth Fund, L.P."),
        ("Zeta Growth Fund, 1. P.", "Zeta Growth Fund, L.P."),
        ("Zeta Growth Fund, L..P, ayy", "Zeta Growth Fund, L.P."),
        ("Zeta Growth Fund, L.P. (Pad", "Zeta Growth Fund, L.P."),
        ("Zeta Partners Fund, LLC' uu", "Zeta Partners Fund, LLC"),
        ("Zeta Grove Holdings, LLO", "Zeta Grove Holdings, LLC"),
        ("Zeta Capital U.S, Growth Fund, L.P.", "Zeta Capital U.S. Growth Fund, L.P."),
        ("By Zeta Fund tl, LP", "By Zeta Fund II, LP"),
        ("By Zeta Fund If Principals Fund, LP", "By Zeta Fund II Principals Fund, LP"),
        ("By Zeta Fund U Partners Fund, LP", "By Zeta Fund II Partners Fund, LP"),
        ("so Foutnote", "See Footnote"),
        ("See Footie |", "See Footnote"),
        ("Soe Fantintes!' wed", "See Footnotes"),
        ("By Zeta Venture Fund, LP!", "By Zeta Venture Fund, LP"),  # a marker's remnant
        ('By Zeta Venture Fund, LP"', "By Zeta Venture Fund, LP"),
        ("By Zeta Growth Fund, L.P.'", "By Zeta Growth Fund, L.P."),
    ],
)
def test_a_fax_s_marks_at_a_name_s_edges_are_put_back(read: str, printed: str) -> None:
    assert repaired_name(read) == printed


@pytest.mark.parametrize(
    "printed",
    [
        "By Zeta Holdings Trust",
        "Zeta Growth Fund, L.P",
        "Zeta Growth Fund, L.P.",
        "Zeta Partners Fund XV (Q), L.P.",
        "Zeta Holdings, LLC II",
        'By the "Zeta" Family Trust',
        "Hyde Family Trust",
        "By Spouse",
        "See footnote",
        "See Footnotes 3 and 4",
        "See Note",
        "Son Family Trust",
        "Zeta Capital It, LP",
        "Zeta Fund I, LP",
    ],
)
def test_a_name_read_as_printed_is_left_alone(printed: str) -> None:
    assert repaired_name(printed) == printed


def test_quote_specks_after_a_name_read_on_a_fax_are_dropped_one_by_one() -> None:
    cell = Cell("by Trust' '", (), Box(0, 0, 10, 10), 1, "ocr")
    reader = CellReader("Table I row 1")
    assert reader.name(cell, "nature of ownership").value == "by Trust"
    assert [f.code for f in reader.findings] == ["ocr.corrected"]


def test_a_one_off_spelling_of_a_holder_the_filing_names_often_is_put_back() -> None:
    where = {"page": 1, "box": (0.0, 0.0, 1.0, 1.0), "source": "ocr", "confidence": 0.4}
    nature = Fact[str].model_validate({"value": "Zetola Fund, L.P.", "provenance": where})
    row = NonDerivativeHolding(ownership=OwnershipNature(nature_of_ownership=nature))
    filing = Filing(document_type=DocumentType.FORM_4, non_derivative_holdings=[row])
    seen = Counter({"zetoia": 6, "zetola": 1, "fund": 6})
    found = with_natures_respelt(filing, seen)
    assert filing.non_derivative_holdings[0].ownership.nature_of_ownership.value == (
        "Zetoia Fund, L.P."
    )
    assert [f.code for f in found] == ["ocr.corrected"]


def test_regression_an_abbreviation_in_a_name_is_no_misread_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mild scan's "Family Trust dtd 4/15/2014" became "did": prose's common words lack
    "dtd", and "did" is its one lookalike there. A name is checked against the model's
    whole list, which holds such abbreviations."""
    from extractor.layout import ocr_names, ocr_prose
    from extractor.sources.lexicon import WordList

    monkeypatch.setattr(ocr_names, "english_words", lambda: WordList(["did", "dtd", "trust"]))
    monkeypatch.setattr(ocr_prose, "_english", lambda: WordList(["did", "trust"]))
    where = {"page": 1, "box": (0.0, 0.0, 1.0, 1.0), "source": "ocr", "confidence": 0.4}
    nature = Fact[str].model_validate(
        {"value": "Zeta Family Trust dtd 4/15/2014", "provenance": where}
    )
    row = NonDerivativeHolding(ownership=OwnershipNature(nature_of_ownership=nature))
    filing = Filing(document_type=DocumentType.FORM_4, non_derivative_holdings=[row])
    assert with_natures_respelt(filing, Counter({"dtd": 1, "trust": 2})) == []
    assert filing.non_derivative_holdings[0].ownership.nature_of_ownership.value == (
        "Zeta Family Trust dtd 4/15/2014"
    )
