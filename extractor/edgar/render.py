"""Render a `Filing` the way EDGAR shows an ownership document: HTML, PDF or PNG.

The HTML reproduces the modern EDGAR rendering of Forms 3/4/5 (blue Times data, green
footnotes, the boxed header, Table I and Table II with their two-level headers), so a
reader, and our own PDF extractor, takes the printout for the EDGAR form. Values are
printed as EDGAR prints them: dates MM/DD/YYYY, numbers with thousands separators and
trailing zeros dropped, prices with "$", footnote markers "(n)" as superscripts right
after the value they belong to.

This module turns the model into small frozen cells (what to print, in which style);
`form4.html` lays them out and `form4.css` holds EDGAR's styles. Chromium, started only
by `extractor.sources.chromium`, prints the HTML on US Letter.

PNG output: the PDF is rasterised with pdftoppm, one PNG per page. A one-page filing
is written to `out` itself; a longer one to `out-1.png`, `out-2.png`, ... beside it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import jinja2
import markupsafe

from extractor.errors import RenderError, UsageError
from extractor.model.codes import AcquiredDisposed, DocumentType, FormType
from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    ReportingOwner,
    TransactionCoding,
)
from extractor.sources.chromium import html_to_pdf

_HERE = Path(__file__).resolve().parent
Orientation = Literal["portrait", "landscape"]

# EDGAR's style classes: FormData prints at "small" (13px), SmallFormData at "x-small".
DATA = "FormData"
SMALL = "SmallFormData"


# --- EDGAR number and date formatting ---------------------------------------------


def format_number(value: Decimal) -> str:
    """EDGAR style: thousands separators, trailing zeros dropped (18.36540 -> 18.3654)."""
    normal = value.normalize()
    if normal == 0:
        return "0"
    return f"{normal:,f}"


def format_price(value: Decimal) -> str:
    """A price as printed: "$" then the number ("$18.3654")."""
    return "$" + format_number(value)


def format_date(value: date) -> str:
    """MM/DD/YYYY, as every date on the form."""
    return value.strftime("%m/%d/%Y")


def footnote_number(footnote_id: str) -> str:
    """The printed number of a footnote id: 'F12' -> '12' (other ids print as they are)."""
    if footnote_id[:1] in "Ff" and footnote_id[1:].isdigit():
        return footnote_id[1:]
    return footnote_id


def markers(footnote_ids: list[str]) -> str:
    """The superscript text for footnote ids: ['F1', 'F2'] -> '(1)(2)'."""
    return "".join(f"({footnote_number(f)})" for f in footnote_ids)


# --- cells: what one table cell prints --------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed value: optional black prefix ("$"), the value, its markers."""

    text: str = ""
    marks: str = ""
    css: str = DATA
    prefix: str = ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return format_date(value)
    if hasattr(value, "value"):  # an enum: print its letter
        return str(value.value)
    return str(value)


def fact_cell(fact: Fact[Any], css: str = DATA, price: bool = False) -> Cell:
    """A cell for one fact; a raw (unparsed) text prints when there is no value."""
    text = _text(fact.value) if fact.value is not None else (fact.raw or "")
    prefix = "$" if price and fact.value is not None else ""
    return Cell(text=text, marks=markers(fact.footnote_ids), css=css, prefix=prefix)


def _merge(*facts: Fact[Any], css: str = DATA, price: bool = False) -> Cell:
    """The first fact with a value, with the markers of all (shares OR total value)."""
    chosen = next((f for f in facts if f.value is not None or f.raw), facts[0])
    cell = fact_cell(chosen, css, price)
    ids = [i for f in facts for i in f.footnote_ids]
    return Cell(cell.text, markers(ids), cell.css, cell.prefix)


def code_cell(coding: TransactionCoding | None, css: str) -> Cell:
    """Transaction code, "(K)" for an equity swap, then the coding's own footnotes."""
    if coding is None:
        return Cell(css=css)
    text = _text(coding.code.value) or (coding.code.raw or "")
    if coding.equity_swap_involved:
        text += "(K)"
    ids = coding.code.footnote_ids + coding.footnote_ids
    return Cell(text=text, marks=markers(ids), css=css)


def v_cell(coding: TransactionCoding | None, timeliness: Fact[Any], css: str) -> Cell:
    """Column V: "V" for a transaction reported on Form 5, timeliness footnotes."""
    text = "V" if coding is not None and coding.form_type == FormType.FORM_5 else ""
    return Cell(text=text, marks=markers(timeliness.footnote_ids), css=css)


def ownership_cells(nature: OwnershipNature, css: str) -> list[Cell]:
    return [fact_cell(nature.direct_or_indirect, css), fact_cell(nature.nature_of_ownership, css)]


# --- table rows ---------------------------------------------------------------------


def _code_css(filing: Filing) -> str:
    """Form 4 prints the Table I code in the small style, Form 5 in the normal one."""
    return DATA if filing.document_type.base_form == "5" else SMALL


