"""`OUT/filings.jsonl`: one line per filing, appended as inputs finish.

A line is the keys the flat tables use (source, stem, page range, accession, sha256)
and the JSON result under "result". Lines are appended before the manifest commits the
input, and the commit records the file's new length; `recover` cuts whatever lies past
the last committed length (a half-written line, or lines of an input whose commit never
happened), so after a `kill -9` and a rerun each filing has exactly one line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import BinaryIO

from extractor.batch.flat import accession_of
from extractor.batch.manifest import Manifest
from extractor.batch.worker import JobOutcome

# Folders where write_atomic may have left a temporary file when the run was killed.
_OUTPUT_DIRS = ("", "xml", "json", "tables")


def recover(jsonl: Path, manifest: Manifest, out: Path) -> None:
    """Undo what a killed run left half done: JSONL tail and temporary output files."""
    end = manifest.committed_jsonl_end()
    size = jsonl.stat().st_size if jsonl.exists() else 0
    if size > end:
        with jsonl.open("r+b") as fh:
            fh.truncate(end)
    elif size < end:  # compacted after the last commit, or the file was removed
        manifest.set_jsonl_end(size)
    for name in _OUTPUT_DIRS:
        folder = out / name
        if folder.is_dir():
            for tmp in folder.glob(".*.part"):
                tmp.unlink(missing_ok=True)


def append(fh: BinaryIO, outcome: JobOutcome) -> int:
    """Append the outcome's lines; returns the file's length after them."""
    for part in outcome.parts:
        keys = {
            "source": outcome.source,
            "stem": part.stem,
            "first_page": part.first_page,
            "last_page": part.last_page,
            "accession": accession_of(outcome.source),
            "sha256": outcome.key,
        }
        # The result is already JSON (made by the worker): splice it in, do not reparse it.
        head = json.dumps(keys, ensure_ascii=False)[:-1]
        fh.write(f'{head}, "result": {part.result_json}}}\n'.encode())
    fh.flush()
    return fh.tell()


def compact(jsonl: Path) -> int:
    """Keep only the last line of each filing (an input converted again replaces its lines).

    Two passes over the file keep memory to one offset per filing.
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
