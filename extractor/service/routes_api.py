"""The /v1 API: extract one document, run jobs, read filings in JSON, XML or CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from extractor.batch.archives import ArchiveLimits
from extractor.model.result import ExtractionResult
from extractor.outputs import OutputFormat, result_to_bytes
from extractor.service.app import Who, error_body
from extractor.service.archive import ArchiveError, unpack
from extractor.service.config import ServiceSettings
from extractor.service.jobs import Runner
from extractor.service.review.fields import review_fields
from extractor.service.store import FINAL, DocumentRow, Store

router = APIRouter(prefix="/v1")
_SUFFIXES = {".pdf", ".xml", ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
_ID = re.compile(r"^[0-9a-f]{32}$")
XML_TYPE = "application/xml"


def display_name(name: str | None) -> str:
    """The client's file name for messages: last part only, printable, bounded."""
    last = PurePosixPath((name or "").replace("\\", "/")).name
    clean = "".join(ch for ch in last if ch.isprintable())[:200]
    return clean or "upload"


def stored_suffix(name: str) -> str:
    """A suffix from a fixed list (or none): the only part of a client name kept on disk."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in _SUFFIXES else ""


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def runner_of(request: Request) -> Runner:
    runner: Runner = request.app.state.runner
    return runner


def document_or_404(store: Store, doc_id: str) -> DocumentRow:
    doc = store.document(doc_id) if _ID.match(doc_id) else None
    if doc is None:
        raise HTTPException(404, "no such filing")
    return doc


def wants_xml(request: Request) -> bool:
    accept = request.headers.get("accept", "").lower()
    return "xml" in accept and "json" not in accept


@router.post("/extract", tags=["extract"])
async def extract(
    request: Request, who: Who, file: Annotated[UploadFile, File(description="PDF, image or XML")]
) -> Response:
    """Extract one document now. JSON by default; EDGAR XML with `Accept: application/xml`."""
    store = store_of(request)
    name = display_name(file.filename)
    data = await file.read()
    doc_id = store.add_document(name, store.save_upload(data, stored_suffix(name)), len(data))
    doc = document_or_404(store, doc_id)
    result = await runner_of(request).run(doc)
    headers = {"X-Filing-Id": doc_id, "Location": f"/v1/filings/{doc_id}"}
    if result.error is not None or result.filing is None:
        message = result.error.message if result.error else f"{name}: nothing could be read"
        kind = result.error.kind if result.error else "input"
        response = error_body(422, kind, message)
        response.headers.update(headers)
        return response
    if wants_xml(request):
        body = result_to_bytes(result, OutputFormat.XML) or b""
        return Response(body, media_type=XML_TYPE, headers=headers)
    envelope: dict[str, Any] = {"id": doc_id, "name": name, "review_url": f"/review/{doc_id}"}
    envelope["result"] = result.model_dump(mode="json", exclude_none=True)
    return JSONResponse(envelope, headers=headers)


@router.post("/jobs", tags=["jobs"], status_code=202)
async def create_job(
    request: Request,
    who: Who,
    files: Annotated[
        list[UploadFile], File(description="Documents, or zip/tar archives of documents")
    ],
) -> dict[str, Any]:
    """Queue several documents (or archives of them); they are read in the background."""
    store, settings = store_of(request), request.app.state.settings
    staged: list[Staged] = []
    skipped: list[tuple[str, str]] = []
    try:
        for upload in files:
            name, data = display_name(upload.filename), await upload.read()
            # Unpacking and writing are blocking work: off the event loop.
            skipped += await asyncio.to_thread(stage, store, settings, name, data, staged)
            if len(staged) > settings.max_files_per_job:
                raise ArchiveError(f"over the limit of {settings.max_files_per_job} files a job")
        if not staged:  # a job of nothing would never finish
            raise ArchiveError("no document in the upload (archives: no .pdf, .xml, ... member)")
    except BaseException:
        for item in staged:
            store.discard_upload(item.stored)
        raise
    job_id = store.add_job(who)
    ids = [store.add_document(s.name, s.stored, s.size, job_id) for s in staged]
    runner_of(request).submit([document_or_404(store, i) for i in ids])
    return {
        "id": job_id,
        "documents": len(ids),
        "skipped": [{"name": n, "reason": r} for n, r in skipped],
        "status_url": f"/v1/jobs/{job_id}",
    }


@dataclass(frozen=True, slots=True)
class Staged:
    name: str  # display name
    stored: str  # generated file name in the uploads folder
    size: int


def stage(
    store: Store, settings: ServiceSettings, name: str, data: bytes, staged: list[Staged]
) -> list[tuple[str, str]]:
    """Store one upload, or the documents of an archive, in `staged`; returns what an
    archive skipped (name, reason)."""
    limits = ArchiveLimits(
        max_total_bytes=settings.max_unpacked_bytes, max_members=settings.max_files_per_job
    )
    work_root = settings.data_dir / "tmp"
    work_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_root) as work:
        unpacked = unpack(data, name, Path(work), limits)
        if unpacked is None:
            staged.append(Staged(name, store.save_upload(data, stored_suffix(name)), len(data)))
            return []
        for member, path in unpacked.documents:
            size = path.stat().st_size
            staged.append(Staged(member, store.adopt_upload(path, stored_suffix(member)), size))
        return unpacked.skipped


@router.get("/jobs/{job_id}", tags=["jobs"])
def job_status(
    request: Request,
    who: Who,
    job_id: str,
    results: Annotated[bool, Query(description="Include each document's full result")] = False,
) -> dict[str, Any]:
    """Status and progress of a job, with one entry per document."""
    store = store_of(request)
    job = store.job(job_id) if _ID.match(job_id) else None
    if job is None:
        raise HTTPException(404, "no such job")
    docs = store.documents_of_job(job_id)
    by_status: dict[str, int] = {}
    for doc in docs:
        by_status[doc.status] = by_status.get(doc.status, 0) + 1
    done = sum(n for status, n in by_status.items() if status in FINAL)
    return {
        "id": job.id,
        "status": job.status,
        "created": job.created,
        "finished": job.finished,
        "progress": {"total": len(docs), "done": done, "by_status": by_status},
        "documents": [_document_entry(doc, results) for doc in docs],
    }


def _document_entry(doc: DocumentRow, full: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": doc.id, "name": doc.upload_name, "status": doc.status}
    if doc.result_json is not None:
        result = ExtractionResult.model_validate_json(doc.result_json)
        entry["input_kind"] = result.input_kind
        entry["error"] = result.error.model_dump() if result.error else None
        entry["findings"] = len(result.findings)
        if full:
            entry["result"] = result.model_dump(mode="json", exclude_none=True)
    entry["links"] = {
        "json": f"/v1/filings/{doc.id}?format=json",
        "xml": f"/v1/filings/{doc.id}?format=xml",
        "review": f"/review/{doc.id}",
    }
    return entry


def finished_result(doc: DocumentRow) -> ExtractionResult:
    if doc.status not in FINAL or doc.result_json is None:
        raise HTTPException(409, f"{doc.upload_name} is {doc.status}; try again shortly")
    return ExtractionResult.model_validate_json(doc.result_json)


@router.get("/filings/{filing_id}", tags=["filings"])
def filing(
    request: Request,
    who: Who,
    filing_id: str,
    format: Annotated[Literal["json", "xml", "csv"], Query()] = "json",
) -> Response:
    """A filing with its corrections applied: the JSON result, EDGAR XML, or CSV of fields."""
    store = store_of(request)
    doc = document_or_404(store, filing_id)
    result = finished_result(doc)
    approval = store.approval(doc.id)
    headers = {"X-Approved-By": approval.who} if approval else {}
    if format == "json":
        body = result_to_bytes(result, OutputFormat.JSON) or b""
        return Response(body, media_type="application/json", headers=headers)
    if result.filing is None:
        raise HTTPException(422, result.error.message if result.error else "no filing was read")
    if format == "xml":
        xml = result_to_bytes(result, OutputFormat.XML)
        return Response(xml, media_type=XML_TYPE, headers=headers)
    return Response(fields_csv(result), media_type="text/csv", headers=headers)


def fields_csv(result: ExtractionResult) -> str:
    """One line per field: path, value, raw, footnotes, page, confidence, finding codes."""
    assert result.filing is not None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "value", "raw", "footnote_ids", "page", "confidence", "findings"])
    for f in review_fields(result.filing, result.findings):
        prov = f.provenance
        value = f.value if isinstance(f.value, str) or f.value is None else json.dumps(f.value)
        writer.writerow(
            [
                f.path,
                value,
                f.raw,
                " ".join(f.footnote_ids),
                prov.page if prov else None,
                prov.confidence if prov else None,
                " ".join(x.code for x in f.findings),
            ]
        )
    return out.getvalue()
