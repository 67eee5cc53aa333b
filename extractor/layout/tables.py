"""Table I and Table II: regions of pages -> rows of the filing.

For each table region (one per page the table is printed on) the ruling lines give the
grid: the first band under the title is the header (repeated on every continuation
page), whose boxes map to fields through the template; every later band crossed by the
column rules is one row. A row with a transaction date or a code is a transaction, any
other a holding.

Without ruling lines (another rendering, or OCR words of a scan) the same is read from
the text layout: the header is the first slab of text that maps to the template, its
x-spans give the columns, and rows are found from the vertical centring of cells
(rows.py). A continuation page that prints no header is read with the columns of the
page before.
"""

from __future__ import annotations

from decimal import Decimal
from statistics import median

from extractor.layout import fax_grid
from extractor.layout.columns import (
    Column,
    HeaderCell,
    header_cells,
    header_cells_from_words,
    map_columns,
    placed_by_order,
    text_blocks,
)
from extractor.layout.parts import TablesPart
from extractor.layout.regions import Region, RegionKind, Regions
from extractor.layout.rows import (
    Cell,
    band_cells,
    crossed_by_columns,
    find_grid,
    rows_from_words,
)
from extractor.layout.template import TableSpec, Template
from extractor.layout.text import PhraseIndex
from extractor.layout.values import CellReader
from extractor.model.codes import AcquiredDisposed, DirectIndirect, FormType, TransactionCode
from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    Provenance,
    TransactionCoding,
)
from extractor.model.geometry import Line, Page, Word
from extractor.model.result import Finding, Severity

Cells = dict[str, Cell]
# A header that maps fewer than this share of the spec's columns is not a header.
MIN_HEADER_SHARE = 0.5
# Without rules: the header is a slab of lines closer than this many word heights, and
# one of the first few slabs under the title (a subtitle may come first).
_HEADER_GAP = 0.6
_HEADER_TRIES = 3
# A second header level may print as a slab or two of its own under the first.
_SUB_SLABS = 4


def regions_to_tables(pages: list[Page], regions: Regions, template: Template) -> TablesPart:
    """Rows of both tables, in print order across pages, with findings for what failed."""
    part = TablesPart()
    by_number = {p.number: p for p in pages}
    for kind, spec, derivative in (
        (RegionKind.TABLE1, template.tables.non_derivative, False),
        (RegionKind.TABLE2, template.tables.derivative, True),
    ):
        label = "Table II" if derivative else "Table I"
        previous: list[Column] = []  # columns of the table on the page before
        for region in regions.of(kind):
            page = by_number.get(region.page)
            if page is None:
                continue
            rows, previous = _region_rows(page, region, spec, template, part, previous)
            has_v = any(c.field == "v" for c in previous)
            # without a V column (Form 5) every transaction is reported on the printed form
            form = None if has_v else _printed_form(pages, template)
            for n, cells in enumerate(rows, 1):
                reader = CellReader(f"{label} page {region.page} row {n}")
                _add_row(part, cells, derivative, reader, form)
                part.findings.extend(reader.findings)
    return part


def _printed_form(pages: list[Page], template: Template) -> FormType:
    """The form named by the title on the first page ('FORM 5' -> 5), else Form 4."""
    hit = PhraseIndex(pages[0].words).first(template.regions.form_title) if pages else None
    digits = [ch for w in hit.words for ch in w.text if ch.isdigit()] if hit else []
    try:
        return FormType(digits[-1]) if digits else FormType.FORM_4
    except ValueError:
        return FormType.FORM_4


