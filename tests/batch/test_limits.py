"""One bad document never stops the batch: a hang, a crash or a memory blow-up in one
input fails that input only, and its worker is replaced.

The local engine forks its workers, so a stage patched here runs in them as well.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from extractor.batch import worker
from tests.batch.helpers import batch, form4_xml, write_forms

_real_convert = worker._convert


def _misbehave(task: worker.Task) -> tuple[list[worker.PartOutcome], tuple[int, ...]]:
    name = task.path.name
    if name.startswith("hang"):
        time.sleep(60)
    elif name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    elif name.startswith("hog"):
        hoard = bytearray(4 << 30)  # over the worker's address-space limit
        hoard[0] = 1
    return _real_convert(task)


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(worker, "_convert", _misbehave)
    folder = tmp_path / "in"
    write_forms(folder, 4, prefix="good")
    return folder


def test_a_hanging_document_is_killed_at_the_time_limit(inputs: Path, tmp_path: Path) -> None:
    (inputs / "hang000.xml").write_bytes(form4_xml(50))
    started = time.monotonic()
    summary = batch(tmp_path / "out", inputs, workers=2, time_limit=1.5)
    assert time.monotonic() - started < 20
    assert summary.by_status == {"success": 4, "failed": 1}
    (failure,) = summary.failures
    assert failure.source.endswith("hang000.xml") and failure.error_kind == "timeout"
    assert "time limit" in (failure.error or "")


def test_a_worker_that_dies_fails_its_document_only(inputs: Path, tmp_path: Path) -> None:
    (inputs / "crash000.xml").write_bytes(form4_xml(50))
    summary = batch(tmp_path / "out", inputs, workers=2)
    assert summary.by_status == {"success": 4, "failed": 1}
    assert summary.failures[0].error_kind == "worker_died"
    assert "signal 9" in (summary.failures[0].error or "")


def test_a_document_over_the_memory_limit_fails_as_memory(inputs: Path, tmp_path: Path) -> None:
    (inputs / "hog000.xml").write_bytes(form4_xml(50))
    summary = batch(tmp_path / "out", inputs, workers=2, memory_mb=1024)
    assert summary.by_status == {"success": 4, "failed": 1}
    assert summary.failures[0].error_kind == "memory"


def test_workers_are_replaced_after_their_task_quota(inputs: Path, tmp_path: Path) -> None:
    summary = batch(tmp_path / "out", inputs, workers=2, tasks_per_worker=1)
    assert summary.by_status == {"success": 4}
