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


def _after(words: list[Word], text: str, gap: float) -> list[Word]:
    """`text` on the line of `words`, starting `gap` points after the last of them."""
    last = words[-1]
    return _line(text, last.box.top, last.page, x0=last.box.x1 + gap)


def test_a_title_tabbed_well_apart_from_a_caption_on_its_line_is_a_title() -> None:
    """The SEC's paper form prints 'FORM 4 (continued)' and, far to its right on the
    same line, the table's title."""
    caption = _line("FORM 4 (continued)", 60, 2)
    page = Page(2, 792, 612, tuple(caption + _after(caption, T1, 70.0)))
    kinds = [r.kind for r in pages_to_regions([_page(1, ("FORM 4", 20)), page], TEMPLATE).items]
    assert RegionKind.TABLE1 in kinds


def test_a_title_one_space_after_other_words_is_no_title() -> None:
    see = _line("See", 60, 1)
    page = Page(1, 612, 792, tuple(see + _after(see, "Remarks:", 4.0)))
    kinds = [r.kind for r in pages_to_regions([page], TEMPLATE).items]
    assert RegionKind.REMARKS not in kinds


def test_a_first_page_without_a_table_title_is_all_header() -> None:
    """The paper form gives the header boxes page 1 alone; the tables follow."""
    pages = [_page(1, ("FORM 4", 20), ("1. Name and Address", 200)), _page(2, (T1, 30))]
    regions = pages_to_regions(pages, TEMPLATE)
    header = [r for r in regions.items if r.kind == RegionKind.HEADER]
    assert [(r.page, r.box.bottom) for r in header] == [(1, 792)]


def _ocr_page(number: int, *lines: tuple[str, float]) -> Page:
    page = _page(number, *lines)
    words = tuple(Word(w.text, w.box, w.size, w.page, "ocr", 0.5) for w in page.words)
    return Page(number, page.width, page.height, words, source="ocr")


def test_a_garbled_signature_caption_still_closes_the_remarks_on_ocr_pages() -> None:
    """150 dpi faxes read the caption 'Sigiature af Heyoring Person': the signature
    went into the remarks. Box 6's 'Form filed by One Reporting Person', in the header,
    comes as close and is no caption."""
    lines = [
        ("FORM 4", 20),
        ("Form filed by One Reporting Person", 60),
        (T1, 300),
        ("Remarks:", 500),
        ("Jane Doe 01/02/2030", 560),
        ("** Sigiature af Heyoring Person Date", 580),
    ]
    regions = pages_to_regions([_ocr_page(1, *lines)], TEMPLATE)
    captions = regions.of(RegionKind.SIGNATURE)
    assert len(captions) == 1 and captions[0].title is not None
    assert round(captions[0].title.top) == 580
    text = pages_to_regions([_page(1, *lines)], TEMPLATE)
    assert not text.of(RegionKind.SIGNATURE)  # a text layer's caption matches exactly


def test_no_garbled_caption_where_a_page_prints_the_caption_or_text_runs_into_it() -> None:
    """Grey scans lost their footnotes to a 'caption' found in a line of a note on the
    page before the one that prints the caption as matched."""
    note = ("trust for which tha Reporting Persou is trustee", 400)
    first = _ocr_page(1, ("FORM 4", 20), (T1, 300), note, ("Sigiature af Heyoring Person", 450))
    last = _ocr_page(2, ("Jane Doe 01/02/2030", 560), ("** Signature of Reporting Person", 580))
    captions = pages_to_regions([first, last], TEMPLATE).of(RegionKind.SIGNATURE)
    assert [c.page for c in captions] == [2]
    inline = _ocr_page(1, ("FORM 4", 20), (T1, 300), ("held by Signatur af Reporting Persn", 450))
    assert not pages_to_regions([inline], TEMPLATE).of(RegionKind.SIGNATURE)


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
