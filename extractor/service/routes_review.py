"""The review page and its API: page images, fields with boxes, corrections, approval.

The page is plain HTML+JS+CSS from `review/`; a browser that has no key is shown a
login form (the 401 body) that stores the key in an HttpOnly, SameSite=Strict cookie.
"""

from __future__ import annotations

import asyncio
import html
import json
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from extractor.outputs import write_atomic
from extractor.service.app import Who
from extractor.service.auth import COOKIE, KeyRing
from extractor.service.corrections import CorrectionError, apply_correction
from extractor.service.review.fields import review_fields
from extractor.service.routes_api import document_or_404, finished_result, store_of
from extractor.service.store import DocumentRow
from extractor.service.worker import ChildFailed, page_png, page_sizes_json, run_in_child
from extractor.validate import validate_filing

router = APIRouter()
# The page loads only its own script, style and images; no frame may embed it.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_STATIC = {"review.js": "text/javascript", "review.css": "text/css"}
_RENDER_TIMEOUT_S = 60.0


def _asset(name: str) -> str:
    return files("extractor.service.review").joinpath(name).read_text(encoding="utf-8")


def login_page(next_path: str) -> HTMLResponse:
    body = _asset("login.html").replace("{{next}}", html.escape(next_path, quote=True))
    return HTMLResponse(body, status_code=401, headers=PAGE_HEADERS)


@router.post("/review/login", include_in_schema=False)
def login(
    request: Request, key: Annotated[str, Form()], next: Annotated[str, Form()] = "/review/"
) -> Response:
    keys: KeyRing = request.app.state.keys
    if keys.name_of(key) is None:
        return login_page(next)
    target = next if next.startswith("/review/") and "//" not in next else "/review/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, key, httponly=True, samesite="strict", path="/")
    return response


@router.get("/review/static/{name}", include_in_schema=False)
def static(_: Who, name: str) -> Response:
    if name not in _STATIC:
        raise HTTPException(404, "no such file")
    return Response(_asset(name), media_type=_STATIC[name], headers=PAGE_HEADERS)


@router.get("/review/{filing_id}", response_class=HTMLResponse, tags=["review"])
def review_page(request: Request, _: Who, filing_id: str) -> HTMLResponse:
    """The review page of one filing (page images with a box over every field)."""
    document_or_404(store_of(request), filing_id)
    return HTMLResponse(_asset("index.html"), headers=PAGE_HEADERS)


@router.get("/v1/filings/{filing_id}/review", tags=["review"])
async def review_data(request: Request, _: Who, filing_id: str) -> dict[str, Any]:
    """What the review page draws: pages, fields with boxes and findings, corrections."""
    store = store_of(request)
    doc = document_or_404(store, filing_id)
    result = finished_result(doc)
    approval = store.approval(doc.id)
    return {
        "id": doc.id,
        "name": doc.upload_name,
        "status": result.status.value,
        "input_kind": result.input_kind,
        "error": result.error.model_dump() if result.error else None,
        "pages": await _pages(request, doc) if result.input_kind == "pdf" else [],
        "fields": [
            f.model_dump(mode="json")
            for f in (review_fields(result.filing, result.findings) if result.filing else [])
        ],
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "footnotes": {f.id: f.text for f in result.filing.footnotes} if result.filing else {},
        "corrections": [_correction_entry(c) for c in store.corrections(doc.id)],
        "approval": {"who": approval.who, "at": approval.at} if approval else None,
    }


def _correction_entry(c: Any) -> dict[str, Any]:
    old, new = json.loads(c.old_json), json.loads(c.new_json)
    return {"path": c.path, "old": old, "new": new, "who": c.who, "at": c.at}


def _page_dir(request: Request, doc: DocumentRow) -> Path:
    path: Path = request.app.state.settings.data_dir / "pages" / doc.id
    path.mkdir(parents=True, exist_ok=True)
    return path


async def _in_child(target: Any, *args: object) -> bytes:
    try:
        return await asyncio.to_thread(run_in_child, target, args, _RENDER_TIMEOUT_S)
    except ChildFailed as exc:
        raise HTTPException(422, f"the page could not be drawn ({exc.kind})") from None


async def _pages(request: Request, doc: DocumentRow) -> list[dict[str, Any]]:
    cache = _page_dir(request, doc) / "sizes.json"
    if not cache.is_file():
        upload = str(store_of(request).upload_path(doc.stored_name))
        write_atomic(cache, await _in_child(page_sizes_json, upload))
    sizes: list[dict[str, Any]] = json.loads(cache.read_bytes())
    for size in sizes:
        size["image"] = f"/v1/filings/{doc.id}/pages/{size['number']}.png"
    return sizes


@router.get("/v1/filings/{filing_id}/pages/{number}.png", tags=["review"])
async def page_image(request: Request, _: Who, filing_id: str, number: int) -> Response:
    """Page `number` of the filing's PDF as a PNG (drawn once, then kept)."""
    doc = document_or_404(store_of(request), filing_id)
    if finished_result(doc).input_kind != "pdf" or not 1 <= number <= 500:
        raise HTTPException(404, "no such page")
    cache = _page_dir(request, doc) / f"{number}.png"
    if not cache.is_file():
        upload = str(store_of(request).upload_path(doc.stored_name))
        write_atomic(cache, await _in_child(page_png, upload, number))
    return Response(cache.read_bytes(), media_type="image/png")


class CorrectionIn(BaseModel):
    path: str = Field(description="Field path, e.g. non_derivative_transactions[0].shares")
    value: Any = Field(description="The new value (JSON); null empties the field")


@router.post("/v1/filings/{filing_id}/corrections", tags=["review"])
def correct(request: Request, who: Who, filing_id: str, body: CorrectionIn) -> dict[str, Any]:
    """Correct one field; the filing model checks the value (422 when it refuses it)."""
    store = store_of(request)
    doc = document_or_404(store, filing_id)
    result = finished_result(doc)
    if result.filing is None:
        raise CorrectionError(f"{doc.upload_name}: no filing was read, nothing to correct")
    if store.approval(doc.id) is not None:
        raise HTTPException(409, "the filing is approved; corrections are closed")
    filing, old, new = apply_correction(result.filing, body.path, body.value)
    # Findings of reading the document stay; the rules' findings are made again on the
    # corrected filing, so a fixed value clears its finding and a new mistake raises one.
    old_rules = validate_filing(result.filing)
    kept = [f for f in result.findings if f not in old_rules]
    corrected = result.model_copy(update={"filing": filing, "findings": kept})
    corrected.findings += validate_filing(filing)
    store.correct(
        doc.id, body.path, json.dumps(old), json.dumps(new), who, corrected.model_dump_json()
    )
    return {"path": body.path, "old": old, "new": new, "who": who}


@router.post("/v1/filings/{filing_id}/approve", tags=["review"])
def approve(request: Request, who: Who, filing_id: str) -> dict[str, Any]:
    """Approve the filing as it stands (with its corrections); closes further corrections."""
    store = store_of(request)
    doc = document_or_404(store, filing_id)
    finished_result(doc)
    approval = store.approval(doc.id) or store.approve(doc.id, who)
    return {"id": doc.id, "approved_by": approval.who, "at": approval.at}
