"""The public calls. The CLI and the HTTP service use nothing else.

`extract` raises an `ExtractorError` for a document it cannot read (a library caller
wants the exception); `extract_many` never raises for a document: each result carries
its status and error, so one bad file never stops a batch.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel

from extractor.edgar.xml_read import read_ownership_xml
from extractor.errors import ExtractorError, InputError, NotAFormError
from extractor.model.filing import Filing, Provenance
from extractor.model.geometry import Page
from extractor.model.result import ErrorInfo, ExtractionResult, Finding, Severity, Status
from extractor.options import ExtractOptions
from extractor.sources.sniff import InputKind, sniff_kind


def extract(path: str | Path, options: ExtractOptions | None = None) -> ExtractionResult:
    """Read one document (EDGAR XML, submission .txt or PDF) into a validated filing."""
    options = options or ExtractOptions()
    path = Path(path)
    started = time.perf_counter()
    kind = sniff_kind(path, options.max_file_bytes)
    return _result(path, kind, _read(path, kind, options), started, options)


def extract_pages(
    path: str | Path, pages: Sequence[Page], options: ExtractOptions | None = None
) -> ExtractionResult:
    """Read one filing from some pages of a PDF (one filing of a binder).

    The layout stages take the first page given as the header page, so the pages are
    renumbered from 1 for them; page numbers in the result (provenance, findings) are
    mapped back to the document's own, so they point at the binder's pages.
    """
    options = options or ExtractOptions()
    path = Path(path)
    started = time.perf_counter()
    offset = pages[0].number - 1 if pages else 0
    local = [_renumbered(page, i) for i, page in enumerate(pages, 1)]
    result = _result(path, InputKind.PDF, _read_pages(path, local, options), started, options)
    _shift_pages(result, offset)
    return result


def _result(
    path: Path,
    kind: InputKind,
    read: tuple[Filing, list[Finding], int],
    started: float,
    options: ExtractOptions,
) -> ExtractionResult:
    """The result of a read: status from what reading found, then the rules' findings."""
    filing, findings, pages = read
    status = _status_of(findings)
    if options.validate_rules:
        findings = [*findings, *_validate(filing)]
    return ExtractionResult(
        source=str(path),
        input_kind=kind.value,
        status=status,
        filing=filing,
        findings=findings,
        pages=pages,
        seconds=round(time.perf_counter() - started, 4),
    )


def _renumbered(page: Page, number: int) -> Page:
    if page.number == number:
        return page
    words = tuple(dataclasses.replace(w, page=number) for w in page.words)
    return dataclasses.replace(page, number=number, words=words)


def _shift_pages(node: object, offset: int, seen: set[int] | None = None) -> None:
    """Add `offset` to every page number held in a result (provenance and findings).

    A stage may hand one Provenance object to several facts: each is shifted once.
    """
    seen = set() if seen is None else seen
    if offset == 0 or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, Provenance | Finding):
        if node.page is not None:
            node.page += offset
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _shift_pages(getattr(node, name), offset, seen)
    elif isinstance(node, list):
        for item in node:
            _shift_pages(item, offset, seen)


def extract_many(
    paths: Iterable[str | Path], options: ExtractOptions | None = None
) -> Iterator[ExtractionResult]:
    """Extract each document in turn; failures come back as results, never as exceptions."""
    for path in paths:
        yield extract_or_failure(path, options)


def extract_or_failure(path: str | Path, options: ExtractOptions | None = None) -> ExtractionResult:
    """`extract`, with an ExtractorError turned into a FAILED result that names the cause."""
    started = time.perf_counter()
    try:
        return extract(path, options)
    except ExtractorError as exc:
        return failure_result(path, exc, time.perf_counter() - started)


def failure_result(path: str | Path, exc: ExtractorError, seconds: float = 0.0) -> ExtractionResult:
    return ExtractionResult(
        source=str(path),
        input_kind="unknown",
        status=Status.FAILED,
        error=ErrorInfo(kind=exc.kind, message=exc.message, exit_code=exc.exit_code),
        seconds=round(seconds, 4),
    )


def validate_file(path: str | Path, options: ExtractOptions | None = None) -> list[Finding]:
    """Findings for a filing given as EDGAR XML, form4 JSON output, or a document."""
    path = Path(path)
    options = options or ExtractOptions()
    if path.suffix.lower() == ".json" and path.is_file():
        return _validate(_filing_of_json(path))
    return extract(path, options.model_copy(update={"validate_rules": True})).findings


def _filing_of_json(path: Path) -> Filing:
    try:
        result = ExtractionResult.model_validate_json(path.read_bytes())
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise InputError(path, f"not a form4 JSON result: {first}") from None
    if result.filing is None:
        raise InputError(path, "the JSON result holds no filing (the extraction failed)")
    return result.filing


def _read(
    path: Path, kind: InputKind, options: ExtractOptions
) -> tuple[Filing, list[Finding], int]:
    if kind in (InputKind.XML, InputKind.SUBMISSION):
        return read_ownership_xml(path.read_bytes(), str(path)), [], 0
    from extractor import pipeline  # the PDF stack is loaded only for documents with pages

    if kind is InputKind.IMAGE:
        return _read_pages(path, pipeline.load_image_pages(path, options), options)
    from extractor.sources.pdf_text import page_count

    # Counted before any page is read, so a 100,000-page file is refused in milliseconds.
    _check_page_limit(path, page_count(path, options.password), options)
    return _read_pages(path, pipeline.load_pages(path, options), options)


def _check_page_limit(path: Path, count: int, options: ExtractOptions) -> None:
    if count > options.max_pages:
        raise InputError(
            path,
            f"{count:,} pages, over the limit of {options.max_pages:,}",
            "split the document or raise max_pages",
        )


def _read_pages(
    path: Path, pages: list[Page], options: ExtractOptions
) -> tuple[Filing, list[Finding], int]:
    from extractor import pipeline

    _check_page_limit(path, len(pages), options)
    if not any(page.words for page in pages):
        raise InputError(
            path,
            "no text found on any page (blank pages, or print too faint to read)",
            "give a scan of the filled-in form at 200-300 dpi, or the digital PDF",
        )
    try:
        filing, findings = pipeline.pages_to_filing(pages, options)
    except NotAFormError as exc:
        raise NotAFormError(path, exc.cause, exc.remedy) from None
    return filing, findings, len(pages)


def _validate(filing: Filing) -> list[Finding]:
    from extractor.validate import validate_filing

    return validate_filing(filing)


def _status_of(read_findings: list[Finding]) -> Status:
    """PARTIAL when reading the document left errors (a table or value not read)."""
    if any(f.severity is Severity.ERROR for f in read_findings):
        return Status.PARTIAL
    return Status.SUCCESS
