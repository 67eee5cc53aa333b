"""Small inputs for batch tests: distinct valid Form 4 XML files, and running a batch."""

from __future__ import annotations

from pathlib import Path

from extractor.batch.runner import BatchOptions, BatchSummary, run_batch
from tests.cli.minimal import MINIMAL_FORM4


def form4_xml(n: int) -> bytes:
    """The minimal Form 4 with its own number of shares, so every file has its own sha256."""
    printed = b"<transactionShares><value>1000</value>"
    assert printed in MINIMAL_FORM4, "the minimal Form 4 no longer prints 1000 shares"
    return MINIMAL_FORM4.replace(printed, f"<transactionShares><value>{1000 + n}</value>".encode())


def write_forms(folder: Path, count: int, prefix: str = "f") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{prefix}{n:03d}.xml"
        path.write_bytes(form4_xml(n))
        paths.append(path)
    return paths


def batch(out: Path, *inputs: Path | str, **options: object) -> BatchSummary:
    """Run a batch in this process (one worker unless told) with the given options."""
    settings = BatchOptions.model_validate({"out_dir": out, "workers": 1, **options})
    return run_batch(settings, [str(i) for i in inputs])
