"""The batch as a person watches it: a progress bar (documents/s, ETA) and a summary."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from extractor.batch.runner import BatchSummary, DocumentRecord, expand_inputs, plan_jobs, run_batch
from extractor.options import ExtractOptions
from extractor.outputs import OutputFormat


def run_with_progress(
    inputs: list[str],
    out_dir: Path,
    formats: list[OutputFormat],
    options: ExtractOptions,
    workers: int,
) -> BatchSummary:
    console = Console(stderr=True)
    total = len(plan_jobs(expand_inputs(inputs)))
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("converting", total=total, rate="-")

        def on_record(rec: DocumentRecord) -> None:
            if rec.error:
                console.print(f"form4: {rec.error}", markup=False, highlight=False)
            bar.advance(task)
            done = bar.tasks[task].completed
            elapsed = bar.tasks[task].elapsed or 0.0
            bar.update(task, rate=f"{done / elapsed:.1f}" if elapsed else "-")

        summary = run_batch(inputs, out_dir, formats, options, workers, on_record)
    _print_summary(console, summary, out_dir)
    return summary


def _print_summary(console: Console, summary: BatchSummary, out_dir: Path) -> None:
    status = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items())) or "none"
    console.print(
        f"{summary.documents} documents: {status}; {summary.pages} pages in "
        f"{summary.seconds:.1f} s ({summary.pages_per_second} pages/s); "
        f"summary in {out_dir / 'summary.json'}",
        markup=False,
        highlight=False,
    )
    if summary.errors_by_kind:
        kinds = ", ".join(f"{k} {v}" for k, v in summary.errors_by_kind.items())
        console.print(f"failures by kind: {kinds}", markup=False, highlight=False)
