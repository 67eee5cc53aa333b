"""Regions: pages cut at printed titles; a table continued on the next page stays one kind."""

from __future__ import annotations

from extractor.layout.regions import RegionKind, pages_to_regions
from extractor.layout.template import load_template
from extractor.layout.text import PhraseIndex, group_lines
from extractor.model.geometry import Box, Page, Word

TEMPLATE = load_template()
T1 = "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
T2 = "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned"


def _line(text: str, top: float, page: int, x0: float = 30.0, size: float = 13.0) -> list[Word]:
    words, x = [], x0
    for tok in text.split():
        width = 0.5 * size * len(tok)
        words.append(Word(tok, Box(x, top, x + width, top + 0.7 * size), size, page))
        x += width + 4
    return words


def _page(number: int, *lines: tuple[str, float]) -> Page:
    words = [w for text, top in lines for w in _line(text, top, number)]
    return Page(number, 612, 792, tuple(words))


def test_titles_cut_pages_and_a_continued_table_repeats_its_title() -> None:
    pages = [
        _page(1, ("FORM 4", 20), (T1, 300), ("Common Stock", 340), (T2, 500)),
        _page(2, (T2, 30), ("Explanation of Responses:", 300), ("Remarks:", 400)),
    ]
    regions = pages_to_regions(pages, TEMPLATE)
    kinds = [(r.kind, r.page) for r in regions.items]
    assert kinds[:5] == [
        (RegionKind.HEADER, 1),
        (RegionKind.TABLE1, 1),
        (RegionKind.TABLE2, 1),
        (RegionKind.TABLE2, 2),
        (RegionKind.EXPLANATION, 2),
    ]
    table1 = regions.first(RegionKind.TABLE1)
    assert table1 is not None
    assert table1.box.top == 300 and table1.box.bottom == 500
    assert [r.page for r in regions.of(RegionKind.TABLE2)] == [1, 2]


def test_a_page_without_titles_continues_the_open_region() -> None:
    pages = [_page(1, (T1, 300)), _page(2, ("Common Stock", 100))]
    regions = pages_to_regions(pages, TEMPLATE)
    assert [(r.kind, r.page) for r in regions.of(RegionKind.TABLE1)] == [
        (RegionKind.TABLE1, 1),
        (RegionKind.TABLE1, 2),
    ]


def test_phrase_found_across_a_line_break_and_without_column_numbers() -> None:
    words = _line("2A. Deemed Execution", 10, 1) + _line("Date, if any", 22, 1)
    hits = PhraseIndex(words).find("Deemed Execution Date, if any")
    assert len(hits) == 1
    assert hits[0].box.top == 10


def test_phrase_search_respects_within() -> None:
    words = _line("Remarks:", 10, 1) + _line("Remarks:", 200, 1)
    index = PhraseIndex(words)
    assert len(index.find("Remarks:")) == 2
    assert len(index.find("Remarks:", within=Box(0, 100, 600, 300))) == 1


def test_group_lines_keeps_a_superscript_on_its_line() -> None:
    words = [*_line("Fund, LP", 100, 1), Word("(1)", Box(80, 98, 86, 104), 8.33, 1)]
    lines = group_lines(words)
    assert len(lines) == 1
    assert [w.text for w in lines[0]] == ["Fund,", "LP", "(1)"]


def test_ocr_rule_read_as_dashes_between_title_words_still_cuts() -> None:
    """Regression: a ruling line through a title's line read as dashes set between its
    words ("Table — I - — Non-Derivative = Securities") hid Table I on a page."""
    dashed = T1.replace("Table I - ", "Table — I - — ").replace("Securities", "= Securities")
    words = [
        Word(w.text, w.box, w.size, w.page, source="ocr")
        for w in _line("Explanation of Responses:", 400, 1) + _line(dashed, 300, 1)
    ]
    regions = pages_to_regions([Page(1, 612, 792, tuple(words), source="ocr")], TEMPLATE)
    assert [r.kind for r in regions.items][:2] == [RegionKind.HEADER, RegionKind.TABLE1]
    assert regions.items[1].box.top == 300


def test_digital_dashes_stay_words() -> None:
    dashed = T1.replace("Table I - ", "Table — I - — ")
    regions = pages_to_regions([_page(1, (dashed, 300))], TEMPLATE)
    assert regions.of(RegionKind.TABLE1) == []


def test_ocr_title_past_a_speck_word_and_beside_a_tiny_dot() -> None:
    """Regression: a rule's stub read "oo" inside the title, and a dot at the margin
    read "4" with confidence, hid a continued Table I's title."""
    words = _line(T1.replace("Beneficially", "Beneficially oo"), 300, 1, x0=150)
    dot = Word("4", Box(25, 305, 25.7, 305.7), 1.0, 1, source="ocr", confidence=0.75)
    ocr = [Word(w.text, w.box, w.size, w.page, source="ocr") for w in words] + [dot]
    regions = pages_to_regions([Page(1, 612, 792, tuple(ocr), source="ocr")], TEMPLATE)
    table = regions.first(RegionKind.TABLE1)
    assert table is not None and table.title is not None and table.box.top == 300
