"""Flat tables of the filings: transactions, holdings, owners and footnotes.

The worker that read a filing makes its CSV rows (so this work is parallel too); the
parent appends them to `OUT/tables/<table>.csv` as it appends the JSONL, under the same
commit-the-length rule (see journal.py), and at the end streams each CSV into Parquet
(pyarrow, block by block), so memory stays flat over any number of filings.

Columns come from the output model itself (a `Fact` gives its value, its footnote ids
are gathered into `footnote_ids`), every value as text, exactly as the JSON prints it
(a Decimal stays "18.3654", never a float). Each row is keyed by the input, the output
stem, the binder page range, the page it was read on and the accession number when the
input's file name carries one.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Footnote,
    ReportingOwner,
)

KEYS = ["source", "stem", "first_page", "last_page", "accession", "row", "page"]
_NOT_COLUMNS = ("provenance", "footnote_ids", "raw")
_ACCESSION = re.compile(r"(?<!\d)(\d{10}-\d{2}-\d{6})(?!\d)")

# table name -> (filing fields it gathers, model of one row)
_TABLES: dict[str, tuple[tuple[str, ...], type[BaseModel]]] = {
    "transactions": (
        ("non_derivative_transactions", "derivative_transactions"),
        DerivativeTransaction,
    ),
    "holdings": (("non_derivative_holdings", "derivative_holdings"), DerivativeHolding),
    "owners": (("reporting_owners",), ReportingOwner),
    "footnotes": (("footnotes",), Footnote),
}


def accession_of(name: str) -> str | None:
    """An EDGAR accession number printed in a file name (10-2-6 digits), if any."""
    found = _ACCESSION.search(Path(name.rsplit("!", 1)[-1]).name)
    return found.group(1) if found else None


@functools.cache
def columns(table: str) -> tuple[str, ...]:
    fields, model = _TABLES[table]
    extra = ["kind"] if len(fields) > 1 else []
    return (*KEYS, *extra, *_model_columns(model), "footnote_ids")


def _model_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """The flat column names of a model: nested models as `a_b`, a Fact as one column."""
    out = []
    for name, info in model.model_fields.items():
        if name in _NOT_COLUMNS:
            continue
        nested = _model_in(info.annotation)
        if nested is None or issubclass(nested, Fact):
            out.append(f"{prefix}{name}")
        else:
            out.extend(_model_columns(nested, f"{prefix}{name}_"))
    return out


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _flatten(node: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as `a_b` columns; a Fact (a dict with 'value') becomes its value."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _NOT_COLUMNS:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "value" in value:
            out[name] = value.get("value")
        elif isinstance(value, dict):
            out.update(_flatten(value, f"{name}_"))
        else:
            out[name] = value
    return out


def _notes_and_pages(node: Any, notes: list[str], pages: list[int]) -> None:
    """Every footnote id and provenance page inside a row, in print order."""
    if isinstance(node, dict):
        notes.extend(n for n in node.get("footnote_ids", []) if n not in notes)
        prov = node.get("provenance")
        if isinstance(prov, dict) and isinstance(prov.get("page"), int):
            pages.append(prov["page"])
        for value in node.values():
            _notes_and_pages(value, notes, pages)
    elif isinstance(node, list):
        for item in node:
            _notes_and_pages(item, notes, pages)


def rows_of_line(line: dict[str, Any], table: str) -> Iterator[dict[str, Any]]:
    """The rows one JSONL line gives a table."""
    filing = line.get("result", {}).get("filing")
    if not filing:
        return
    fields, _ = _TABLES[table]
    keys = {k: line.get(k) for k in KEYS[:5]}
    for field in fields:
        for i, item in enumerate(filing.get(field, [])):
            notes: list[str] = []
            pages: list[int] = []
            _notes_and_pages(item, notes, pages)
            row = {**keys, "row": i, "page": min(pages) if pages else None}
            if len(fields) > 1:
                row["kind"] = field
            row.update(_flatten(item))
            row["footnote_ids"] = " ".join(notes)
            yield row


TABLES = tuple(_TABLES)


def csv_header(table: str) -> str:
    return _csv_text([list(columns(table))])


def table_csv(line: dict[str, Any]) -> dict[str, str]:
    """The CSV rows (no header) one filing adds to each table; made in the worker."""
    out = {}
    for table in _TABLES:
        names = columns(table)
        rows = [[_text(row.get(c)) for c in names] for row in rows_of_line(line, table)]
        out[table] = _csv_text(rows) if rows else ""
    return out


def _csv_text(rows: list[list[str | None]] | list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parquet_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def write_parquet(tables_dir: Path) -> list[Path]:
    """Each `<table>.csv` as `<table>.parquet`, streamed in blocks (memory stays flat).

    Every column is text, as in the CSV (values exactly as printed; an empty cell is null).
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    written = []
    for table in _TABLES:
        source = tables_dir / f"{table}.csv"
        target = tables_dir / f"{table}.parquet"
        tmp = tables_dir / f".{table}.parquet.part"
        names = columns(table)
        schema = pa.schema([(n, pa.string()) for n in names])
        reader = pcsv.open_csv(
            source,
            read_options=pcsv.ReadOptions(block_size=1 << 22),
            parse_options=pcsv.ParseOptions(newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True
            ),
        )
        with pq.ParquetWriter(tmp, schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        os.replace(tmp, target)
        written.append(target)
    return written
