"""OCR'd marker ids the filing does not define, put back to the footnote they misread."""

from __future__ import annotations

import pytest

from extractor.layout.known_markers import with_known_markers, with_known_markers_recorded
from extractor.model.codes import DocumentType
from extractor.model.filing import (
    Fact,
    Filing,
    Footnote,
    NonDerivativeTransaction,
    OwnershipNature,
    Provenance,
)


def _note(n: int, confidence: float = 0.9) -> Footnote:
    where = Provenance(page=1, box=(0.0, 0.0, 1.0, 1.0), source="ocr", confidence=confidence)
    return Footnote(id=f"F{n}", text=f"Note number {n}.", provenance=where)


def _filing(notes: list[Footnote], first: list[str], second: list[str]) -> Filing:
    """Markers on two facts (the remarks and the period) of a filing with `notes`."""
    return Filing(
        document_type=DocumentType.FORM_4,
        remarks=Fact[str](value="Some remarks.", footnote_ids=list(first)),
        period_of_report=Fact(footnote_ids=list(second)),
        footnotes=notes,
    )


@pytest.mark.parametrize(
    ("count", "read", "meant"),
    [
        (3, ["F4"], ["F1"]),  # "1" read "4": no fourth note
        (6, ["F9"], ["F5"]),  # "5" read "9"
        (2, ["F42"], ["F2"]),  # a bracket read as a digit
        (7, ["F17"], ["F7"]),  # the "(" read as a "1": the first digit goes, not the last
        (3, ["F2", "F7"], ["F2", "F1"]),  # only the id it does not define
    ],
)
def test_an_undefined_id_becomes_its_defined_lookalike(
    count: int, read: list[str], meant: list[str]
) -> None:
    notes = [_note(n) for n in range(1, count + 1)]
    # every note but the wanted one is referenced by the second fact
    others = [f"F{n}" for n in range(1, count + 1) if f"F{n}" not in meant]
    filing = with_known_markers(_filing(notes, read, others + [m for m in meant if m in read]))
    assert filing.remarks.footnote_ids == meant


def test_an_unreferenced_footnote_wins_over_a_closer_lookalike() -> None:
    # "(9)" with notes (1)-(6): "5" is the close lookalike, but (2) has no marker
    notes = [_note(n) for n in range(1, 7)]
    filing = with_known_markers(_filing(notes, ["F9"], ["F1", "F3", "F4", "F5", "F6"]))
    assert filing.remarks.footnote_ids == ["F2"]


def test_a_repair_onto_an_id_of_the_same_list_is_dropped() -> None:
    notes = [_note(n) for n in range(1, 4)]
    filing = with_known_markers(_filing(notes, ["F1", "F4"], ["F2", "F3"]))
    assert filing.remarks.footnote_ids == ["F1"]


@pytest.mark.parametrize(
    "notes",
    [
        [_note(1), _note(3)],  # a gap: note (2) was lost
        [_note(1, confidence=0.1), _note(2, confidence=0.2)],  # notes read as noise
        [],  # no notes read at all
    ],
)
def test_markers_stay_when_the_notes_read_are_no_whole_list(notes: list[Footnote]) -> None:
    filing = with_known_markers(_filing(notes, ["F4"], []))
    assert filing.remarks.footnote_ids == ["F4"]


def test_markers_stay_when_the_notes_read_into_no_english(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.sources import lexicon

    monkeypatch.setattr(lexicon, "english_words", lambda: frozenset(["note", "number", "the"]))
    garbled = [_note(1), _note(2)]
    garbled[1] = garbled[1].model_copy(update={"text": "Tlie zorqed nuinber plox wen"})
    filing = with_known_markers(_filing(garbled, ["F4"], ["F2"]))
    assert filing.remarks.footnote_ids == ["F4"]
    clean = with_known_markers(_filing([_note(1), _note(2)], ["F4"], ["F2"]))
    assert clean.remarks.footnote_ids == ["F1"]


def test_one_unsure_note_among_sure_ones_leaves_the_list_trusted() -> None:
    notes = [_note(1), _note(2, confidence=0.05), _note(3)]
    filing = with_known_markers(_filing(notes, ["F4"], ["F2", "F3"]))
    assert filing.remarks.footnote_ids == ["F1"]


def test_two_lookalikes_as_likely_leave_the_id() -> None:
    # "(8)" with notes (1)-(6), all referenced: "3" and "6" are as like an "8"
    notes = [_note(n) for n in range(1, 7)]
    filing = with_known_markers(_filing(notes, ["F8"], [f"F{n}" for n in range(1, 7)]))
    assert filing.remarks.footnote_ids == ["F8"]


def test_regression_markers_past_the_last_note_read_are_left_when_notes_were_lost() -> None:
    """A dark scan read 13 of its 26 notes: markers (14) to (26) were put back to notes
    (1) to (9) ("(19)" to F9). Markers at the next note and beyond say the notes read
    end early, and no id is changed."""
    notes = [_note(n) for n in range(1, 14)]
    read = ["F14", "F19", "F20"]
    filing = with_known_markers(_filing(notes, read, [f"F{n}" for n in range(1, 14)]))
    assert filing.remarks.footnote_ids == read


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        (["F1", "F6"], ["F16"]),  # "(16)" read "(1)(6)"
        (["F1", "F0"], ["F10"]),  # the "0" read as a note of its own
    ],
)
def test_a_two_digit_marker_read_as_two_is_joined(read: list[str], meant: list[str]) -> None:
    notes = [_note(n) for n in range(1, 17)]
    filing = with_known_markers(_filing(notes, read, ["F1"]))
    assert filing.remarks.footnote_ids == meant


