"""Zip and tar archives as inputs: documents inside are converted; hostile archives are not."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from extractor.batch.archives import ArchiveLimits, extract_members, unsafe_reason
from extractor.errors import InputError
from tests.batch.helpers import batch, form4_xml

DOCS = (".xml", ".pdf")


def test_zip_members_are_converted_under_their_own_names(tmp_path: Path) -> None:
    archive = tmp_path / "filings.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2021/0000000001-21-000001.xml", form4_xml(1))
        zf.writestr("2021/notes.md", "not a document")
    out = tmp_path / "out"
    summary = batch(out, archive)
    assert summary.by_status == {"success": 1}
    assert (out / "xml" / "0000000001-21-000001.xml").is_file()
    assert [s.reason for s in summary.skipped] == ["not a document"]
    assert not (out / ".work").exists(), "the private folder of members is removed"
    line = (out / "filings.jsonl").read_text()
    assert f'"source": "{archive}!2021/0000000001-21-000001.xml"' in line
    assert '"accession": "0000000001-21-000001"' in line


def test_tar_gz_members_are_converted(tmp_path: Path) -> None:
    archive = tmp_path / "filings.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for n in range(3):
            data = form4_xml(n)
            info = tarfile.TarInfo(f"in/f{n}.xml")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    summary = batch(tmp_path / "out", archive)
    assert summary.by_status == {"success": 3}


@pytest.mark.parametrize("name", ["../escape.xml", "/etc/escape.xml", "a/../../escape.xml"])
def test_member_names_that_escape_are_refused(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(name, form4_xml(1))
    dest = tmp_path / "deep" / "dest"
    members, skipped = extract_members(archive, dest, DOCS, ArchiveLimits())
    assert members == [] and unsafe_reason(name) is not None
    assert [s.reason for s in skipped] == [unsafe_reason(name)]
    assert not list(tmp_path.rglob("escape.xml"))


def test_tar_symlinks_are_not_followed(tmp_path: Path) -> None:
    archive = tmp_path / "links.tar"
    with tarfile.open(archive, "w") as tf:
        info = tarfile.TarInfo("passwd.xml")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(info)
    members, skipped = extract_members(archive, tmp_path / "dest", DOCS, ArchiveLimits())
    assert members == [] and [s.reason for s in skipped] == ["not a regular file"]


def test_a_zip_bomb_is_refused_by_the_ratio_limit(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.xml", b"\0" * (50 << 20))  # 50 MB of zeros deflate ~1000x
    assert archive.stat().st_size < (1 << 20)
    with pytest.raises(InputError, match="compression-ratio limit"):
        extract_members(archive, tmp_path / "dest", DOCS, ArchiveLimits(max_ratio=100))
    assert sum(p.stat().st_size for p in (tmp_path / "dest").iterdir()) <= 50 << 20


def test_an_archive_over_the_total_size_limit_fails_without_stopping_the_batch(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:  # stored: the ratio is 1, the total is what counts
        for n in range(5):
            zf.writestr(f"f{n}.xml", form4_xml(n))
    (tmp_path / "loose.xml").write_bytes(form4_xml(9))
    summary = batch(tmp_path / "out", archive, tmp_path / "loose.xml", max_archive_bytes=2000)
    assert summary.by_status == {"success": 1, "failed": 1}
    assert summary.failures[0].source == str(archive)
    assert "size or compression-ratio limit" in (summary.failures[0].error or "")


def test_a_corrupt_archive_fails_clearly(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("f.xml", form4_xml(1) * 20)
    data = bytearray(good.getvalue())
    data[60:80] = b"\xff" * 20  # inside the compressed member
    archive.write_bytes(bytes(data))
    summary = batch(tmp_path / "out", archive)
    assert summary.by_status == {"failed": 1}
    assert summary.failures[0].error_kind == "input"
