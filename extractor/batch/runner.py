"""Batch conversion: expand inputs, extract each document in worker processes, write outputs.

One bad document never stops the batch: its failure is recorded in the summary and the
others go on. Workers return a small record, not the whole result, so the parent's
memory stays flat over tens of thousands of documents.
"""

from __future__ import annotations

import glob
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from extractor.api import extract_or_failure, failure_result
from extractor.errors import ExtractorError, InputError
from extractor.model.result import Status
from extractor.options import ExtractOptions
from extractor.outputs import OutputFormat, write_atomic, write_result

DOCUMENT_SUFFIXES = {".xml", ".txt", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass(frozen=True, slots=True)
class Job:
    path: Path
    stem: str


class DocumentRecord(BaseModel):
    """What the batch keeps of one document."""

    source: str
    status: Status
    error_kind: str | None = None
    error: str | None = None
    outputs: list[str] = Field(default_factory=list)
    finding_codes: list[str] = Field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


class BatchSummary(BaseModel):
    documents: int
    by_status: dict[str, int]
    errors_by_kind: dict[str, int]
    findings_by_code: dict[str, int]
    pages: int
    seconds: float
    pages_per_second: float
    failures: list[DocumentRecord] = Field(description="One record per failed document")


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path]:
    """Files as given; folders searched recursively for documents; globs expanded.

    A name that matches nothing is yielded as is, so that it fails as a document
    (named in the summary) rather than vanishing.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        elif not path.exists() and glob.has_magic(item):
            yield from (Path(p) for p in sorted(glob.glob(item, recursive=True)))
        else:
            yield path


def plan_jobs(paths: Iterable[Path]) -> list[Job]:
    """One job per distinct file; a repeated stem gets '-2', '-3' so no output is overwritten."""
    seen: set[Path] = set()
    stems: Counter[str] = Counter()
    jobs = []
    for path in paths:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        stems[path.stem] += 1
        stem = path.stem if stems[path.stem] == 1 else f"{path.stem}-{stems[path.stem]}"
        jobs.append(Job(path, stem))
    return jobs


def convert_one(
    job: Job, out_dir: Path, formats: list[OutputFormat], options: ExtractOptions
) -> DocumentRecord:
    """Extract one document and write its outputs; never raises for a bad document."""
    result = extract_or_failure(job.path, options)
    outputs: list[str] = []
    try:
        outputs = [str(p) for p in write_result(result, out_dir, job.stem, formats)]
    except ExtractorError as exc:
        result = failure_result(job.path, exc, result.seconds)
    return DocumentRecord(
        source=str(job.path),
        status=result.status,
        error_kind=result.error.kind if result.error else None,
        error=result.error.message if result.error else None,
        outputs=outputs,
        finding_codes=[f.code for f in result.findings],
        pages=result.pages,
        seconds=result.seconds,
    )


def _records(
    jobs: list[Job],
    out_dir: Path,
    formats: list[OutputFormat],
    options: ExtractOptions,
    workers: int,
) -> Iterator[DocumentRecord]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield convert_one(job, out_dir, formats, options)
        return
    # Tesseract and BLAS would start a thread per core in every worker; one each is faster.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(convert_one, j, out_dir, formats, options) for j in jobs]
        for job, fut in zip(jobs, futures, strict=True):
            try:
                yield fut.result()
            except Exception as exc:  # a worker that died (killed, out of memory)
                err = InputError(job.path, f"the worker failed: {type(exc).__name__}")
                yield DocumentRecord(
                    source=str(job.path),
                    status=Status.FAILED,
                    error_kind=err.kind,
                    error=err.message,
                )


def run_batch(
    inputs: Iterable[str],
    out_dir: Path,
    formats: list[OutputFormat],
    options: ExtractOptions,
    workers: int = 1,
    on_record: Callable[[DocumentRecord], None] | None = None,
) -> BatchSummary:
    """Convert every input into `out_dir`; write and return the summary."""
    started = time.perf_counter()
    jobs = plan_jobs(expand_inputs(inputs))
    status: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    failures: list[DocumentRecord] = []
    pages = 0
    for rec in _records(jobs, out_dir, formats, options, workers):
        status[rec.status.value] += 1
        codes.update(rec.finding_codes)
        pages += rec.pages
        if rec.status is Status.FAILED:
            kinds[rec.error_kind or "error"] += 1
            failures.append(rec)
        if on_record is not None:
            on_record(rec)
    seconds = time.perf_counter() - started
    summary = BatchSummary(
        documents=len(jobs),
        by_status=dict(status),
        errors_by_kind=dict(kinds),
        findings_by_code=dict(codes.most_common()),
        pages=pages,
        seconds=round(seconds, 3),
        pages_per_second=round(pages / seconds, 2) if seconds else 0.0,
        failures=failures,
    )
    write_atomic(out_dir / "summary.json", summary.model_dump_json(indent=2).encode("utf-8"))
    return summary
