"""The work of one input, the same in a local worker process and on a Dask worker.

`convert_job` never raises: whatever goes wrong with a document (a refused input, a bug
in a layout stage, memory running out under the worker's limit) comes back as a FAILED
part that names the cause, so the batch goes on. The outputs are written here, by the
worker, each atomically; the parent only records what happened.
"""

from __future__ import annotations

import json
import os
import resource
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from extractor.api import extract_or_failure, extract_pages, failure_result
from extractor.batch.binder import PagePlan, plan_pages
from extractor.batch.flat import accession_of, table_csv
from extractor.errors import ExtractorError, InputError
from extractor.model.geometry import Page
from extractor.model.result import ErrorInfo, ExtractionResult, Status
from extractor.options import ExtractOptions
from extractor.outputs import OutputFormat, write_result
from extractor.sources import allocator
from extractor.sources.sniff import InputKind, sniff_kind

EXIT_INTERNAL = 70


@dataclass(frozen=True, slots=True)
class Task:
    """One input to convert: the file, the name it is known by, and where its outputs go."""

    key: str  # sha256 of the input bytes
    path: Path
    source: str  # the input as the user named it (an archive member: "a.zip!x.pdf")
    stem: str
    out_dir: Path
    formats: tuple[OutputFormat, ...]
    options: ExtractOptions


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """One filing read from an input (a binder has several), with its JSON result."""

    stem: str
    first_page: int | None
    last_page: int | None
    status: Status
    error_kind: str | None
    error: str | None
    outputs: tuple[str, ...]
    finding_codes: tuple[str, ...]
    pages: int
    seconds: float
    result_json: str
    table_csv: dict[str, str]  # table -> its CSV rows from this filing (no header)


@dataclass(frozen=True, slots=True)
class JobOutcome:
    key: str
    source: str
    parts: tuple[PartOutcome, ...]
    skipped_pages: tuple[int, ...] = ()
    peak_rss_kb: int = 0
    worker: int = 0  # pid of the process that converted it (0: none, it was killed)


def convert_job(task: Task) -> JobOutcome:
    """Convert one input into its outputs; never raises for a bad document."""
    # One OCR thread per task: the batch's parallelism is its workers (a Dask worker
    # runs this in its own threads, where the local engine's setting does not reach).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    allocator.keep_freed_pages()  # a worker reads page after page (see allocator)
    try:
        parts, skipped = _convert(task)
    except MemoryError:
        parts, skipped = [_failed_part(task, "memory", "out of memory under the worker limit")], ()
    except Exception as exc:  # a bug in a stage must not stop the batch: record it
        detail = traceback.format_exception_only(exc)[-1].strip()
        parts, skipped = [_failed_part(task, "internal", f"internal error: {detail}")], ()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return JobOutcome(task.key, task.source, tuple(parts), tuple(skipped), peak, os.getpid())


def failed_outcome(task: Task, kind: str, cause: str) -> JobOutcome:
    """The outcome of an input whose worker was killed (time limit) or died."""
    return JobOutcome(task.key, task.source, (_failed_part(task, kind, cause),))


def _convert(task: Task) -> tuple[list[PartOutcome], tuple[int, ...]]:
    options = task.options
    try:
        kind = sniff_kind(task.path, options.max_file_bytes)
    except ExtractorError as exc:
        return [_finish(task, task.stem, None, failure_result(task.path, exc))], ()
    if kind is not InputKind.PDF:
        return [_finish(task, task.stem, None, extract_or_failure(task.path, options))], ()
    from extractor.layout.template import load_template
    from extractor.pipeline import load_pages

    try:
        pages = load_pages(task.path, options)  # a scan's pages are read by OCR
    except ExtractorError as exc:
        return [_finish(task, task.stem, None, failure_result(task.path, exc))], ()
    plan = plan_pages(pages, load_template(options.template))
    if not plan.is_binder:
        return [_finish(task, task.stem, None, _extract_range(task, pages))], ()
    return _convert_binder(task, pages, plan), plan.skipped


def _convert_binder(task: Task, pages: list[Page], plan: PagePlan) -> list[PartOutcome]:
    outcomes = []
    for first, last in plan.parts:
        part = pages[first - 1 : last]
        stem = f"{task.stem}_p{first}-{last}"
        outcomes.append(_finish(task, stem, (first, last), _extract_range(task, part)))
    return outcomes


def _extract_range(task: Task, pages: list[Page]) -> ExtractionResult:
    started = time.perf_counter()
    try:
        return extract_pages(task.path, pages, task.options)
    except ExtractorError as exc:
        return failure_result(task.path, exc, time.perf_counter() - started)


def _finish(
    task: Task, stem: str, span: tuple[int, int] | None, result: ExtractionResult
) -> PartOutcome:
    """Name the result by the input as given, write its outputs, and describe it."""
    result = result.model_copy(update={"source": task.source})
    if result.error is not None and task.source != str(task.path):
        message = result.error.message.replace(str(task.path), task.source)
        result.error = result.error.model_copy(update={"message": message})
    outputs: list[Path] = []
    try:
        outputs = write_result(result, task.out_dir, stem, list(task.formats))
    except ExtractorError as exc:
        result = failure_result(task.source, exc, result.seconds)
    result_json = result.model_dump_json(exclude_none=True)
    first, last = span if span else (None, None)
    keys = {"source": task.source, "stem": stem, "first_page": first, "last_page": last}
    keys["accession"] = accession_of(task.source)
    return PartOutcome(
        stem=stem,
        first_page=first,
        last_page=last,
        status=result.status,
        error_kind=result.error.kind if result.error else None,
        error=result.error.message if result.error else None,
        outputs=tuple(str(p) for p in outputs),
        finding_codes=tuple(f.code for f in result.findings),
        pages=result.pages,
        seconds=result.seconds,
        result_json=result_json,
        table_csv=table_csv({**keys, "result": json.loads(result_json)}),
    )


def _failed_part(task: Task, kind: str, cause: str) -> PartOutcome:
    error = InputError(task.source, cause)
    result = ExtractionResult(
        source=task.source,
        input_kind="unknown",
        status=Status.FAILED,
        error=ErrorInfo(kind=kind, message=error.message, exit_code=EXIT_INTERNAL),
    )
    return _finish(task, task.stem, None, result)
