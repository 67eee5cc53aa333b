"""Table cells a fax garbled, put back from the value the rest of their column prints."""

from __future__ import annotations

from datetime import date

from extractor.layout.column_consensus import with_column_consensus
from extractor.model.codes import DirectIndirect, DocumentType, TransactionCode
from extractor.model.filing import (
    Fact,
    Filing,
    NonDerivativeTransaction,
    OwnershipNature,
    Provenance,
    TransactionCoding,
)

WHERE = Provenance(page=1, box=(0.0, 0.0, 1.0, 1.0), source="ocr", confidence=0.5)


def _row(
    title: str = "Ordinary Shares",
    code: Fact[TransactionCode] | None = None,
    day: Fact[date] | None = None,
    nature: str = "By Family Trust",
) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=Fact(value=title, provenance=WHERE),
        transaction_date=day or Fact(value=date(2030, 2, 3), provenance=WHERE),
        coding=TransactionCoding(code=code or Fact(value=TransactionCode("P"), provenance=WHERE)),
        ownership=OwnershipNature(
            direct_or_indirect=Fact(value=DirectIndirect("I"), provenance=WHERE),
            nature_of_ownership=Fact(value=nature, provenance=WHERE),
        ),
    )


def _filing(rows: list[NonDerivativeTransaction]) -> Filing:
    return Filing(document_type=DocumentType.FORM_4, non_derivative_transactions=rows)


def test_an_unreadable_or_lost_code_and_date_take_the_column_s_one_value() -> None:
    rows = [
        _row(),
        _row(code=Fact(raw="4.", provenance=WHERE)),  # no code: garbled
        _row(code=Fact()),  # lost: every transaction prints a code
        _row(day=Fact(raw="Ilyz/20x0", provenance=WHERE)),
        _row(),
    ]
    filing, findings = with_column_consensus(_filing(rows))
    txs = filing.non_derivative_transactions
    assert [t.coding.code.value for t in txs] == [TransactionCode("P")] * 5
    assert [t.transaction_date.value for t in txs] == [date(2030, 2, 3)] * 5
    assert len(findings) == 3 and all(f.code == "ocr.corrected" for f in findings)


def test_a_column_of_two_readable_values_is_left_as_read() -> None:
    rows = [
        _row(),
        _row(code=Fact(value=TransactionCode("S"), provenance=WHERE)),
        _row(code=Fact(raw="4.", provenance=WHERE)),
        _row(),
    ]
    filing, findings = with_column_consensus(_filing(rows))
    assert filing.non_derivative_transactions[2].coding.code.raw == "4."
    assert not findings


def test_a_code_misread_as_another_stays_and_does_not_keep_the_column_unread() -> None:
    misread = _row(code=Fact(value=TransactionCode("S"), provenance=WHERE))
    rows = [_row(), _row(), misread, _row(code=Fact(raw="»", provenance=WHERE)), _row()]
    filing, findings = with_column_consensus(_filing(rows))
    codes = [t.coding.code.value for t in filing.non_derivative_transactions]
    assert codes == [TransactionCode(c) for c in "PPSPP"]
    assert len(findings) == 1


def test_a_one_off_garbled_text_takes_the_column_s_text() -> None:
    rows = [_row(), _row(title="Ordinxry Shnres"), _row(nature="hy Famly 'Trust |"), _row()]
    filing, _ = with_column_consensus(_filing(rows))
    txs = filing.non_derivative_transactions
    assert [t.security_title.value for t in txs] == ["Ordinary Shares"] * 4
    assert [t.ownership.nature_of_ownership.value for t in txs] == ["By Family Trust"] * 4


def test_another_class_and_a_text_printed_twice_stay() -> None:
    rows = [
        _row(title="Class K Units"),
        _row(title="Class K Units"),
        _row(title="Class M Units"),  # another class, printed once
        _row(title="Class K Units", nature="By Fund II"),  # another fund
        _row(title="Clxss K Unitz"),
        _row(title="Clxss K Unitz"),  # the same text twice: another value, no misreading
        _row(title="Class K Unit$"),
    ]
    filing, _ = with_column_consensus(_filing(rows))
    txs = filing.non_derivative_transactions
    titles = [t.security_title.value for t in txs]
    assert titles[2] == "Class M Units"
    assert titles[4:] == ["Clxss K Unitz", "Clxss K Unitz", "Class K Units"]
    assert txs[3].ownership.nature_of_ownership.value == "By Fund II"


