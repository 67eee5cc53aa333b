"""Faults around the documents: a hostile archive in a batch, a worker killed mid-document,
the disk full while writing. The other documents always complete; no partial output
file and no temporary file is left behind.

The service restarted mid-job is covered by
tests/service/test_api.py::test_a_job_interrupted_by_a_restart_is_resumed.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import outputs
from extractor.batch import worker
from tests.batch.helpers import batch, form4_xml, write_forms
from tests.conftest import REPO
from tests.hostile.build import zip_bytes
from tests.hostile.conftest import form4


def _leftovers(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*") if p.name.endswith(".part") or "escape" in p.name)


def _hostile_inputs(folder: Path) -> None:
    folder.mkdir()
    evil = {"ok.xml": form4_xml(1), "../escape.xml": form4_xml(2), "/abs.xml": form4_xml(3)}
    (folder / "evil.zip").write_bytes(zip_bytes(evil))
    (folder / "bomb.zip").write_bytes(zip_bytes({"big.xml": b"\0" * (20 << 20)}))
    (folder / "loose.xml").write_bytes(form4_xml(4))


def test_batch_with_escaping_names_and_a_zip_bomb_converts_the_rest(tmp_path: Path) -> None:
    """The real command in a subprocess: exit 10 (partial), the bomb failed, escaping names
    skipped with their reason, the good member and the loose file converted."""
    _hostile_inputs(tmp_path / "in")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(out)]
    proc = subprocess.run(
        [*cmd, "--workers", "1", "--no-tables"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 10, proc.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["by_status"] == {"success": 2, "failed": 1}
    (failure,) = summary["failures"]
    assert failure["source"].endswith("bomb.zip") and failure["error_kind"] == "input"
    assert "compression-ratio limit" in failure["error"]
    reasons = {s["source"].rsplit("!", 1)[1]: s["reason"] for s in summary["skipped"]}
    assert reasons == {
        "../escape.xml": "path escapes the archive ('..')",
        "/abs.xml": "absolute path",
    }
    assert sorted(p.name for p in (out / "xml").iterdir()) == ["loose.xml", "ok.xml"]
    assert _leftovers(tmp_path) == []


def test_batch_failure_line_is_not_wrapped_at_the_console_width(tmp_path: Path) -> None:
    """A log reader greps `form4: <file>: <cause>`: the message must stay on one line
    (rich wraps at 80 columns when stderr is not a terminal). FAILS until
    extractor/batch/progress.py prints with soft_wrap=True."""
    _hostile_inputs(tmp_path / "in")
    cmd = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o"]
    run = subprocess.run(
        [*cmd, str(tmp_path / "o"), "--workers", "1", "--no-tables"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )
    bomb = tmp_path / "in" / "bomb.zip"
    lines = [x for x in run.stderr.splitlines() if x.startswith("form4: ")]
    assert any(x.startswith(f"form4: {bomb}: the archive inflates") for x in lines), run.stderr
    assert any(x.endswith("(extract it yourself if you trust it)") for x in lines), run.stderr


_real_convert = worker._convert


def _killed_once(task: worker.Task) -> tuple[list[worker.PartOutcome], tuple[int, ...]]:
    if task.path.name.startswith("victim"):
        os.kill(os.getpid(), signal.SIGKILL)  # the worker dies mid-document
    return _real_convert(task)


def test_worker_killed_mid_document_fails_it_alone_and_a_rerun_converts_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    write_forms(inputs, 3)
    (inputs / "victim.xml").write_bytes(form4_xml(77))
    out = tmp_path / "out"
    monkeypatch.setattr(worker, "_convert", _killed_once)  # the local engine forks: inherited
    first = batch(out, inputs, workers=2)
    assert first.by_status == {"success": 3, "failed": 1}
    assert first.failures[0].source.endswith("victim.xml")
    assert first.failures[0].error_kind == "worker_died"

    monkeypatch.setattr(worker, "_convert", _real_convert)
    second = batch(out, inputs, workers=2, retry_failed=True)
    assert second.converted == 1 and second.already_done == 3
    assert second.by_status == {"success": 4}
    jsonl = [json.loads(x) for x in (out / "filings.jsonl").read_text().splitlines()]
    assert sorted(x["stem"] for x in jsonl) == ["f000", "f001", "f002", "victim"]
    assert _leftovers(out) == []


def _disk_full_for(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.replace (the last step of every atomic write) raises ENOSPC for `name`."""
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)


def test_disk_full_in_extract_is_exit_9_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in.xml"
    src.write_bytes(form4_xml(1))
    target = tmp_path / "out" / "result.xml"
    _disk_full_for("result.xml", monkeypatch)
    run = form4("extract", src, "-o", target, "--format", "xml")
    assert run.code == 9
    assert run.stderr == (
        f"form4: {target}: cannot write output: No space left on device (free disk space)\n"
    )
    assert list((tmp_path / "out").iterdir()) == [], "a partial or temporary file was left"


def test_disk_full_in_a_batch_fails_that_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_forms(tmp_path / "in", 3)
    _disk_full_for("f001.xml", monkeypatch)
    summary = batch(tmp_path / "out", tmp_path / "in", workers=1)
    assert summary.by_status == {"success": 2, "failed": 1}
    (failure,) = summary.failures
    assert failure.error_kind == "output" and "No space left on device" in (failure.error or "")
    assert not (tmp_path / "out" / "xml" / "f001.xml").exists()
    assert _leftovers(tmp_path / "out") == []


def test_regression_an_unexpected_failure_did_not_name_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met on one document (here a stage raising ValueError over two lines) is exit
    70 with one line that names the document, so a user can report which file it was."""
    from extractor import api

    def broken(*_: object) -> None:
        raise ValueError("bad state\nsecond line")

    monkeypatch.setattr(api, "read_ownership_xml", broken)
    src = tmp_path / "in.xml"
    src.write_bytes(form4_xml(1))
    run = form4("extract", src)
    assert run.code == 70
    assert run.stderr == (
        f"form4: {src}: internal error: ValueError: bad state second line (rerun with --debug)\n"
    )
