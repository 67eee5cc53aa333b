"""`form4 batch --engine dask` on a real cluster: a scheduler and two workers on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.errors import EXIT_PARTIAL
from tests.batch.helpers import form4_xml, write_forms
from tests.cli.conftest import run_form4

pytest.importorskip(
    "distributed", reason="dask.distributed is not installed (pip install 'form4[dask]')"
)

from tests.batch.cluster import dask_cluster  # needs distributed


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with dask_cluster(workers=2) as address:
        yield address


def test_a_folder_converts_through_the_cluster(scheduler: str, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_forms(inputs, 12)
    (inputs / "broken.xml").write_bytes(b"<ownershipDocument>")
    out = tmp_path / "out"
    proc = run_form4("batch", inputs, "--out", out, "--engine", "dask", "--scheduler", scheduler)
    assert proc.returncode == EXIT_PARTIAL, proc.stderr  # one input failed
    summary = json.loads((out / "summary.json").read_text())
    assert summary["by_status"] == {"success": 12, "failed": 1}
    assert summary["failures"][0]["error_kind"] == "xml"
    assert len(list((out / "xml").glob("*.xml"))) == 12
    assert len((out / "filings.jsonl").read_text().splitlines()) == 13
    rerun = run_form4("batch", inputs, "--out", out, "--engine", "dask", "--scheduler", scheduler)
    assert json.loads((out / "summary.json").read_text())["already_done"] == 13, rerun.stderr


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f.xml").write_bytes(form4_xml(1))
    proc = run_form4(
        "batch",
        tmp_path / "f.xml",
        "--out",
        tmp_path / "out",
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert proc.returncode == 2, proc.stderr
    assert "cannot reach the Dask scheduler" in proc.stderr
