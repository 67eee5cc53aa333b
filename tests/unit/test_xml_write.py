"""filing_to_xml on models built here: SEC element order, required and optional empties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from extractor.edgar.xml_write import filing_to_xml
from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    TransactionCode,
)
from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
)


def owner() -> ReportingOwner:
    return ReportingOwner(
        cik="0001234567",
        name=Fact[str](value="Müller Jürgen"),
        relationship=Relationship(is_director=True),
    )


def nd_transaction(**changes: object) -> NonDerivativeTransaction:
    row = NonDerivativeTransaction(
        security_title=Fact[str](value="Common Stock"),
        transaction_date=Fact[date](value=date(2024, 2, 6)),
        coding=TransactionCoding(
            form_type=FormType.FORM_4,
            code=Fact[TransactionCode](value=TransactionCode.S),
            equity_swap_involved=False,
            footnote_ids=["F2"],
        ),
        shares=Fact[Decimal](value=Decimal("1000"), footnote_ids=["F1"]),
        price_per_share=Fact[Decimal](value=Decimal("18.36540")),
        acquired_disposed=Fact[AcquiredDisposed](value=AcquiredDisposed.DISPOSED),
        shares_owned_following=Fact[Decimal](value=Decimal("5381.20")),
        ownership=OwnershipNature(
            direct_or_indirect=Fact[DirectIndirect](value=DirectIndirect.DIRECT)
        ),
    )
    return row.model_copy(update=changes)


def filing(**changes: object) -> Filing:
    base = Filing(
        schema_version="X0508",
        document_type=DocumentType.FORM_4,
        period_of_report=Fact[date](value=date(2024, 2, 6)),
        not_subject_to_section16=False,
        aff10b5one=True,
        issuer=Issuer(
            cik="0001572616", name=Fact[str](value="Example"), trading_symbol=Fact[str](value="EX")
        ),
        reporting_owners=[owner()],
        non_derivative_transactions=[nd_transaction()],
        footnotes=[Footnote(id="F1", text="Weighted average."), Footnote(id="F2", text="Plan.")],
        signatures=[Signature(name=Fact[str](value="/s/ J. Müller"))],
    )
    return base.model_copy(update=changes)


def parse(f: Filing) -> etree._Element:
    return etree.fromstring(filing_to_xml(f))


def children(el: etree._Element | None) -> list[str]:
    assert el is not None
    return [str(c.tag) for c in el]


def test_declaration_utf8_and_pretty_printed() -> None:
    data = filing_to_xml(filing())
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<ownershipDocument>\n    <')
    assert "Müller Jürgen".encode() in data


def test_document_order_puts_aff10b5one_after_owners() -> None:
    root = parse(filing(reporting_owners=[owner(), owner()]))
    assert children(root) == [
        "schemaVersion",
        "documentType",
        "periodOfReport",
        "notSubjectToSection16",
        "issuer",
        "reportingOwner",
        "reportingOwner",
        "aff10b5One",
        "nonDerivativeTable",
        "footnotes",
        "ownerSignature",
    ]
    assert root.findtext("aff10b5One") == "1"


def test_form5_header_flags_in_order() -> None:
    root = parse(
        filing(
            document_type=DocumentType.FORM_5A,
            date_of_original_submission=Fact[date](value=date(2024, 1, 2)),
            form3_holdings_reported=False,
            form4_transactions_reported=True,
            aff10b5one=None,
        )
    )
    assert children(root)[:7] == [
        "schemaVersion",
        "documentType",
        "periodOfReport",
        "dateOfOriginalSubmission",
        "notSubjectToSection16",
        "form3HoldingsReported",
        "form4TransactionsReported",
    ]
    assert root.findtext("documentType") == "5/A"
    assert root.findtext("dateOfOriginalSubmission") == "2024-01-02"
    assert root.find("aff10b5One") is None


def test_schema_version_left_out_when_unknown() -> None:
    assert parse(filing(schema_version=None)).find("schemaVersion") is None


def test_transaction_row_order_values_and_footnotes() -> None:
    row = parse(filing()).find("nonDerivativeTable/nonDerivativeTransaction")
    assert row is not None
    assert children(row) == [
        "securityTitle",
        "transactionDate",
        "transactionCoding",
        "transactionAmounts",
        "postTransactionAmounts",
        "ownershipNature",
    ]  # empty deemed date and timeliness are optional and left out
    assert children(row.find("transactionCoding")) == [
        "transactionFormType",
        "transactionCode",
        "equitySwapInvolved",
        "footnoteId",
    ]
    assert row.findtext("transactionDate/value") == "2024-02-06"
    assert row.findtext("transactionCoding/equitySwapInvolved") == "0"
    assert row.find("transactionCoding/footnoteId").get("id") == "F2"  # type: ignore[union-attr]
    amounts = row.find("transactionAmounts")
    assert children(amounts) == [
        "transactionShares",
        "transactionPricePerShare",
        "transactionAcquiredDisposedCode",
    ]
    assert row.findtext("transactionAmounts/transactionPricePerShare/value") == "18.36540"
    assert row.findtext("postTransactionAmounts/sharesOwnedFollowingTransaction/value") == "5381.20"
    shares = row.find("transactionAmounts/transactionShares")
    assert children(shares) == ["value", "footnoteId"]


def test_required_empty_fields_are_written_and_optional_ones_are_not() -> None:
    bare = nd_transaction(
        price_per_share=Fact[Decimal](), shares_owned_following=Fact[Decimal](footnote_ids=["F1"])
    )
    row = parse(filing(non_derivative_transactions=[bare])).find(
        "nonDerivativeTable/nonDerivativeTransaction"
    )
    assert row is not None
    price = row.find("transactionAmounts/transactionPricePerShare")
    assert price is not None and children(price) == ["value"]  # the slot the schema demands
    after = row.find("postTransactionAmounts/sharesOwnedFollowingTransaction")
    assert children(after) == ["footnoteId"]  # a footnote alone needs no empty value
    assert row.find("ownershipNature/natureOfOwnership") is None
    root = parse(filing(non_derivative_transactions=[bare]))
    assert root.find("remarks") is None
    assert root.find("derivativeTable") is None


def test_derivative_rows_total_value_underlying_value_and_holding_coding() -> None:
    tx = DerivativeTransaction(
        security_title=Fact[str](value="Swap"),
        conversion_or_exercise_price=Fact[Decimal](footnote_ids=["F1"]),
        transaction_date=Fact[date](value=date(2024, 2, 6)),
        total_value=Fact[Decimal](value=Decimal("99000")),
        underlying_title=Fact[str](value="Common Stock"),
        underlying_value=Fact[Decimal](value=Decimal("99000.0")),
        value_owned_following=Fact[Decimal](value=Decimal("0")),
    )
    hold = DerivativeHolding(
        security_title=Fact[str](value="Warrant"),
        coding=TransactionCoding(form_type=FormType.FORM_3, footnote_ids=["F2"]),
    )
    root = parse(filing(derivative_transactions=[tx], derivative_holdings=[hold]))
    assert children(root.find("derivativeTable")) == ["derivativeTransaction", "derivativeHolding"]
    row = root.find("derivativeTable/derivativeTransaction")
    assert row is not None
    assert children(row) == [
        "securityTitle",
        "conversionOrExercisePrice",
        "transactionDate",
        "transactionAmounts",
        "exerciseDate",
        "expirationDate",
        "underlyingSecurity",
        "postTransactionAmounts",
        "ownershipNature",
    ]
    assert children(row.find("transactionAmounts"))[0] == "transactionTotalValue"
    assert row.findtext("underlyingSecurity/underlyingSecurityValue/value") == "99000.0"
    assert children(row.find("postTransactionAmounts")) == ["valueOwnedFollowingTransaction"]
    held = root.find("derivativeTable/derivativeHolding")
    assert children(held)[:3] == ["securityTitle", "conversionOrExercisePrice", "transactionCoding"]
    assert children(held.find("transactionCoding")) == ["transactionFormType", "footnoteId"]  # type: ignore[union-attr]


def test_holding_without_coding_has_none() -> None:
    hold = NonDerivativeHolding(security_title=Fact[str](value="Common Stock"))
    held = parse(filing(non_derivative_holdings=[hold])).find(
        "nonDerivativeTable/nonDerivativeHolding"
    )
    assert children(held) == ["securityTitle", "postTransactionAmounts", "ownershipNature"]


def test_owner_address_and_relationship() -> None:
    rich = owner().model_copy(update={"ccc": "abc#1234"})
    rich.address.city = Fact[str](value="London")
    rich.address.state_description = "UNITED KINGDOM"
    rich.relationship.officer_title = Fact[str](value="CEO")
    el = parse(filing(reporting_owners=[rich])).find("reportingOwner")
    assert el is not None
    assert children(el.find("reportingOwnerId")) == ["rptOwnerCik", "rptOwnerCcc", "rptOwnerName"]
    assert children(el.find("reportingOwnerAddress")) == [
        "rptOwnerCity",
        "rptOwnerStateDescription",
    ]
    assert children(el.find("reportingOwnerRelationship")) == [
        "isDirector",
        "isOfficer",
        "isTenPercentOwner",
        "isOther",
        "officerTitle",
    ]
    assert el.findtext("reportingOwnerRelationship/isDirector") == "1"
    assert parse(filing()).find("reportingOwner/reportingOwnerAddress") is None


def test_footnotes_remarks_and_signature() -> None:
    root = parse(filing(remarks=Fact[str](value="Exhibit 24")))
    assert [(f.get("id"), f.text) for f in root.iterfind("footnotes/footnote")] == [
        ("F1", "Weighted average."),
        ("F2", "Plan."),
    ]
    assert root.findtext("remarks") == "Exhibit 24"
    assert children(root.find("ownerSignature")) == ["signatureName", "signatureDate"]