def _region_rows(
    page: Page,
    region: Region,
    spec: TableSpec,
    template: Template,
    part: TablesPart,
    previous: list[Column],
) -> tuple[list[Cells], list[Column]]:
    """The cells of every row of one table region, and the columns they were read with.

    A region that continues a table from the page before without printing its header
    again (no title either) is read with the columns of that page.
    """
    top = region.title.bottom if region.title is not None else region.box.top
    lines = [ln for ln in page.lines if top - 1 <= ln.top and ln.bottom <= region.box.bottom + 1]
    words = [w for w in page.words if top < w.box.ymid < region.box.bottom]
    grid = find_grid(lines, top, region.box.bottom, ocr=page.source == "ocr")
    if grid is None:
        return _unruled_rows(words, region, spec, template, part, previous)
    bands = [b for b in grid.bands() if any(b[0] < w.box.ymid < b[1] for w in words)]
    if not bands:
        return [], previous
    head_top, head_bottom = bands[0]
    cells = header_cells(words, lines, head_top, head_bottom, grid.x0, grid.x1)
    columns, missing = map_columns(cells, spec)
    placed = placed_by_order(cells, spec, columns)
    if len(columns) >= MIN_HEADER_SHARE * len(spec.columns) or _template_shape(
        spec, columns, placed
    ):
        part.findings.extend(_placed_findings(region, placed, cells))
        columns = sorted(columns + placed, key=lambda c: c.x0)
        missing = [f for f in missing if f not in {c.field for c in placed}]
        part.findings.extend(_missing_findings(region, spec, columns, missing))
        return _rows(words, lines, columns, bands[1:], template), columns
    if region.title is None and previous:
        return _rows(words, lines, previous, bands, template), previous
    if region.title is not None:
        part.findings.append(
            _finding(region, "table.header_unreadable", "no readable header; rows not read")
        )
    return [], previous


def _template_shape(spec: TableSpec, columns: list[Column], placed: list[Column]) -> bool:
    """Whether a header whose labels mostly did not match (a fax at low resolution garbles
    them) still is the template's own: its matched leaves, each in its place, and the
    rest placed by order cover every column of the template (see `placed_by_order`)."""
    return len(columns) + len(placed) == len(spec.columns)


def _unruled_rows(
    words: list[Word],
    region: Region,
    spec: TableSpec,
    template: Template,
    part: TablesPart,
    previous: list[Column],
) -> tuple[list[Cells], list[Column]]:
    """A table printed without ruling lines (or OCR words): the header is the first slab
    of text that maps to the template's columns, the rows come from the vertical layout."""
    if not words:
        return [], previous
    found = _unruled_header(words, spec)
    if found is not None:
        columns, missing, bottom = found
        part.findings.extend(_missing_findings(region, spec, columns, missing))
        body = [w for w in words if w.box.top > bottom]
    elif region.title is None and previous:
        columns, body = previous, words
    else:
        if region.title is not None:
            part.findings.append(
                _finding(region, "table.header_unreadable", "no readable header; rows not read")
            )
        return [], previous
    body = _until_a_label(body, template)
    size = median(w.size for w in body) if body else 10.0
    return rows_from_words(body, columns, size, template.markers), columns


def _unruled_header(
    words: list[Word], spec: TableSpec
) -> tuple[list[Column], list[str], float] | None:
    """The header among the first slabs of text, with the slabs under it when that maps
    better (a second header level may print apart from the first); None if none maps."""
    x0, x1 = min(w.box.x0 for w in words), max(w.box.x1 for w in words)
    slabs = text_blocks(words, _HEADER_GAP)[: _HEADER_TRIES + _SUB_SLABS]
    best: tuple[tuple[int, float], list[Column], list[str], float] | None = None
    for i in range(min(_HEADER_TRIES, len(slabs))):
        for k in range(i + 1, min(i + 2 + _SUB_SLABS, len(slabs) + 1)):
            block = [w for slab in slabs[i:k] for w in slab]
            columns, missing = map_columns(header_cells_from_words(block, x0, x1), spec)
            rank = (len(columns), sum(c.score for c in columns))
            if best is None or rank > best[0]:
                best = (rank, columns, missing, max(w.box.bottom for w in block))
    if best is None or best[0][0] < MIN_HEADER_SHARE * len(spec.columns):
        return None
    return best[1], best[2], best[3]


def _until_a_label(words: list[Word], template: Template) -> list[Word]:
    """Words above the first label of a box of the form (an extra reporting-owner block
    printed under the table): a table without rules ends there."""
    phrases = [p for ps in template.header.labels.values() for p in ps if len(p.split()) >= 3]
    hit = PhraseIndex(words).first(phrases)
    return words if hit is None else [w for w in words if w.box.bottom < hit.box.top]


