"""Binders: several filings in one PDF, split at each form's first page."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from extractor.batch.binder import plan_pages
from extractor.layout.template import load_template
from extractor.model.geometry import Box, Page, Word
from tests.batch.helpers import batch
from tests.conftest import CORPUS, corpus_dir

BLACK, BLUE = "#000000", "#0000ff"


def _words(text: str, top: float, color: str = BLACK, number: int = 1) -> list[Word]:
    out, x = [], 40.0
    for token in text.split():
        width = 6.0 * len(token)
        out.append(Word(token, Box(x, top, x + width, top + 8), 8.0, number, color=color))
        x += width + 4
    return out


def _page(number: int, *lines: tuple[str, float, str]) -> Page:
    words = [w for text, top, color in lines for w in _words(text, top, color, number)]
    return Page(number=number, width=612, height=792, words=tuple(words))


def _first(number: int) -> Page:
    return _page(
        number,
        ("FORM 4", 30, BLACK),
        ("1. Name and Address of Reporting Person *", 120, BLACK),
        ("Doe Jane", 130, BLUE),
    )


def _continuation(number: int) -> Page:
    return _page(number, ("Explanation of Responses: see Form 4", 300, BLACK))


TEMPLATE = load_template("edgar-modern")


def test_parts_run_from_each_first_page_to_the_next() -> None:
    pages = [_first(1), _continuation(2), _first(3), _first(4), _continuation(5)]
    plan = plan_pages(pages, TEMPLATE)
    assert plan.parts == ((1, 2), (3, 3), (4, 5)) and plan.skipped == ()


def test_pages_before_the_first_form_and_trailing_blank_pages_are_skipped() -> None:
    pages = [_continuation(1), _first(2), Page(3, 612, 792, ()), _first(4), Page(5, 612, 792, ())]
    plan = plan_pages(pages, TEMPLATE)
    assert plan.parts == ((2, 2), (4, 4)) and plan.skipped == (1, 3, 5)


def test_a_label_without_the_title_above_it_is_no_first_page() -> None:
    """An extra reporting-owner block repeats the label on a continuation page."""
    owners = _page(2, ("1. Name and Address of Reporting Person *", 100, BLACK))
    footnote_first = _page(
        3, ("Name and Address of Reporting Person", 50, BLACK), ("FORM 4", 400, BLACK)
    )
    plan = plan_pages([_first(1), owners, footnote_first], TEMPLATE)
    assert plan.parts == ((1, 3),) and not plan.is_binder


def test_a_label_broken_by_blue_values_is_still_found() -> None:
    """Regression: header values print between the label's words in reading order."""
    page = _page(1, ("FORM 4", 30, BLACK), ("1. Name and Address", 120, BLACK), ("Doe", 120, BLUE))
    tail = [w for w in _words("of Reporting Person", 120) if True]
    shifted = [
        Word(w.text, Box(w.box.x0 + 200, 120, w.box.x1 + 200, 128), 8.0, 1, color=BLACK)
        for w in tail
    ]
    page = Page(1, 612, 792, (*page.words, *shifted))
    assert plan_pages([page, _first(2)], TEMPLATE).parts == ((1, 1), (2, 2))


def _binder_rows() -> tuple[dict[str, list[tuple[str, int, int]]], set[str]]:
    """Each binder's filings (accession, first page, last page), and the scanned binders."""
    table = CORPUS / "binder" / "binders.csv"
    rows: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    scanned: set[str] = set()
    if table.is_file():
        with table.open() as fh:
            for r in csv.DictReader(fh):
                name = Path(r["binder"]).stem
                rows[name].append((r["accession"], int(r["first_page"]), int(r["last_page"])))
                if r["kind"] == "scan":
                    scanned.add(name)
    return rows, scanned


BINDERS, SCANNED = _binder_rows()


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = corpus_dir("binder")
    out = tmp_path_factory.mktemp("binders")
    batch(out, folder, workers=2)
    return out


