"""Write a `Filing` as EDGAR ownershipDocument XML, in the SEC's element order.

The order and the required elements follow the EDGAR Ownership XML Technical
Specification (section 3.5) and the X0306 schema (`ownership4Document.xsd`); later
schema versions only add `aff10b5One`, which EDGAR places after the reporting owners.
Elements the schema requires are written even when empty; optional empty elements are
left out. Numbers are written as they were read (`str(Decimal)`), dates as YYYY-MM-DD,
booleans as 0/1.

`schemaVersion` is written only when the filing carries one: the schema marks it
optional and EDGAR inserts it on dissemination, so the writer does not invent one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from lxml import etree

from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    ReportingOwner,
    TransactionCoding,
)

T = TypeVar("T")
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_Element = etree._Element
_Row = NonDerivativeTransaction | NonDerivativeHolding | DerivativeTransaction | DerivativeHolding


def filing_to_xml(filing: Filing) -> bytes:
    """The filing as a pretty-printed UTF-8 ownershipDocument with an XML declaration."""
    root = etree.Element("ownershipDocument")
    _header(root, filing)
    _issuer(root, filing.issuer)
    for owner in filing.reporting_owners:
        _owner(root, owner)
    _flag(root, "aff10b5One", filing.aff10b5one)
    _tables(root, filing)
    if filing.footnotes:
        group = _sub(root, "footnotes")
        for note in filing.footnotes:
            _sub(group, "footnote", note.text).set("id", note.id)
    if filing.remarks.value:
        _sub(root, "remarks", filing.remarks.value)
    for sig in filing.signatures:
        el = _sub(root, "ownerSignature")
        _sub(el, "signatureName", sig.name.value or "")
        _sub(el, "signatureDate", _date(sig.date.value) if sig.date.value else "")
    etree.indent(root, space="    ")
    return _DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


# -- formatting ----------------------------------------------------------------------


def _text(value: object) -> str:
    """How EDGAR writes a scalar: enum letters, decimals as read, dates ISO, 0/1."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return _date(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _date(value: date) -> str:
    return value.strftime("%Y-%m-%d")


def _sub(parent: _Element, tag: str, text: str | None = None) -> _Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _plain(parent: _Element, tag: str, value: object, required: bool = False) -> None:
    """A plain-text element (no `<value>` wrapper); empty ones only when required."""
    if value is not None and value != "":
        _sub(parent, tag, _text(value))
    elif required:
        _sub(parent, tag)


def _flag(parent: _Element, tag: str, value: bool | None) -> None:
    if value is not None:
        _sub(parent, tag, _text(value))


def _footnote_ids(el: _Element, ids: list[str]) -> None:
    for fid in ids:
        _sub(el, "footnoteId").set("id", fid)


def _fact(parent: _Element, tag: str, fact: Fact[T], required: bool = False) -> None:
    """`<tag><value>..</value><footnoteId/>..</tag>`.

    A required field with neither value nor footnote still gets an empty `<value>`,
    the slot EDGAR's schema demands; a footnote alone stands without one (the schema's
    OPT_*_WITH_FOOTNOTE types allow exactly that).
    """
    if fact.value is None and not fact.footnote_ids and not required:
        return
    el = _sub(parent, tag)
    if fact.value is not None or not fact.footnote_ids:
        _sub(el, "value", _text(fact.value) if fact.value is not None else None)
    _footnote_ids(el, fact.footnote_ids)


def _has(fact: Fact[T]) -> bool:
    return fact.value is not None or bool(fact.footnote_ids)


# -- document parts ------------------------------------------------------------------


