"""The recipe for a document with pages: load -> regions -> tables, header, footnotes
-> assemble -> validate. Each stage is a plain function of what it turns into what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from extractor.errors import NotAFormError, OcrError
from extractor.layout.footnotes import regions_to_footnotes
from extractor.layout.header import regions_to_header
from extractor.layout.ocr_prose import filing_words
from extractor.layout.parts import FootnotesPart, HeaderPart, TablesPart
from extractor.layout.regions import RegionKind, Regions, pages_to_regions
from extractor.layout.tables import regions_to_tables
from extractor.layout.template import load_template
from extractor.layout.text import without_page_numbers
from extractor.layout.unread_markers import without_unread_markers
from extractor.layout.untitled_notes import with_untitled_explanation
from extractor.model.codes import DocumentType
from extractor.model.filing import Filing
from extractor.model.geometry import Page
from extractor.model.result import Finding
from extractor.options import ExtractOptions
from extractor.sources.pdf_text import pdf_to_pages

if TYPE_CHECKING:
    from extractor.sources.images import PageImage


def load_pages(path: Path, options: ExtractOptions) -> list[Page]:
    """Words of a PDF: its text layer, or OCR of its page images when it has none (a scan)."""
    pages = pdf_to_pages(path, options.password)
    if any(page.words for page in pages) or len(pages) > options.max_pages:
        return pages
    images = _ocr_stack(path)  # loaded only for scans
    return _ocr_pages(path, images.pdf_page_images(path, options.password), options)


def load_image_pages(path: Path, options: ExtractOptions) -> list[Page]:
    """Words of a PNG, JPEG or TIFF page scan, by OCR."""
    images = _ocr_stack(path)
    return _ocr_pages(path, images.image_pages(path, options.max_pages), options)


def _ocr_stack(path: Path) -> ModuleType:
    """The image module of the `ocr` extra, or an OcrError saying how to install it."""
    try:
        from extractor.sources import images, scan_words  # noqa: F401
    except ImportError as exc:
        raise OcrError(
            path,
            f"the document is a scan and the OCR extra is missing ({exc})",
            "pip install 'form4[ocr]' and the Tesseract English model",
        ) from None
    return images


def _ocr_pages(path: Path, images: Iterable[PageImage], options: ExtractOptions) -> list[Page]:
    """The pages read by OCR, each down to the template's page-end line."""
    from extractor.sources import scan_words
    from extractor.sources.printed import PrintedForm, Wording

    template = load_template(options.template)
    form = PrintedForm(Wording.of(template.printed), tuple(template.regions.page_end))
    return scan_words.scans_to_pages(path, images, form)


def pages_to_filing(pages: list[Page], options: ExtractOptions) -> tuple[Filing, list[Finding]]:
    """Words on pages -> one filing and the findings raised while reading it."""
    template = load_template(options.template)
    pages = [without_page_numbers(page) for page in pages]
    regions = with_untitled_explanation(pages, pages_to_regions(pages, template))
    require_form(regions)
    tables = regions_to_tables(pages, regions, template)
    pages = [without_unread_markers(page) for page in pages]  # they mark table values only
    header = regions_to_header(pages, regions, template)
    footnotes = regions_to_footnotes(pages, regions, template)
    filing, findings = assemble(header, tables, footnotes)
    if any(page.source == "ocr" for page in pages):
        from extractor.layout.roman_names import numerals_after, with_numerals_restored
        from extractor.layout.signer_names import with_signers_named
        from extractor.sources.ocr_review import low_confidence_findings

        faxed = any(page.binarized for page in pages)
        filing, repaired = _with_ocr_repairs(filing, faxed, filing_words(pages))
        repaired += with_numerals_restored(filing, numerals_after(pages))
        repaired += with_signers_named(filing)
        findings += repaired + low_confidence_findings(filing)
    return filing, findings


def _with_ocr_repairs(
    filing: Filing, faxed: bool = False, seen: Counter[str] | None = None
) -> tuple[Filing, list[Finding]]:
    """Misreadings of an OCR'd filing that the filing itself puts right, each with a
    finding: markers whose digit a fax erased, from the notes' order of first
    reference, and markers a fax (`faxed`: a page of the filing was cut to black and
    white) lost, from their column's other rows; marker ids it does not define; then
    values a cell's neighbours vouch for (an amount printed twice, the table's price
    format, the filing's one code); then the ownership form a row's nature calls for;
    cells a fax garbled, from their uniform columns, and titles from the titles the
    filing prints again; an unread period from the tables' earliest date, or the one
    unread transaction date from the period; amounts from the rows' sums."""
    from extractor.layout.amount_chain import with_amounts_chained
    from extractor.layout.code_guesses import with_code_guesses
    from extractor.layout.column_consensus import with_column_consensus
    from extractor.layout.column_steps import with_column_steps
    from extractor.layout.earliest import with_date_from_period, with_period_from_tables
    from extractor.layout.known_markers import with_known_markers_recorded
    from extractor.layout.ocr_names import with_natures_respelt
    from extractor.layout.ownership_forms import with_forms_from_natures
    from extractor.layout.price_stops import with_price_stops
    from extractor.layout.title_echo import printed_titles, with_titles_echoed
    from extractor.layout.title_repair import with_titles_repaired
    from extractor.layout.twin_amounts import with_twin_amounts
    from extractor.layout.unread_markers import with_unread_markers_placed

    placed = with_unread_markers_placed(filing, faxed)  # before lookalikes: a 0 is like an 8
    if faxed:
        # after the order: a marker it numbered counts too; a grey scan keeps its
        # markers, and a cell of it read without one has none
        placed += with_column_steps(filing)
    filing, known = with_known_markers_recorded(filing)
    # these three repair the filing in place
    found = with_twin_amounts(filing) + with_price_stops(filing) + with_code_guesses(filing)
    found = placed + known + found
    filing, titles = with_titles_repaired(filing)
    if seen is not None:  # the filing's words (`ocr_prose.filing_words`)
        titles += with_natures_respelt(filing, seen)
    titles += with_forms_from_natures(filing)  # in place; before the columns agree
    printed = printed_titles(filing)  # as read: a title put back below is no witness
    filing, agreed = with_column_consensus(filing)
    agreed += with_titles_echoed(filing, printed)
    filing, period = with_period_from_tables(filing)
    period += with_date_from_period(filing)
    filing, chained = with_amounts_chained(filing)
    return filing, found + titles + agreed + period + chained


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
