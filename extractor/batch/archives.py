"""Zip and tar archives as batch inputs, read defensively.

Member names are never used as paths: each document is copied to a generated name
inside a private folder, so `../` or absolute names cannot escape it; such names are
still refused and reported, because they mark a hostile or broken archive. Sizes are
counted while copying (headers can lie), and the archive stops at the first limit
reached: total uncompressed bytes, one member's bytes, or the ratio of uncompressed to
compressed size (a zip bomb inflates thousands of times).
"""

from __future__ import annotations

import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

from extractor.errors import InputError

_CHUNK = 1 << 16
# What a damaged archive raises while it is read (zlib and lzma: a corrupt stream).
_UNREADABLE = (
    zipfile.BadZipFile,
    tarfile.TarError,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    max_total_bytes: int = 2 << 30
    max_member_bytes: int = 200 << 20
    max_ratio: float = 200.0
    max_members: int = 100_000


@dataclass(frozen=True, slots=True)
class Member:
    """One document taken out of an archive: where it now is, and the name it had."""

    path: Path
    name: str  # "archive.zip!folder/file.pdf", for messages and the manifest


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    if not name.endswith(ARCHIVE_SUFFIXES) or not path.is_file():
        return False
    return zipfile.is_zipfile(path) or tarfile.is_tarfile(path)


def unsafe_reason(name: str) -> str | None:
    """Why a member name would escape the folder it is extracted to, or None."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or (pure.parts and pure.parts[0].endswith(":")):
        return "absolute path"
    if ".." in pure.parts:
        return "path escapes the archive ('..')"
    return None


class _Budget:
    """Bytes left for the whole archive; raises when a limit is passed."""

    def __init__(self, archive: Path, limits: ArchiveLimits) -> None:
        self.archive, self.limits = archive, limits
        self.total = 0
        self.cap = min(limits.max_total_bytes, int(archive.stat().st_size * limits.max_ratio))

    def copy(self, src: IO[bytes], dst: Path, compressed: int | None) -> None:
        member_cap = self.limits.max_member_bytes
        if compressed:
            member_cap = min(member_cap, max(_CHUNK, int(compressed * self.limits.max_ratio)))
        written = 0
        with dst.open("wb") as out:
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                self.total += len(chunk)
                if written > member_cap or self.total > self.cap:
                    raise InputError(
                        self.archive,
                        "the archive inflates past the size or compression-ratio limit "
                        f"({self.total:,} bytes so far; a zip bomb?)",
                        "extract it yourself if you trust it",
                    )
                out.write(chunk)


def extract_members(
    archive: Path, dest: Path, wanted: tuple[str, ...], limits: ArchiveLimits
) -> tuple[list[Member], list[Skipped]]:
    """Copy the members whose names end with `wanted` into `dest`; name what was skipped.

    Raises InputError for an archive that cannot be read or passes a limit: then none of
    its documents are converted (a partial bomb is not worth trusting).
    """
    dest.mkdir(parents=True, exist_ok=True)
    taker = _Taker(archive, dest, wanted, limits)
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zf:
                for info in zf.infolist():
                    regular = not info.is_dir() and not _zip_symlink(info)
                    taker.offer(info.filename, info.compress_size, regular, partial(zf.open, info))
        else:
            with tarfile.open(archive) as tf:
                for tinfo in tf:
                    taker.offer(tinfo.name, None, tinfo.isreg(), partial(tf.extractfile, tinfo))
    except _UNREADABLE as exc:
        raise InputError(archive, f"not a readable archive ({exc})") from None
    return taker.members, taker.skipped


class _Taker:
    """Decides member by member: copy it (within the budget) or skip it with a reason."""

    def __init__(self, archive: Path, dest: Path, wanted: tuple[str, ...], limits: ArchiveLimits):
        self.archive, self.dest, self.wanted, self.limits = archive, dest, wanted, limits
        self.budget = _Budget(archive, limits)
        self.members: list[Member] = []
        self.skipped: list[Skipped] = []
        self.seen = 0

    def offer(
        self,
        name: str,
        compressed: int | None,
        regular: bool,
        open_member: Callable[[], IO[bytes] | None],
    ) -> None:
        self.seen += 1
        if self.seen > self.limits.max_members:
            raise InputError(self.archive, f"more than {self.limits.max_members:,} members")
        label = f"{self.archive}!{name}"
        reason = unsafe_reason(name) or (None if regular else "not a regular file")
        reason = reason or (None if name.lower().endswith(self.wanted) else "not a document")
        if reason:
            self.skipped.append(Skipped(label, reason))
            return
        target = self.dest / f"{self.seen:06d}{_suffix(name)}"
        src = open_member()
        if src is None:
            self.skipped.append(Skipped(label, "cannot be read"))
            return
        with src:
            self.budget.copy(src, target, compressed)
        self.members.append(Member(target, label))


def member_stem(member: Member) -> str:
    return PurePosixPath(member.name.rsplit("!", 1)[-1]).stem


def _suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix.isascii() and suffix[1:].isalnum() else ""


def _zip_symlink(info: zipfile.ZipInfo) -> bool:
    return (info.external_attr >> 16) & 0o170000 == 0o120000
