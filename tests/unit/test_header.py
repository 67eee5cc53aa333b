"""The header box, owner blocks, remarks and signatures on small synthetic pages.

Pages are built word by word the way the EDGAR rendering prints them: labels in black,
values in blue, check marks as a blue "X" left of their label.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extractor.layout.boxtext import (
    Row,
    find_labels,
    join_lines,
    lost_letters,
    rows,
    rule_below,
    rule_right_of,
)
from extractor.layout.header import regions_to_header
from extractor.layout.owners import _street_repaired, split_fields
from extractor.layout.parts import HeaderPart
from extractor.layout.regions import RegionKind, Regions, pages_to_regions
from extractor.layout.template import load_template
from extractor.model.codes import DocumentType
from extractor.model.geometry import Box, Line, Page, Word

BLACK, BLUE = "#000000", "#0000ff"


def _line(
    text: str, x0: float, top: float, size: float = 10.0, color: str = BLACK, page: int = 1
) -> list[Word]:
    """Words of one printed line; glyph boxes a little shorter than the font size."""
    out, x = [], x0
    for t in text.split():
        width = 0.32 * size * len(t)
        out.append(Word(t, Box(x, top, x + width, top + 0.7 * size), size, page, color=color))
        x += width + 0.25 * size
    return out


def _header_words(*, ten_percent: bool = False, rule_box: bool = True) -> list[Word]:
    w = [
        *_line("FORM 4", 60, 45, size=18),
        *_line("Check this box if no longer subject to", 45, 90, size=9),
        *_line("Section 16. Form 4 or Form 5", 45, 97, size=9),
        *_line("1. Name and Address of Reporting Person", 32, 200),
        *_line("DOE JANE Q", 34, 212, size=16, color=BLUE),
        *_line("(Last) (First) (Middle)", 34, 236),
        *_line("C/O EXAMPLE CORP", 34, 249, size=13, color=BLUE),
        *_line("100 MAIN STREET", 34, 263, size=13, color=BLUE),
        *_line("(Street)", 32, 287),
        *_line("SPRINGFIELD", 34, 298, size=13, color=BLUE),
        *_line("IL", 96, 298, size=13, color=BLUE),
        *_line("62701", 158, 298, size=13, color=BLUE),
        *_line("(City)", 34, 324),
        *_line("(State)", 96, 324),
        *_line("(Zip)", 158, 324),
        *_line("2. Issuer Name and Ticker or Trading Symbol", 227, 196),
        *_line("Acme Widgets, Inc.", 227, 206, size=16, color=BLUE),
        *_line("[", 330, 206, size=16),
        *_line("ACME", 336, 208, size=13, color=BLUE),
        *_line("]", 366, 206, size=16),
        *_line("3. Date of Earliest Transaction (Month/Day/Year)", 227, 238),
        *_line("03/05/2025", 227, 248, size=13, color=BLUE),
        *_line("4. If Amendment, Date of Original Filed (Month/Day/Year)", 227, 277),
        *_line("5. Relationship of Reporting Person(s) to Issuer", 421, 196),
        *_line("X", 431, 214, size=13, color=BLUE),
        *_line("Director", 448, 215),
        *_line("10% Owner", 528, 215),
        *_line("Officer (give title", 448, 227),
        *_line("Other (specify", 527, 227),
        *_line("X", 431, 229, size=13, color=BLUE),
        *_line("below)", 448, 234),
        *_line("Chief Executive Officer", 448, 246, size=13, color=BLUE),
        *_line("6. Individual or Joint/Group Filing", 422, 277),
        *_line(
            "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
            137,
            343,
            size=13,
        ),
    ]
    if ten_percent:
        w += _line("X", 511, 214, size=13, color=BLUE)
    if rule_box:
        w += _line("Check this box to indicate that a", 45, 134, size=9)
        w += _line("transaction was made pursuant to a", 45, 141, size=9)
    return w


def _read(words: list[Word]) -> HeaderPart:
    template = load_template()
    pages = [Page(1, 612, 792, tuple(words))]
    return regions_to_header(pages, pages_to_regions(pages, template), template)


def test_header_boxes_read_from_their_labels() -> None:
    h = _read(_header_words())
    assert h.document_type is DocumentType.FORM_4
    assert h.issuer.name.value == "Acme Widgets, Inc."
    assert h.issuer.trading_symbol.value == "ACME"
    assert h.period_of_report.value == date(2025, 3, 5)
    assert h.date_of_original_submission.value is None
    owner = h.reporting_owners[0]
    assert owner.name.value == "DOE JANE Q"
    assert owner.address.street1.value == "C/O EXAMPLE CORP"
    assert owner.address.street2.value == "100 MAIN STREET"
    assert (owner.address.city.value, owner.address.state.value) == ("SPRINGFIELD", "IL")
    assert owner.address.zip_code.value == "62701"
    assert owner.name.provenance is not None and owner.name.provenance.page == 1


def test_check_marks_go_to_the_label_right_of_them() -> None:
    rel = _read(_header_words()).reporting_owners[0].relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == (
        True,
        True,
        False,
        False,
    )
    assert rel.officer_title.value == "Chief Executive Officer"
    assert (
        _read(_header_words(ten_percent=True)).reporting_owners[0].relationship.is_ten_percent_owner
    )


def test_rule_10b5_1_box_is_none_when_not_printed_and_false_when_empty() -> None:
    assert _read(_header_words(rule_box=True)).aff10b5one is False
    assert _read(_header_words(rule_box=False)).aff10b5one is None
    checked = [*_header_words(rule_box=True), *_line("X", 32, 137, size=13, color=BLUE)]
    assert _read(checked).aff10b5one is True
    assert _read(checked).not_subject_to_section16 is False


def test_amendment_date_makes_the_form_an_amendment() -> None:
    words = [*_header_words(), *_line("01/02/2025", 227, 288, size=13, color=BLUE)]
    h = _read(words)
    assert h.date_of_original_submission.value == date(2025, 1, 2)
    assert h.document_type is DocumentType.FORM_4A


def test_wrapped_street_stays_one_field_and_a_wider_gap_starts_street2() -> None:
    """Regression: lines 11 pt apart at 13 pt are one street wrapped; 13.7 pt apart are two."""
    words = [
        *_line("C/O NORTHWIND CAPITAL, 2800 SAND HILL", 34, 100, size=13, color=BLUE),
        *_line("ROAD", 34, 111, size=13, color=BLUE),
        *_line("SUITE 101", 34, 124.7, size=13, color=BLUE),
    ]
    groups = split_fields(rows(words), load_template().header)
    assert [" ".join(r.text for r in g) for g in groups] == [
        "C/O NORTHWIND CAPITAL, 2800 SAND HILL ROAD",
        "SUITE 101",
    ]


def test_remarks_in_an_officer_title_is_not_the_remarks_title() -> None:
    """Regression: "See Remarks" wrapped so that "Remarks" starts a line cut the header."""
    words = [*_header_words(), *_line("See", 448, 258, size=16, color=BLUE)]
    words += _line("Remarks", 448, 268, size=16, color=BLUE)
    regions = pages_to_regions([Page(1, 612, 792, tuple(words))], load_template())
    assert regions.of(RegionKind.REMARKS) == []


def test_line_broken_after_a_hyphen_joins_without_a_space() -> None:
    assert join_lines(["/s/ Jane Doe, attorney-in-", "fact"]) == "/s/ Jane Doe, attorney-in-fact"
    assert join_lines(["a lone", "-", "dash"]) == "a lone - dash"
    assert join_lines(["two", "lines"]) == "two lines"


def test_a_comma_kerned_under_a_quote_is_glued_to_it() -> None:
    quote = Word('Inc."', Box(506.8, 537.9, 517.9, 542.0), 10.0, 1)
    comma = Word(",", Box(518.5, 541.3, 519.5, 542.9), 10.0, 1)
    after = Word("and", Box(521.6, 537.6, 530.1, 542.0), 10.0, 1)
    (row,) = rows([quote, comma, after])
    assert row.text == 'Inc.", and'


def test_signatures_one_per_date_with_wrapped_names() -> None:
    words = _header_words()
    words += _line("Remarks:", 30, 400, size=13)
    words += _line("Some remark text.", 30, 415, color=BLUE)
    words += _line("/s/ Jane Doe, Managing", 362, 440, size=13, color=BLUE)
    words += _line("Member", 362, 451, size=13, color=BLUE)
    words += _line("03/07/2025", 540, 446, size=13, color=BLUE)
    words += _line("/s/ John Roe", 362, 465, size=13, color=BLUE)
    words += _line("03/08/2025", 540, 465, size=13, color=BLUE)
    words += _line("** Signature of Reporting Person", 362, 480)
    words += _line("Date", 540, 480)
    h = _read(words)
    assert h.remarks.value == "Some remark text."
    assert [(s.name.value, s.date.value) for s in h.signatures] == [
        ("/s/ Jane Doe, Managing Member", date(2025, 3, 7)),
        ("/s/ John Roe", date(2025, 3, 8)),
    ]


def test_a_speck_in_the_date_column_of_an_ocr_signature_is_no_date() -> None:
    """A fax's specks right of a signature read "'" and "-": each made a signature."""
    words = _header_words()
    words += _line("/s/ Jane Doe, Managing", 362, 440, size=13, color=BLUE)
    words += _line("Member", 362, 455, size=13, color=BLUE)
    words += _line("' -", 540, 455, size=13, color=BLUE)
    words += _line("03/07/2025", 540, 440, size=13, color=BLUE)
    words += _line("** Signature of Reporting Person", 362, 480)
    words += _line("Date", 540, 480)
    h = _read(_ocr(words))
    assert [(s.name.value, s.date.value) for s in h.signatures] == [
        ("/s/ Jane Doe, Managing Member", date(2025, 3, 7)),
    ]