@pytest.mark.corpus
@pytest.mark.parametrize(
    "binder",
    sorted(BINDERS),
    ids=str,
)
def test_binder_splits_into_its_filings(converted: Path, binder: str) -> None:
    lines = [json.loads(x) for x in (converted / "filings.jsonl").read_text().splitlines()]
    mine = [line for line in lines if Path(line["source"]).stem == binder]
    if binder in SCANNED:  # read by OCR (tests/documents/test_scan.py scores it)
        pytest.importorskip("extractor.sources.ocr", reason="the ocr extra is not installed")
    got = sorted((line["first_page"], line["last_page"]) for line in mine)
    assert got == sorted((first, last) for _, first, last in BINDERS[binder])
    for accession, first, last in BINDERS[binder]:
        stem = f"{binder}_p{first}-{last}"
        assert (converted / "xml" / f"{stem}.xml").is_file(), stem
        truth = etree.parse(str(CORPUS / "xml" / f"{accession}.xml")).getroot()
        result = json.loads((converted / "json" / f"{stem}.json").read_text())
        filing = result["filing"]
        assert (
            filing["issuer"]["trading_symbol"]["value"]
            == truth.findtext("issuer/issuerTradingSymbol").strip()
        ), stem
        pages = {
            f["provenance"]["page"]
            for row in filing["non_derivative_transactions"] + filing["derivative_transactions"]
            for f in row.values()
            if isinstance(f, dict) and f.get("provenance")
        }
        assert pages <= set(range(first, last + 1)), "provenance points at the binder's pages"


def _make_binder(path: Path, parts: list[Path]) -> list[tuple[int, int]]:
    """A blank cover page, then each PDF's pages in turn; returns each filing's page range."""
    import pypdfium2 as pdfium

    binder = pdfium.PdfDocument.new()
    binder.new_page(612, 792).close()
    ranges = []
    for part in parts:
        src = pdfium.PdfDocument(str(part))
        first = len(binder) + 1
        binder.import_pages(src)
        ranges.append((first, len(binder)))
        src.close()
    binder.save(str(path))
    binder.close()
    return ranges


@pytest.mark.corpus
def test_a_cover_page_is_skipped_and_reported(tmp_path: Path) -> None:
    pdfs = sorted(corpus_dir("pdf").glob("*.pdf"))
    multi = [p for p in pdfs if _pages(p) > 1][:1] + pdfs[:1]
    ranges = _make_binder(tmp_path / "made.pdf", multi)
    out = tmp_path / "out"
    summary = batch(out, tmp_path / "made.pdf")
    assert summary.by_status.get("failed", 0) == 0, summary.failures
    assert [s.source for s in summary.skipped] == [f"{tmp_path / 'made.pdf'} page 1"]
    for (first, last), pdf in zip(ranges, multi, strict=True):
        result = json.loads((out / "json" / f"made_p{first}-{last}.json").read_text())
        truth = etree.parse(str(CORPUS / "xml" / f"{pdf.stem}.xml")).getroot()
        assert (
            result["filing"]["issuer"]["name"]["value"]
            == truth.findtext("issuer/issuerName").strip()
        )


def _pages(pdf: Path) -> int:
    from extractor.sources.pdf_text import page_count

    return page_count(pdf)


def test_a_provenance_shared_by_two_facts_is_shifted_once() -> None:
    """Regression: a stage hands one Provenance object to two facts; a binder part's pages
    were then moved twice (page 11 of binder_01 came out as 21)."""
    from datetime import date

    from extractor.api import _shift_pages
    from extractor.model.filing import Fact, Filing, Provenance

    prov = Provenance(page=1, box=(0, 0, 1, 1), source="text")
    filing = Filing.model_validate(
        {
            "document_type": "4",
            "remarks": Fact[str](value="x", provenance=prov),
            "period_of_report": Fact[date](value=date(2021, 1, 1), provenance=prov),
        }
    )
    assert filing.remarks.provenance is filing.period_of_report.provenance
    _shift_pages(filing, 10)
    assert filing.remarks.provenance is not None and filing.remarks.provenance.page == 11


@pytest.mark.corpus
@pytest.mark.parametrize(
    "pdf", [p for p in sorted((CORPUS / "pdf").glob("*.pdf"))[:40:20]], ids=lambda p: p.stem
)
def test_all_pages_through_extract_pages_read_as_extract_does(pdf: Path) -> None:
    from extractor.api import extract, extract_pages
    from extractor.sources.pdf_text import pdf_to_pages

    whole, paged = extract(pdf), extract_pages(pdf, pdf_to_pages(pdf))
    assert paged.filing == whole.filing and paged.findings == whole.findings
    assert (paged.status, paged.pages) == (whole.status, whole.pages)
