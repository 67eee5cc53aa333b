"""Explanation of Responses found by its numbered prose lines when OCR lost its title."""

from __future__ import annotations

from extractor.layout.footnotes import regions_to_footnotes
from extractor.layout.regions import RegionKind, pages_to_regions
from extractor.layout.template import load_template
from extractor.layout.untitled_notes import with_untitled_explanation
from extractor.model.geometry import Box, Page, Word, WordSource

TEMPLATE = load_template()
T2 = "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned"
PROSE = "Each unit vests in four equal parts on the first days of the next years"


def _line(text: str, top: float, page: int = 1, source: WordSource = "ocr") -> list[Word]:
    out, x, size = [], 30.0, 10.0
    for t in text.split():
        width = 0.5 * size * len(t)
        out.append(Word(t, Box(x, top, x + width, top + 7), size, page, source=source))
        x += width + 3
    return out


def _page(*lines: tuple[str, float], source: WordSource = "ocr") -> Page:
    words = tuple(w for text, top in lines for w in _line(text, top, source=source))
    return Page(1, 612, 792, words, source=source)


def test_numbered_prose_under_a_table_becomes_the_explanation() -> None:
    page = _page(
        (T2, 300),
        ("1. Title of 2. 3. Transaction 3A. Deemed 4. 5. Number of 6. Date Exercisable", 320),
        ("Option 12/01/2020 A 1,000 (1) 12/01/2030 Common Stock 1,000 $0 1,000 D", 340),
        ("Gibberish Ot Reapunsss:", 400),
        (f"1. {PROSE}.", 412),
        (f"2 {PROSE} and more.", 420),
    )
    regions = with_untitled_explanation([page], pages_to_regions([page], TEMPLATE))
    notes = regions.of(RegionKind.EXPLANATION)
    assert len(notes) == 1 and 400 < notes[0].box.top <= 412
    table = regions.of(RegionKind.TABLE2)[0]
    assert table.box.bottom == notes[0].box.top
    part = regions_to_footnotes([page], regions, TEMPLATE)
    assert [f.id for f in part.footnotes] == ["F1", "F2"]


def test_a_table_row_or_a_titled_explanation_is_left_alone() -> None:
    rows = ((T2, 300), ("1 Option 12/01/2020 A 1,000 (1) 12/01/2030 Common 1,000 $0 D", 340))
    page = _page(*rows)
    regions = pages_to_regions([page], TEMPLATE)
    assert with_untitled_explanation([page], regions) == regions
    titled = _page((T2, 300), ("Explanation of Responses:", 400), (f"1. {PROSE}.", 412))
    regions = pages_to_regions([titled], TEMPLATE)
    assert with_untitled_explanation([titled], regions) == regions


def test_digital_pages_are_left_alone() -> None:
    page = _page((T2, 300), (f"1. {PROSE}.", 412), source="text")
    regions = pages_to_regions([page], TEMPLATE)
    assert with_untitled_explanation([page], regions) == regions


def test_the_table_continued_on_a_later_page_is_explanation_too() -> None:
    first = _page((T2, 300), (f"1. {PROSE}.", 700))
    second = Page(2, 612, 792, tuple(_line(f"more of it {PROSE}", 40, page=2)), source="ocr")
    regions = with_untitled_explanation(
        [first, second], pages_to_regions([first, second], TEMPLATE)
    )
    assert [(r.page, r.title) for r in regions.of(RegionKind.EXPLANATION)] == [(1, None), (2, None)]
    assert [r.page for r in regions.of(RegionKind.TABLE2)] == [1]