def test_a_misread_date_caption_still_sets_the_date_column_in_ocr() -> None:
    """Faxes lost every signature date: "Date" read "Daie" or "Deter" was no caption,
    so no column held the dates."""
    words = _header_words()
    words += _line("/s/ Jane Doe", 362, 465, size=13, color=BLUE)
    words += _line("03/08/2025", 540, 465, size=13, color=BLUE)
    words += _line("** Signature of Reporting Person", 362, 480)
    words += _line("Dqie", 540, 480)
    (ocr,) = _read(_ocr(words)).signatures
    assert (ocr.name.value, ocr.date.value) == ("/s/ Jane Doe", date(2025, 3, 8))
    (text,) = _read(words).signatures  # the text layer's caption is exact or absent
    assert text.date.value is None


def _signed(caption: str) -> list[Word]:
    """The header, a signature whose name starts left of its caption's words (as under
    a caption that lost its "**"), the caption as given, and the reminder under it."""
    words = _header_words()
    words += _line("/s/ Jane Doe", 362, 465, size=13, color=BLUE)
    words += _line("03/08/2025", 540, 465, size=13, color=BLUE)
    words += _line(caption, 370, 480)
    words += _line("Date", 540, 480)
    words += _line("Reminder: Report on a separate line for each class of securities", 30, 492)
    return _ocr(words)


def test_regression_a_signature_caption_that_lost_its_stars_keeps_its_signature() -> None:
    """A fax lost the pale "**" of the caption: its column began at "Signature", and
    the name's line, which starts where the "**" printed, ended the block at once."""
    (sig,) = _read(_signed("Signature of Reporting Person")).signatures
    assert (sig.name.value, sig.date.value) == ("/s/ Jane Doe", date(2025, 3, 8))


def test_a_caption_garbled_past_placing_is_the_line_over_the_reminder() -> None:
    """A fax read the caption "Segrusluta of Reporuny Person": no signature was read and
    the signature went into the remarks. The reminder under it reads well enough."""
    (sig,) = _read_scan(_signed("** Segrusluta of Reporuny Person")).signatures
    assert (sig.name.value, sig.date.value) == ("/s/ Jane Doe", date(2025, 3, 8))
    lone = [w for w in _signed("** Segrusluta of Reporuny Person") if w.box.top != 492]
    assert _read_scan(lone).signatures == []  # no reminder: no telling where the caption is


def _read_scan(words: list[Word]) -> HeaderPart:
    template = load_template()
    pages = [Page(1, 612, 792, tuple(words), source="ocr")]
    return regions_to_header(pages, pages_to_regions(pages, template), template)


def test_a_page_without_a_header_gives_findings_not_an_exception() -> None:
    template = load_template()
    h = regions_to_header([], Regions(()), template)
    assert h.findings and h.reporting_owners == []
    blank = [Page(1, 612, 792, ())]
    h = regions_to_header(blank, pages_to_regions(blank, template), template)
    assert h.findings


def test_row_band_ignores_a_shorter_neighbour_line() -> None:
    """Small print at a 7 pt pitch stays on separate lines."""
    words = [*_line("Check this box", 45, 69, size=9), *_line("Section 16.", 45, 76, size=9)]
    assert [r.text for r in rows(words)] == ["Check this box", "Section 16."]
    assert isinstance(rows(words)[0], Row)


def test_header_reads_the_same_without_colours() -> None:
    """A text layer (or OCR) without colours: labels are told from values by the phrases
    alone, and the wrapped "below)" of "Officer (give title below)" is not the title."""
    plain = [replace(w, color=None) for w in _header_words()]
    h = _read(plain)
    owner = h.reporting_owners[0]
    assert (h.issuer.name.value, h.issuer.trading_symbol.value) == ("Acme Widgets, Inc.", "ACME")
    assert owner.name.value == "DOE JANE Q"
    assert owner.address.zip_code.value == "62701"
    assert owner.relationship.is_director and owner.relationship.is_officer
    assert owner.relationship.officer_title.value == "Chief Executive Officer"


# --- the same header read by OCR: no colours, rough boxes, misread small print ---


def _ocr(words: list[Word], **misread: str) -> list[Word]:
    """Words as OCR gives them (no colours), with some texts replaced by misreadings."""
    return [replace(w, color=None, source="ocr", text=misread.get(w.text, w.text)) for w in words]


def test_regression_officer_box_lost_when_ocr_reads_below_as_bl() -> None:
    """Scans lost the checked Officer box and its title: the small-print "below)" ending
    the label "Officer (give title below)" was read "bl)", so the label was not found,
    the X went to Director and the title to nothing."""
    rel = _read(_ocr(_header_words(), **{"below)": "bl)"})).reporting_owners[0].relationship
    assert (rel.is_director, rel.is_officer) == (True, True)
    assert rel.officer_title.value == "Chief Executive Officer"


