"""Flat tables from `filings.jsonl`: transactions, holdings, owners and footnotes.

They are written at the end of a batch by streaming the JSONL a line at a time, so memory
stays flat over any number of filings: CSV rows go straight to the file, Parquet rows in
row groups of `_BATCH`. Columns come from the output model itself (a `Fact` gives its
value, its footnote ids are gathered into `footnote_ids`), every value as text, exactly
as the JSON prints it (a Decimal stays "18.3654", never a float). Each row is keyed by
the input, the output stem, the binder page range, the page it was read on and the
accession number when the input's file name carries one.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Footnote,
    ReportingOwner,
)

_BATCH = 5000
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


def columns(table: str) -> list[str]:
    fields, model = _TABLES[table]
    extra = ["kind"] if len(fields) > 1 else []
    return [*KEYS, *extra, *_model_columns(model), "footnote_ids"]


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


class _TableWriter:
    """One table as CSV (always) and Parquet (when pyarrow is installed)."""

    def __init__(self, out_dir: Path, table: str, parquet: bool) -> None:
        self.columns = columns(table)
        self.csv_path = out_dir / "tables" / f"{table}.csv"
        self.csv_path.parent.mkdir(parents=True, exist_ok=True)
        self.csv_tmp = self.csv_path.with_name(f".{table}.csv.part")
        self._csv_fh: IO[str] = self.csv_tmp.open("w", newline="", encoding="utf-8")
        self._csv = csv.DictWriter(self._csv_fh, self.columns, extrasaction="ignore")
        self._csv.writeheader()
        self._parquet = _ParquetSink(out_dir, table, self.columns) if parquet else None

    def add(self, row: dict[str, Any]) -> None:
        text = {k: _text(row.get(k)) for k in self.columns}
        self._csv.writerow(text)
        if self._parquet is not None:
            self._parquet.add(text)

    def close(self) -> list[Path]:
        self._csv_fh.close()
        os.replace(self.csv_tmp, self.csv_path)
        written = [self.csv_path]
        if self._parquet is not None:
            written.append(self._parquet.close())
        return written


class _ParquetSink:
    def __init__(self, out_dir: Path, table: str, names: list[str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.path = out_dir / "tables" / f"{table}.parquet"
        self.tmp = self.path.with_name(f".{table}.parquet.part")
        self.schema = pa.schema([(n, pa.string()) for n in names])
        self.writer = pq.ParquetWriter(self.tmp, self.schema)
        self.rows: list[dict[str, str | None]] = []

    def add(self, row: dict[str, str | None]) -> None:
        self.rows.append(row)
        if len(self.rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> Path:
        self._flush()
        self.writer.close()
        os.replace(self.tmp, self.path)
        return self.path


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


def write_tables(jsonl: Path, out_dir: Path) -> list[Path]:
    """Stream the JSONL once into every table; returns the files written."""
    writers = {t: _TableWriter(out_dir, t, parquet_available()) for t in _TABLES}
    try:
        with contextlib.suppress(FileNotFoundError), jsonl.open("rb") as fh:
            for raw in fh:
                line = json.loads(raw)
                for table, writer in writers.items():
                    for row in rows_of_line(line, table):
                        writer.add(row)
    finally:
        written = [p for w in writers.values() for p in w.close()]
    return written
