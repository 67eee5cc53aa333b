"""Writing results: `OUT/xml/<stem>.xml` and `OUT/json/<stem>.json` (a contract tools rely on).

Every file is written to a temporary name in the same folder and renamed into place, so
an interrupted run never leaves a partial or corrupt output file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from enum import Enum
from pathlib import Path

from extractor.errors import OutputError
from extractor.model.result import ExtractionResult


class OutputFormat(str, Enum):
    XML = "xml"
    JSON = "json"


def result_to_json(result: ExtractionResult) -> bytes:
    return result.model_dump_json(indent=2, exclude_none=True).encode("utf-8")


def result_to_bytes(result: ExtractionResult, fmt: OutputFormat) -> bytes | None:
    """The output of one format, or None when there is no filing to write as XML."""
    if fmt is OutputFormat.JSON:
        return result_to_json(result)
    from extractor.edgar.xml_write import filing_to_xml  # lxml is needed for XML only

    return filing_to_xml(result.filing) if result.filing is not None else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, f"cannot write output: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(path, f"cannot write output: {exc.strerror}", "free disk space") from None


def write_result(
    result: ExtractionResult, out_dir: Path, stem: str, formats: list[OutputFormat]
) -> list[Path]:
    """Write the result's outputs as `out_dir/<format>/<stem>.<format>`; returns the paths."""
    written = []
    for fmt in formats:
        data = result_to_bytes(result, fmt)
        if data is None:
            continue
        path = out_dir / fmt.value / f"{stem}.{fmt.value}"
        write_atomic(path, data)
        written.append(path)
    return written
