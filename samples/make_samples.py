"""Rebuild the bundled samples: write the synthetic XML files, render every XML to PDF.

Run from the repository root:  python samples/make_samples.py
`qualys-wilson-2013-08-06.xml` is written by hand and only rendered here. The other
filings are invented (names, CIKs and numbers are fictitious) and written as EDGAR
ownership XML through `extractor.edgar.xml_write`, then read back and rendered, so each
PDF is exactly what its XML says. The PDFs leave out Chromium's accessibility tags to
stay small (the text layer is the same with or without them).
"""

# ruff: noqa: E501 - footnote texts and signatures are long literal sentences
from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from extractor.edgar.render import render_filing  # noqa: E402
from extractor.edgar.xml_read import read_ownership_file  # noqa: E402
from extractor.edgar.xml_write import filing_to_xml  # noqa: E402
from extractor.model.codes import (  # noqa: E402
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    TransactionCode,
)
from extractor.model.filing import (  # noqa: E402
    Address,
    DerivativeHolding,
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
from tests.synth import make_filing  # noqa: E402

LONG_SEED = 49  # a generated filing with 20 + 13 table rows, 14 footnotes, 4 owners: 3 pages


def _s(value: str | None, *ids: str) -> Fact[str]:
    return Fact[str](value=value, footnote_ids=list(ids))


def _d(value: str | None, *ids: str) -> Fact[Decimal]:
    return Fact[Decimal](
        value=Decimal(value) if value is not None else None, footnote_ids=list(ids)
    )


def _day(value: str | None, *ids: str) -> Fact[date]:
    return Fact[date](value=date.fromisoformat(value) if value else None, footnote_ids=list(ids))


def _nature(kind: str, text: str | None = None, *ids: str) -> OwnershipNature:
    return OwnershipNature(
        direct_or_indirect=Fact[DirectIndirect](value=DirectIndirect(kind)),
        nature_of_ownership=_s(text, *ids),
    )


def _owner(cik: str, name: str, rel: Relationship) -> ReportingOwner:
    return ReportingOwner(
        cik=cik,
        name=_s(name),
        address=Address(
            street1=_s("C/O HARBORLIGHT CAPITAL MANAGEMENT LLC"),
            street2=_s("450 LAKESIDE DRIVE, SUITE 900"),
            city=_s("CHICAGO"),
            state=_s("IL"),
            zip_code=_s("60601"),
        ),
        relationship=rel,
    )


def _purchase(day: str, shares: str, price: str, after: str, kind: str) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=_s("Common Stock"),
        transaction_date=_day(day),
        coding=TransactionCoding(
            form_type=FormType.FORM_4, code=Fact[TransactionCode](value=TransactionCode.P)
        ),
        shares=_d(shares),
        price_per_share=_d(price, "F1"),
        acquired_disposed=Fact[AcquiredDisposed](value=AcquiredDisposed.ACQUIRED),
        shares_owned_following=_d(after),
        ownership=_nature(
            kind, "See footnote" if kind == "I" else None, *(["F2"] if kind == "I" else [])
        ),
    )


def multi_owner() -> Filing:
    """A 2024 fund filing: three owners, purchases, warrants held (Table II holdings)."""
    ten = Relationship(is_ten_percent_owner=True)
    owners = [
        _owner("0001900001", "Harborlight Opportunity Fund LP", ten),
        _owner("0001900002", "Harborlight GP LLC", ten),
        _owner(
            "0001900003",
            "Lindqvist Maria E",
            Relationship(is_director=True, is_ten_percent_owner=True),
        ),
    ]
    warrant = DerivativeHolding(
        security_title=_s("Warrants (right to buy)"),
        conversion_or_exercise_price=_d("11.5"),
        exercise_date=_day(None, "F3"),
        expiration_date=_day("2029-06-30"),
        underlying_title=_s("Common Stock"),
        underlying_shares=_d("750000"),
        shares_owned_following=_d("750000"),
        ownership=_nature("I", "See footnote", "F2"),
    )
    return Filing(
        schema_version="X0508",
        document_type=DocumentType.FORM_4,
        period_of_report=_day("2024-03-12"),
        not_subject_to_section16=False,
        aff10b5one=False,
        issuer=Issuer(
            cik="0001800001", name=_s("Corvane Therapeutics, Inc."), trading_symbol=_s("CRVN")
        ),
        reporting_owners=owners,
        non_derivative_transactions=[
            _purchase("2024-03-12", "125000", "8.4312", "4210000", "I"),
            _purchase("2024-03-13", "98250", "8.6075", "4308250", "I"),
            _purchase("2024-03-14", "1500", "8.7", "22500", "D"),
        ],
        derivative_holdings=[warrant],
        footnotes=[
            Footnote(
                id="F1",
                text="The price reported is a weighted average price. These shares were purchased in multiple transactions at prices ranging from $8.10 to $8.95, inclusive. The reporting persons undertake to provide full information regarding the number of shares purchased at each separate price upon request.",
            ),
            Footnote(
                id="F2",
                text="Held directly by Harborlight Opportunity Fund LP. Harborlight GP LLC is its general partner and Ms. Lindqvist is the managing member of Harborlight GP LLC; each disclaims beneficial ownership except to the extent of its or her pecuniary interest therein.",
            ),
            Footnote(
                id="F3",
                text="The warrants are exercisable beginning on the later of 30 days after the closing of the business combination and twelve months after the issuance date.",
            ),
        ],
        remarks=_s(
            "This report is one of two reports filed on the same date by the reporting persons."
        ),
        signatures=[
            Signature(
                name=_s(
                    "Harborlight Opportunity Fund LP, By: Harborlight GP LLC, its general partner, By: /s/ Maria E. Lindqvist, Managing Member"
                ),
                date=_day("2024-03-14"),
            ),
            Signature(
                name=_s("Harborlight GP LLC, By: /s/ Maria E. Lindqvist, Managing Member"),
                date=_day("2024-03-14"),
            ),
            Signature(name=_s("/s/ Maria E. Lindqvist"), date=_day("2024-03-14")),
        ],
    )


