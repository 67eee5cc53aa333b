"""SQLite storage of jobs, documents (uploads and results), corrections and approvals.

One connection guarded by a lock: the service writes little and often, and SQLite in
WAL mode keeps readers and the writer apart. Uploaded files live beside the database
under generated names (`uploads/<id>.<kind>`); the client's file name is only ever a
column value, never part of a path.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, created TEXT NOT NULL, finished TEXT,
    owner TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, job_id TEXT REFERENCES jobs(id), upload_name TEXT NOT NULL,
    stored_name TEXT NOT NULL, size INTEGER NOT NULL, status TEXT NOT NULL,
    created TEXT NOT NULL, finished TEXT, input_kind TEXT, original_json TEXT,
    result_json TEXT, error_kind TEXT, error_message TEXT
);
CREATE INDEX IF NOT EXISTS documents_job ON documents(job_id);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL REFERENCES documents(id),
    path TEXT NOT NULL, old_json TEXT NOT NULL, new_json TEXT NOT NULL,
    who TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS approvals (
    document_id TEXT PRIMARY KEY REFERENCES documents(id), who TEXT NOT NULL, at TEXT NOT NULL
);
"""
# Document states; the last three are final.
QUEUED, RUNNING = "queued", "running"
FINAL = ("success", "partial", "failed")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    job_id: str | None
    upload_name: str
    stored_name: str
    size: int
    status: str
    created: str
    finished: str | None
    input_kind: str | None
    original_json: str | None
    result_json: str | None
    error_kind: str | None
    error_message: str | None


@dataclass(frozen=True, slots=True)
class JobRow:
    id: str
    status: str
    created: str
    finished: str | None
    owner: str


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    id: int
    document_id: str
    path: str
    old_json: str
    new_json: str
    who: str
    at: str


@dataclass(frozen=True, slots=True)
class ApprovalRow:
    document_id: str
    who: str
    at: str


class Store:
    def __init__(self, database: Path, uploads: Path) -> None:
        database.parent.mkdir(parents=True, exist_ok=True)
        uploads.mkdir(parents=True, exist_ok=True)
        self.uploads = uploads
        self._lock = threading.Lock()
        self._db = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._db.execute(sql, args).fetchall())

    # --- uploads ---------------------------------------------------------------------

    def upload_path(self, stored_name: str) -> Path:
        return self.uploads / stored_name

    def adopt_upload(self, path: Path, suffix: str) -> str:
        """Move a file (on the same file system) in as an upload; returns its new name."""
        name = f"{new_id()}{suffix}"
        path.replace(self.uploads / name)
        return name

    def discard_upload(self, stored_name: str) -> None:
        (self.uploads / stored_name).unlink(missing_ok=True)

    def save_upload(self, data: bytes, suffix: str) -> str:
        """Write an upload under a generated name; returns that name."""
        name = f"{new_id()}{suffix}"
        tmp = self.uploads / f".{name}.part"
        tmp.write_bytes(data)
        tmp.replace(self.uploads / name)
        return name

    # --- documents -------------------------------------------------------------------

    def add_document(
        self, upload_name: str, stored_name: str, size: int, job_id: str | None = None
    ) -> str:
        doc_id = new_id()
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO documents (id, job_id, upload_name, stored_name, size, status,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, job_id, upload_name, stored_name, size, QUEUED, now()),
            )
        return doc_id

    def set_running(self, doc_id: str) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE documents SET status = ? WHERE id = ?", (RUNNING, doc_id))

    def finish_document(self, doc_id: str, status: str, input_kind: str, result_json: str) -> None:
        with self._tx() as cur:
            cur.execute(
                "UPDATE documents SET status = ?, finished = ?, input_kind = ?,"
                " original_json = ?, result_json = ? WHERE id = ?",
                (status, now(), input_kind, result_json, result_json, doc_id),
            )

    def document(self, doc_id: str) -> DocumentRow | None:
        rows = self._rows("SELECT * FROM documents WHERE id = ?", (doc_id,))
        return DocumentRow(*rows[0]) if rows else None  # type: ignore[arg-type]

    def documents_of_job(self, job_id: str) -> list[DocumentRow]:
        rows = self._rows(
            "SELECT * FROM documents WHERE job_id = ? ORDER BY created, rowid", (job_id,)
        )
        return [DocumentRow(*r) for r in rows]  # type: ignore[arg-type]

    def unfinished_documents(self) -> list[DocumentRow]:
        """Documents queued or running when the service last stopped, oldest first."""
        rows = self._rows(
            "SELECT * FROM documents WHERE status IN (?, ?) ORDER BY created, rowid",
            (QUEUED, RUNNING),
        )
        return [DocumentRow(*r) for r in rows]  # type: ignore[arg-type]

    # --- jobs ------------------------------------------------------------------------

    def add_job(self, owner: str) -> str:
        job_id = new_id()
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO jobs (id, status, created, owner) VALUES (?, ?, ?, ?)",
                (job_id, RUNNING, now(), owner),
            )
        return job_id

    def job(self, job_id: str) -> JobRow | None:
        rows = self._rows("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return JobRow(*rows[0]) if rows else None  # type: ignore[arg-type]

    def finish_job_if_done(self, job_id: str) -> None:
        """Mark the job done once none of its documents is queued or running."""
        with self._tx() as cur:
            left = cur.execute(
                "SELECT COUNT(*) FROM documents WHERE job_id = ? AND status IN (?, ?)",
                (job_id, QUEUED, RUNNING),
            ).fetchone()[0]
            if left == 0:
                cur.execute(
                    "UPDATE jobs SET status = 'done', finished = ?"
                    " WHERE id = ? AND finished IS NULL",
                    (now(), job_id),
                )

    # --- review ----------------------------------------------------------------------

    def correct(self, doc_id: str, path: str, old: str, new: str, who: str, result: str) -> int:
        """Record a correction and store the corrected result in one transaction."""
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO corrections (document_id, path, old_json, new_json, who, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, path, old, new, who, now()),
            )
            row_id = cur.lastrowid
            cur.execute("UPDATE documents SET result_json = ? WHERE id = ?", (result, doc_id))
        return int(row_id or 0)

    def corrections(self, doc_id: str) -> list[CorrectionRow]:
        rows = self._rows("SELECT * FROM corrections WHERE document_id = ? ORDER BY id", (doc_id,))
        return [CorrectionRow(*r) for r in rows]  # type: ignore[arg-type]

    def approve(self, doc_id: str, who: str) -> ApprovalRow:
        at = now()
        with self._tx() as cur:
            cur.execute(
                "INSERT OR REPLACE INTO approvals (document_id, who, at) VALUES (?, ?, ?)",
                (doc_id, who, at),
            )
        return ApprovalRow(doc_id, who, at)

    def approval(self, doc_id: str) -> ApprovalRow | None:
        rows = self._rows("SELECT * FROM approvals WHERE document_id = ?", (doc_id,))
        return ApprovalRow(*rows[0]) if rows else None  # type: ignore[arg-type]