def test_a_role_label_garbled_past_reading_is_placed_by_the_labels_around_it() -> None:
    """Faxes at 150 dpi lost the checked Director box: "Director" read "Owaclor"; it
    prints in Officer's column on 10% Owner's line, and its X is beside that place."""
    rel = _read(_ocr(_header_words(ten_percent=True), Director="Owaclor")).reporting_owners[0]
    roles = rel.relationship
    assert (roles.is_director, roles.is_ten_percent_owner, roles.is_officer) == (True, True, True)
    alone = [w for w in _ocr(_header_words(), Director="Owaclor") if w.text != "10%"]
    above = _read([w for w in alone if w.text != "Owner"]).reporting_owners[0].relationship
    # nothing found on its line: a line above Officer, in its column
    assert (above.is_director, above.is_officer) == (True, True)
    assert above.officer_title.value == "Chief Executive Officer"


def test_a_fax_s_inc_and_a_bar_for_the_ticker_s_bracket_are_read_as_printed() -> None:
    """Faxes at 150 dpi read the issuer 'Acme Widgets, Ing, | ACME': "Inc." with its
    small "c" misread, and the thin "[" as a bar."""
    words = [w for w in _ocr(_header_words(), **{"Inc.": "Ing,", "[": "|"}) if w.text != "]"]
    issuer = _read(words).issuer
    assert (issuer.name.value, issuer.trading_symbol.value) == ("Acme Widgets, Inc.", "ACME")
    for read in ("Lnc.", "lnc.", "Ine."):
        assert _read(_ocr(_header_words(), **{"Inc.": read})).issuer.name.value == (
            "Acme Widgets, Inc."
        )
    text = _read(_header_words()).issuer.name.value
    assert text == "Acme Widgets, Inc."


def test_a_fax_s_state_with_specks_or_a_one_for_an_i_is_its_code() -> None:
    for read, state in (("I.L", "IL"), ("1L,", "IL"), ("il", "IL"), ("1X,", None)):
        owner = _read(_ocr(_header_words(), IL=read)).reporting_owners[0]
        assert owner.address.state.value == state, read  # "IX" spells no code: no value


def test_box_1_s_label_garbled_past_placing_is_the_text_beside_box_2_s_label() -> None:
    """150 dpi faxes lost the owner to box 1's label read 'Naw ad Adqrxss ul Auportiny
    Moran': it prints on the line of box 2's label, left of it."""
    garbled = {"Name": "Naw", "and": "ad", "Address": "Adqrxss", "of": "ul", "Person": "Moran"}
    words = _header_words()
    label = [w for w in words if w.box.top == 200]  # "1. Name and Address of Reporting Person"
    rest = [w for w in _ocr(words) if w.box.top != 200]
    template = load_template()
    pages = [Page(1, 612, 792, tuple(rest + _ocr(label, **garbled, Reporting="Auportiny")))]
    pages = [replace(pages[0], source="ocr")]
    h = regions_to_header(pages, pages_to_regions(pages, template), template)
    assert h.reporting_owners[0].name.value == "DOE JANE Q"
    assert h.reporting_owners[0].address.city.value == "SPRINGFIELD"


def test_box_1_s_label_and_box_2_s_garbled_are_placed_by_boxes_3_and_5() -> None:
    """A 150 dpi fax lost its owner whole (no name, address or role): box 1's label and
    box 2's were both garbled past placing. Box 5's label gives their line, box 3's
    label, under box 2, where box 1 ends."""
    box_1 = {"Name": "Nery", "and": "ad", "Address": "Addtows", "of": "uf"}
    box_1 |= {"Reporting": "Kepxcling", "Person": "Porsan"}
    box_2 = {"Issuer": "\\asier", "Name": "Nene", "Ticker": "Ticktt", "or": "of"}
    box_2 |= {"Trading": "Tiahny", "Symbol": "Syrnbcl"}
    words = []
    for w in _ocr(_header_words()):
        if w.box.top in (196, 200) and w.box.x0 < 421:
            w = replace(w, text=(box_1 if w.box.x0 < 227 else box_2).get(w.text, w.text))
        words.append(w)
    pages = [Page(1, 612, 792, tuple(words), source="ocr")]
    template = load_template()
    h = regions_to_header(pages, pages_to_regions(pages, template), template)
    owner = h.reporting_owners[0]
    assert (owner.name.value, owner.address.city.value) == ("DOE JANE Q", "SPRINGFIELD")
    assert owner.relationship.is_director


def test_regression_officer_label_whose_wrapped_below_ocr_split_in_two() -> None:
    """JPEG scans read the wrapped "below)" as "bel" (measured a size larger: OCR sizes
    come from glyph boxes) and a lone ")": the Officer label was not found, its X went
    to Director, and the garbled line was read into the title."""
    words: list[Word] = []
    for w in _ocr(_header_words()):
        if w.text != "below)":
            words.append(w)
            continue
        mid = (w.box.x0 + w.box.x1) / 2
        words.append(replace(w, text="bel", box=replace(w.box, x1=mid), size=w.size * 1.25))
        words.append(replace(w, text=")", box=replace(w.box, x0=mid + 1)))
    rel = _read(words).reporting_owners[0].relationship
    assert (rel.is_director, rel.is_officer) == (True, True)
    assert rel.officer_title.value == "Chief Executive Officer"


def test_regression_other_label_whose_first_word_ocr_garbled_is_found_by_its_bracket() -> None:
    """A scan read "Other" as "ind": the label was not found and its X went to 10% Owner."""
    words = _ocr([*_header_words(), *_line("X", 511, 229, size=13)], Other="ind")
    rel = _read(words).reporting_owners[0].relationship
    assert (rel.is_other, rel.is_ten_percent_owner) == (True, False)


def test_lost_letters_takes_only_the_last_word_of_a_long_label() -> None:
    ocr = Word("bl)", Box(0, 0, 10, 7), 7.0, 1, source="ocr")
    assert lost_letters("bl)", ocr, "below)")
    assert not lost_letters("lb)", ocr, "below)")  # letters out of order
    assert not lost_letters("b)", ocr, "below)")  # one letter says nothing
    assert not lost_letters("bl)", replace(ocr, source="text"), "below)")


def test_wrapped_label_line_of_a_slightly_different_ocr_size_still_follows() -> None:
    """OCR sizes come from glyph boxes: the wrapped "below)" measured 0.7 pt smaller than
    "title" must still continue the label."""
    words = _ocr(_header_words())
    words = [replace(w, size=w.size - 0.7) if w.text == "below)" else w for w in words]
    assert _read(words).reporting_owners[0].relationship.is_officer


def test_title_is_read_under_both_labels_when_ocr_misses_other() -> None:
    """With "Other" misread and its label not found, its wrapped "below)" is no title."""
    words = [*_header_words(), *_line("below)", 527, 234)]
    rel = _read(_ocr(words, Other="Omar")).reporting_owners[0].relationship
    assert rel.officer_title.value == "Chief Executive Officer"


def test_ocr_word_boxed_into_the_one_before_still_follows_it() -> None:
    """Regression: "If" boxed a point into "Amendment," hid box 4's label, and the
    period of report (box 3) ran on into box 4's words and did not parse."""
    words = _ocr(_header_words())
    amend = next(w for w in words if w.text == "Amendment,")
    if_word = next(w for w in words if w.text == "If")
    words[words.index(if_word)] = replace(if_word, box=replace(if_word.box, x1=amend.box.x0 + 1.2))
    assert _read(words).period_of_report.value == date(2025, 3, 5)


def test_regression_street_value_is_not_the_street_caption() -> None:
    """Scans put "(Street)" into the city and lost street2: the value word "STREET"
    matched the caption "(Street)" within OCR's letter tolerance."""
    street = ("C/O", "EXAMPLE", "CORP", "100", "MAIN", "STREET")
    words = [w for w in _header_words() if w.text not in street]
    words += _line("C/O EXAMPLE CORP", 34, 249, size=8.5, color=BLUE)
    words += _line("100 ELM STREET", 34, 263, size=8.5, color=BLUE)
    owner = _read(_ocr(words)).reporting_owners[0]
    assert owner.address.street2.value == "100 ELM STREET"
    assert owner.address.city.value == "SPRINGFIELD"


