"""What kind of document a file is, from its first bytes (never from its name alone).

A PNG named .pdf is an image; a text file named .tiff is refused as not a document.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from extractor.errors import InputError


class InputKind(str, Enum):
    XML = "xml"
    SUBMISSION = "submission"  # an EDGAR .txt submission that wraps the XML
    PDF = "pdf"
    IMAGE = "image"


# File name endings a folder or archive is searched for (the content still decides the kind).
DOCUMENT_SUFFIXES = (".xml", ".txt", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF little-endian
    b"MM\x00*",  # TIFF big-endian
)
_HEAD_BYTES = 4096
# XML may be UTF-16 (the XML spec allows it; lxml reads it): a byte-order mark, or
# "<" as one of two bytes without one.
_UTF16_STARTS = {
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
    b"<\x00": "utf-16-le",
    b"\x00<": "utf-16-be",
}


def sniff_kind(path: Path, max_bytes: int) -> InputKind:
    """The kind of document at `path`, or an InputError that says why it is none."""
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, "the file is empty (0 bytes)")
    if size > max_bytes:
        raise InputError(
            path, f"the file is {size:,} bytes, over the limit of {max_bytes:,}", "raise the limit"
        )
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    return _kind_of_head(path, head)


def _kind_of_head(path: Path, head: bytes) -> InputKind:
    if b"%PDF-" in head[:1024]:
        return InputKind.PDF
    if any(head.startswith(m) for m in _IMAGE_MAGIC):
        return InputKind.IMAGE
    text = _as_utf8(head).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.match(rb"<(sec-document|ims-document|document|sec-header)>", text):
        return InputKind.SUBMISSION
    if text.startswith(b"<"):
        return InputKind.XML
    raise InputError(
        path,
        "not a PDF, image or ownership XML (unrecognised content)",
        "give a Form 3/4/5 as PDF, PNG/JPEG/TIFF, EDGAR XML or submission .txt",
    )


def _as_utf8(head: bytes) -> bytes:
    """The head re-encoded as UTF-8 when it is UTF-16 text, so one set of checks reads both."""
    codec = _UTF16_STARTS.get(head[:2])
    if codec is None:
        return head
    usable = head[: len(head) - len(head) % 2]  # the head may end inside a character
    return usable.decode(codec, errors="replace").encode("utf-8")
