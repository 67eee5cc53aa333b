"""What the layout stages hand to `assemble`: the parts of a filing read from pages.

Each stage returns its part plus the findings it raised (values it could not read or
parse), so the pipeline can put a filing together from whatever was readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractor.model.codes import DocumentType
from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    ReportingOwner,
    Signature,
)
from extractor.model.result import Finding, Severity


@dataclass
class TablesPart:
    """Rows of Table I and Table II, stitched across pages."""

    non_derivative_transactions: list[NonDerivativeTransaction] = field(default_factory=list)
    non_derivative_holdings: list[NonDerivativeHolding] = field(default_factory=list)
    derivative_transactions: list[DerivativeTransaction] = field(default_factory=list)
    derivative_holdings: list[DerivativeHolding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class HeaderPart:
    """The header box, the extra reporting-owner blocks, remarks and signatures."""

    document_type: DocumentType | None = None
    period_of_report: Fact[date] = field(default_factory=Fact)
    date_of_original_submission: Fact[date] = field(default_factory=Fact)
    not_subject_to_section16: bool | None = None
    aff10b5one: bool | None = None
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
    issuer: Issuer = field(default_factory=Issuer)
    reporting_owners: list[ReportingOwner] = field(default_factory=list)
    remarks: Fact[str] = field(default_factory=Fact)
    signatures: list[Signature] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class FootnotesPart:
    """Explanation of Responses: footnote texts joined across lines and pages."""

    footnotes: list[Footnote] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def stage_failed(stage: str, exc: Exception) -> Finding:
    """The finding of a layout stage that failed: the filing keeps what other stages read."""
    return Finding(
        code=f"{stage}.unreadable",
        severity=Severity.ERROR,
        message=f"the {stage} could not be read ({type(exc).__name__}: {exc})",
    )
