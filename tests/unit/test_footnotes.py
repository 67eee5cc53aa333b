"""Explanation of Responses on small synthetic pages: numbering, joining, page breaks."""

from __future__ import annotations

from dataclasses import replace

from extractor.layout.footnotes import regions_to_footnotes
from extractor.layout.parts import FootnotesPart
from extractor.layout.regions import Region, RegionKind, Regions, pages_to_regions
from extractor.layout.template import load_template
from extractor.model.geometry import Box, Page, Word

BLACK, GREEN = "#000000", "#008000"


def _line(text: str, top: float, page: int = 1, x0: float = 30.0, color: str = GREEN) -> list[Word]:
    out, x, size = [], x0, 10.0
    for t in text.split():
        width = 0.32 * size * len(t)
        out.append(Word(t, Box(x, top, x + width, top + 7), size, page, color=color))
        x += width + 2.5
    return out


def _read(pages: list[Page]) -> FootnotesPart:
    template = load_template()
    return regions_to_footnotes(pages, pages_to_regions(pages, template), template)


def test_numbered_lines_start_footnotes_and_other_lines_continue_them() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_line("1. The first footnote runs", 112),
        *_line("over two lines.", 120),
        *_line("2. The second one.", 128),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [(f.id, f.text) for f in part.footnotes] == [
        ("F1", "The first footnote runs over two lines."),
        ("F2", "The second one."),
    ]
    assert part.footnotes[0].provenance is not None
    assert part.footnotes[0].provenance.source == "text"


def test_a_number_out_of_sequence_continues_the_footnote() -> None:
    """Regression guard: "3." at a line start inside footnote 1 is text, not footnote 3."""
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_line("1. Shares vest under section", 112),
        *_line("3. of the plan.", 120),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [(f.id, f.text) for f in part.footnotes] == [
        ("F1", "Shares vest under section 3. of the plan.")
    ]


def test_footnotes_continue_across_a_page_break_and_a_hyphen() -> None:
    page1 = [
        *_line("Explanation of Responses:", 700, color=BLACK),
        *_line("1. Signed by an attorney-in-", 712),
    ]
    page2 = [*_line("fact for the owner.", 30, page=2), *_line("2. Next.", 38, page=2)]
    regions = Regions(
        (
            Region(RegionKind.EXPLANATION, 1, Box(0, 700, 612, 792), Box(30, 700, 120, 707)),
            Region(RegionKind.EXPLANATION, 2, Box(0, 0, 612, 100), None),
        )
    )
    pages = [Page(1, 612, 792, tuple(page1)), Page(2, 612, 792, tuple(page2))]
    template = load_template()
    part = regions_to_footnotes(pages, regions, template)
    assert [(f.id, f.text) for f in part.footnotes] == [
        ("F1", "Signed by an attorney-in-fact for the owner."),
        ("F2", "Next."),
    ]


def test_text_before_the_first_number_is_a_finding() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_line("stray words", 112),
        *_line("1. Real note.", 120),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.id for f in part.footnotes] == ["F1"]
    assert [f.code for f in part.findings] == ["footnotes.stray_text"]


def test_no_explanation_region_gives_no_footnotes_and_no_error() -> None:
    part = regions_to_footnotes([], Regions(()), load_template())
    assert part.footnotes == [] and part.findings == []


def _ocr(words: list[Word]) -> list[Word]:
    """`words` as OCR gives them: no colour, OCR source."""
    return [Word(w.text, w.box, w.size, w.page, source="ocr") for w in words]


def test_ocr_speck_before_a_footnote_number_keeps_the_count() -> None:
    """Regression: a speck before "9." read as "-9." ended the count, and every later
    footnote ran into footnote 8."""
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("1. Alpha note.", 112)),
        *_ocr(_line("-2. Bravo note.", 120)),
        *_ocr(_line("~3. Charlie note.", 128)),
        *_ocr(_line("4. Delta note.", 136)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [(f.id, f.text) for f in part.footnotes] == [
        ("F1", "Alpha note."),
        ("F2", "Bravo note."),
        ("F3", "Charlie note."),
        ("F4", "Delta note."),
    ]


def test_ocr_first_footnote_number_read_as_a_letter() -> None:
    """A first "1." read "t." or "l." still starts footnote 1; a letter is no number
    further on ("I." starting a line inside footnote 1 continues it)."""
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("t. Alpha note", 112)),
        *_ocr(_line("I. continues here.", 120)),
        *_ocr(_line("2. Bravo note.", 128)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [(f.id, f.text) for f in part.footnotes] == [
        ("F1", "Alpha note I. continues here."),
        ("F2", "Bravo note."),
    ]


def test_digital_text_takes_no_ocr_lookalikes() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_line("l. Alpha note.", 112),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert part.footnotes == []


def test_ocr_roman_list_items_read_with_digits_are_put_back() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("1. Units vest on (1) the first date or (11) the later one.", 112)),
        *_ocr(_line("2. Shares vest on (1i) a date and (i) another.", 120)),
        *_ocr(_line("3. Steps: (1) one, (2) two, and Rule 9z-9(d)(1) applies.", 128)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.text for f in part.footnotes] == [
        "Units vest on (i) the first date or (ii) the later one.",
        "Shares vest on (ii) a date and (i) another.",
        "Steps: (1) one, (2) two, and Rule 9z-9(d)(1) applies.",
    ]