def _rows(
    words: list[Word],
    lines: list[Line],
    columns: list[Column],
    bands: list[tuple[float, float]],
    template: Template,
) -> list[Cells]:
    data = [w for w in words if bands and bands[0][0] < w.box.ymid < bands[-1][1]]
    body = median(w.size for w in data) if data else 10.0
    if any(w.source == "ocr" for w in data):
        # a fax may lose the rule between two rows: see fax_grid
        bands = fax_grid.split_merged(bands, data, [(c.x0, c.x1) for c in columns])
    out = []
    for top, bottom in bands:
        if not crossed_by_columns(lines, columns, top, bottom):
            break  # the table ended; what follows is another framed block
        cells = band_cells(data, columns, top, bottom, body, template.markers)
        if cells:
            out.append(cells)
    return out


def _placed_findings(
    region: Region, placed: list[Column], cells: list[HeaderCell]
) -> list[Finding]:
    """A warning for each column placed by its position: its header was not read."""
    out = []
    for col in placed:
        cell = next(c for c in cells if (c.x0, c.x1) == (col.x0, col.x1))
        printed = " / ".join(t for t in (cell.top_text, cell.sub_text) if t)
        what = f"column {col.field!r} placed by its position; its header reads {printed!r}"
        out.append(_finding(region, "table.column_by_position", what, Severity.WARNING))
    return out


def _missing_findings(
    region: Region, spec: TableSpec, columns: list[Column], missing: list[str]
) -> list[Finding]:
    """A warning for columns not printed; only INFO for a second level that is not printed
    under a header that is (Form 5 prints "Transaction Code" without "Code | V"). Second
    levels missing under several headers are a header cut short (a torn page): a warning."""
    mapped = {c.field for c in columns}
    absent = [c for c in spec.columns if c.field in missing]
    split_groups = {c.header[0] for c in absent if c.sub}
    out = []
    for col in absent:
        siblings = [c.field for c in spec.columns if c.header == col.header and c.sub]
        unsplit = bool(col.sub) and any(f in mapped for f in siblings)
        what = f"no column {col.field!r} ({col.header[0]!r})"
        severity = Severity.INFO if unsplit and len(split_groups) == 1 else Severity.WARNING
        out.append(_finding(region, "table.column_missing", what, severity))
    return out


def _finding(region: Region, code: str, what: str, severity: Severity = Severity.ERROR) -> Finding:
    name = "Table II" if region.kind == RegionKind.TABLE2 else "Table I"
    return Finding(
        code=code,
        severity=severity,
        message=f"{name} on page {region.page}: {what}",
        page=region.page,
        box=(region.title or region.box).as_tuple(),
    )


def _add_row(
    part: TablesPart, cells: Cells, derivative: bool, r: CellReader, form: FormType | None
) -> None:
    """One row of cells -> a transaction or a holding of the right table."""
    is_tx = any(k in cells for k in ("transaction_date", "transaction_code"))
    if derivative and is_tx:
        part.derivative_transactions.append(_derivative_tx(cells, r, form))
    elif derivative:
        part.derivative_holdings.append(DerivativeHolding(**_common(cells, r), **_deriv(cells, r)))
    elif is_tx:
        part.non_derivative_transactions.append(_non_derivative_tx(cells, r, form))
    else:
        part.non_derivative_holdings.append(NonDerivativeHolding(**_common(cells, r)))


def _common(c: Cells, r: CellReader) -> dict[str, object]:
    """Fields every row has: title, amount owned after, ownership form and nature."""
    return {
        "security_title": r.title(c.get("security_title"), "security title"),
        **_amount(c.get("shares_owned_following"), r, "shares_owned_following"),
        "ownership": OwnershipNature(
            direct_or_indirect=r.code(
                c.get("direct_or_indirect"), "ownership form", DirectIndirect
            ),
            nature_of_ownership=r.name(c.get("nature_of_ownership"), "nature of ownership"),
        ),
    }


def _deriv(c: Cells, r: CellReader) -> dict[str, object]:
    """Fields of Table II rows: exercise price, dates, underlying security."""
    return {
        "conversion_or_exercise_price": r.money(
            c.get("conversion_or_exercise_price"), "conversion or exercise price"
        ),
        "exercise_date": r.date(c.get("exercise_date"), "date exercisable"),
        "expiration_date": r.date(c.get("expiration_date"), "expiration date"),
        "underlying_title": r.title(c.get("underlying_title"), "underlying title"),
        **_amount(c.get("underlying_shares"), r, "underlying_shares"),
    }


