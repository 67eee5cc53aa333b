"""The batch as a person watches it: a progress bar (documents/s, ETA) and a summary."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from extractor.batch.runner import BatchOptions, BatchSummary, DocumentRecord, run_batch


class _Bar:
    """BatchEvents shown on a rich progress bar; failures printed as they happen."""

    def __init__(self, console: Console, bar: Progress) -> None:
        self.console, self.bar = console, bar
        self.task: TaskID | None = None

    def planned(self, to_convert: int, already_done: int) -> None:
        if already_done:
            self._say(f"form4: {already_done} inputs already done in this folder, skipped")
        self.task = self.bar.add_task("converting", total=to_convert, rate="-")

    def converted(self, records: list[DocumentRecord]) -> None:
        for rec in records:
            if rec.error:
                self._say(f"form4: {rec.error}")
        if self.task is None:
            return
        self.bar.advance(self.task)
        state = self.bar.tasks[self.task]
        elapsed = state.elapsed or 0.0
        rate = f"{state.completed / elapsed:.1f}" if elapsed else "-"
        self.bar.update(self.task, rate=rate)

    def _say(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)


def run_with_progress(options: BatchOptions, inputs: Iterable[str]) -> BatchSummary:
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=not sys.stderr.isatty()) as bar:
        summary = run_batch(options, inputs, _Bar(console, bar))
    _print_summary(console, summary, options)
    return summary


def _print_summary(console: Console, summary: BatchSummary, options: BatchOptions) -> None:
    status = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items())) or "none"
    lines = [
        f"{summary.documents} documents ({summary.converted} converted, "
        f"{summary.already_done} already done), {summary.filings} filings: {status}; "
        f"{summary.pages} pages in {summary.seconds:.1f} s ({summary.pages_per_second} pages/s, "
        f"{summary.documents_per_second} documents/s); "
        f"summary in {options.out_dir / 'summary.json'}"
    ]
    if summary.errors_by_kind:
        kinds = ", ".join(f"{k} {v}" for k, v in summary.errors_by_kind.items())
        lines.append(f"failures by kind: {kinds}")
    if summary.skipped:
        lines.append(f"{len(summary.skipped)} skipped (see 'skipped' in summary.json)")
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