def test_digital_roman_items_stay_as_printed() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_line("1. Vests on (1) one date or (11) another.", 112),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.text for f in part.footnotes] == ["Vests on (1) one date or (11) another."]


def test_ocr_numbers_read_with_letters_of_their_shape_keep_the_count() -> None:
    """A grey scan reads "5." as "S.", "18." as "1B." and "6." as "G."; the count
    expects those numbers, so they start footnotes."""
    lines = ["4. Delta note.", "S. Echo note.", "G. Foxtrot note."]
    words = [*_line("Explanation of Responses:", 100, color=BLACK)]
    words += [w for i, text in enumerate(lines) for w in _ocr(_line(text, 112 + 8 * i))]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.id for f in part.footnotes] == ["F4", "F5", "F6"]


def test_ocr_letter_shaped_number_out_of_count_continues_the_note() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("1. Alpha note held by", 112)),
        *_ocr(_line("S. Trust as trustee.", 120)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [(f.id, f.text) for f in part.footnotes] == [
        ("F1", "Alpha note held by S. Trust as trustee.")
    ]


def test_ocr_lost_number_line_does_not_swallow_the_later_footnotes() -> None:
    """Regression: a smudge over "15." left footnote 14 holding 15-33. A number one to
    a few past the next, printed as a number and starting a sentence, starts a footnote."""
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("1. Alpha note.", 112)),
        *_ocr(_line("smudged words Bravo note.", 120)),
        *_ocr(_line("3. Charlie note.", 128)),
        *_ocr(_line("4. Delta note.", 136)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.id for f in part.footnotes] == ["F1", "F3", "F4"]
    assert "Bravo" in part.footnotes[0].text
    assert [f.text for f in part.footnotes[1:]] == ["Charlie note.", "Delta note."]


def test_ocr_far_or_unsentenced_numbers_continue_the_note() -> None:
    """Too far past the count (9.), or no sentence after it (3. of), is footnote text."""
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("1. Shares vest under section", 112)),
        *_ocr(_line("3. of the plan and rule", 120)),
        *_ocr(_line("9. The end.", 128)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.id for f in part.footnotes] == ["F1"]


def test_ocr_first_footnote_number_read_as_a_capital_l() -> None:
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("L The Alpha note.", 112)),
        *_ocr(_line("2 Bravo note.", 120)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    assert [f.id for f in part.footnotes] == ["F1", "F2"]


def test_regression_prose_repairs_of_a_footnote_are_recorded() -> None:
    """OCR'd notes were put back word by word ("(11)" -> "(ii)") with no finding: a
    reviewer could not tell a repaired note from one read as printed."""
    words = [
        *_line("Explanation of Responses:", 100, color=BLACK),
        *_ocr(_line("1. Units vest on (1) the first date or (11) the later one.", 112)),
        *_ocr(_line("2. Steps: (1) one, (2) two.", 120)),
    ]
    part = _read([Page(1, 612, 792, tuple(words))])
    found = [f for f in part.findings if f.code == "ocr.corrected"]
    assert [f.path for f in found] == ["footnotes.F1"]
    assert "'(1) ... (11)'" in found[0].message and "'(i) ... (ii)'" in found[0].message
    assert found[0].page == 1


def _ocr(words: list[Word]) -> list[Word]:
    return [replace(w, source="ocr", confidence=0.9) for w in words]


def test_regression_ocr_word_spanning_two_lines_merges_two_notes() -> None:
    # OCR ran glyphs of two lines of small print into one tall word: taken as its
    # line's tallest word, it pulled the next line in, and note 2's number was read
    # mid-line, so note 2 was lost into note 1
    note_one = _ocr(_line("1. The zorb reported in Column 4 is a weighted average price", 112))
    note_two = _ocr(_line("2. The second note of the filing runs on one line.", 119))
    more = _ocr(_line("It goes on to a third line of the page", 126))
    tall = Word("Sree", Box(200.0, 112.0, 214.0, 126.0), 16.0, 1, source="ocr", confidence=0.1)
    words = [*_line("Explanation of Responses:", 100, color=BLACK), *note_one, tall]
    part = _read([Page(1, 612, 792, tuple([*words, *note_two, *more]))])
    assert [f.id for f in part.footnotes] == ["F1", "F2"]
    assert part.footnotes[1].text.startswith("The second note")


def _ocr_notes(lines: list[str]) -> FootnotesPart:
    """The notes of OCR'd lines under the explanation's title, one line each."""
    words = [*_line("Explanation of Responses:", 100, color=BLACK)]
    for k, text in enumerate(lines):
        words += _ocr(_line(text, 112 + 8 * k))
    return _read([Page(1, 612, 792, tuple(words))])


def test_the_next_notes_number_misread_after_a_note_that_ended_starts_it() -> None:
    # a grey 150 dpi scan read "8." as "6." and "13." as "12.": the count stopped and
    # each note was run into the one before
    part = _ocr_notes(["1. The first note.", "2. The second note ends here.", "9. The third note."])
    assert [(f.id, f.text) for f in part.footnotes][2] == ("F3", "The third note.")


def test_a_number_after_a_line_that_runs_on_continues_the_note() -> None:
    part = _ocr_notes(
        ["1. The first note.", "2. The second note runs on to", "9. Zorbs held here."]
    )
    assert [f.id for f in part.footnotes] == ["F1", "F2"]