def table1_row(row: NonDerivativeTransaction | NonDerivativeHolding, code_css: str) -> list[Cell]:
    """The 11 cells of a Table I row (a holding leaves the transaction columns empty)."""
    head = [fact_cell(row.security_title)]
    owned = _merge(row.shares_owned_following, row.value_owned_following)
    tail = [owned, *ownership_cells(row.ownership, DATA)]
    if isinstance(row, NonDerivativeHolding):
        middle = [Cell(), Cell(), code_cell(row.coding, code_css), Cell(css=SMALL)]
        return [*head, *middle, Cell(), Cell(), Cell(), *tail]
    middle = [
        fact_cell(row.transaction_date),
        fact_cell(row.deemed_execution_date),
        code_cell(row.coding, code_css),
        v_cell(row.coding, row.timeliness, SMALL),
        _merge(row.shares, row.total_value),
        fact_cell(row.acquired_disposed),
        fact_cell(row.price_per_share, price=True),
    ]
    return [*head, *middle, *tail]


def _acquired_disposed_cells(row: DerivativeTransaction) -> list[Cell]:
    """Table II splits the amount into an (A) and a (D) column by the A/D flag."""
    amount = _merge(row.shares, row.total_value, row.acquired_disposed, css=SMALL)
    if row.acquired_disposed.value == AcquiredDisposed.DISPOSED:
        return [Cell(css=SMALL), amount]
    return [amount, Cell(css=SMALL)]


def table2_row(row: DerivativeTransaction | DerivativeHolding) -> list[Cell]:
    """The 16 cells of a Table II row."""
    head = [
        fact_cell(row.security_title, SMALL),
        fact_cell(row.conversion_or_exercise_price, SMALL, price=True),
    ]
    dates = [fact_cell(row.exercise_date, SMALL), fact_cell(row.expiration_date, SMALL)]
    underlying = [
        fact_cell(row.underlying_title, SMALL),
        _merge(row.underlying_shares, row.underlying_value),
    ]
    owned = _merge(row.shares_owned_following, row.value_owned_following, css=SMALL)
    tail = [owned, *ownership_cells(row.ownership, SMALL)]
    if isinstance(row, DerivativeHolding):
        blank = [Cell(css=SMALL) for _ in range(6)]
        blank[2] = code_cell(row.coding, SMALL)
        return [*head, *blank, *dates, *underlying, Cell(css=SMALL), *tail]
    middle = [
        fact_cell(row.transaction_date, SMALL),
        fact_cell(row.deemed_execution_date, SMALL),
        code_cell(row.coding, SMALL),
        v_cell(row.coding, row.timeliness, SMALL),
        *_acquired_disposed_cells(row),
    ]
    price = fact_cell(row.price_per_share, SMALL, price=True)
    return [*head, *middle, *dates, *underlying, price, *tail]


# --- header, owners, footer -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnerView:
    """A reporting owner's name/address block and relationship box."""

    name: Cell
    street: list[Cell]
    city: Cell
    state: Cell
    zip_code: Cell
    director: bool
    officer: bool
    ten_percent: bool
    other: bool
    title: Cell


def owner_view(owner: ReportingOwner) -> OwnerView:
    addr, rel = owner.address, owner.relationship
    streets = [fact_cell(s) for s in (addr.street1, addr.street2) if not s.is_empty]
    title_facts = [f for f in (rel.officer_title, rel.other_text) if not f.is_empty]
    # Officer title and other text share the line under the boxes, " / " between them.
    title_text = " / ".join(_text(f.value) or (f.raw or "") for f in title_facts)
    title_marks = markers([i for f in title_facts for i in f.footnote_ids])
    return OwnerView(
        name=fact_cell(owner.name),
        street=streets,
        city=fact_cell(addr.city),
        state=fact_cell(addr.state),
        zip_code=fact_cell(addr.zip_code),
        director=rel.is_director,
        officer=rel.is_officer,
        ten_percent=rel.is_ten_percent_owner,
        other=rel.is_other,
        title=Cell(text=title_text, marks=title_marks),
    )


@dataclass(frozen=True, slots=True)
class FormText:
    """Wording that changes between Forms 3, 4 and 5."""

    number: str
    title: str
    omb_number: str
    burden: str
    box3: str
    owned_following: str
    owned_following_2: str


_FORM4 = FormText(
    number="4",
    title="STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",
    omb_number="3235-0287",
    burden="0.5",
    box3="3. Date of Earliest Transaction (Month/Day/Year)",
    owned_following="5. Amount of Securities Beneficially Owned Following Reported "
    "Transaction(s) (Instr. 3 and 4)",
    owned_following_2="9. Number of derivative Securities Beneficially Owned Following "
    "Reported Transaction(s) (Instr. 4)",
)
_FORM5 = FormText(
    number="5",
    title="ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",
    omb_number="3235-0362",
    burden="1.0",
    box3="3. Statement for Issuer's Fiscal Year Ended (Month/Day/Year)",
    owned_following="5. Amount of Securities Beneficially Owned at end of Issuer's "
    "Fiscal Year (Instr. 3 and 4)",
    owned_following_2=_FORM4.owned_following_2,
)
_FORM3 = FormText(
    number="3",
    title="INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES",
    omb_number="3235-0104",
    burden="0.5",
    box3="3. Date of Event Requiring Statement (Month/Day/Year)",
    owned_following=_FORM4.owned_following,
    owned_following_2=_FORM4.owned_following_2,
)