def test_regression_street_caption_garbled_past_matching_is_told_by_its_shape() -> None:
    """Faxes lost every street line and the city line: "(Street)" was read "(Ssfrevay|)"
    or "(Sta)", no caption, so nothing lay between the captions. A bracketed word alone
    on its line at the captions' left edge, between them, is that caption."""
    for misread in ("(Ssfrevay|)", "(Sta)"):
        owner = _read(_ocr(_scanned_streets(), **{"(Street)": misread})).reporting_owners[0]
        assert owner.address.street1.value == "C/O EXAMPLE CORP", misread
        assert owner.address.street2.value == "100 ELM ROAD", misread
        assert owner.address.city.value == "SPRINGFIELD", misread


def test_a_bracketed_word_not_alone_on_its_line_is_no_street_caption() -> None:
    words = _ocr(_scanned_streets(), **{"(Street)": "(Ssfrevay|)"})
    words += _ocr(_line("APT 4", 80, 287))  # beside it on its line: a value, not the caption
    owner = _read(words).reporting_owners[0]
    assert owner.address.street1.value is None and owner.address.city.value is None


def _scanned_streets() -> list[Word]:
    """The header with its street lines as OCR sizes them (8.5 pt capitals)."""
    street = ("C/O", "EXAMPLE", "CORP", "100", "MAIN", "STREET")
    words = [w for w in _header_words() if w.text not in street]
    words += _line("C/O EXAMPLE CORP", 34, 249, size=8.5, color=BLUE)
    return words + _line("100 ELM ROAD", 34, 263, size=8.5, color=BLUE)


def test_regression_ticker_without_its_opening_bracket_in_ocr() -> None:
    """Scans lost the thin "[" before the ticker: name and ticker ran together and the
    ticker was empty. The ticker prints smaller than the name."""
    for closing in (True, False):
        words = [w for w in _header_words() if w.text != "[" and (closing or w.text != "]")]
        h = _read(_ocr(words))
        assert (h.issuer.name.value, h.issuer.trading_symbol.value) == (
            "Acme Widgets, Inc.",
            "ACME",
        )


@pytest.mark.parametrize(
    ("read", "meant"),
    [("1CME", None), ("#B", None), ("AC ME", None), ("BRK.B", "BRK.B"), ("acMe", "ACME")],
)
def test_an_ocr_ticker_of_no_ticker_s_shape_is_no_value(read: str, meant: str | None) -> None:
    """Faxes gave tickers "1BCD" and "#Q": a symbol is capitals, with a class after a
    stop ("BRK.B"); a reading that is none is kept as raw for a reviewer."""
    symbol = _read(_ocr(_header_words(), ACME=read)).issuer.trading_symbol
    assert (symbol.value, symbol.raw) == (meant, None if meant else read)


def test_a_name_in_one_size_keeps_its_last_capitals_without_brackets() -> None:
    words = [w for w in _header_words() if w.text not in ("[", "]", "ACME")]
    words += _line("CORP", 330, 206, size=16, color=BLUE)
    h = _read(_ocr(words))
    assert h.issuer.name.value == "Acme Widgets, Inc. CORP"
    assert h.issuer.trading_symbol.value is None


@pytest.mark.parametrize("read", ["X=", "X:", "=X"])
def test_regression_a_check_mark_read_with_a_speck_beside_it_still_checks_the_box(
    read: str,
) -> None:
    """A fax read the 10% Owner box's "X" as "X=": no mark, and the role was lost."""
    words = _ocr(_header_words())
    officer_x = next(w for w in words if w.text == "X" and w.box.top == 229)
    words[words.index(officer_x)] = replace(officer_x, text=read)
    assert _read(words).reporting_owners[0].relationship.is_officer


def test_a_doubled_x_read_by_ocr_still_checks_the_box() -> None:
    words = _ocr(_header_words())
    officer_x = next(w for w in words if w.text == "X" and w.box.top == 229)
    words[words.index(officer_x)] = replace(officer_x, text="xX")
    assert _read(words).reporting_owners[0].relationship.is_officer


def _ocr_street(lines: list[tuple[str, float]]) -> list[str]:
    """Street lines as OCR sizes them (8.5 pt capitals) at the given tops."""
    words = [w for text, top in lines for w in _line(text, 34, top, size=8.5)]
    groups = split_fields(rows(_ocr(words)), load_template().header)
    return [" ".join(r.text for r in g) for g in groups]


def test_regression_ocr_street_wrapped_at_line_pitch_stays_one_field() -> None:
    """Scans split a wrapped street1 ("... OAK HILL" / "ROAD") into street1 and street2:
    the field gap was in the rendering's font sizes, which OCR sizes do not share."""
    assert _ocr_street([("C/O NORTHWIND, 12 OAK HILL", 100), ("ROAD", 111), ("SUITE 9", 125)]) == [
        "C/O NORTHWIND, 12 OAK HILL ROAD",
        "SUITE 9",
    ]
    assert _ocr_street([("C/O NORTHWIND", 100), ("12 OAK ROAD", 113.5)]) == [
        "C/O NORTHWIND",
        "12 OAK ROAD",
    ]


def test_regression_ocr_street2_read_taller_is_not_taken_for_a_wrapped_street1() -> None:
    """Faxes ran "C/O X" and its street into one street1: OCR sized the house number's
    line a size taller than the print, and the pitch measured in it fell under the gap."""
    words = _line("C/O NORTHWIND", 34, 100, size=8.5) + _line("12 OAK ROAD", 34, 113, size=9.5)
    groups = split_fields(rows(_ocr(words)), load_template().header)
    assert [" ".join(r.text for r in g) for g in groups] == ["C/O NORTHWIND", "12 OAK ROAD"]
    # a wrapped line stays one field whichever of the two reads taller
    words = _line("C/O NORTHWIND, 12 OAK", 34, 100, size=8.5) + _line("ROAD", 34, 111, size=7.9)
    assert len(split_fields(rows(_ocr(words)), load_template().header)) == 1


def test_regression_closing_bracket_read_as_j_is_not_part_of_the_ticker() -> None:
    """Scans gave tickers such as "ACME J": the closing "]" read as a "J" or "}"."""
    for misread in ("J", "}"):
        h = _read(_ocr(_header_words(), **{"]": misread}))
        assert h.issuer.trading_symbol.value == "ACME"


def test_regression_opening_bracket_read_with_a_bar_is_not_part_of_the_ticker() -> None:
    """A scan gave the ticker "| ACME": the opening bracket read as "[|"."""
    h = _read(_ocr(_header_words(), **{"[": "[|"}))
    assert h.issuer.trading_symbol.value == "ACME"


def test_regression_speck_before_a_street_line_is_not_part_of_street2() -> None:
    """A scan gave a street "- 100 MAIN STREET": a speck between the lines, read as
    "-", made a line of its own at the edge of the street field."""
    street = ("C/O", "EXAMPLE", "CORP", "100", "MAIN", "STREET")
    words = [w for w in _header_words() if w.text not in street]
    words += _line("C/O EXAMPLE CORP", 34, 249, size=8.5, color=BLUE)
    words += _line("-", 90, 258, size=3, color=BLUE)
    words += _line("100 MAIN STREET", 34, 263, size=8.5, color=BLUE)
    owner = _read(_ocr(words)).reporting_owners[0]
    assert owner.address.street1.value == "C/O EXAMPLE CORP"
    assert owner.address.street2.value == "100 MAIN STREET"


