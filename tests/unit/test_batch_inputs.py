"""How batch inputs expand into jobs and output names."""

from __future__ import annotations

from pathlib import Path

from extractor.batch.runner import expand_inputs


def test_folders_recurse_and_keep_documents_only(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.pdf").write_bytes(b"%PDF-")
    (tmp_path / "two.xml").write_bytes(b"<x/>")
    (tmp_path / "notes.md").write_text("not a document")
    found = sorted(p.name for p in expand_inputs([str(tmp_path)]))
    assert found == ["one.pdf", "two.xml"]


def test_globs_expand_and_unmatched_names_stay_to_fail_visibly(tmp_path: Path) -> None:
    for name in ("x1.xml", "x2.xml", "y.xml"):
        (tmp_path / name).write_bytes(b"<x/>")
    found = sorted(p.name for p in expand_inputs([str(tmp_path / "x*.xml")]))
    assert found == ["x1.xml", "x2.xml"]
    missing = str(tmp_path / "absent.pdf")
    assert [str(p) for p in expand_inputs([missing])] == [missing]
