"""The HTTP API through httpx against a real `form4 serve` process."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from extractor.api import extract_or_failure
from extractor.model.filing import Filing
from extractor.model.result import ExtractionResult
from extractor.service.store import Store
from extractor.validate import validate_filing
from tests.cli.minimal import MINIMAL_FORM4
from tests.conftest import SAMPLES
from tests.service.conftest import FILE_KEY, MAX_UPLOAD, Server, wait_for_job

NOT_A_FORM = b"<?xml version='1.0'?><inventory><item>1</item></inventory>"
DUMMY_ID = "0" * 32


def upload_xml(server: Server, name: str = "filing.xml") -> str:
    with server.client() as c:
        r = c.post("/v1/extract", files={"file": (name, MINIMAL_FORM4)})
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


def test_healthz_needs_no_key(server: Server) -> None:
    with server.client(key=None) as c:
        assert c.get("/healthz").json() == {"status": "ok"}


def test_every_route_but_healthz_needs_a_key(server: Server) -> None:
    with server.client() as c:
        paths = c.get("/openapi.json").json()["paths"]
    routes = [(m.upper(), p) for p, ops in paths.items() for m in ops if p != "/healthz"]
    routes += [("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/review/static/review.js")]
    assert len(routes) >= 10, routes
    for key in (None, "wrong-key"):
        with server.client(key=key) as c:
            for method, path in routes:
                url = path.replace("{filing_id}", DUMMY_ID).replace("{job_id}", DUMMY_ID)
                r = c.request(method, url.replace("{number}", "1"))
                assert r.status_code == 401, (method, url, key, r.status_code)


def test_bearer_token_and_a_key_from_the_config_file(server: Server) -> None:
    with server.client(key=None) as c:
        r = c.post(
            "/v1/extract",
            files={"file": ("f.xml", MINIMAL_FORM4)},
            headers={"Authorization": f"Bearer {FILE_KEY}"},
        )
    assert r.status_code == 200, r.text


def test_upload_xml_returns_the_filing_as_json(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/extract", files={"file": ("jane.xml", MINIMAL_FORM4)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert r.headers["x-filing-id"] == body["id"]
    result = body["result"]
    assert result["status"] == "success"
    assert result["source"] == "jane.xml"
    filing = result["filing"]
    assert filing["issuer"]["name"]["value"] == "Example Widgets, Inc."
    row = filing["non_derivative_transactions"][0]
    assert row["shares"]["value"] == "1000"
    assert row["price_per_share"] == {"value": "12.50", "footnote_ids": ["F1"]}


def test_upload_xml_returns_edgar_xml_when_asked(server: Server) -> None:
    with server.client() as c:
        r = c.post(
            "/v1/extract",
            files={"file": ("jane.xml", MINIMAL_FORM4)},
            headers={"Accept": "application/xml"},
        )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/xml")
    root = etree.fromstring(r.content)
    assert root.findtext("issuer/issuerTradingSymbol") == "EXW"
    amounts = "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts"
    assert root.findtext(f"{amounts}/transactionShares/value") == "1000"


def test_filing_as_csv_lists_fields(server: Server) -> None:
    filing_id = upload_xml(server)
    with server.client() as c:
        r = c.get(f"/v1/filings/{filing_id}", params={"format": "csv"})
    assert r.status_code == 200
    lines = r.text.splitlines()
    assert lines[0].startswith("path,value")
    assert "non_derivative_transactions[0].price_per_share,12.50,,F1,,," in lines


def make_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_job_with_several_files_and_an_archive(server: Server) -> None:
    archive = make_zip({"in/a.xml": MINIMAL_FORM4, "in/b.xml": MINIMAL_FORM4, "in/": b""})
    files = [
        ("files", ("one.xml", MINIMAL_FORM4)),
        ("files", ("two.xml", MINIMAL_FORM4)),
        ("files", ("broken.xml", NOT_A_FORM)),
        ("files", ("batch.zip", archive)),
    ]
    with server.client() as c:
        r = c.post("/v1/jobs", files=files)
        assert r.status_code == 202, r.text
        assert r.json()["documents"] == 5
        job = wait_for_job(c, r.json()["id"])
    docs = {d["name"]: d for d in job["documents"]}
    assert set(docs) == {
        "one.xml",
        "two.xml",
        "broken.xml",
        "batch.zip!in/a.xml",
        "batch.zip!in/b.xml",
    }
    assert job["progress"] == {"total": 5, "done": 5, "by_status": {"success": 4, "failed": 1}}
    broken = docs["broken.xml"]
    assert broken["status"] == "failed"
    assert broken["error"]["message"].startswith("broken.xml: ")
    assert str(server.data_dir) not in broken["error"]["message"]


def test_results_jobs_and_corrections_survive_a_restart(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/jobs", files=[("files", ("keep.xml", MINIMAL_FORM4))])
        job = wait_for_job(c, r.json()["id"])
        filing_id = job["documents"][0]["id"]
        path = "non_derivative_transactions[0].shares"
        fix = c.post(f"/v1/filings/{filing_id}/corrections", json={"path": path, "value": "1500"})
        assert fix.status_code == 200, fix.text
    server.restart()
    with server.client() as c:
        again = c.get(f"/v1/jobs/{job['id']}").json()
        assert again["status"] == "done"
        assert again["documents"] == job["documents"]
        xml = etree.fromstring(c.get(f"/v1/filings/{filing_id}", params={"format": "xml"}).content)
        review = c.get(f"/v1/filings/{filing_id}/review").json()
    amounts = "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts"
    assert xml.findtext(f"{amounts}/transactionShares/value") == "1500"
    assert [(k["path"], k["old"], k["new"], k["who"]) for k in review["corrections"]] == [
        (path, "1000", "1500", "alice")
    ]


def test_a_job_interrupted_by_a_restart_is_resumed(server: Server) -> None:
    """Leave the store as a killed server does (documents queued and running), then start."""
    server.stop()
    store = Store(server.data_dir / "form4.db", server.data_dir / "uploads")
    job_id = store.add_job("alice")
    for name in ("left-queued.xml", "left-running.xml"):
        doc_id = store.add_document(name, store.save_upload(MINIMAL_FORM4, ".xml"), 1, job_id)
    store.set_running(doc_id)
    store.close()
    server.start()
    with server.client() as c:
        job = wait_for_job(c, job_id)
    assert [d["status"] for d in job["documents"]] == ["success", "success"]


def test_an_upload_over_the_limit_is_refused_with_413(server: Server) -> None:
    big = b"<" + b"x" * MAX_UPLOAD
    with server.client() as c:
        one = c.post("/v1/extract", files={"file": ("big.xml", big)})
        job = c.post("/v1/jobs", files=[("files", ("big.xml", big))])
    for r in (one, job):
        assert r.status_code == 413, r.text
        assert r.json()["error"]["kind"] == "too_large"


def assert_clean(body: str, server: Server) -> None:
    for leak in ("Traceback", 'File "', str(server.data_dir), "/uploads/", str(Path.cwd())):
        assert leak not in body, (leak, body)


def test_error_bodies_show_no_stack_trace_or_server_path(server: Server) -> None:
    with server.client() as c:
        answers = [
            c.post("/v1/extract", files={"file": ("../../etc/evil.xml", NOT_A_FORM)}),
            c.post("/v1/extract", files={"file": ("empty.pdf", b"")}),
            c.post("/v1/extract", files={"file": ("bad.pdf", b"%PDF-1.4 not really a pdf")}),
            c.post("/v1/jobs", files=[("files", ("bad.zip", b"PK\x03\x04 broken"))]),
            c.post("/v1/jobs", files=[("files", ("none.zip", make_zip({"a.doc": b"1"})))]),
            c.post(f"/v1/filings/{DUMMY_ID}/corrections", content=b"{not json"),
            c.get("/v1/filings/../../etc/passwd"),
            c.get(f"/v1/jobs/{DUMMY_ID}"),
        ]
    assert [r.status_code for r in answers] == [422, 422, 422, 422, 422, 422, 404, 404]
    for r in answers:
        assert_clean(r.text, server)
        assert set(r.json()) == {"error"}
    assert answers[0].json()["error"]["message"].startswith("evil.xml: ")


def test_client_file_names_never_become_paths(server: Server) -> None:
    upload_xml(server, name="../../outside.xml")
    upload_xml(server, name="a/b\\c;rm -rf.xml")
    stored = [p.name for p in (server.data_dir / "uploads").iterdir()]
    assert stored and all(len(n.split(".")[0]) == 32 for n in stored), stored
    assert not (server.data_dir.parent / "outside.xml").exists()
    assert not (server.data_dir / "outside.xml").exists()


def test_a_correction_the_model_refuses_is_422_and_changes_nothing(server: Server) -> None:
    filing_id = upload_xml(server)
    path = "non_derivative_transactions[0].transaction_date"
    with server.client() as c:
        bad = c.post(f"/v1/filings/{filing_id}/corrections", json={"path": path, "value": "03/99"})
        nowhere = c.post(f"/v1/filings/{filing_id}/corrections", json={"path": "x[0]", "value": 1})
        result = c.get(f"/v1/filings/{filing_id}").json()
    assert bad.status_code == 422
    assert bad.json()["error"]["message"].startswith(f"{path}: '03/99' is refused")
    assert nowhere.status_code == 422
    assert result["filing"]["non_derivative_transactions"][0]["transaction_date"]["value"] == (
        "2021-03-01"
    )


def test_an_approved_filing_takes_no_more_corrections(server: Server) -> None:
    filing_id = upload_xml(server)
    with server.client() as c:
        ok = c.post(f"/v1/filings/{filing_id}/approve")
        late = c.post(
            f"/v1/filings/{filing_id}/corrections", json={"path": "remarks", "value": "late"}
        )
    assert ok.json()["approved_by"] == "alice"
    assert late.status_code == 409


PDF_SAMPLE = SAMPLES / "form5-annual-gifts-2019.pdf"


@pytest.mark.skipif(not PDF_SAMPLE.is_file(), reason=f"{PDF_SAMPLE} not in the checkout")
def test_a_pdf_upload_has_page_images_and_field_boxes(server: Server) -> None:
    with server.client() as c:
        r = c.post("/v1/extract", files={"file": (PDF_SAMPLE.name, PDF_SAMPLE.read_bytes())})
        assert r.status_code == 200, r.text
        review = c.get(f"/v1/filings/{r.json()['id']}/review").json()
        image = c.get(review["pages"][0]["image"])
    assert review["pages"][0]["width"] > 0
    boxed = [f for f in review["fields"] if f["provenance"]]
    assert boxed, "no field of the PDF has a box"
    assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(image.content[16:20], "big")
    assert width == round(review["pages"][0]["width"] * 1.5)


def test_a_streamed_upload_over_the_limit_is_refused_with_413(server: Server) -> None:
    """No Content-Length: the limit is counted while the body arrives."""

    def chunks() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="s.xml"\r\n\r\n'
        for _ in range(MAX_UPLOAD // 10_000 + 2):
            yield b"x" * 10_000
        yield b"\r\n--b--\r\n"

    with server.client() as c:
        headers = {"Content-Type": "multipart/form-data; boundary=b"}
        r = c.post("/v1/extract", content=chunks(), headers=headers)
    assert "content-length" not in r.request.headers
    assert r.status_code == 413, r.text
    assert r.json()["error"]["kind"] == "too_large"


def test_the_rules_run_again_on_a_corrected_filing(server: Server) -> None:
    """A correction that makes the filing contradict itself raises the rules' finding, and
    correcting it back clears it (the findings are never left as they were at upload)."""
    filing_id = upload_xml(server)
    path = "non_derivative_transactions[0].acquired_disposed"

    def findings_after(value: str) -> list[dict[str, object]]:
        with server.client() as c:
            fix = c.post(
                f"/v1/filings/{filing_id}/corrections", json={"path": path, "value": value}
            )
            assert fix.status_code == 200, fix.text
            result = c.get(f"/v1/filings/{filing_id}").json()
        filing = Filing.model_validate(result["filing"])
        expected = [f.model_dump(mode="json", exclude_none=True) for f in validate_filing(filing)]
        assert result.get("findings", []) == expected
        return expected

    contradicting = findings_after("D")  # code P (open-market purchase) disposed of
    assert [f["path"] for f in contradicting] == [path]
    assert findings_after("A") == []


def test_an_internal_error_is_a_plain_500(server: Server) -> None:
    """A stored result that no longer reads (a damaged store) must not show a traceback."""
    store = Store(server.data_dir / "form4.db", server.data_dir / "uploads")
    doc_id = store.add_document("damaged.xml", store.save_upload(MINIMAL_FORM4, ".xml"), 1)
    store.finish_document(doc_id, "success", "xml", '{"not": "a result"}')
    store.close()
    with server.client() as c:
        r = c.get(f"/v1/filings/{doc_id}")
    assert r.status_code == 500
    assert r.json() == {
        "error": {"kind": "internal", "message": "internal error; the server log has the details"}
    }
    assert "Traceback" in server.log.read_text()  # the operator still gets it


SAMPLE_DOCS = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".xml", ".pdf"))


@pytest.mark.parametrize("doc", SAMPLE_DOCS, ids=[f"{p.stem}{p.suffix}" for p in SAMPLE_DOCS])
def test_the_api_returns_what_the_library_returns(server: Server, doc: Path) -> None:
    """The service is the library behind HTTP: same filing, same findings, same status."""
    expected = extract_or_failure(doc)
    with server.client() as c:
        r = c.post("/v1/extract", files={"file": (doc.name, doc.read_bytes())})
    assert r.status_code == 200, r.text
    got = ExtractionResult.model_validate(r.json()["result"])
    assert got.source == doc.name
    assert (got.status, got.input_kind, got.pages) == (
        expected.status,
        expected.input_kind,
        expected.pages,
    )
    assert got.filing == expected.filing
    assert got.findings == expected.findings
