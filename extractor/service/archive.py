"""Archives sent to /v1/jobs: unpacked with the batch reader's limits, into the store.

`extractor.batch.archives` does the defensive part (zip and tar; member names never used
as paths; sizes, member count and compression ratio counted while copying). Here the
upload is written under a generated name in the data folder, unpacked beside it, and
each document is moved into the uploads folder; the temporary folder's path is replaced
by the upload's name in every name and message a client sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.batch.archives import (
    ARCHIVE_SUFFIXES,
    ArchiveLimits,
    extract_members,
    is_archive,
)
from extractor.errors import InputError
from extractor.sources.sniff import DOCUMENT_SUFFIXES


class ArchiveError(ValueError):
    """An archive that cannot be read or breaks a limit (HTTP 422)."""


@dataclass(frozen=True, slots=True)
class Unpacked:
    documents: list[tuple[str, Path]]  # display name, file in the work folder
    skipped: list[tuple[str, str]]  # display name, reason


def archive_suffix(name: str) -> str | None:
    """The archive suffix the name ends with ('.tar.gz'), or None for a document."""
    lower = name.lower()
    return next(
        (s for s in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True) if lower.endswith(s)), None
    )


def unpack(data: bytes, name: str, work: Path, limits: ArchiveLimits) -> Unpacked | None:
    """The documents of an uploaded archive, unpacked in the private folder `work`; None
    when the name is not an archive's (the upload is then a document)."""
    suffix = archive_suffix(name)
    if suffix is None:
        return None
    archive = work / f"upload{suffix}"
    archive.write_bytes(data)
    if not is_archive(archive):
        raise ArchiveError(f"{name}: not a readable {suffix[1:]} archive")
    try:
        members, skipped = extract_members(archive, work / "members", DOCUMENT_SUFFIXES, limits)
    except InputError as exc:
        remedy = f" ({exc.remedy})" if exc.remedy else ""
        raise ArchiveError(f"{name}: {exc.cause}{remedy}") from None
    prefix = str(archive)
    return Unpacked(
        documents=[(m.name.replace(prefix, name, 1), m.path) for m in members],
        skipped=[(s.name.replace(prefix, name, 1), s.reason) for s in skipped],
    )