def _gift(
    day: str, shares: str, after: str, code: str, kind: str, *ids: str
) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=_s("Class A Common Stock"),
        transaction_date=_day(day),
        coding=TransactionCoding(
            form_type=FormType.FORM_5, code=Fact[TransactionCode](value=TransactionCode(code))
        ),
        shares=_d(shares, *ids),
        price_per_share=_d("0"),
        acquired_disposed=Fact[AcquiredDisposed](
            value=AcquiredDisposed.DISPOSED if kind == "D" else AcquiredDisposed.ACQUIRED
        ),
        shares_owned_following=_d(after),
        ownership=_nature(kind, "By Family Trust" if kind == "I" else None),
    )


def form5() -> Filing:
    """An annual Form 5: gifts made during the fiscal year and a holding at year end."""
    owner = ReportingOwner(
        cik="0001900010",
        name=_s("Abernathy Thomas R"),
        address=Address(
            street1=_s("C/O NORTHWELL SYSTEMS CORP"),
            street2=_s("88 RIVER ROAD"),
            city=_s("BOSTON"),
            state=_s("MA"),
            zip_code=_s("02110"),
        ),
        relationship=Relationship(
            is_director=True, is_officer=True, officer_title=_s("Chairman and CEO")
        ),
    )
    return Filing(
        schema_version="X0306",
        document_type=DocumentType.FORM_5,
        period_of_report=_day("2019-12-31"),
        not_subject_to_section16=False,
        form3_holdings_reported=False,
        form4_transactions_reported=False,
        issuer=Issuer(
            cik="0001800010", name=_s("Northwell Systems Corp"), trading_symbol=_s("NWSC")
        ),
        reporting_owners=[owner],
        non_derivative_transactions=[
            _gift("2019-05-20", "2500", "310445.25", "G", "D", "F1"),
            _gift("2019-05-20", "2500", "52500", "G", "I", "F1"),
            _gift("2019-11-02", "1200", "309245.25", "G", "D", "F2"),
        ],
        non_derivative_holdings=[
            NonDerivativeHolding(
                security_title=_s("Class B Common Stock", "F3"),
                shares_owned_following=_d("1000000"),
                ownership=_nature("I", "By LLC", "F4"),
            ),
        ],
        footnotes=[
            Footnote(
                id="F1",
                text="Gift by the reporting person to a family trust of which the reporting person's spouse is trustee.",
            ),
            Footnote(id="F2", text="Bona fide gift to a charitable organization."),
            Footnote(
                id="F3",
                text="Each share of Class B Common Stock is convertible into one share of Class A Common Stock at any time and has no expiration date.",
            ),
            Footnote(
                id="F4",
                text="Held by Abernathy Holdings LLC, of which the reporting person is the sole member.",
            ),
        ],
        signatures=[Signature(name=_s("/s/ Thomas R. Abernathy"), date=_day("2020-02-10"))],
    )


def main() -> None:
    built = {
        "multi-owner-fund-2024.xml": multi_owner(),
        "form5-annual-gifts-2019.xml": form5(),
        f"long-synthetic-seed{LONG_SEED}.xml": make_filing(LONG_SEED),
    }
    for name, filing in built.items():
        (HERE / name).write_bytes(filing_to_xml(filing))
    for xml in sorted(HERE.glob("*.xml")):
        pdf = xml.with_suffix(".pdf")
        render_filing(read_ownership_file(xml), pdf, tagged=False)  # small files
        print(f"{xml.name} -> {pdf.name} ({pdf.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