def _header(root: _Element, filing: Filing) -> None:
    _plain(root, "schemaVersion", filing.schema_version)
    _plain(root, "documentType", filing.document_type, required=True)
    _plain(root, "periodOfReport", filing.period_of_report.value, required=True)
    _plain(root, "dateOfOriginalSubmission", filing.date_of_original_submission.value)
    _flag(root, "noSecuritiesOwned", filing.no_securities_owned)
    _flag(root, "notSubjectToSection16", filing.not_subject_to_section16)
    _flag(root, "form3HoldingsReported", filing.form3_holdings_reported)
    _flag(root, "form4TransactionsReported", filing.form4_transactions_reported)


def _issuer(root: _Element, issuer: Issuer) -> None:
    el = _sub(root, "issuer")
    _plain(el, "issuerCik", issuer.cik, required=True)
    _plain(el, "issuerName", issuer.name.value)
    _plain(el, "issuerTradingSymbol", issuer.trading_symbol.value, required=True)


def _owner(root: _Element, owner: ReportingOwner) -> None:
    el = _sub(root, "reportingOwner")
    ident = _sub(el, "reportingOwnerId")
    _plain(ident, "rptOwnerCik", owner.cik, required=True)
    _plain(ident, "rptOwnerCcc", owner.ccc)
    _plain(ident, "rptOwnerName", owner.name.value)
    addr = owner.address
    parts = [
        ("rptOwnerStreet1", addr.street1.value),
        ("rptOwnerStreet2", addr.street2.value),
        ("rptOwnerCity", addr.city.value),
        ("rptOwnerState", addr.state.value),
        ("rptOwnerZipCode", addr.zip_code.value),
        ("rptOwnerStateDescription", addr.state_description),
    ]
    if any(value for _, value in parts):
        address = _sub(el, "reportingOwnerAddress")
        for tag, value in parts:
            _plain(address, tag, value)
    rel = owner.relationship
    rel_el = _sub(el, "reportingOwnerRelationship")
    _flag(rel_el, "isDirector", rel.is_director)
    _flag(rel_el, "isOfficer", rel.is_officer)
    _flag(rel_el, "isTenPercentOwner", rel.is_ten_percent_owner)
    _flag(rel_el, "isOther", rel.is_other)
    _plain(rel_el, "officerTitle", rel.officer_title.value)
    _plain(rel_el, "otherText", rel.other_text.value)


# -- tables --------------------------------------------------------------------------


def _tables(root: _Element, filing: Filing) -> None:
    # The schema lets transactions and holdings interleave; the model keeps them apart,
    # so each table lists its transactions first, as EDGAR's own rendering does.
    if filing.non_derivative_transactions or filing.non_derivative_holdings:
        table = _sub(root, "nonDerivativeTable")
        for ndt in filing.non_derivative_transactions:
            _nd_transaction(_sub(table, "nonDerivativeTransaction"), ndt)
        for ndh in filing.non_derivative_holdings:
            _nd_holding(_sub(table, "nonDerivativeHolding"), ndh)
    if filing.derivative_transactions or filing.derivative_holdings:
        table = _sub(root, "derivativeTable")
        for dtx in filing.derivative_transactions:
            _d_transaction(_sub(table, "derivativeTransaction"), dtx)
        for dho in filing.derivative_holdings:
            _d_holding(_sub(table, "derivativeHolding"), dho)


def _coding(parent: _Element, coding: TransactionCoding) -> None:
    """transactionCoding; on a transaction every child is required by the schema."""
    el = _sub(parent, "transactionCoding")
    _plain(el, "transactionFormType", coding.form_type, required=True)
    _plain(el, "transactionCode", coding.code.value, required=True)
    _plain(el, "equitySwapInvolved", coding.equity_swap_involved, required=True)
    _footnote_ids(el, coding.footnote_ids)


def _holding_coding(parent: _Element, coding: TransactionCoding | None) -> None:
    """A holding's coding (Form 5 late holdings): form type and footnotes only."""
    if coding is None:
        return
    el = _sub(parent, "transactionCoding")
    _plain(el, "transactionFormType", coding.form_type)
    _plain(el, "transactionCode", coding.code.value)
    _flag(el, "equitySwapInvolved", coding.equity_swap_involved)
    _footnote_ids(el, coding.footnote_ids)