def test_regression_issuer_label_with_one_garbled_word_bounds_box_1_and_box_2() -> None:
    """Faxes merged box 2 into the owner's name ("DOE JANE Q Acme Widgets...") and lost
    the issuer: "Issuer" read two letters off ("s8uer"), box 2's label was not found,
    so box 1 ran right to the page edge."""
    h = _read(_ocr(_header_words(), Issuer="s8uer"))
    assert h.issuer.name.value == "Acme Widgets, Inc."
    assert h.reporting_owners[0].name.value == "DOE JANE Q"


def test_garbled_words_of_a_long_label_are_forgiven_up_to_two_in_ocr_only() -> None:
    words = _line("Relationship of Reporting Parxzn(s) to Issuer", 0, 0)
    ocr = [replace(w, source="ocr", color=None) for w in words]
    spec = load_template().header
    phrase = spec.labels["relationship"]
    assert find_labels(ocr, phrase, spec)
    assert not find_labels(words, phrase, spec)  # text-layer words match exactly
    twice = [replace(w, text="Rxqwrtzng") if w.text == "Reporting" else w for w in ocr]
    assert find_labels(twice, phrase, spec)  # two of six words off: still the label
    thrice = [replace(w, text="Zq") if w.text == "to" else w for w in twice]
    thrice = [replace(w, text="Qxzwvk") if w.text == "Issuer" else w for w in thrice]
    assert not find_labels(thrice, phrase, spec)  # four of six words off: no label


def test_regression_a_label_whose_first_word_ocr_cut_in_two_starts_at_its_first_half() -> None:
    """OCR read "Relationship" as "Relationsh" and "ip" touching it: the label was
    matched from "ip" on (one word garbled), and box 5 started at its second half, left
    of which its Director's check mark was lost."""
    words = [
        replace(w, source="ocr", color=None)
        for w in _line("Relationship of Reporting Person(s) to Issuer", 100, 0)
    ]
    first = words[0]
    cut = first.box.x0 + 0.8 * first.box.width
    head = replace(first, text="Relationsh", box=replace(first.box, x1=cut + 0.5))
    tail = replace(first, text="ip", box=replace(first.box, x0=cut))
    spec = load_template().header
    hit = find_labels([head, tail, *words[1:]], spec.labels["relationship"], spec)[0]
    assert hit.box.x0 == head.box.x0
    assert [w.text for w in hit.words][:2] == ["Relationsh", "ip"]


def test_a_label_word_cut_with_a_space_between_its_halves_is_not_joined() -> None:
    words = [
        replace(w, source="ocr", color=None)
        for w in _line("Relationship of Reporting Person(s) to Issuer", 100, 0)
    ]
    first = words[0]
    cut = first.box.x0 + 0.8 * first.box.width
    head = replace(first, text="Relationsh", box=replace(first.box, x1=cut))
    tail = replace(first, text="ip", box=replace(first.box, x0=cut + 0.3 * first.size))
    spec = load_template().header
    hits = find_labels([head, tail, *words[1:]], spec.labels["relationship"], spec)
    assert all(h.words[0].text != "Relationsh" for h in hits)


def test_a_long_label_with_most_letters_right_is_placed_however_many_words_are_off() -> None:
    """Faxes at 150 dpi lost box 2 to 'teeuor Nome and Ticket of Trading Synilk!': four
    words off, but most of the label's letters are there."""
    ocr = [
        replace(w, source="ocr", color=None)
        for w in _line("Xssuor Nome and Tickot ot Trading Symbcl", 0, 0)
    ]
    spec = load_template().header
    hits = find_labels(ocr, spec.labels["issuer"], spec)
    assert [w.text for w in hits[0].words] == [w.text for w in ocr]
    text = [replace(w, source="text") for w in ocr]
    assert not find_labels(text, spec.labels["issuer"], spec)  # text-layer words: exact
    far = [replace(w, text="Qzxk") if w.text in ("Nome", "Trading") else w for w in ocr]
    assert not find_labels(far, spec.labels["issuer"], spec)


def test_the_letters_search_runs_only_when_no_wording_of_a_label_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A label printed in one of its wordings is not sought by its letters in the
    others (from every word of a scan, for each wording the form does not print)."""
    from extractor.layout import boxtext

    spec = load_template().header
    wordings = spec.labels["earliest_transaction"]
    ocr = [replace(w, source="ocr", color=None) for w in _line(wordings[0], 0, 0)]
    sought: list[tuple[str, ...]] = []
    letters = boxtext._garbled_hits

    def counted(target: tuple[str, ...], pool: object) -> object:
        sought.append(tuple(target))
        return letters(target, pool)  # type: ignore[arg-type]

    monkeypatch.setattr(boxtext, "_garbled_hits", counted)
    assert find_labels(ocr, wordings, spec)
    assert sought == []
    garbled = [replace(w, text="Qzxkw") if w.text in ("Date", "Earliest") else w for w in ocr]
    garbled = [replace(w, text="Wvxq") if w.text == "Transaction" else w for w in garbled]
    find_labels(garbled, wordings, spec)
    assert len(sought) == len(wordings)  # none found by its words: each by its letters


def test_bracketed_captions_are_told_by_their_shape_in_ocr() -> None:
    ocr = [replace(w, source="ocr", color=None) for w in _line("(Cxy) {Stqre} (Zip)", 0, 0)]
    spec = load_template().header
    hits = find_labels(ocr, spec.labels["city_state_zip"], spec)
    assert len(hits) == 1 and len(hits[0].words) == 3
    unbracketed = [replace(w, text=w.text.strip("(){}")) for w in ocr]
    assert not find_labels(unbracketed, spec.labels["city_state_zip"], spec)


def test_captions_missing_a_bracket_or_split_by_a_speck_are_found_in_ocr() -> None:
    """Faxes at 150 dpi lost the owner (no '(City) (State) (Zip)' under box 1) to a
    caption read '{Cxy>', 'Zqp}' without its opening bracket, or '(State' and '(Zip)'
    with a speck read 'I' between them."""
    spec = load_template().header
    for printed in ("{Cxy> (Stqte) (Zip)", "(City) (Stqre) Zqp}", "(Cxy) (State I (Zip}"):
        ocr = [replace(w, source="ocr", color=None) for w in _line(printed, 0, 0)]
        hits = find_labels(ocr, spec.labels["city_state_zip"], spec)
        assert len(hits) == 1 and len(hits[0].words) == 3, printed
    two_specks = [replace(w, source="ocr") for w in _line("(City) I (State) I (Zip)", 0, 0)]
    assert not find_labels(two_specks, spec.labels["city_state_zip"], spec)
    other = [replace(w, source="ocr") for w in _line("{Lxst> (First) (Middle)", 0, 0)]
    assert not find_labels(other, spec.labels["city_state_zip"], spec)


def test_regression_a_caption_of_three_words_that_lost_one_is_still_found_in_ocr() -> None:
    """A 150 dpi scan lost the faint "(First)" of "(Last) (First) (Middle)": without its
    caption the owner's name ran on into the address."""
    spec = load_template().header
    ocr = [replace(w, source="ocr", color=None) for w in _line("(Last) (Middle)", 0, 0)]
    hits = find_labels(ocr, spec.labels["name_parts"], spec)
    assert len(hits) == 1 and [w.text for w in hits[0].words] == ["(Last)", "(Middle)"]
    text = [replace(w, source="text") for w in ocr]
    assert not find_labels(text, spec.labels["name_parts"], spec)  # text-layer words: exact
    garbled = [replace(w, source="ocr", color=None) for w in _line("(Last) (Mxqzl)", 0, 0)]
    assert not find_labels(garbled, spec.labels["name_parts"], spec)  # lost and garbled
    other = [replace(w, source="ocr", color=None) for w in _line("(Street) (Middle)", 0, 0)]
    assert not find_labels(other, spec.labels["name_parts"], spec)


