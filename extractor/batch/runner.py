"""Batch conversion: expand inputs, convert each in a worker, record it, write the tables.

One bad document never stops the batch: its failure is recorded and the others go on.
The run is resumable: `OUT/manifest.sqlite` (see manifest.py) remembers every input by
the sha256 of its bytes, so a second run converts only what is not done yet, and a run
killed at any moment leaves no partial file and nothing converted twice. Workers send
back a small outcome per input (the JSON result included, appended to `filings.jsonl`
and dropped), so the parent's memory stays flat over tens of thousands of documents.

OUT holds: xml/<stem>.xml, json/<stem>.json (a binder's filings: <stem>_p<first>-<last>),
filings.jsonl (one line per filing: the keys of the flat tables and the JSON result),
tables/{transactions,holdings,owners,footnotes}.{csv,parquet}, summary.json and the
manifest.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extractor.batch import archives
from extractor.batch.engines import DaskEngine, Engine, Limits, LocalEngine
from extractor.batch.flat import TABLES, parquet_available, write_parquet
from extractor.batch.journal import JSONL, Journal, compact
from extractor.batch.manifest import DONE, Manifest, Row
from extractor.batch.worker import JobOutcome, Task
from extractor.errors import ExtractorError, InputError, UsageError
from extractor.layout.template import load_template
from extractor.model.result import Status
from extractor.options import ExtractOptions
from extractor.outputs import OutputFormat, write_atomic
from extractor.sources.sniff import DOCUMENT_SUFFIXES


class BatchOptions(BaseModel):
    """Everything a batch run is told, as one frozen object."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    out_dir: Path
    formats: tuple[OutputFormat, ...] = (OutputFormat.XML, OutputFormat.JSON)
    extract: ExtractOptions = Field(default_factory=ExtractOptions)
    workers: int = Field(1, ge=1, description="Local worker processes")
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = Field(None, description="Dask scheduler address, tcp://HOST:PORT")
    time_limit: float = Field(300.0, gt=0, description="Seconds per input before it is killed")
    memory_mb: int = Field(
        2048, ge=0, description="Address space a local worker may add to its start; 0 = none"
    )
    tasks_per_worker: int = Field(200, ge=1, description="Tasks before a worker is replaced")
    retry_failed: bool = Field(False, description="Convert again the inputs that failed before")
    tables: bool = Field(True, description="Write the flat tables at the end")
    max_archive_bytes: int = Field(2 << 30, ge=1, description="Uncompressed bytes per archive")
    max_archive_ratio: float = Field(200.0, gt=1, description="Uncompressed / compressed size")

    @model_validator(mode="after")
    def _dask_needs_a_scheduler(self) -> BatchOptions:
        if self.engine == "dask" and not self.scheduler:
            raise ValueError("--engine dask needs --scheduler tcp://HOST:PORT")
        return self


@dataclass(frozen=True, slots=True)
class Source:
    """A document to convert: a file, or a member taken out of an archive."""

    path: Path
    name: str
    stem: str


class DocumentRecord(BaseModel):
    """What the batch keeps of one filing (one input, or one filing of a binder)."""

    source: str
    status: Status
    stem: str | None = None
    first_page: int | None = None
    last_page: int | None = None
    error_kind: str | None = None
    error: str | None = None
    outputs: list[str] = Field(default_factory=list)
    finding_codes: list[str] = Field(default_factory=list, exclude=True)
    pages: int = 0
    seconds: float = 0.0
    worker: int = Field(0, exclude=True, description="Pid of the worker process")
    peak_rss_kb: int = Field(0, exclude=True, description="The worker's peak RSS so far")


class Skip(BaseModel):
    source: str
    reason: str


class BatchSummary(BaseModel):
    documents: int = Field(description="Inputs of this run (archive members counted singly)")
    filings: int = Field(description="Results: one per input, one per filing of a binder")
    by_status: dict[str, int] = Field(description="Filings by status")
    errors_by_kind: dict[str, int]
    findings_by_code: dict[str, int] = Field(description="Findings by rule")
    converted: int = Field(description="Inputs converted by this run")
    already_done: int = Field(description="Inputs found done in the manifest and skipped")
    pages: int = Field(description="Pages read by this run")
    seconds: float
    pages_per_second: float
    documents_per_second: float
    skipped: list[Skip] = Field(description="Inputs, members and binder pages not converted")
    failures: list[DocumentRecord] = Field(description="One record per failed filing")
    tables: list[str] = Field(default_factory=list, description="Flat tables written")


