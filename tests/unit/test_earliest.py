"""An unread period of report of a Form 4, from the earliest date its tables print."""

from __future__ import annotations

from datetime import date

from extractor.layout.earliest import with_date_from_period, with_period_from_tables
from extractor.model.codes import DocumentType
from extractor.model.filing import DerivativeTransaction, Fact, Filing, NonDerivativeTransaction


def _filing(form: DocumentType, period: Fact[date]) -> Filing:
    return Filing(
        document_type=form,
        period_of_report=period,
        non_derivative_transactions=[
            NonDerivativeTransaction(transaction_date=Fact(value=date(2031, 5, 9))),
            NonDerivativeTransaction(transaction_date=Fact(raw="O5/O7/2O31")),
        ],
        derivative_transactions=[
            DerivativeTransaction(transaction_date=Fact(value=date(2031, 5, 8)))
        ],
    )


def test_an_unread_period_is_the_earliest_transaction_date() -> None:
    filing, findings = with_period_from_tables(_filing(DocumentType.FORM_4, Fact(raw="Deby")))
    assert filing.period_of_report.value == date(2031, 5, 8)
    assert [f.code for f in findings] == ["ocr.corrected"]


def test_a_read_period_and_a_form_5_s_stay() -> None:
    read = Fact[date](value=date(2031, 5, 1))
    assert with_period_from_tables(_filing(DocumentType.FORM_4, read))[0].period_of_report == read
    fiscal, findings = with_period_from_tables(_filing(DocumentType.FORM_5, Fact()))
    assert fiscal.period_of_report.value is None and not findings


def test_the_one_unread_transaction_date_is_the_period_when_no_read_date_is() -> None:
    """Faxes lost a lone Table II row's date while box 3 read: the period is the
    earliest transaction date, and no date the tables read is it."""
    filing = _filing(DocumentType.FORM_4, Fact(value=date(2031, 5, 7)))
    findings = with_date_from_period(filing)
    assert filing.non_derivative_transactions[1].transaction_date.value == date(2031, 5, 7)
    assert [f.code for f in findings] == ["ocr.corrected"]


def test_an_unread_date_stays_when_a_read_date_is_the_period_or_two_are_unread() -> None:
    seen = _filing(DocumentType.FORM_4, Fact(value=date(2031, 5, 8)))  # row 3 is the earliest
    assert not with_date_from_period(seen)
    assert seen.non_derivative_transactions[1].transaction_date.value is None
    two = _filing(DocumentType.FORM_4, Fact(value=date(2031, 5, 7)))
    two.derivative_transactions[0].transaction_date = Fact(raw="O5/O8/2O31")
    assert not with_date_from_period(two)
    fiscal = _filing(DocumentType.FORM_5, Fact(value=date(2031, 5, 7)))
    assert not with_date_from_period(fiscal)