def test_a_short_label_gets_no_garbled_word() -> None:
    ocr = [replace(w, source="ocr") for w in _line("Form filed by Xyz", 0, 0)]
    spec = load_template().header
    assert not find_labels(ocr, ["Form filed by One"], spec)


def _read_ruled(words: list[Word], lines: tuple[Line, ...]) -> HeaderPart:
    template = load_template()
    pages = [Page(1, 612, 792, tuple(words), lines)]
    return regions_to_header(pages, pages_to_regions(pages, template), template)


def test_regression_unreadable_issuer_label_box_1_ends_at_the_rule_right_of_it() -> None:
    """Faxes read box 2 into box 1 ("DOE JANE Q Acme Widgets, Inc. [ ACME", the street
    lines followed by box 3's date and box 4's label) when box 2's label was beyond
    repair: box 1 then ran right to box 5's label."""
    # letters too far off for the label to be placed by them (see boxtext._garbled_hits)
    garbled = {"Issuer": "s8uxq", "Name": "Nzwq", "Symbol": "Sqxkvl", "Trading": "Tqzvkwj"}
    words = _ocr(_header_words(), **garbled)
    between_boxes_1_and_2 = (Line(222.0, 190.0, 223.0, 335.0),)
    owner = _read_ruled(words, between_boxes_1_and_2).reporting_owners[0]
    assert owner.name.value == "DOE JANE Q"
    assert "03/05/2025" not in str(owner.address.street1.value)
    unruled = _read_ruled(words, ()).reporting_owners[0]
    assert unruled.name.value == "DOE JANE Q"  # box 3's label, under box 2's, bounds it
    no_box_3 = [w for w in words if w.box.top != 238]
    alone = _read_ruled(no_box_3, ()).reporting_owners[0]
    assert alone.name.value != "DOE JANE Q"  # neither: nothing bounds the column


def test_rule_right_of_takes_the_nearest_upright_rule_crossing_the_box() -> None:
    label = Box(30.0, 100.0, 150.0, 108.0)
    lines = [
        Line(400.0, 90.0, 401.0, 300.0),
        Line(220.0, 90.0, 221.0, 300.0),
        Line(180.0, 200.0, 181.0, 300.0),  # below the label: another box's side
        Line(160.0, 104.0, 500.0, 105.0),  # level: no box side
        Line(10.0, 90.0, 11.0, 300.0),  # left of it
    ]
    assert rule_right_of(lines, label) == 220.0
    assert rule_right_of(lines[2:], label) is None


def test_regression_amendment_label_with_its_first_word_lost_still_ends_box_3() -> None:
    """A fax lost the period of report: the "If" of box 4's label was not read at all
    ("4. (Amendment, Date ..."), box 4's label was not found, and box 3's date ran on
    into box 4's words and did not parse."""
    words = [w for w in _ocr(_header_words(), **{"Amendment,": "(Amendment,"}) if w.text != "If"]
    assert _read(words).period_of_report.value == date(2025, 3, 5)


def test_regression_unreadable_box_6_label_box_5_ends_at_the_rule_under_it() -> None:
    """Faxes read box 6 into the officer title ("Individual of JoinvGroup Filing (Check
    Applicable Line) Form filed by ..."): box 6's label was misread, so box 5 ran down
    to the foot of the header."""
    words = _ocr(
        _header_words(), Individual="Qxzvkjqwz", **{"Joint/Group": "Zqxk/Wvqz", "Filing": "Fxqkw"}
    )
    words += _ocr(_line("Form filed by One Reporting Person", 448, 290))
    under_box_5 = (Line(419.0, 272.0, 590.0, 273.0),)
    rel = _read_ruled(words, under_box_5).reporting_owners[0].relationship
    assert rel.officer_title.value == "Chief Executive Officer"
    unruled = _read_ruled(words, ()).reporting_owners[0].relationship
    assert unruled.officer_title.value != "Chief Executive Officer"


def test_rule_below_takes_the_nearest_level_rule_under_the_box() -> None:
    label = Box(430.0, 100.0, 560.0, 108.0)
    lines = [
        Line(419.0, 300.0, 590.0, 301.0),
        Line(419.0, 180.0, 590.0, 181.0),
        Line(419.0, 90.0, 590.0, 91.0),  # above the label
        Line(600.0, 150.0, 700.0, 151.0),  # beside it, not under it
        Line(500.0, 120.0, 501.0, 250.0),  # upright
    ]
    assert rule_below(lines, label) == 180.0
    assert rule_below(lines[2:], label) is None


def test_regression_ticker_brackets_read_as_braces_bars_or_a_capital() -> None:
    """Faxes lost tickers and ran them into the issuer's name: "[" read "{" or "|", "]"
    read "}" or "J", with a speck after it ("Name { TICK", "Name | TICK J", "TICK } -")."""
    for opening, closing in (("{", "}"), ("|", "J"), ("[", "}")):
        words = _ocr(_header_words(), **{"[": opening, "]": closing})
        words += _ocr(_line("-", 380, 207, size=16))
        h = _read(words)
        assert (h.issuer.name.value, h.issuer.trading_symbol.value) == (
            "Acme Widgets, Inc.",
            "ACME",
        ), (opening, closing)


def test_regression_ocr_issuer_name_ending_in_a_comma_ends_in_a_full_stop() -> None:
    """Faxes read the full stop of "Inc." as a comma; no name ends in a comma."""
    h = _read(_ocr(_header_words(), **{"Inc.": "Inc,"}))
    assert h.issuer.name.value == "Acme Widgets, Inc."
    text = [replace(w, text="Inc,") if w.text == "Inc." else w for w in _header_words()]
    assert _read(text).issuer.name.value == "Acme Widgets, Inc,"  # the text layer as printed


def test_label_words_are_looked_up_by_height_in_page_order() -> None:
    from extractor.layout.boxtext import _Pool

    def word(text: str, x: float, top: float) -> tuple[Word, str]:
        return Word(text, Box(x, top, x + 20, top + 7), 10.0, 1), text

    items = [word("c", 0, 300), word("a", 50, 100), word("b", 0, 100), word("d", 0, 120)]
    near = _Pool(items).near(95, 125)
    assert [t for _, t in near] == ["a", "b", "d"]  # page order kept, "c" far below


def test_the_label_pool_is_kept_for_the_very_same_words_only() -> None:
    """A pool is built once per word set: asked of the same words again, the search
    reuses it; words equal in value but other objects get a pool of their own, with
    the same places found."""
    from extractor.layout.boxtext import _pool_of, _SameWords

    ocr = [
        replace(w, source="ocr", color=None)
        for w in _line("Relationship of Reporting Person(s) to Issuer", 0, 0)
    ]
    spec = load_template().header
    phrase = spec.labels["relationship"]
    first = find_labels(ocr, phrase, spec)
    pool = _pool_of(_SameWords(tuple(ocr)), spec.label_color)
    assert find_labels(list(ocr), phrase, spec) == first
    assert _pool_of(_SameWords(tuple(ocr)), spec.label_color) is pool
    copies = [replace(w) for w in ocr]
    assert _SameWords(tuple(copies)) != _SameWords(tuple(ocr))
    assert _pool_of(_SameWords(tuple(copies)), spec.label_color) is not pool
    assert [h.box for h in find_labels(copies, phrase, spec)] == [h.box for h in first]