def _transaction(c: Cells, r: CellReader, form: FormType | None) -> dict[str, object]:
    """Date, deemed date, coding, V column and price, shared by both tables."""
    v = c.get("v")
    return {
        "transaction_date": r.date(c.get("transaction_date"), "transaction date"),
        "deemed_execution_date": r.date(c.get("deemed_execution_date"), "deemed execution date"),
        "coding": _coding(c.get("transaction_code"), v, r, form),
        # markers in the V column belong to transactionTimeliness, as in EDGAR
        "timeliness": Fact(footnote_ids=list(v.footnote_ids)) if v else Fact(),
        "price_per_share": r.money(c.get("price_per_share"), "price"),
    }


def _non_derivative_tx(c: Cells, r: CellReader, form: FormType | None) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        **_common(c, r),
        **_transaction(c, r, form),
        **_amount(c.get("shares"), r, "shares"),
        acquired_disposed=r.code(c.get("acquired_disposed"), "(A) or (D)", AcquiredDisposed),
    )


def _derivative_tx(c: Cells, r: CellReader, form: FormType | None) -> DerivativeTransaction:
    """Table II prints the amount under (A) or under (D): the column tells the code."""
    amount: dict[str, Fact[Decimal]] = {}
    ad = Fact[AcquiredDisposed]()
    for name, code in (
        ("acquired", AcquiredDisposed.ACQUIRED),
        ("disposed", AcquiredDisposed.DISPOSED),
    ):
        cell = c.get(name)
        if cell is not None:
            amount = _amount(cell, r, "shares")
            ad = Fact[AcquiredDisposed](value=code, provenance=_provenance_of(amount))
            break
    return DerivativeTransaction(
        **_common(c, r),
        **_deriv(c, r),
        **_transaction(c, r, form),
        **amount,
        acquired_disposed=ad,
    )


# EDGAR prints an amount given as a value (transactionTotalValue and the like) with a
# "$", in the column that otherwise holds a number of shares.
_VALUE_FIELDS = {
    "shares": "total_value",
    "shares_owned_following": "value_owned_following",
    "underlying_shares": "underlying_value",
}


def _amount(cell: Cell | None, r: CellReader, field: str) -> dict[str, Fact[Decimal]]:
    """{field: fact}, or {its value twin: fact} when the amount prints as money."""
    money = cell is not None and cell.text.lstrip().startswith("$")
    name = _VALUE_FIELDS[field] if money else field
    return {name: r.decimal(cell, name.replace("_", " "))}


def _provenance_of(amount: dict[str, Fact[Decimal]]) -> Provenance | None:
    return next(iter(amount.values())).provenance if amount else None


_SWAP = "(K)"


def _coding(
    code: Cell | None, v: Cell | None, r: CellReader, form: FormType | None
) -> TransactionCoding:
    """Column 'Code | V': the code, '(K)' for an equity swap, 'V' for a Form 5 report;
    `form` is the form type of a table that prints no V column (None when it does).

    Markers after the code belong to the coding element, not to the code value.
    """
    text = code.text if code is not None else ""
    swap = text.replace(" ", "").endswith(_SWAP)
    letter = text.replace(" ", "").removesuffix(_SWAP) if swap else text
    value = (
        r.code(_with_text(code, letter), "transaction code", TransactionCode) if code else Fact()
    )
    v_form = FormType.FORM_5 if r.v_mark(v) else FormType.FORM_4
    return TransactionCoding(
        form_type=form if form is not None else v_form,
        code=Fact[TransactionCode](value=value.value, raw=value.raw, provenance=value.provenance),
        equity_swap_involved=swap if code is not None else None,
        footnote_ids=list(code.footnote_ids) if code is not None else [],
    )


def _with_text(cell: Cell | None, text: str) -> Cell | None:
    if cell is None:
        return None
    return Cell(text, cell.footnote_ids, cell.box, cell.page, cell.source, cell.confidence)
