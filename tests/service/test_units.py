"""Unit tests of the service's parts on small synthetic inputs (no server)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.batch.archives import ArchiveLimits
from extractor.edgar.xml_read import read_ownership_xml
from extractor.errors import UsageError
from extractor.model.filing import Filing
from extractor.model.result import ExtractionResult, Finding, Severity
from extractor.service.archive import ArchiveError, unpack
from extractor.service.auth import KeyRing, key_of_request
from extractor.service.config import ServiceSettings, load_settings, parse_env_keys
from extractor.service.corrections import CorrectionError, apply_correction, parse_path
from extractor.service.jobs import Runner, scrub
from extractor.service.review.fields import review_fields
from extractor.service.store import Store
from extractor.service.worker import ChildFailed, run_in_child
from extractor.sources.raster import page_sizes, render_page_png
from tests.cli.minimal import MINIMAL_FORM4
from tests.service import helpers_worker


@pytest.fixture
def filing() -> Filing:
    return read_ownership_xml(MINIMAL_FORM4, "minimal.xml")


# --- corrections ------------------------------------------------------------------------


def test_parse_path_reads_names_and_indexes() -> None:
    assert parse_path("a.b[0].c") == ["a", "b", 0, "c"]
    for bad in ("", "[0]", "a..b", "a.b[x]", "a b", "a.", "a[0]b"):
        with pytest.raises(CorrectionError):
            parse_path(bad)


def test_correcting_a_fact_sets_its_value_and_keeps_its_footnotes(filing: Filing) -> None:
    path = "non_derivative_transactions[0].price_per_share"
    corrected, old, new = apply_correction(filing, path, "13.25")
    fact = corrected.non_derivative_transactions[0].price_per_share
    assert (old, new) == ("12.50", "13.25")
    assert str(fact.value) == "13.25" and fact.footnote_ids == ["F1"]
    assert str(filing.non_derivative_transactions[0].price_per_share.value) == "12.50"


def test_correcting_a_plain_field(filing: Filing) -> None:
    path = "reporting_owners[0].relationship.is_officer"
    corrected, old, new = apply_correction(filing, path, True)
    assert (old, new) == (False, True)
    assert corrected.reporting_owners[0].relationship.is_officer is True


@pytest.mark.parametrize(
    ("path", "value", "said"),
    [
        ("non_derivative_transactions[0].shares", "12 shares", "valid decimal"),
        ("non_derivative_transactions[0].coding.code", "Q", "'Q' is refused"),
        ("period_of_report", "2021-02-30", "refused"),
        ("non_derivative_transactions[1].shares", "1", "no row [1]"),
        ("issuer.nickname", "x", "no field 'nickname'"),
        ("issuer", "x", "group of fields"),
        ("issuer.name.provenance", None, "no field 'provenance'"),
    ],
)
def test_a_refused_correction_says_why(filing: Filing, path: str, value: object, said: str) -> None:
    with pytest.raises(CorrectionError) as caught:
        apply_correction(filing, path, value)
    assert said in str(caught.value)
    assert str(caught.value).startswith(path) or "field path" in str(caught.value)


def test_clearing_an_unparsed_fact_clears_its_raw_print(filing: Filing) -> None:
    row = filing.non_derivative_transactions[0]
    row.transaction_date = row.transaction_date.model_copy(update={"value": None, "raw": "3/x/21"})
    corrected, old, new = apply_correction(
        filing, "non_derivative_transactions[0].transaction_date", "2021-03-02"
    )
    assert old == "3/x/21" and new == "2021-03-02"
    assert corrected.non_derivative_transactions[0].transaction_date.raw is None


# --- review fields ----------------------------------------------------------------------


def test_review_fields_attach_findings_to_the_field_and_its_row(filing: Filing) -> None:
    on_row = Finding(
        code="r", severity=Severity.ERROR, message="m", path="non_derivative_transactions[0]"
    )
    on_field = Finding(code="f", severity=Severity.WARNING, message="m", path="issuer.name")
    fields = {f.path: f for f in review_fields(filing, [on_row, on_field])}
    assert [x.code for x in fields["non_derivative_transactions[0].shares"].findings] == ["r"]
    assert [x.code for x in fields["issuer.name"].findings] == ["f"]
    assert fields["issuer.trading_symbol"].findings == []
    assert fields["non_derivative_transactions[0].price_per_share"].footnote_ids == ["F1"]
    assert fields["footnotes[0].text"].value.startswith("Weighted average price")


# --- archives ---------------------------------------------------------------------------

LIMITS = ArchiveLimits(max_total_bytes=100_000, max_members=10)


def zipped(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_archive_members_come_out_under_generated_names(tmp_path: Path) -> None:
    data = zipped({"../../etc/a.xml": b"1", "d/b.pdf": b"2", "notes.doc": b"3"})
    out = unpack(data, "up.zip", tmp_path, LIMITS)
    assert out is not None
    assert [(n, p.read_bytes()) for n, p in out.documents] == [("up.zip!d/b.pdf", b"2")]
    assert all(p.parent.is_relative_to(tmp_path) for _, p in out.documents)
    assert [n for n, _ in out.skipped] == ["up.zip!../../etc/a.xml", "up.zip!notes.doc"]
    assert not (tmp_path.parent / "etc").exists()


def test_a_tar_gz_upload_is_unpacked(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("q/one.xml")
        info.size = 3
        tf.addfile(info, io.BytesIO(b"abc"))
    out = unpack(buf.getvalue(), "up.tar.gz", tmp_path, LIMITS)
    assert out is not None
    assert [(n, p.read_bytes()) for n, p in out.documents] == [("up.tar.gz!q/one.xml", b"abc")]


def test_a_file_not_named_as_an_archive_is_a_document(tmp_path: Path) -> None:
    assert unpack(zipped({"a.xml": b"1"}), "a.xml", tmp_path, LIMITS) is None


def test_a_zip_bomb_is_refused_naming_the_upload_only(tmp_path: Path) -> None:
    data = zipped({"big.xml": b"0" * 1_000_000})
    assert len(data) < 10_000
    with pytest.raises(ArchiveError) as caught:
        unpack(data, "bomb.zip", tmp_path, LIMITS)
    assert str(caught.value).startswith("bomb.zip: ")
    assert str(tmp_path) not in str(caught.value)


def test_broken_archives_and_too_many_members_are_refused(tmp_path: Path) -> None:
    (tmp_path / "1").mkdir()
    with pytest.raises(ArchiveError, match=r"^z\.zip: not a readable zip archive"):
        unpack(b"PK\x03\x04garbage", "z.zip", tmp_path / "1", LIMITS)
    many = zipped({f"{i}.xml": b"1" for i in range(11)})
    (tmp_path / "2").mkdir()
    with pytest.raises(ArchiveError, match=r"^many\.zip: "):
        unpack(many, "many.zip", tmp_path / "2", LIMITS)


# --- settings and keys ------------------------------------------------------------------


def test_keys_from_the_environment_are_hashed_and_named() -> None:
    keys = parse_env_keys("alice:k1, bob:k:2")
    assert [(k.name, k.sha256) for k in keys] == [
        ("alice", hashlib.sha256(b"k1").hexdigest()),
        ("bob", hashlib.sha256(b"k:2").hexdigest()),
    ]
    with pytest.raises(UsageError, match="name:key"):
        parse_env_keys("no-colon")


def test_settings_from_a_yaml_file_and_the_environment(tmp_path: Path) -> None:
    digest = hashlib.sha256(b"filekey").hexdigest()
    cfg = tmp_path / "s.yaml"
    cfg.write_text(f"concurrency: 3\napi_keys:\n  - {{name: ops, sha256: {digest}}}\n")
    settings = load_settings(cfg, {"FORM4_API_KEYS": "dev:envkey", "FORM4_DATA_DIR": "/d"})
    assert settings.concurrency == 3
    assert settings.database_path == Path("/d/form4.db")
    ring = KeyRing(settings.api_keys)
    assert (ring.name_of("filekey"), ring.name_of("envkey"), ring.name_of("nope")) == (
        "ops",
        "dev",
        None,
    )


def test_regression_clear_key_in_config_file_gave_a_traceback(tmp_path: Path) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text('api_keys = [{ name = "ops", sha256 = "my-clear-key" }]\n')
    """A key given in clear where a digest belongs escaped as a pydantic ValidationError."""
    with pytest.raises(UsageError, match="sha256"):
        load_settings(cfg, {})


def test_key_of_request_reads_header_then_bearer_then_cookie() -> None:
    assert key_of_request({"x-api-key": "a", "authorization": "Bearer b"}, {}) == "a"
    assert key_of_request({"authorization": "Bearer b"}, {"form4_key": "c"}) == "b"
    assert key_of_request({"authorization": "Basic b"}, {"form4_key": "c"}) == "c"
    assert key_of_request({}, {}) is None


# --- paths in messages ------------------------------------------------------------------


def test_scrub_replaces_the_stored_path_by_the_client_name() -> None:
    stored = "/srv/data/uploads/0123.xml"
    text = json.dumps({"source": stored, "error": {"message": f"{stored}: bad"}})
    out = json.loads(scrub(text, {stored: 'he said "x".xml'}))
    assert out == {"source": 'he said "x".xml', "error": {"message": 'he said "x".xml: bad'}}


# --- page images ------------------------------------------------------------------------


def tiny_pdf(path: Path) -> Path:
    doc = pdfium.PdfDocument.new()
    doc.new_page(200, 100)
    doc.new_page(50, 80)
    doc.save(str(path))
    doc.close()
    return path


def test_page_sizes_are_in_points(tmp_path: Path) -> None:
    sizes = page_sizes(tiny_pdf(tmp_path / "t.pdf"))
    assert [(s.number, s.width, s.height) for s in sizes] == [(1, 200, 100), (2, 50, 80)]


def test_a_page_renders_to_a_valid_png_of_the_scaled_size(tmp_path: Path) -> None:
    png = render_page_png(tiny_pdf(tmp_path / "t.pdf"), 2, scale=2.0)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (width, height, depth, colour) == (100, 160, 8, 2)
    idat_len = struct.unpack(">I", png[33:37])[0]
    assert png[37:41] == b"IDAT"
    pixels = zlib.decompress(png[41 : 41 + idat_len])
    assert len(pixels) == height * (1 + width * 3)
    assert set(pixels[1 : 1 + width * 3]) == {255}  # a blank page is white


# --- child processes --------------------------------------------------------------------


def test_a_child_answers_bytes() -> None:
    assert run_in_child(helpers_worker.echo, (b"abc",), 30) == b"abc"


def test_a_child_over_the_time_limit_is_stopped() -> None:
    with pytest.raises(ChildFailed) as caught:
        run_in_child(helpers_worker.sleepy, (30,), 0.5)
    assert caught.value.kind == "timeout"


@pytest.mark.parametrize(
    ("target", "kind", "said"),
    [
        (helpers_worker.dies, "internal", "ended without an answer"),
        (helpers_worker.refuses, "input", "not a readable PDF"),
        (helpers_worker.buggy, "internal", "internal error (KeyError)"),
    ],
    ids=["dies", "refuses", "buggy"],
)
def test_a_child_failure_is_reported_without_a_trace(
    target: Callable[[], bytes], kind: str, said: str
) -> None:
    with pytest.raises(ChildFailed) as caught:
        run_in_child(target, (), 30)
    assert caught.value.kind == kind
    assert said in caught.value.message
    assert "Traceback" not in caught.value.message


# --- the runner -------------------------------------------------------------------------


def test_a_document_over_the_time_limit_fails_naming_the_upload(tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path, document_timeout_s=0.001)
    store = Store(settings.database_path, tmp_path / "uploads")
    doc_id = store.add_document("slow.xml", store.save_upload(MINIMAL_FORM4, ".xml"), 1)
    doc = store.document(doc_id)
    assert doc is not None

    async def go() -> ExtractionResult:
        runner = Runner(store, settings)
        try:
            return await runner.run(doc)
        finally:
            await runner.close()

    result = asyncio.run(go())
    assert result.error is not None and result.error.kind == "timeout"
    assert result.error.message.startswith("slow.xml: took longer than the time limit")
    stored = store.document(doc_id)
    assert stored is not None and stored.status == "failed"
    assert str(tmp_path) not in (stored.result_json or "")