def test_regression_ticker_in_mixed_case_after_a_lost_bracket_is_no_part_of_the_name() -> None:
    """A scan gave the name "... Corp TiCK J": the "[" lost, the "]" read "J", and the
    ticker read with one small letter, which the capitals' test refused."""
    words = [w for w in _header_words() if w.text != "["]
    h = _read(_ocr(words, **{"ACME": "AcME", "]": "J"}))
    assert h.issuer.name.value == "Acme Widgets, Inc."
    assert h.issuer.trading_symbol.value == "ACME"


def test_regression_an_ocr_ticker_s_capital_i_read_as_a_bang() -> None:
    # a ticker ending in "I" read "!" at 150 dpi: a ticker holds no "!"
    h = _read(_ocr(_header_words(), **{"ACME": "ACM!"}))
    assert h.issuer.trading_symbol.value == "ACMI"
    assert any(f.code == "ocr.corrected" for f in h.findings)


@pytest.mark.parametrize(
    ("read", "meant"), [("ZORBCOINC", "ZORBCO INC"), ("ZORBCOCORP.", "ZORBCO CORP.")]
)
def test_regression_ocr_issuer_name_glued_to_its_legal_form(read: str, meant: str) -> None:
    words = _ocr(_header_words(), **{"Widgets,": read, "Inc.": "", "Acme": ""})
    assert _read(words).issuer.name.value == meant
    text = _header_words()
    text = [replace(w, text=read) if w.text == "Widgets," else w for w in text]
    assert _read(text).issuer.name.value == f"Acme {read} Inc."  # text layer as is


def test_regression_ocr_issuer_name_underscore_is_a_space() -> None:
    h = _read(_ocr(_header_words(), **{"Widgets,": "Widgets,_Inc.", "Inc.": ""}))
    assert h.issuer.name.value == "Acme Widgets, Inc."


def test_regression_ocr_state_in_small_letters_is_put_in_capitals() -> None:
    """A blurred "CO" read "co": capitals and small letters differ in size alone."""
    owner = _read(_ocr(_header_words(), IL="il")).reporting_owners[0]
    assert owner.address.state.value == "IL"
    text = [replace(w, text="il") if w.text == "IL" else w for w in _header_words()]
    assert _read(text).reporting_owners[0].address.state.value == "il"  # text layer as is


@pytest.mark.parametrize("read", ["62701.4455", "62701,4455", "62701:4455"])
def test_regression_ocr_zip_plus_four_hyphen_read_as_a_stop_is_put_back(read: str) -> None:
    """A ZIP+4 code joins its parts by a hyphen only; small print's hyphen reads as a stop."""
    owner = _read(_ocr(_header_words(), **{"62701": read})).reporting_owners[0]
    assert owner.address.zip_code.value == "62701-4455"
    text = [replace(w, text=read) if w.text == "62701" else w for w in _header_words()]
    assert _read(text).reporting_owners[0].address.zip_code.value == read  # text layer as is


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("BUILDING D, STH FLOOR", "BUILDING D, 5TH FLOOR"),  # "5" read "S"
        ("IST AVENUE", "1ST AVENUE"),
        ("C/O EXAMPLE, INC,", "C/O EXAMPLE, INC."),  # "INC" takes a stop, no comma
        ("C/O EXAMPLE CAPITAL,", "C/O EXAMPLE CAPITAL,"),  # as a filer may type it
        ("SOUTH STREET", "SOUTH STREET"),
        ("OTH STREET", "OTH STREET"),  # no 0th
        ("SND STREET", "SND STREET"),  # "5ND" is no ordinal
    ],
)
def test_ocr_street_stops_and_ordinals(read: str, meant: str) -> None:
    assert _street_repaired(read) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("ZORBALTO", "ZORB ALTO"),  # two lexicon words run together
        ("ZORBVILLE", None),  # a word of the lexicon whole
        ("QWXZALTO", None),  # the first part no word
        ("ZORB", None),  # too short to be two words
    ],
)
def test_ocr_city_of_two_words_run_together(
    read: str, meant: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.layout import owners
    from extractor.sources import lexicon

    words = frozenset(["Zorb", "Alto", "Zorbville", "ville"])
    monkeypatch.setattr(lexicon, "english_words", lambda: words)
    assert owners._two_words(read) == meant


def test_a_speck_beside_a_wrapped_name_is_no_second_date() -> None:
    """Regression: a skewed scan's speck read "2" in the date column beside the first
    line of a wrapped name split one signature into two, the date on the second."""
    words = _header_words()
    words += _line("/s/ Jane Doe, Attorney-in-", 362, 440, size=13, color=BLUE)
    words += _line("2", 560, 440, size=2, color=BLUE)
    words += _line("03/07/2025", 540, 446, size=13, color=BLUE)
    words += _line("Fact", 362, 451, size=13, color=BLUE)
    words += _line("** Signature of Reporting Person", 362, 480)
    words += _line("Date", 540, 480)
    signatures = _read(_ocr(words)).signatures
    assert [(s.name.value, s.date.value) for s in signatures] == [
        ("/s/ Jane Doe, Attorney-in-Fact", date(2025, 3, 7))
    ]


def test_regression_one_word_boxed_tall_by_ocr_does_not_join_street2_to_street1() -> None:
    """OCR boxed a lone "A" of street2 from a speck a line above its top: measured from
    there, street2 stood at a wrapped line's pitch and ran into street1."""
    words = [w for w in _line("C/O NORTHWIND, INC.", 34, 100, size=8.5)]
    words += _line("12 OAK ROAD BUILDING A SUITE 9", 34, 114.5, size=8.5)
    tall_a = next(w for w in words if w.text == "A")
    words[words.index(tall_a)] = replace(tall_a, box=replace(tall_a.box, top=105.0), size=15.0)
    groups = split_fields(rows(_ocr(words)), load_template().header)
    assert [" ".join(r.text for r in g) for g in groups] == [
        "C/O NORTHWIND, INC.",
        "12 OAK ROAD BUILDING A SUITE 9",
    ]


def _same_size_ticker(ticker: str, closing: str) -> list[Word]:
    """Box 2 as a fax read it: the "[" lost, the ticker as large as the name."""
    words = [w for w in _header_words() if w.text not in ("[", "ACME", "]")]
    words += _line(ticker, 336, 206, size=16, color=BLUE)
    words += _line(closing, 366, 206, size=16)
    return _ocr(words)


@pytest.mark.parametrize(("ticker", "closing"), [("ACME", "}"), ("acmE", "|"), ("ACME", "]")])
def test_regression_ticker_as_large_as_the_name_before_a_lone_closing_bracket(
    ticker: str, closing: str
) -> None:
    """Faxes ran the ticker into the name ("Name, Inc. TICK }") when OCR lost the "["
    and sized the ticker as the name: the word before a lone "]" is the ticker."""
    h = _read(_same_size_ticker(ticker, closing))
    assert (h.issuer.name.value, h.issuer.trading_symbol.value) == ("Acme Widgets, Inc.", "ACME")


@pytest.mark.parametrize("word", ["CORP", "Holdings"])
def test_a_word_of_a_name_before_a_lone_closing_bracket_is_no_ticker(word: str) -> None:
    h = _read(_same_size_ticker(word, "]"))
    assert h.issuer.trading_symbol.value is None
    assert h.issuer.name.value is not None and h.issuer.name.value.endswith(word)


@pytest.mark.parametrize("read", ["Widgets,Ing,", "Widgets,Inc."])
def test_regression_ocr_comma_run_into_the_legal_form_gets_its_space(read: str) -> None:
    h = _read(_ocr(_header_words(), **{"Widgets,": read, "Inc.": ""}))
    assert h.issuer.name.value == "Acme Widgets, Inc."


def test_regression_ocr_legal_form_with_its_i_read_as_a_bracket() -> None:
    """A fax read "Inc. [" as "_[og, |": no word of a name starts with a bracket."""
    h = _read(_ocr(_header_words(), **{"Inc.": "_[og,", "[": "|"}))
    assert h.issuer.name.value == "Acme Widgets, Inc."


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("(4) NORTHWIND CORPORATION", "C/O NORTHWIND CORPORATION"),
        ("C/0 NORTHWIND", "C/O NORTHWIND"),
        ("(0 NORTHWIND", "C/O NORTHWIND"),
        ("C/O NORTHWIND, ING.", "C/O NORTHWIND, INC."),
        ("C/O NORTHWIND, LNG,", "C/O NORTHWIND, INC."),
    ],
)
def test_regression_fax_care_of_and_inc_in_a_street_line_are_put_back(
    read: str, meant: str
) -> None:
    """Faxes read "C/O" as "(4)" and "INC." as "ING." in a street line."""
    assert _street_repaired(read) == meant


