"""Helpers to run the real `form4` command in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.minimal import MINIMAL_FORM4


def run_form4(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def good_xml(tmp_path: Path) -> Path:
    path = tmp_path / "good-filing.xml"
    path.write_bytes(MINIMAL_FORM4)
    return path
