"""The output model: one ownership filing (Form 3, 4 or 5) as EDGAR holds it.

The shape mirrors EDGAR's `ownershipDocument` closely enough that writing the XML is a
straight walk, while the names are plain snake_case for JSON users. Every printed value
is a `Fact`: the value, the footnote ids attached to it exactly where EDGAR attaches
them, and where it came from on the page.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    Timeliness,
    TransactionCode,
)

T = TypeVar("T")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Provenance(_Model):
    """Where a value was read: page, box and how sure the reader is."""

    page: int = Field(description="1-based page number in the source document")
    box: tuple[float, float, float, float] = Field(
        description="x0, top, x1, bottom in PDF points from the top-left corner of the page"
    )
    source: str = Field(description="'text' (PDF text layer), 'ocr' or 'xml'")
    confidence: float = Field(1.0, ge=0.0, le=1.0, description="0..1; 1 for a text layer")


class Fact(_Model, Generic[T]):
    """A printed value with its footnote markers, as in EDGAR's `<value>` + `<footnoteId>`."""

    value: T | None = Field(None, description="The value; null when the cell is empty")
    footnote_ids: list[str] = Field(
        default_factory=list, description="Footnote ids attached to this value, e.g. ['F1']"
    )
    raw: str | None = Field(
        None, description="The text as printed when it could not be parsed into `value`"
    )
    provenance: Provenance | None = Field(None, description="Where the value was read")

    @property
    def is_empty(self) -> bool:
        return self.value is None and not self.footnote_ids and self.raw is None


class Issuer(_Model):
    cik: str | None = Field(None, description="Issuer CIK (not printed on the form)")
    name: Fact[str] = Field(default_factory=Fact, description="Issuer name (box 2)")
    trading_symbol: Fact[str] = Field(default_factory=Fact, description="Ticker (box 2)")


class Address(_Model):
    street1: Fact[str] = Field(default_factory=Fact)
    street2: Fact[str] = Field(default_factory=Fact)
    city: Fact[str] = Field(default_factory=Fact)
    state: Fact[str] = Field(default_factory=Fact)
    zip_code: Fact[str] = Field(default_factory=Fact)
    state_description: str | None = Field(None, description="For non-US addresses; not printed")


class Relationship(_Model):
    """Box 5: relationship of the reporting person to the issuer."""

    is_director: bool = Field(False, description="Director")
    is_officer: bool = Field(False, description="Officer (give title below)")
    is_ten_percent_owner: bool = Field(False, description="10% Owner")
    is_other: bool = Field(False, description="Other (specify below)")
    officer_title: Fact[str] = Field(default_factory=Fact)
    other_text: Fact[str] = Field(default_factory=Fact)


class ReportingOwner(_Model):
    cik: str | None = Field(None, description="Reporting owner CIK (not printed)")
    ccc: str | None = Field(None, description="CIK confirmation code (never printed)")
    name: Fact[str] = Field(default_factory=Fact, description="Name as printed: Last First Middle")
    address: Address = Field(default_factory=Address)
    relationship: Relationship = Field(default_factory=Relationship)


class TransactionCoding(_Model):
    """Column 'Code | V' with EDGAR's `transactionCoding` element."""

    form_type: FormType | None = Field(
        None, description="Form the transaction is reported on; '5' prints as V"
    )
    code: Fact[TransactionCode] = Field(
        default_factory=Fact, description="Transaction code; no footnotes of its own"
    )
    equity_swap_involved: bool | None = Field(None, description="Prints as (K) after the code")
    footnote_ids: list[str] = Field(
        default_factory=list, description="Markers printed after the code belong to the coding"
    )


class OwnershipNature(_Model):
    direct_or_indirect: Fact[DirectIndirect] = Field(default_factory=Fact)
    nature_of_ownership: Fact[str] = Field(default_factory=Fact)


class _Row(_Model):
    security_title: Fact[str] = Field(default_factory=Fact, description="Title of security")
    shares_owned_following: Fact[Decimal] = Field(
        default_factory=Fact, description="Amount beneficially owned following the transaction"
    )
    value_owned_following: Fact[Decimal] = Field(
        default_factory=Fact, description="Value owned following (instead of shares)"
    )
    ownership: OwnershipNature = Field(default_factory=OwnershipNature)