@pytest.mark.parametrize(
    ("count", "second"),
    [
        (16, ["F16"]),  # the two-digit note has a marker of its own
        (9, ["F1"]),  # no note 16
    ],
)
def test_two_one_digit_markers_stay(count: int, second: list[str]) -> None:
    notes = [_note(n) for n in range(1, count + 1)]
    filing = with_known_markers(_filing(notes, ["F1", "F6"], second))
    assert filing.remarks.footnote_ids == ["F1", "F6"]


def test_regression_two_markers_run_together_are_split_into_their_notes() -> None:
    # "(2)(3)" read "(23)" with notes (1)-(5): not note 3 with a bracket read as a "2"
    notes = [_note(n) for n in range(1, 6)]
    filing = with_known_markers(_filing(notes, ["F23"], ["F1", "F4", "F5"]))
    assert filing.remarks.footnote_ids == ["F2", "F3"]


@pytest.mark.parametrize(
    ("count", "read"),
    [
        (3, "F32"),  # falling digits: a bracket read as a "3", no markers run together
        (3, "F13"),  # a first "1" is the "(" OCR reads as one: "(3)"
        (5, "F26"),  # no note 6: the digits are not all notes
    ],
)
def test_an_id_whose_digits_are_no_rising_run_of_notes_stays_one_marker(
    count: int, read: str
) -> None:
    notes = [_note(n) for n in range(1, count + 1)]
    filing = with_known_markers(_filing(notes, [read], []))
    assert len(filing.remarks.footnote_ids) == 1


def test_regression_an_unreferenced_note_takes_the_lookalike_marker_at_its_place() -> None:
    # notes (1)-(4), the period's markers read before the remarks': "(4)" read "(1)"
    # after the first reference of (3), where (1) was referenced before
    notes = [_note(n) for n in range(1, 5)]
    filing = with_known_markers(_filing(notes, ["F3", "F1"], ["F1", "F2"]))
    assert filing.remarks.footnote_ids == ["F3", "F4"]


def test_an_unreferenced_note_without_a_lookalike_marker_in_its_place_stays_unreferenced() -> None:
    notes = [_note(n) for n in range(1, 5)]
    # the "(1)" stands before (3)'s first reference; the "(2)" after it is no "(4)"
    filing = with_known_markers(_filing(notes, ["F3", "F2"], ["F1", "F2", "F1"]))
    assert filing.remarks.footnote_ids == ["F3", "F2"]
    assert filing.period_of_report.footnote_ids == ["F1", "F2"]


def test_a_two_digit_id_is_not_split_where_notes_run_to_two_digits() -> None:
    # notes (1)-(12): "(23)" may be "(13)" misread, not "(2)(3)"
    notes = [_note(n) for n in range(1, 13)]
    others = [f"F{n}" for n in range(1, 13)]
    filing = with_known_markers(_filing(notes, ["F23"], others))
    assert filing.remarks.footnote_ids != ["F2", "F3"]


def test_each_marker_list_put_back_is_recorded_as_a_finding() -> None:
    notes = [_note(n) for n in range(1, 4)]
    filing, found = with_known_markers_recorded(_filing(notes, ["F4"], ["F2", "F3"]))
    assert filing.remarks.footnote_ids == ["F1"]
    assert [(f.code, f.path) for f in found] == [("ocr.corrected", "remarks")]
    assert "'F4'" in found[0].message and "'F1'" in found[0].message


def test_markers_left_as_read_record_nothing() -> None:
    notes = [_note(n) for n in range(1, 4)]
    _, found = with_known_markers_recorded(_filing(notes, ["F1"], ["F2", "F3"]))
    assert found == []


def test_a_tie_goes_to_the_id_the_columns_other_rows_print() -> None:
    # "(42)" is as like "(2)" (its bracket read as a "4") as "(12)" (a "1" read as a
    # "4"); every other row's nature of ownership prints "(2)"

    def row(ids: list[str]) -> NonDerivativeTransaction:
        nature = Fact[str](value="by Trust", footnote_ids=list(ids))
        return NonDerivativeTransaction(
            security_title=Fact(
                value="Common Stock", footnote_ids=["F12"] if ids == ["F2"] else []
            ),
            ownership=OwnershipNature(nature_of_ownership=nature),
        )

    rows = [row(["F2"]), row(["F2"]), row(["F42"]), row(["F2"])]
    notes = [_note(n) for n in range(1, 13)]
    others = [f"F{n}" for n in range(1, 13) if n not in (2, 12)]
    filing = Filing(
        document_type=DocumentType.FORM_4,
        non_derivative_transactions=rows,
        remarks=Fact[str](value="Some remarks.", footnote_ids=others),
        footnotes=notes,
    )
    out = with_known_markers(filing).non_derivative_transactions
    assert out[2].ownership.nature_of_ownership.footnote_ids == ["F2"]