def form_text(document_type: DocumentType) -> FormText:
    return {"3": _FORM3, "5": _FORM5}.get(document_type.base_form, _FORM4)


@dataclass(frozen=True, slots=True)
class FootnoteView:
    number: str
    text: str


@dataclass(frozen=True, slots=True)
class SignatureView:
    name: Cell
    date: Cell


def _context(filing: Filing, orientation: Orientation) -> dict[str, object]:
    """Everything the template prints, already formatted."""
    code_css = _code_css(filing)
    owners = [owner_view(o) for o in filing.reporting_owners] or [owner_view(ReportingOwner())]
    table1 = [table1_row(r, code_css) for r in filing.non_derivative_transactions]
    table1 += [table1_row(r, code_css) for r in filing.non_derivative_holdings]
    table2: list[list[Cell]] = [table2_row(r) for r in filing.derivative_transactions]
    table2 += [table2_row(r) for r in filing.derivative_holdings]
    return {
        "f": filing,
        "text": form_text(filing.document_type),
        "is_form5": filing.document_type.base_form == "5",
        "large_title": filing.document_type.base_form == "5" or filing.aff10b5one is not None,
        "orientation": orientation,
        "owners": owners,
        "issuer_name": fact_cell(filing.issuer.name),
        "ticker": fact_cell(filing.issuer.trading_symbol),
        "period": fact_cell(filing.period_of_report),
        "amendment": fact_cell(filing.date_of_original_submission),
        "table1": table1,
        "table2": table2,
        "footnotes": [FootnoteView(footnote_number(n.id), n.text) for n in filing.footnotes],
        "remarks": fact_cell(filing.remarks),
        "signatures": [
            SignatureView(fact_cell(s.name), fact_cell(s.date)) for s in filing.signatures
        ],
        "css": (_HERE / "form4.css").read_text(encoding="utf-8"),
    }


def breakable(marks: str) -> markupsafe.Markup:
    """Markers "(2)(3)" with a line-break opportunity between them, as EDGAR wraps them."""
    parts = [markupsafe.escape(p) for p in marks.replace(")(", ")\n(").split("\n")]
    return markupsafe.Markup("<wbr>").join(parts)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["breakable"] = breakable
    return env


def filing_to_html(filing: Filing, orientation: Orientation = "portrait") -> str:
    """The filing as a self-contained HTML page in the EDGAR layout."""
    template = _environment().get_template("form4.html")
    return template.render(_context(filing, orientation))


def render_filing(
    filing: Filing, out: Path, orientation: Orientation = "portrait", tagged: bool = True
) -> list[Path]:
    """Write the filing to `out` as .html, .pdf or .png; returns the files written.

    `tagged` keeps Chromium's PDF structure tags, as the corpus PDFs have them; without
    them a PDF is about three times smaller with the same text layer.
    """
    suffix = out.suffix.lower()
    if suffix not in {".html", ".htm", ".pdf", ".png"}:
        raise UsageError(out, f"cannot render to '{suffix}'", "use .html, .pdf or .png")
    html = filing_to_html(filing, orientation)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix in {".html", ".htm"}:
        out.write_text(html, encoding="utf-8")
        return [out]
    if suffix == ".pdf":
        html_to_pdf(html, out, tagged)
        return [out]
    with tempfile.TemporaryDirectory(prefix="form4-render-") as tmp:
        pdf = Path(tmp) / "page.pdf"
        html_to_pdf(html, pdf, tagged=False)
        return pdf_to_pngs(pdf, out)


def pdf_to_pngs(pdf: Path, out: Path, dpi: int = 100) -> list[Path]:
    """Rasterise every page with pdftoppm: `out` for one page, out-1.png... for more."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RenderError(out, "pdftoppm was not found", "install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="form4-png-") as tmp:
        stem = Path(tmp) / "page"
        done = subprocess.run(
            [exe, "-r", str(dpi), "-png", str(pdf), str(stem)], capture_output=True, check=False
        )
        if done.returncode != 0:
            raise RenderError(out, f"pdftoppm failed with exit code {done.returncode}")
        # pdftoppm pads page numbers to the page count's width: page-1.png or page-01.png.
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        if len(pages) == 1:
            targets = [out]
        else:
            targets = [out.with_name(f"{out.stem}-{i}.png") for i in range(1, len(pages) + 1)]
        for page, target in zip(pages, targets, strict=True):
            shutil.move(str(page), target)
        return targets