class _TransactionFields(_Model):
    transaction_date: Fact[date] = Field(default_factory=Fact)
    deemed_execution_date: Fact[date] = Field(default_factory=Fact)
    coding: TransactionCoding = Field(default_factory=TransactionCoding)
    timeliness: Fact[Timeliness] = Field(
        default_factory=Fact, description="E/L; footnotes in the V column attach here"
    )
    shares: Fact[Decimal] = Field(default_factory=Fact, description="Amount of securities")
    total_value: Fact[Decimal] = Field(
        default_factory=Fact, description="Total value (instead of shares)"
    )
    price_per_share: Fact[Decimal] = Field(default_factory=Fact)
    acquired_disposed: Fact[AcquiredDisposed] = Field(default_factory=Fact)


class _DerivativeFields(_Model):
    conversion_or_exercise_price: Fact[Decimal] = Field(default_factory=Fact)
    exercise_date: Fact[date] = Field(default_factory=Fact, description="Date exercisable")
    expiration_date: Fact[date] = Field(default_factory=Fact)
    underlying_title: Fact[str] = Field(default_factory=Fact)
    underlying_shares: Fact[Decimal] = Field(default_factory=Fact)
    underlying_value: Fact[Decimal] = Field(default_factory=Fact)


class NonDerivativeTransaction(_TransactionFields, _Row):
    """A Table I row with a transaction."""


class NonDerivativeHolding(_Row):
    """A Table I row that reports a holding only (no date, no code)."""

    coding: TransactionCoding | None = Field(
        None, description="Form 5 holdings may carry a form type; usually absent"
    )


class DerivativeTransaction(_TransactionFields, _DerivativeFields, _Row):
    """A Table II row with a transaction."""


class DerivativeHolding(_DerivativeFields, _Row):
    """A Table II row that reports a holding only."""

    coding: TransactionCoding | None = Field(None, description="Rarely present; kept for EDGAR")


class Footnote(_Model):
    id: str = Field(description="Footnote id as in EDGAR, 'F1'; printed as (1)")
    text: str = Field(description="Explanation of Responses text")
    provenance: Provenance | None = None


# The field `Signature.date` shadows the type inside the class body, where pydantic
# evaluates the annotations; this alias keeps the type reachable.
_Date = date


class Signature(_Model):
    name: Fact[str] = Field(default_factory=Fact, description="Signature of reporting person")
    date: Fact[_Date] = Field(default_factory=Fact, description="Date signed")


class Filing(_Model):
    """One ownership filing: what EDGAR's `ownershipDocument` holds."""

    schema_version: str | None = Field(None, description="EDGAR schema version, e.g. X0306")
    document_type: DocumentType = Field(description="3, 3/A, 4, 4/A, 5 or 5/A")
    period_of_report: Fact[date] = Field(
        default_factory=Fact, description="Date of earliest transaction (box 3)"
    )
    date_of_original_submission: Fact[date] = Field(
        default_factory=Fact, description="If amendment, date of original filed (box 4)"
    )
    no_securities_owned: bool | None = Field(None, description="Form 3 only")
    not_subject_to_section16: bool | None = Field(
        None, description="'Check this box if no longer subject to Section 16'"
    )
    form3_holdings_reported: bool | None = Field(None, description="Form 5 only")
    form4_transactions_reported: bool | None = Field(None, description="Form 5 only")
    aff10b5one: bool | None = Field(
        None, description="Rule 10b5-1(c) box (2023+); null when the filing predates it"
    )
    issuer: Issuer = Field(default_factory=Issuer)
    reporting_owners: list[ReportingOwner] = Field(default_factory=list)
    non_derivative_transactions: list[NonDerivativeTransaction] = Field(default_factory=list)
    non_derivative_holdings: list[NonDerivativeHolding] = Field(default_factory=list)
    derivative_transactions: list[DerivativeTransaction] = Field(default_factory=list)
    derivative_holdings: list[DerivativeHolding] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    remarks: Fact[str] = Field(default_factory=Fact)
    signatures: list[Signature] = Field(default_factory=list)

    def table_rows(self) -> list[_Row]:
        """Every row of the two tables: Table I's transactions and holdings, then Table
        II's."""
        return [
            *self.non_derivative_transactions,
            *self.non_derivative_holdings,
            *self.derivative_transactions,
            *self.derivative_holdings,
        ]