class BatchEvents(Protocol):
    """What a watcher (the progress bar) is told as the batch goes."""

    def planned(self, to_convert: int, already_done: int) -> None: ...

    def converted(self, records: list[DocumentRecord]) -> None: ...


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path]:
    """Files as given; folders searched recursively for documents and archives; globs.

    A name that matches nothing is yielded as is, so that it fails as a document
    (named in the summary) rather than vanishing.
    """
    wanted = (*DOCUMENT_SUFFIXES, *archives.ARCHIVE_SUFFIXES)
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(wanted)
            )
        elif not path.exists() and glob.has_magic(item):
            yield from (Path(p) for p in sorted(glob.glob(item, recursive=True)))
        else:
            yield path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _Plan:
    """This run's inputs sorted out: to convert, done before, duplicate, or refused."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.tasks: list[Task] = []
        self.already_done = 0
        self.skipped: list[Skip] = []
        self.refused: list[DocumentRecord] = []


def _sources(
    inputs: Iterable[str], work: Path, options: BatchOptions, plan: _Plan
) -> Iterator[Source]:
    limits = archives.ArchiveLimits(
        max_total_bytes=options.max_archive_bytes,
        max_member_bytes=options.extract.max_file_bytes,
        max_ratio=options.max_archive_ratio,
    )
    for n, path in enumerate(expand_inputs(inputs)):
        if not archives.is_archive(path):
            yield Source(path, str(path), path.stem)
            continue
        try:
            members, skipped = archives.extract_members(
                path, work / f"a{n}", DOCUMENT_SUFFIXES, limits
            )
        except ExtractorError as exc:
            plan.refused.append(_refused(str(path), exc))
            continue
        plan.skipped.extend(Skip(source=s.name, reason=s.reason) for s in skipped)
        yield from (Source(m.path, m.name, archives.member_stem(m)) for m in members)


def _refused(source: str, exc: ExtractorError) -> DocumentRecord:
    return DocumentRecord(
        source=source, status=Status.FAILED, error_kind=exc.kind, error=exc.message
    )


def _plan(inputs: Iterable[str], work: Path, options: BatchOptions, manifest: Manifest) -> _Plan:
    plan = _Plan()
    first_name: dict[str, str] = {}
    stems: set[str] = set()
    pending: list[tuple[str, str, str]] = []
    for src in _sources(inputs, work, options, plan):
        try:
            key = sha256_of(src.path)
        except OSError as exc:
            cause = "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror
            plan.refused.append(_refused(src.name, InputError(src.name, cause or "unreadable")))
            continue
        if key in first_name:
            plan.skipped.append(Skip(source=src.name, reason=f"same content as {first_name[key]}"))
            continue
        first_name[key] = src.name
        plan.keys.append(key)
        row = manifest.get(key)
        if row is not None and (
            row.status == DONE or (row.status != "pending" and not options.retry_failed)
        ):
            plan.already_done += 1
            continue
        stem = row.stem if row is not None else _free_stem(src.stem, stems, manifest)
        stems.add(stem)
        pending.append((key, src.name, stem))
        plan.tasks.append(
            Task(key, src.path, src.name, stem, options.out_dir, options.formats, options.extract)
        )
    manifest.mark_pending(pending)
    return plan


def _free_stem(stem: str, taken: set[str], manifest: Manifest) -> str:
    """The stem, or stem-2, stem-3...: never the name of another input's outputs."""
    candidate, n = stem, 1
    while candidate in taken or manifest.stem_taken(candidate):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _engine(options: BatchOptions) -> Engine:
    limits = Limits(options.time_limit, options.memory_mb, options.tasks_per_worker)
    if options.engine == "dask" and options.scheduler:
        return DaskEngine(options.scheduler, limits)
    return LocalEngine(options.workers, limits)


