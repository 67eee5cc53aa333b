"""Outputs are written whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from extractor.errors import OutputError
from extractor.outputs import write_atomic


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "xml" / "a.xml"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.xml"]


def test_disk_full_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.xml"
    write_atomic(target, b"old and complete")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputError, match=r"a\.xml: cannot write output: No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old and complete"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xml"]