@pytest.mark.parametrize(
    "street", ["CIO PLAZA", "CO OP LANE", "(2) ELM ROAD", "12 ELM ROAD", "C/O NORTHWIND, INC."]
)
def test_a_street_line_that_reads_right_is_left(street: str) -> None:
    assert _street_repaired(street) == street


@pytest.mark.parametrize(
    ("read", "meant"), [("1L", "IL"), ("1X", "TX"), ("1N", None), ("ON", "ON")]
)
def test_regression_fax_state_with_a_bar_read_as_one_is_the_one_code_it_spells(
    read: str, meant: str | None
) -> None:
    """A fax read "TX" as "1X": the bar is the one capital that makes a state code. When
    two would ("1N": IN, TN) the reading is no code and no value, kept as raw; a code
    of two capitals that is no US one ("ON") stays."""
    owner = _read(_ocr(_header_words(), IL=read)).reporting_owners[0]
    assert owner.address.state.value == meant
    assert owner.address.state.raw == (read if meant is None else None)


@pytest.mark.parametrize("read", ["6OCA", "C.A.L"])
def test_an_ocr_state_that_is_no_place_code_is_no_value(read: str) -> None:
    """A fax's "6OCA" for "CA" stood as the state: EDGAR codes a place in two
    characters; a reading that spells none is kept as raw for a reviewer."""
    owner = _read(_ocr(_header_words(), IL=read)).reporting_owners[0]
    assert (owner.address.state.value, owner.address.state.raw) == (None, read)


@pytest.mark.parametrize(("read", "meant"), [('"bd 4', None), ("HCA", None), ("62,701", "62701")])
def test_an_ocr_zip_at_a_us_address_that_is_no_zip_code_is_no_value(
    read: str, meant: str | None
) -> None:
    """Faxes gave ZIP codes '"bd 4' and "HCA"; a US ZIP code is five digits (and four),
    a speck inside them aside ("62,701")."""
    owner = _read(_ocr(_header_words(), **{"62701": read})).reporting_owners[0]
    assert owner.address.zip_code.value == meant
    assert owner.address.zip_code.raw == (read if meant is None else None)


def test_a_foreign_postal_code_stays_as_read() -> None:
    words = _ocr(_header_words(), IL="X0", **{"62701": "W1K 3JP"})
    assert _read(words).reporting_owners[0].address.zip_code.value == "W1K 3JP"


def test_a_street_line_put_back_is_recorded_as_a_finding() -> None:
    street = ("C/O", "EXAMPLE", "CORP", "100", "MAIN", "STREET")
    words = [w for w in _header_words() if w.text not in street]
    words += _line("C/0 EXAMPLE CORP", 34, 249, size=8.5) + _line("100 ELM ROAD", 34, 263, size=8.5)
    h = _read(_ocr(words))
    assert h.reporting_owners[0].address.street1.value == "C/O EXAMPLE CORP"
    found = [f for f in h.findings if f.code == "ocr.corrected"]
    assert [f.path for f in found] == ["reporting_owners.address.street1"]
    assert "'C/0 EXAMPLE CORP'" in found[0].message


def test_regression_ocr_opening_bracket_run_into_the_name_is_no_part_of_it() -> None:
    """A fax gave the name "ZORBCOINC[": the "[" before the ticker read into the name."""
    words = _ocr(_header_words(), **{"Widgets,": "ZORBCOINC[", "Inc.": "", "Acme": "", "[": ""})
    h = _read(words)
    assert (h.issuer.name.value, h.issuer.trading_symbol.value) == ("ZORBCO INC", "ACME")


def test_a_state_put_right_is_recorded_as_a_finding() -> None:
    h = _read(_ocr(_header_words(), IL="1X"))
    assert h.reporting_owners[0].address.state.value == "TX"
    found = [f for f in h.findings if f.path == "reporting_owners.address.state"]
    assert [f.code for f in found] == ["ocr.corrected"]
    assert "'1X'" in found[0].message and "'TX'" in found[0].message


def test_a_state_read_as_printed_records_nothing() -> None:
    h = _read(_ocr(_header_words()))
    assert not [f for f in h.findings if f.path and f.path.startswith("reporting_owners.address")]


def test_an_issuer_name_put_right_is_recorded_as_a_finding() -> None:
    h = _read(_ocr(_header_words(), **{"Inc.": "Ine."}))
    assert h.issuer.name.value == "Acme Widgets, Inc."
    found = [f for f in h.findings if f.path == "issuer.name"]
    assert [f.code for f in found] == ["ocr.corrected"]
    assert "'Acme Widgets, Ine.'" in found[0].message


def test_an_issuer_name_read_as_printed_records_nothing() -> None:
    assert not [f for f in _read(_ocr(_header_words())).findings if f.path == "issuer.name"]


def test_regression_prose_repairs_of_remarks_and_signature_names_are_recorded() -> None:
    """OCR'd remarks and signature names were put back word by word ("(11)" ->
    "(ii)", "by_power" -> "by power") with no finding for the reviewer."""
    words = _header_words()
    words += _line("Remarks:", 30, 400, size=13)
    words += _line("Zorbs vest on (1) one date or (11) the later one.", 30, 415, color=BLUE)
    words += _line("/s/ Jane Doe, by_power of attorney", 362, 440, size=13, color=BLUE)
    words += _line("03/07/2025", 540, 440, size=13, color=BLUE)
    words += _line("** Signature of Reporting Person", 362, 480)
    words += _line("Date", 540, 480)
    part = _read(_ocr(words))
    assert part.remarks.value == "Zorbs vest on (i) one date or (ii) the later one."
    assert part.signatures[0].name.value == "/s/ Jane Doe, by power of attorney"
    found = {f.path: f.message for f in part.findings if f.code == "ocr.corrected"}
    assert "'(1) ... (11)'" in found["remarks"] and "'(i) ... (ii)'" in found["remarks"]
    assert "'by_power'" in found["signatures"] and "'by power'" in found["signatures"]
