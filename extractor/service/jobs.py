"""Running extractions: bounded concurrency, a time limit per document, resumable jobs.

Every document, whether sent to /v1/extract or inside a job, goes through `Runner.run`,
which holds one of `concurrency` slots while a child process reads it. A job is only
rows in the store: its documents are queued there first, so a restart finds the ones
not finished and runs them again (`resume`).
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import extractor
from extractor.model.result import ErrorInfo, ExtractionResult, Status
from extractor.options import ExtractOptions
from extractor.service.config import ServiceSettings
from extractor.service.store import DocumentRow, Store
from extractor.service.worker import ChildFailed, extract_to_json, run_in_child

_PACKAGE_DIR = str(Path(extractor.__file__).resolve().parent.parent)


class Runner:
    def __init__(self, store: Store, settings: ServiceSettings) -> None:
        self.store = store
        self.settings = settings
        self.options = ExtractOptions(max_file_bytes=settings.max_upload_bytes)
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._threads = ThreadPoolExecutor(settings.concurrency, thread_name_prefix="extract")
        self._tasks: set[asyncio.Task[ExtractionResult]] = set()

    async def run(self, doc: DocumentRow) -> ExtractionResult:
        """Extract one stored document, record its result, and return it (client-safe)."""
        path = self.store.upload_path(doc.stored_name)
        async with self._slots:
            self.store.set_running(doc.id)
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(self._threads, self._extract, path, doc)
        self.store.finish_document(
            doc.id, result.status.value, result.input_kind, result.model_dump_json()
        )
        if doc.job_id is not None:
            self.store.finish_job_if_done(doc.job_id)
        return result

    def _extract(self, path: Path, doc: DocumentRow) -> ExtractionResult:
        if not path.is_file():  # the upload was lost (removed by hand): say so, once
            return _failure(doc.upload_name, "input", "the stored upload is missing")
        args = (str(path), self.options.model_dump_json())
        try:
            data = run_in_child(extract_to_json, args, self.settings.document_timeout_s)
        except ChildFailed as exc:
            return _failure(doc.upload_name, exc.kind, exc.message)
        text = scrub(data.decode("utf-8"), {str(path): doc.upload_name})
        return ExtractionResult.model_validate_json(text)

    def submit(self, docs: list[DocumentRow]) -> None:
        """Run documents in the background (a job); results land in the store."""
        for doc in docs:
            task = asyncio.create_task(self.run(doc))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def resume(self) -> int:
        """Queue again the documents a previous run left unfinished; returns their count."""
        docs = self.store.unfinished_documents()
        self.submit(docs)
        return len(docs)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._threads.shutdown(wait=False, cancel_futures=True)


def scrub(text: str, replacements: dict[str, str]) -> str:
    """JSON text with server paths replaced: the upload's path by its client name, the
    installation folder by a placeholder (error messages name the file they refuse)."""
    pairs = {**replacements, _PACKAGE_DIR: "<server>"}
    for old, new in sorted(pairs.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(_json_inner(old), _json_inner(new))
    return text


def _json_inner(text: str) -> str:
    return json.dumps(text)[1:-1]


def _failure(name: str, kind: str, cause: str) -> ExtractionResult:
    return ExtractionResult(
        source=name,
        input_kind="unknown",
        status=Status.FAILED,
        error=ErrorInfo(kind=kind, message=f"{name}: {cause}", exit_code=1),
    )
