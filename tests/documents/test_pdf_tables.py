"""Table I and Table II read from the corpus PDFs, compared with the EDGAR XML they show.

The truth is read straight from the XML with lxml (not with the product's reader), each
visible table field compared as the scorer compares it: numbers as 4-place decimals,
dates as ISO, footnote ids as sets, the markers of the coding block once.

Every file must come out exact, values reported instead of share amounts included
(EDGAR prints them with a "$" in the amount columns).
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from extractor.layout.parts import TablesPart
from extractor.layout.regions import RegionKind, pages_to_regions
from extractor.layout.rows import find_grid
from extractor.layout.tables import regions_to_tables
from extractor.layout.template import load_template
from extractor.model.geometry import Page
from extractor.sources.pdf_text import pdf_to_pages
from tests.conftest import CORPUS, corpus_files

pytestmark = pytest.mark.corpus
PDFS = corpus_files("pdf", "*.pdf")

# (key, EDGAR path under the row, kind)
_BASE = [
    ("title", "securityTitle", "text"),
    ("owned_after", "postTransactionAmounts/sharesOwnedFollowingTransaction", "num"),
    ("value_after", "postTransactionAmounts/valueOwnedFollowingTransaction", "num"),
    ("di", "ownershipNature/directOrIndirectOwnership", "text"),
    ("nature", "ownershipNature/natureOfOwnership", "text"),
]
_TX = [
    ("date", "transactionDate", "date"),
    ("deemed", "deemedExecutionDate", "date"),
    ("code", "transactionCoding/transactionCode", "text"),
    ("v", "transactionCoding/transactionFormType", "v"),
    ("shares", "transactionAmounts/transactionShares", "num"),
    ("total_value", "transactionAmounts/transactionTotalValue", "num"),
    ("price", "transactionAmounts/transactionPricePerShare", "num"),
    ("ad", "transactionAmounts/transactionAcquiredDisposedCode", "text"),
]
_DERIV = [
    ("exercise_price", "conversionOrExercisePrice", "num"),
    ("exercisable", "exerciseDate", "date"),
    ("expiration", "expirationDate", "date"),
    ("underlying_title", "underlyingSecurity/underlyingSecurityTitle", "text"),
    ("underlying_shares", "underlyingSecurity/underlyingSecurityShares", "num"),
    ("underlying_value", "underlyingSecurity/underlyingSecurityValue", "num"),
]
_TABLES = {
    "non_derivative_transactions": ("nonDerivativeTable/nonDerivativeTransaction", _BASE + _TX),
    "non_derivative_holdings": ("nonDerivativeTable/nonDerivativeHolding", _BASE),
    "derivative_transactions": ("derivativeTable/derivativeTransaction", _BASE + _TX + _DERIV),
    "derivative_holdings": ("derivativeTable/derivativeHolding", _BASE + _DERIV),
}


def _num(text: str) -> str:
    t = text.replace(",", "").replace("$", "").strip()
    if not t:
        return ""
    try:
        d = Decimal(t).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
    except InvalidOperation:  # raw text kept by the reader: compared as printed
        return t
    return format(d.normalize(), "f") if d else "0"


def _norm(text: str | None, kind: str) -> str:
    t = " ".join((text or "").split())
    if kind == "num":
        return _num(t)
    if kind == "date":
        return t[:10]
    if kind == "v":
        return "V" if t == "5" else ""
    return t


def _truth_rows(xml: Path) -> dict[str, list[dict[str, str]]]:
    root = etree.parse(str(xml)).getroot()
    out: dict[str, list[dict[str, str]]] = {}
    for name, (path, fields) in _TABLES.items():
        rows = []
        for row in root.findall(path):
            facts = {}
            for key, sub, kind in fields:
                el = row.find(sub)
                # EDGAR wraps most values in <value>; coding fields hold their text directly
                value = None
                if el is not None:
                    value = el.findtext("value") if el.find("value") is not None else el.text
                facts[key] = _norm(value, kind)
                if kind != "v" and not sub.startswith("transactionCoding/"):
                    ids = (
                        {f.get("id") for f in el.findall("footnoteId")} if el is not None else set()
                    )
                    facts[key + "#fn"] = ",".join(sorted(i for i in ids if i))
            coding = row.find("transactionCoding")
            if coding is not None:
                ids = {f.get("id") for f in coding.findall("footnoteId")}
                facts["code_fn"] = ",".join(sorted(i for i in ids if i))
                timely = row.find("transactionTimeliness")
                ids = (
                    {f.get("id") for f in timely.findall("footnoteId")}
                    if timely is not None
                    else set()
                )
                facts["v_fn"] = ",".join(sorted(i for i in ids if i))
            rows.append(facts)
        out[name] = rows
    return out


def _fact(f: Any, kind: str) -> tuple[str, str]:
    value = f.value
    if value is None:
        text = f.raw or ""
    elif kind == "date":
        text = value.isoformat()
    elif hasattr(value, "value"):  # an enum
        text = value.value
    else:
        text = str(value)
    return _norm(text, kind), ",".join(sorted(set(f.footnote_ids)))


def _get(row: Any, sub: str) -> Any:
    """The model Fact at the place of an EDGAR path."""
    names = {
        "securityTitle": "security_title",
        "postTransactionAmounts/sharesOwnedFollowingTransaction": "shares_owned_following",
        "postTransactionAmounts/valueOwnedFollowingTransaction": "value_owned_following",
        "transactionAmounts/transactionTotalValue": "total_value",
        "underlyingSecurity/underlyingSecurityValue": "underlying_value",
        "ownershipNature/directOrIndirectOwnership": "ownership.direct_or_indirect",
        "ownershipNature/natureOfOwnership": "ownership.nature_of_ownership",
        "transactionDate": "transaction_date",
        "deemedExecutionDate": "deemed_execution_date",
        "transactionCoding/transactionCode": "coding.code",
        "transactionAmounts/transactionShares": "shares",
        "transactionAmounts/transactionPricePerShare": "price_per_share",
        "transactionAmounts/transactionAcquiredDisposedCode": "acquired_disposed",
        "conversionOrExercisePrice": "conversion_or_exercise_price",
        "exerciseDate": "exercise_date",
        "expirationDate": "expiration_date",
        "underlyingSecurity/underlyingSecurityTitle": "underlying_title",
        "underlyingSecurity/underlyingSecurityShares": "underlying_shares",
    }
    out = row
    for part in names[sub].split("."):
        out = getattr(out, part)
    return out


def _pred_rows(part: TablesPart) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for name, (_, fields) in _TABLES.items():
        rows = []
        for row in getattr(part, name):
            facts = {}
            for key, sub, kind in fields:
                if kind == "v":
                    form = row.coding.form_type
                    facts[key] = "V" if form is not None and form.value == "5" else ""
                    continue
                value, ids = _fact(_get(row, sub), kind)
                facts[key] = value
                if not sub.startswith("transactionCoding/"):
                    facts[key + "#fn"] = ids
            if "code" in facts:
                facts["code_fn"] = ",".join(sorted(set(row.coding.footnote_ids)))
                facts["v_fn"] = ",".join(sorted(set(row.timeliness.footnote_ids)))
            rows.append(facts)
        out[name] = rows
    return out


def _read(pdf: Path, rules: bool = True) -> TablesPart:
    template = load_template()
    pages = pdf_to_pages(pdf)
    if not rules:  # as a rendering without borders, or a scan's OCR words, would come
        pages = [dataclasses.replace(p, lines=()) for p in pages]
    return regions_to_tables(pages, pages_to_regions(pages, template), template)


def _differences(pdf: Path, rules: bool = True) -> list[str]:
    truth = _truth_rows(CORPUS / "xml" / f"{pdf.stem}.xml")
    pred = _pred_rows(_read(pdf, rules))
    diffs = []
    for name, rows in truth.items():
        got = pred[name]
        if len(got) != len(rows):
            diffs.append(f"{name}: {len(rows)} rows in the XML, {len(got)} read")
        for i, (t, p) in enumerate(zip(rows, got, strict=False)):
            diffs += [f"{name}[{i}].{k}: {t[k]!r} != {p.get(k)!r}" for k in t if t[k] != p.get(k)]
    return diffs


def _params(pdfs: list[Path] = PDFS) -> list[Any]:
    return [pytest.param(pdf, id=pdf.stem) for pdf in pdfs]


@pytest.mark.parametrize("pdf", _params())
def test_tables_match_the_xml(pdf: Path) -> None:
    diffs = _differences(pdf)
    assert not diffs, "\n".join(diffs[:20])


@pytest.mark.skipif(not PDFS, reason="the shared corpus (../shared/corpus/pdf) is absent")
def test_no_finding_on_a_clean_corpus_pdf() -> None:
    """The digital PDFs are clean renderings: no table finding above INFO on any of them."""
    bad = []
    for pdf in PDFS[::10]:
        bad += [f"{pdf.stem}: {f.message}" for f in _read(pdf).findings if f.severity != "info"]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("pdf", _params(PDFS[::7]))
def test_tables_without_ruling_lines_match_the_xml(pdf: Path) -> None:
    """The same pages with every ruling line removed: columns from the header's text
    layout, rows from the vertical centring of cells, must give the same rows."""
    diffs = _differences(pdf, rules=False)
    assert not diffs, "\n".join(diffs[:20])


@pytest.mark.skipif(not PDFS, reason="the shared corpus (../shared/corpus/pdf) is absent")
def test_every_table_fact_has_its_page_and_box() -> None:
    """Provenance: a value or a footnote read from a page says where on the page."""
    part = _read(PDFS[0])
    rows = [*part.non_derivative_transactions, *part.derivative_transactions]
    assert rows
    for row in rows:
        for fact in (row.security_title, row.transaction_date, row.shares):
            if fact.value is not None or fact.footnote_ids:
                assert fact.provenance is not None
                assert fact.provenance.source == "text"
                x0, top, x1, bottom = fact.provenance.box
                assert 0 <= x0 < x1 and 0 <= top < bottom


def _without_repeated_headers(pages: list[Page]) -> tuple[list[Page], bool]:
    """The pages with the title and header of every continued table erased (as a layout
    that does not repeat them would print), and whether anything was erased."""
    template = load_template()
    regions = pages_to_regions(pages, template)
    out, changed = list(pages), False
    for r in regions.items:
        continued = any(
            x.page == r.page - 1 and x.kind == r.kind for x in regions.items if r.page > 1
        )
        if r.kind not in (RegionKind.TABLE1, RegionKind.TABLE2) or r.title is None:
            continue
        page = out[r.page - 1]
        grid = find_grid(list(page.lines), r.title.bottom, r.box.bottom)
        if not continued or grid is None or len(grid.rules) < 3:
            continue
        cut = grid.rules[1] + 1  # just under the header band
        keep = tuple(w for w in page.words if not (r.box.top - 1 <= w.box.top < cut))
        lines = tuple(ln for ln in page.lines if not (r.box.top - 1 <= ln.top < cut - 2))
        out[r.page - 1] = dataclasses.replace(page, words=keep, lines=lines)
        changed = True
    return out, changed


@pytest.mark.parametrize("rules", [True, False], ids=["ruled", "unruled"])
def test_continued_table_without_repeated_header_keeps_its_columns(rules: bool) -> None:
    """A continuation page that prints neither title nor header is read with the
    columns of the page before."""
    if not PDFS:
        pytest.skip("the shared corpus (../shared/corpus/pdf) is absent")
    template, checked = load_template(), 0
    for pdf in PDFS[::3]:
        pages, changed = _without_repeated_headers(pdf_to_pages(pdf))
        if not changed:
            continue
        if not rules:
            pages = [dataclasses.replace(p, lines=()) for p in pages]
        part = regions_to_tables(pages, pages_to_regions(pages, template), template)
        truth = _truth_rows(CORPUS / "xml" / f"{pdf.stem}.xml")
        assert _pred_rows(part) == truth, pdf.stem
        checked += 1
    assert checked >= 5
