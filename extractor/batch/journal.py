"""The files a batch appends to as inputs finish: `filings.jsonl` and `tables/<table>.csv`.

A JSONL line is the keys the flat tables use (source, stem, page range, accession,
sha256) and the JSON result under "result"; the CSV rows were made by the worker. They
are appended before the manifest commits the input, and the commit records every file's
new length; `recover` cuts whatever lies past the last committed length (a half-written
line, or lines of an input whose commit never happened), so after a `kill -9` and a
rerun each filing has exactly one line and one set of rows.

Only a failed input is ever converted again after it committed (`--retry-failed`); it
has no table rows, and `compact` drops its old JSONL line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import BinaryIO

from extractor.batch.flat import TABLES, accession_of, csv_header
from extractor.batch.manifest import Manifest
from extractor.batch.worker import JobOutcome

JSONL = "filings.jsonl"
# Folders where write_atomic may have left a temporary file when the run was killed.
_OUTPUT_DIRS = ("", "xml", "json", "tables")


def _csv_name(table: str) -> str:
    return f"tables/{table}.csv"


class Journal:
    def __init__(self, out: Path, manifest: Manifest) -> None:
        self.out, self.manifest = out, manifest
        self.tables = {_csv_name(t): t for t in TABLES}
        self.names = [JSONL, *self.tables]
        self._files: dict[str, BinaryIO] = {}

    def recover(self) -> None:
        """Undo what a killed run left half done: file tails and temporary output files."""
        ends = self.manifest.committed_ends()
        for name in self.names:
            self._cut(name, ends.get(name, 0))
        for folder in _OUTPUT_DIRS:
            if (self.out / folder).is_dir():
                for tmp in (self.out / folder).glob(".*.part"):
                    tmp.unlink(missing_ok=True)

    def _cut(self, name: str, end: int) -> None:
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a+b") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size > end:
                fh.truncate(end)
            if end == 0 and name in self.tables:
                fh.write(csv_header(self.tables[name]).encode())
        if size != end or end == 0:
            self.manifest.set_ends({name: (self.out / name).stat().st_size})

    def __enter__(self) -> Journal:
        self._files = {name: (self.out / name).open("ab") for name in self.names}
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in self._files.values():
            fh.close()

    def append(self, outcome: JobOutcome) -> dict[str, int]:
        """Append the outcome's lines and rows; returns each file's length after them."""
        jsonl = self._files[JSONL]
        for part in outcome.parts:
            keys = {
                "source": outcome.source,
                "stem": part.stem,
                "first_page": part.first_page,
                "last_page": part.last_page,
                "accession": accession_of(outcome.source),
                "sha256": outcome.key,
            }
            # The result is already JSON (made by the worker): splice it in, do not reparse.
            head = json.dumps(keys, ensure_ascii=False)[:-1]
            jsonl.write(f'{head}, "result": {part.result_json}}}\n'.encode())
            for table, text in part.table_csv.items():
                self._files[_csv_name(table)].write(text.encode())
        ends = {}
        for name, fh in self._files.items():
            fh.flush()
            ends[name] = fh.tell()
        return ends


def compact(jsonl: Path) -> int:
    """Keep only the last line of each filing (an input converted again replaces its lines).

    Two passes over the file keep memory to one offset per filing. Returns the new length.
    """
    if not jsonl.exists():
        return 0
    last: dict[tuple[str, str], int] = {}
    with jsonl.open("rb") as fh:
        offset = 0
        for raw in fh:
            line = json.loads(raw)
            last[(line["sha256"], line["stem"])] = offset
            offset += len(raw)
    keep = set(last.values())
    tmp = jsonl.with_name(f".{jsonl.name}.part")
    with jsonl.open("rb") as src, tmp.open("wb") as dst:
        offset = 0
        for raw in src:
            if offset in keep:
                dst.write(raw)
            offset += len(raw)
    os.replace(tmp, jsonl)
    return jsonl.stat().st_size