def _coding_is_empty(coding: TransactionCoding) -> bool:
    return (
        coding.form_type is None
        and coding.code.value is None
        and coding.equity_swap_involved is None
        and not coding.footnote_ids
    )


def _transaction_head(el: _Element, row: NonDerivativeTransaction | DerivativeTransaction) -> None:
    """Date, deemed date, coding and timeliness: the same on both tables."""
    _fact(el, "transactionDate", row.transaction_date, required=True)
    _fact(el, "deemedExecutionDate", row.deemed_execution_date)
    if not _coding_is_empty(row.coding):
        _coding(el, row.coding)
    _fact(el, "transactionTimeliness", row.timeliness)


def _amounts(el: _Element, row: NonDerivativeTransaction | DerivativeTransaction) -> None:
    amounts = _sub(el, "transactionAmounts")
    # The schema takes shares or a total value, never both; shares unless only a value.
    if _has(row.total_value) and not _has(row.shares):
        _fact(amounts, "transactionTotalValue", row.total_value, required=True)
    else:
        _fact(amounts, "transactionShares", row.shares, required=True)
    _fact(amounts, "transactionPricePerShare", row.price_per_share, required=True)
    _fact(amounts, "transactionAcquiredDisposedCode", row.acquired_disposed, required=True)


def _row_tail(el: _Element, row: _Row) -> None:
    """Amount owned after and ownership form: the last two parts of every row."""
    post = _sub(el, "postTransactionAmounts")
    if _has(row.value_owned_following) and not _has(row.shares_owned_following):
        _fact(post, "valueOwnedFollowingTransaction", row.value_owned_following, required=True)
    else:
        _fact(post, "sharesOwnedFollowingTransaction", row.shares_owned_following, required=True)
    nature = _sub(el, "ownershipNature")
    _fact(nature, "directOrIndirectOwnership", row.ownership.direct_or_indirect, required=True)
    _fact(nature, "natureOfOwnership", row.ownership.nature_of_ownership)


def _derivative_middle(el: _Element, row: DerivativeTransaction | DerivativeHolding) -> None:
    """Exercise and expiration dates and the underlying security."""
    _fact(el, "exerciseDate", row.exercise_date, required=True)
    _fact(el, "expirationDate", row.expiration_date, required=True)
    under = _sub(el, "underlyingSecurity")
    _fact(under, "underlyingSecurityTitle", row.underlying_title, required=True)
    if _has(row.underlying_value) and not _has(row.underlying_shares):
        _fact(under, "underlyingSecurityValue", row.underlying_value)
    else:
        _fact(under, "underlyingSecurityShares", row.underlying_shares)


def _nd_transaction(el: _Element, row: NonDerivativeTransaction) -> None:
    _fact(el, "securityTitle", row.security_title, required=True)
    _transaction_head(el, row)
    _amounts(el, row)
    _row_tail(el, row)


def _nd_holding(el: _Element, row: NonDerivativeHolding) -> None:
    _fact(el, "securityTitle", row.security_title, required=True)
    _holding_coding(el, row.coding)
    _row_tail(el, row)


def _d_transaction(el: _Element, row: DerivativeTransaction) -> None:
    _fact(el, "securityTitle", row.security_title, required=True)
    _fact(el, "conversionOrExercisePrice", row.conversion_or_exercise_price, required=True)
    _transaction_head(el, row)
    _amounts(el, row)
    _derivative_middle(el, row)
    _row_tail(el, row)


def _d_holding(el: _Element, row: DerivativeHolding) -> None:
    _fact(el, "securityTitle", row.security_title, required=True)
    _fact(el, "conversionOrExercisePrice", row.conversion_or_exercise_price, required=True)
    _holding_coding(el, row.coding)
    _derivative_middle(el, row)
    _row_tail(el, row)
