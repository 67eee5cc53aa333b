"""Hostile uploads to a real `form4 serve` (the server of tests/service/conftest.py): an
archive with escaping names converts its good members and lists the rest as skipped; a
zip bomb refuses the request with 422 and leaves nothing staged; a hostile document is a
422 whose message names the upload (never a server path)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.helpers import form4_xml
from tests.hostile.build import SAMPLE_PDF, zip_bytes
from tests.hostile.test_documents import LAUGHS, XXE
from tests.service.conftest import Server, wait_for_job

pytest.importorskip("fastapi", reason="the service extra (fastapi, uvicorn) is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("hostile-service") / "data")
    srv.start()
    yield srv
    srv.stop()


def _staged_files(server: Server) -> list[Path]:
    tmp = server.data_dir / "tmp"
    return [p for p in tmp.rglob("*") if p.is_file()] if tmp.exists() else []


def test_job_archive_with_escaping_names_converts_the_good_members(server: Server) -> None:
    evil = {"ok.xml": form4_xml(1), "../escape.xml": form4_xml(2), "/abs.xml": form4_xml(3)}
    files = [("files", ("evil.zip", zip_bytes(evil))), ("files", ("loose.xml", form4_xml(4)))]
    with server.client() as c:
        r = c.post("/v1/jobs", files=files)
        assert r.status_code == 202, r.text
        skipped = {s["name"]: s["reason"] for s in r.json()["skipped"]}
        job = wait_for_job(c, r.json()["id"])
    assert skipped == {
        "evil.zip!../escape.xml": "path escapes the archive ('..')",
        "evil.zip!/abs.xml": "absolute path",
    }
    assert {d["name"]: d["status"] for d in job["documents"]} == {
        "evil.zip!ok.xml": "success",
        "loose.xml": "success",
    }
    assert not list(server.data_dir.rglob("escape.xml"))
    assert _staged_files(server) == []


def test_job_with_a_zip_bomb_is_refused_whole_and_stages_nothing(server: Server) -> None:
    bomb = zip_bytes({"big.xml": b"\0" * (20 << 20)})
    uploads = server.data_dir / "uploads"
    before = sorted(uploads.iterdir()) if uploads.exists() else []
    files = [("files", ("fine.xml", form4_xml(5))), ("files", ("bomb.zip", bomb))]
    with server.client() as c:
        r = c.post("/v1/jobs", files=files)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["kind"] == "invalid"
    assert error["message"].startswith(
        "bomb.zip: the archive inflates past the size or compression-ratio limit"
    )
    assert str(server.data_dir) not in r.text
    after = sorted(uploads.iterdir()) if uploads.exists() else []
    assert after == before, "the refused job left uploads behind"
    assert _staged_files(server) == []


@pytest.mark.parametrize(
    ("name", "data", "kind", "cause"),
    [
        ("empty.pdf", b"", "input", "the file is empty"),
        ("half.pdf", SAMPLE_PDF.read_bytes()[:30_000], "input", "not a readable PDF"),
        ("xxe.xml", XXE, "xml", "DOCTYPE declares entities"),
        ("laughs.xml", LAUGHS, "xml", "DOCTYPE declares entities"),
        ("notes.tiff", b"plain words, no image\n", "input", "unrecognised content"),
    ],
    ids=["zero-byte", "truncated-pdf", "xxe", "billion-laughs", "text-named-tiff"],
)
def test_hostile_upload_is_a_422_naming_the_upload(
    server: Server, name: str, data: bytes, kind: str, cause: str
) -> None:
    with server.client() as c:
        r = c.post("/v1/extract", files={"file": (name, data)})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["kind"] == kind and cause in error["message"]
    assert error["message"].startswith(f"{name}: "), error["message"]
    assert str(server.data_dir) not in r.text and "Traceback" not in r.text
