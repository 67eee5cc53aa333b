"""Resumable batches: a rerun skips what is done; `kill -9` at any moment loses nothing.

The kill test runs the real `form4 batch` command in a subprocess, SIGKILLs it at
several points of the run (each rerun picks up where the last stopped), then lets a
last run finish, and checks every input was converted exactly once.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from tests.batch.helpers import batch, form4_xml, write_forms

INPUTS = 60


def _start(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor",
            "batch",
            str(inputs),
            "--out",
            str(out),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _kill_after(proc: subprocess.Popen[bytes], jsonl: Path, lines: int) -> bool:
    """SIGKILL the batch once the JSONL has more than `lines` lines; False if it finished."""
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if _lines(jsonl) > lines:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    proc.wait()
    return False


def test_kill_9_mid_run_then_rerun_converts_every_input_exactly_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_forms(inputs, INPUTS)
    out = tmp_path / "out"
    jsonl = out / "filings.jsonl"
    killed = 0
    for lines in (0, 15, 35):
        proc = _start(inputs, out)
        killed += _kill_after(proc, jsonl, lines)
    assert killed >= 1, "every run finished before it could be killed: the test proved nothing"
    proc = _start(inputs, out)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()

    stems = sorted(p.stem for p in inputs.iterdir())
    assert sorted(p.stem for p in (out / "xml").iterdir()) == stems
    assert sorted(p.stem for p in (out / "json").iterdir()) == stems
    for stem in stems:
        root = etree.fromstring((out / "xml" / f"{stem}.xml").read_bytes())
        shares = root.findtext(".//transactionShares/value")
        assert shares == str(1000 + int(stem[1:])), stem  # the output of its own input
        assert json.loads((out / "json" / f"{stem}.json").read_text())["status"] == "success"
    lines = [json.loads(x) for x in jsonl.read_text().splitlines()]
    assert sorted(line["stem"] for line in lines) == stems, "one JSONL line per input"
    with (out / "tables" / "transactions.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["stem"] for r in rows) == stems, "one table row per input's transaction"
    with sqlite3.connect(out / "manifest.sqlite") as db:
        rows = db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall()
    assert rows == [("done", INPUTS)]
    assert not list(out.rglob("*.part")), "a temporary file was left behind"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == INPUTS and summary["by_status"] == {"success": INPUTS}


def test_second_run_skips_what_is_done_and_converts_what_is_new(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_forms(inputs, 3)
    first = batch(tmp_path / "out", inputs)
    assert (first.converted, first.already_done) == (3, 0)
    (inputs / "new.xml").write_bytes(form4_xml(99))
    second = batch(tmp_path / "out", inputs)
    assert (second.converted, second.already_done, second.documents) == (1, 3, 4)
    assert _lines(tmp_path / "out" / "filings.jsonl") == 4


def test_same_content_under_two_names_is_converted_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_forms(inputs, 1)
    (inputs / "copy.xml").write_bytes(form4_xml(0))
    summary = batch(tmp_path / "out", inputs)
    assert summary.converted == 1
    assert [s.reason for s in summary.skipped] == [f"same content as {inputs / 'copy.xml'}"]


def test_a_changed_file_with_a_taken_name_gets_its_own_output_name(tmp_path: Path) -> None:
    """Regression: a new input whose stem an earlier run used must not overwrite its outputs."""
    first, second = tmp_path / "a", tmp_path / "b"
    (first).mkdir()
    (second).mkdir()
    (first / "f.xml").write_bytes(form4_xml(1))
    (second / "f.xml").write_bytes(form4_xml(2))
    batch(tmp_path / "out", first)
    batch(tmp_path / "out", second)
    assert sorted(p.name for p in (tmp_path / "out" / "xml").iterdir()) == ["f-2.xml", "f.xml"]


def test_failed_inputs_are_retried_only_when_asked(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_forms(inputs, 2)
    bad = inputs / "bad.xml"
    bad.write_bytes(b"<ownershipDocument>")
    out = tmp_path / "out"
    assert batch(out, inputs).by_status == {"success": 2, "failed": 1}
    assert batch(out, inputs).converted == 0
    retried = batch(out, inputs, retry_failed=True)
    assert retried.converted == 1 and retried.by_status == {"success": 2, "failed": 1}
    assert _lines(out / "filings.jsonl") == 3, "the retried input's old line is replaced"


def test_a_half_written_tail_and_temporary_files_are_cleaned_on_the_next_run(
    tmp_path: Path,
) -> None:
    """What a run killed in the middle of a write leaves; the kill test hits it by chance."""
    inputs = tmp_path / "in"
    write_forms(inputs, 3)
    out = tmp_path / "out"
    batch(out, inputs)
    jsonl = out / "filings.jsonl"
    with jsonl.open("ab") as fh:
        fh.write(b'{"source": "half a line')
    stray = out / "xml" / ".f000.xml.x1y2.part"
    stray.write_bytes(b"<ownershipDoc")
    again = batch(out, inputs)
    assert again.converted == 0
    assert [json.loads(x)["stem"] for x in jsonl.read_text().splitlines()] == [
        "f000",
        "f001",
        "f002",
    ]
    assert not stray.exists()


def test_two_batches_cannot_write_to_one_folder_at_once(tmp_path: Path) -> None:
    import fcntl

    from extractor.errors import UsageError

    out = tmp_path / "out"
    out.mkdir()
    with (out / ".form4.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="another form4 batch"):
            batch(out, tmp_path)