def run_batch(
    options: BatchOptions, inputs: Iterable[str], events: BatchEvents | None = None
) -> BatchSummary:
    """Convert every input into `options.out_dir`; write and return the summary."""
    load_template(options.extract.template)  # a wrong --template fails here, not per document
    out = options.out_dir
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with _locked(out), _workdir(out) as work:
        manifest = Manifest(out / "manifest.sqlite")
        try:
            journal = Journal(out, manifest)
            journal.recover()
            plan = _plan(inputs, work, options, manifest)
            if events is not None:
                events.planned(len(plan.tasks) + len(plan.refused), plan.already_done)
                for rec in plan.refused:
                    events.converted([rec])
            with journal:
                pages = _convert(plan, options, manifest, journal, events)
            if options.retry_failed:
                manifest.set_ends({JSONL: compact(out / JSONL)})
            tables = _tables(out / "tables") if options.tables else []
            summary = _summary(plan, manifest, pages, time.perf_counter() - started, tables)
        finally:
            manifest.close()
        write_atomic(out / "summary.json", summary.model_dump_json(indent=2).encode("utf-8"))
    return summary


def _convert(
    plan: _Plan,
    options: BatchOptions,
    manifest: Manifest,
    journal: Journal,
    events: BatchEvents | None,
) -> int:
    pages = 0
    for outcome in _engine(options).run(plan.tasks):
        manifest.finish(outcome, journal.append(outcome))
        records = records_of(outcome)
        pages += sum(r.pages for r in records)
        if events is not None:
            events.converted(records)
    return pages


def _tables(folder: Path) -> list[Path]:
    """The CSV tables (always there), and their Parquet copies when pyarrow is installed."""
    csvs = [folder / f"{t}.csv" for t in TABLES]
    return [*csvs, *write_parquet(folder)] if parquet_available() else csvs


def records_of(outcome: JobOutcome) -> list[DocumentRecord]:
    return [
        DocumentRecord(
            source=outcome.source,
            status=p.status,
            stem=p.stem,
            first_page=p.first_page,
            last_page=p.last_page,
            error_kind=p.error_kind,
            error=p.error,
            outputs=list(p.outputs),
            finding_codes=list(p.finding_codes),
            pages=p.pages,
            seconds=p.seconds,
            worker=outcome.worker,
            peak_rss_kb=outcome.peak_rss_kb,
        )
        for p in outcome.parts
    ]


def _records_of_row(row: Row) -> Iterator[DocumentRecord]:
    for part in row.parts:
        yield DocumentRecord.model_validate({"source": row.source, **part})


def _summary(
    plan: _Plan, manifest: Manifest, pages: int, seconds: float, tables: list[Path]
) -> BatchSummary:
    status: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    failures: list[DocumentRecord] = []
    skipped = list(plan.skipped)
    records = [r for row in manifest.rows(plan.keys) for r in _records_of_row(row)]
    for row in manifest.rows(plan.keys):
        skipped.extend(
            Skip(source=f"{row.source} page {n}", reason="belongs to no Form 3/4/5")
            for n in row.skipped_pages
        )
    for rec in [*records, *plan.refused]:
        status[rec.status.value] += 1
        codes.update(rec.finding_codes)
        if rec.status is Status.FAILED:
            kinds[rec.error_kind or "error"] += 1
            failures.append(rec)
    converted = len(plan.tasks)
    return BatchSummary(
        documents=len(plan.keys) + len(plan.refused),
        filings=sum(status.values()),
        by_status=dict(status),
        errors_by_kind=dict(kinds),
        findings_by_code=dict(codes.most_common()),
        converted=converted,
        already_done=plan.already_done,
        pages=pages,
        seconds=round(seconds, 3),
        pages_per_second=round(pages / seconds, 2) if seconds else 0.0,
        documents_per_second=round(converted / seconds, 2) if seconds else 0.0,
        skipped=skipped,
        failures=failures,
        tables=[str(p) for p in tables],
    )


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One batch at a time per output folder (the lock dies with the process)."""
    with (out / ".form4.lock").open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(out, "another form4 batch is writing to this folder") from None
        yield


@contextlib.contextmanager
def _workdir(out: Path) -> Iterator[Path]:
    """A private folder for archive members, removed at the end and at the next start."""
    work = out / ".work"
    shutil.rmtree(work, ignore_errors=True)  # a killed run's leftovers
    work.mkdir()
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
