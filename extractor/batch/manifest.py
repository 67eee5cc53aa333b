"""The batch's memory across runs: `OUT/manifest.sqlite`, one row per input content.

Rows are keyed by the sha256 of the input bytes, so a renamed or moved file is not
converted twice and a changed file is converted again. A row is 'pending' while its
input is being converted and 'done' (or 'failed') once its outputs are written and its
lines appended to `filings.jsonl` and the tables; the same transaction records how long
those files are. After a `kill -9`, bytes past those lengths belong to no finished input
and are cut (see journal.py), and 'pending' rows are converted again: every input ends
up converted exactly once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.batch.worker import JobOutcome, PartOutcome
from extractor.errors import OutputError
from extractor.model.result import Status

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    stem TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    parts TEXT NOT NULL DEFAULT '[]',
    skipped_pages TEXT NOT NULL DEFAULT '[]',
    seconds REAL NOT NULL DEFAULT 0,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
PENDING, DONE, FAILED = "pending", "done", "failed"


@dataclass(frozen=True, slots=True)
class Row:
    sha256: str
    source: str
    stem: str
    status: str
    parts: list[dict[str, object]]
    skipped_pages: list[int]


class Manifest:
    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
            # WAL: a commit survives the process being killed, and readers never block.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise OutputError(
                path, f"the manifest cannot be opened ({exc})", "move it away"
            ) from None

    def close(self) -> None:
        self._db.close()

    def get(self, sha256: str) -> Row | None:
        cur = self._db.execute(
            "SELECT sha256, source, stem, status, parts, skipped_pages FROM documents "
            "WHERE sha256 = ?",
            (sha256,),
        )
        found = cur.fetchone()
        return _row(found) if found else None

    def rows(self, keys: Iterable[str]) -> Iterator[Row]:
        for key in keys:
            row = self.get(key)
            if row is not None:
                yield row

    def stem_taken(self, stem: str) -> bool:
        cur = self._db.execute("SELECT 1 FROM documents WHERE stem = ?", (stem,))
        return cur.fetchone() is not None

    def mark_pending(self, items: Iterable[tuple[str, str, str]]) -> None:
        """(sha256, source, stem) of inputs about to be converted, in one transaction."""
        with self._transaction():
            self._db.executemany(
                "INSERT INTO documents (sha256, source, stem, status, updated) "
                "VALUES (?, ?, ?, 'pending', ?) ON CONFLICT(sha256) DO UPDATE SET "
                "status = 'pending', source = excluded.source, updated = excluded.updated",
                ((sha, source, stem, time.time()) for sha, source, stem in items),
            )

    def finish(self, outcome: JobOutcome, ends: dict[str, int]) -> None:
        """Record one converted input and the journal lengths that include its lines."""
        failed = all(p.status is Status.FAILED for p in outcome.parts)
        with self._transaction():
            self._db.execute(
                "UPDATE documents SET status = ?, parts = ?, skipped_pages = ?, seconds = ?, "
                "updated = ? WHERE sha256 = ?",
                (
                    FAILED if failed else DONE,
                    json.dumps([_part_dict(p) for p in outcome.parts]),
                    json.dumps(list(outcome.skipped_pages)),
                    sum(p.seconds for p in outcome.parts),
                    time.time(),
                    outcome.key,
                ),
            )
            self._set_ends(ends)

    def committed_ends(self) -> dict[str, int]:
        """Journal file -> its length at the last commit."""
        cur = self._db.execute("SELECT key, value FROM meta WHERE key LIKE 'end:%'")
        return {key.removeprefix("end:"): int(value) for key, value in cur.fetchall()}

    def set_ends(self, ends: dict[str, int]) -> None:
        with self._transaction():
            self._set_ends(ends)

    def _set_ends(self, ends: dict[str, int]) -> None:
        for name, end in ends.items():
            self._set_meta(f"end:{name}", str(end))

    def counts(self) -> dict[str, int]:
        cur = self._db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status")
        return {status: n for status, n in cur.fetchall()}

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _part_dict(part: PartOutcome) -> dict[str, object]:
    return {
        "stem": part.stem,
        "first_page": part.first_page,
        "last_page": part.last_page,
        "status": part.status.value,
        "error_kind": part.error_kind,
        "error": part.error,
        "outputs": list(part.outputs),
        "finding_codes": list(part.finding_codes),
        "pages": part.pages,
        "seconds": part.seconds,
    }


def _row(found: tuple[str, str, str, str, str, str]) -> Row:
    sha, source, stem, status, parts, skipped = found
    return Row(sha, source, stem, status, json.loads(parts), json.loads(skipped))
