"""The FastAPI app: routes, API-key guard, error handlers, and the job runner's lifetime.

`create_app(settings)` is all a server or a test needs. Every route but /healthz needs
an API key. Error bodies are `{"error": {"kind", "message"}}` with no traceback and no
server path: the library's messages name the stored upload, which `Runner` replaces by
the client's file name, and anything unexpected is logged and answered in general terms.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from extractor.errors import ExtractorError, UsageError
from extractor.service.archive import ArchiveError
from extractor.service.auth import KeyRing, NotAuthenticated, key_of_request
from extractor.service.config import ServiceSettings
from extractor.service.corrections import CorrectionError
from extractor.service.jobs import Runner
from extractor.service.limits import BodyLimit
from extractor.service.store import Store

log = logging.getLogger("form4.service")


def require_key(request: Request) -> str:
    """The name of the request's API key; 401 when it has none that matches."""
    keys: KeyRing = request.app.state.keys
    key = key_of_request(dict(request.headers), dict(request.cookies))
    name = keys.name_of(key) if key else None
    if name is None:
        raise NotAuthenticated
    return name


Who = Annotated[str, Depends(require_key)]


def create_app(settings: ServiceSettings) -> FastAPI:
    if not settings.api_keys:
        raise UsageError(
            None,
            "no API keys are configured",
            "set FORM4_API_KEYS=name:key or list api_keys (sha256) in the config file",
        )
    store = Store(settings.database_path, settings.data_dir / "uploads")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runner = Runner(store, settings)
        app.state.runner = runner
        resumed = runner.resume()
        if resumed:
            log.warning("resuming %d document(s) left unfinished by the last run", resumed)
        yield
        await runner.close()
        store.close()

    app = FastAPI(
        title="form4",
        description="Reads SEC ownership filings (Forms 3, 4, 5) into validated EDGAR XML.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        openapi_url=None,
    )
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.state.settings = settings
    app.state.store = store
    app.state.keys = KeyRing(settings.api_keys)
    _add_error_handlers(app)
    _add_docs(app)
    from extractor.service import routes_api, routes_review

    app.include_router(routes_api.router)
    app.include_router(routes_review.router)
    return app


def _add_docs(app: FastAPI) -> None:
    """OpenAPI and its UI behind the key like everything else (the default routes are open)."""

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(_: Who) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def docs(_: Who) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="form4 API")

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, str]:
        """Liveness: answers without a key."""
        return {"status": "ok"}


def error_body(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"kind": kind, "message": message}}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def unauthenticated(request: Request, _: Exception) -> HTMLResponse | JSONResponse:
        if request.url.path.startswith("/review/") and request.method == "GET":
            from extractor.service.routes_review import login_page

            return login_page(request.url.path)
        response = error_body(401, "auth", "an API key is needed: X-API-Key or Bearer")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        kind = "too_large" if exc.status_code == 413 else "http"
        return error_body(exc.status_code, kind, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return error_body(422, "request", "; ".join(errors[:5]))

    @app.exception_handler(CorrectionError)
    @app.exception_handler(ArchiveError)
    async def refused(_: Request, exc: Exception) -> JSONResponse:
        return error_body(422, "invalid", str(exc))

    @app.exception_handler(ExtractorError)
    async def extractor_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ExtractorError)
        log.warning("refused: %s", exc.message)  # may name a server path: log only
        return error_body(422, exc.kind, exc.cause)

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error", exc_info=exc)
        return error_body(500, "internal", "internal error; the server log has the details")
