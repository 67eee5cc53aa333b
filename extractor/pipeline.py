"""The recipe for a document with pages: load -> regions -> tables, header, footnotes
-> assemble -> validate. Each stage is a plain function of what it turns into what.
"""

from __future__ import annotations

from pathlib import Path

from extractor.errors import NotAFormError
from extractor.layout.footnotes import regions_to_footnotes
from extractor.layout.header import regions_to_header
from extractor.layout.parts import FootnotesPart, HeaderPart, TablesPart
from extractor.layout.regions import RegionKind, Regions, pages_to_regions
from extractor.layout.tables import regions_to_tables
from extractor.layout.template import load_template
from extractor.model.codes import DocumentType
from extractor.model.filing import Filing
from extractor.model.geometry import Page
from extractor.model.result import Finding
from extractor.options import ExtractOptions
from extractor.sources.pdf_text import pdf_to_pages


def load_pages(path: Path, options: ExtractOptions) -> list[Page]:
    return pdf_to_pages(path, options.password)


def pages_to_filing(pages: list[Page], options: ExtractOptions) -> tuple[Filing, list[Finding]]:
    """Words on pages -> one filing and the findings raised while reading it."""
    template = load_template(options.template)
    regions = pages_to_regions(pages, template)
    require_form(regions)
    tables = regions_to_tables(pages, regions, template)
    header = regions_to_header(pages, regions, template)
    footnotes = regions_to_footnotes(pages, regions, template)
    return assemble(header, tables, footnotes)


def require_form(regions: Regions) -> None:
    """Refuse a document that prints neither table title: it is not a Form 3, 4 or 5."""
    if not regions.of(RegionKind.TABLE1) and not regions.of(RegionKind.TABLE2):
        raise NotAFormError(
            None,
            "not an ownership form: neither Table I nor Table II is printed",
            "give a Form 3, 4 or 5",
        )


def assemble(
    header: HeaderPart, tables: TablesPart, footnotes: FootnotesPart
) -> tuple[Filing, list[Finding]]:
    """Put the parts together; a part that could not be read stays empty with its findings."""
    filing = Filing(
        document_type=header.document_type or DocumentType.FORM_4,
        period_of_report=header.period_of_report,
        date_of_original_submission=header.date_of_original_submission,
        not_subject_to_section16=header.not_subject_to_section16,
        aff10b5one=header.aff10b5one,
        form3_holdings_reported=header.form3_holdings_reported,
        form4_transactions_reported=header.form4_transactions_reported,
        issuer=header.issuer,
        reporting_owners=header.reporting_owners,
        non_derivative_transactions=tables.non_derivative_transactions,
        non_derivative_holdings=tables.non_derivative_holdings,
        derivative_transactions=tables.derivative_transactions,
        derivative_holdings=tables.derivative_holdings,
        footnotes=footnotes.footnotes,
        remarks=header.remarks,
        signatures=header.signatures,
    )
    return filing, [*header.findings, *tables.findings, *footnotes.findings]