def test_a_text_far_from_the_column_s_stays() -> None:
    rows = [_row(), _row(title="Warrants to purchase"), _row()]
    filing, _ = with_column_consensus(_filing(rows))
    assert filing.non_derivative_transactions[1].security_title.value == "Warrants to purchase"


def test_a_column_garbled_in_every_copy_agrees_on_the_copy_nearest_the_others() -> None:
    natures = ["hy Famly Trust", "By Family Trust", "By Famiiy Trusl", "8y Family 'Trust", "By"]
    rows = [_row(nature=n) for n in natures]
    filing, _ = with_column_consensus(_filing(rows))
    read = [t.ownership.nature_of_ownership.value for t in filing.non_derivative_transactions]
    assert read == ["By Family Trust"] * 4 + ["By"]  # "By" is no near copy: kept


def test_no_copy_is_agreed_when_few_are_near_each_other() -> None:
    natures = ["By Spouse", "By Family Trust", "By Famiiy Trusl", "By Fund LP", "By Partner"]
    rows = [_row(nature=n) for n in natures]
    filing, _ = with_column_consensus(_filing(rows))
    read = [t.ownership.nature_of_ownership.value for t in filing.non_derivative_transactions]
    assert read == natures


def test_a_text_printed_as_is_twice_takes_copies_garbled_further() -> None:
    far = "hy Fmly 'Tnsl |"  # six edits of thirteen letters: past a one-off's share
    printed = [_row(), _row(), _row(nature=far)]
    filing, _ = with_column_consensus(_filing(printed))
    assert filing.non_derivative_transactions[2].ownership.nature_of_ownership.value == (
        "By Family Trust"
    )
    natures = ["By Family Trusl", "By Famiiy Trust", "By Family Trust", "Bv Family Trust", far]
    filing, _ = with_column_consensus(_filing([_row(nature=n) for n in natures]))
    assert filing.non_derivative_transactions[4].ownership.nature_of_ownership.value == far


def test_regression_a_surely_read_text_near_the_column_s_stays() -> None:
    """A grey 300 dpi scan read 'See Notes' (confidence 0.97) among rows of 'See Note':
    the consensus made it one of them. A fax's garblings read far less surely."""
    sure = Provenance(page=1, box=(0.0, 0.0, 1.0, 1.0), source="ocr", confidence=0.97)
    rows = [_row(nature="See Note"), _row(nature="See Note"), _row(nature="See Note")]
    rows[1].ownership.nature_of_ownership = Fact(value="See Notes", provenance=sure)
    filing, found = with_column_consensus(_filing(rows))
    natures = [t.ownership.nature_of_ownership.value for t in filing.non_derivative_transactions]
    assert natures == ["See Note", "See Notes", "See Note"]
    assert found == []


def test_regression_holders_of_one_family_are_not_made_one_holder() -> None:
    """A fax's holdings of one fund family ("Fund VI, LP", "Fund VI Principals Fund,
    LP", "Fund Growth Principals Fund, LP") all came out as the medoid: a name with a
    word more or less, or another long word, names another holder."""
    natures = [
        "By Zeta Fund VI, LP",
        "By Zeta Fund VI Principals Fund, LP",
        "By Zeta Fund VI Entrepreneurs Fund, LP",
        "By Zeta Fund Growth Principals Fund, LP",
        "By Zeta Fund VI Principals Fund, LP.",
    ]
    filing, _ = with_column_consensus(_filing([_row(nature=n) for n in natures]))
    read = [t.ownership.nature_of_ownership.value for t in filing.non_derivative_transactions]
    assert read[:4] == natures[:4]


def test_a_garbled_word_that_is_only_a_name_in_ocr_s_list_is_still_garbled() -> None:
    """A fax's "Common Statik" stayed among rows of "Common Stock": OCR's word list
    holds "Statik" as a name; a word of the language is one it holds written small."""
    rows = [_row(title="Common Stock"), _row(title="Common Stock"), _row(title="Common Statik")]
    filing, _ = with_column_consensus(_filing(rows))
    assert filing.non_derivative_transactions[2].security_title.value == "Common Stock"
