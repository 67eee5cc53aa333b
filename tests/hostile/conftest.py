"""Run `form4` in this process (typer's runner) so the hostile cases stay fast; the exit
code and stderr are those a user sees (the batch and service cases use real processes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def form4(*args: str | Path) -> Run:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def one_line_error(run: Run, path: Path) -> str:
    """The error message: exactly one line on stderr, naming the file."""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {run.stderr!r}"
    assert lines[0].startswith(f"form4: {path}: "), lines[0]
    return lines[0]
