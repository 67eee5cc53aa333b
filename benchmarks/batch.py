"""Batch throughput and worker memory: 1 vs 2 local workers, and through a Dask cluster.

    python benchmarks/batch.py [--corpus ../shared/corpus] [--copies 4] [--repeats 3]
                               [--pdf-repeats 1] [--no-dask] [--no-pdf]

Inputs: the corpus XML files, `--copies` times each (every copy gets its own trailing
comment, so its sha256 differs and the batch converts it rather than skipping it as a
duplicate), and the corpus digital PDFs once. Each configuration converts the same
inputs into a fresh output folder; configurations take turns within each repeat, so
they are measured side by side under the same machine load. The Dask cluster is a real
one: a scheduler and two one-thread workers started as separate processes on 127.0.0.1.
The time of a run is the whole `run_batch`: hashing, manifest, outputs, JSONL and tables.

Reported: documents/s (median over repeats), the ratio to one local worker, and the peak
RSS of each worker process (its ru_maxrss after each document it converted) at 10% of
its documents and at the end: equal numbers mean memory stays flat. Workers are not
recycled here (tasks_per_worker is set past the input count), so a leak would show.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.batch.runner import (  # noqa: E402  (after the path for a checkout)
    BatchOptions,
    DocumentRecord,
    run_batch,
)

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


class _Watch:
    """BatchEvents that keep, per worker, its peak RSS after each document."""

    def __init__(self) -> None:
        self.rss: dict[int, list[int]] = defaultdict(list)
        self.failed = 0
        self.first_error: dict[str, str] = {}

    def planned(self, to_convert: int, already_done: int) -> None:
        assert already_done == 0, "the output folder was not fresh"

    def converted(self, records: list[DocumentRecord]) -> None:
        for rec in records:
            self.failed += rec.status.value == "failed"
            if rec.error_kind and rec.error:
                self.first_error.setdefault(rec.error_kind, rec.error)
            if rec.worker:
                self.rss[rec.worker].append(rec.peak_rss_kb)


def _inputs(corpus: Path, copies: int, dest: Path) -> Path:
    folder = dest / "xml"
    folder.mkdir()
    for xml in sorted((corpus / "xml").glob("*.xml")):
        data = xml.read_bytes()
        for n in range(copies):
            (folder / f"{xml.stem}-c{n}.xml").write_bytes(data + f"\n<!-- copy {n} -->\n".encode())
    return folder


def _run(options: BatchOptions, folder: Path) -> tuple[float, int, _Watch]:
    watch = _Watch()
    started = time.perf_counter()
    summary = run_batch(options, [str(folder)], watch)
    seconds = time.perf_counter() - started
    return summary.converted / seconds, summary.converted, watch


def _rss_mb(watch: _Watch) -> tuple[float, float]:
    """Largest worker RSS at 10% of its documents and at its end, in MB."""
    early = [v[max(0, len(v) // 10 - 1)] for v in watch.rss.values() if v]
    late = [v[-1] for v in watch.rss.values() if v]
    return max(early, default=0) / 1024, max(late, default=0) / 1024


def _measure(
    name: str, folder: Path, configs: dict[str, dict[str, object]], repeats: int, tmp: Path
) -> list[tuple[str, str, float, int, float, float, int]]:
    rates: dict[str, list[float]] = defaultdict(list)
    memory: dict[str, tuple[float, float]] = {}
    counts: dict[str, int] = {}
    failed: dict[str, int] = {}
    for r in range(repeats):
        for label, extra in configs.items():
            out = tmp / f"{name}-{label}-{r}"
            options = BatchOptions.model_validate(
                {"out_dir": out, "tables": True, "tasks_per_worker": 10**9, **extra}
            )
            rate, count, watch = _run(options, folder)
            rates[label].append(rate)
            counts[label], failed[label] = count, watch.failed
            early, late = _rss_mb(watch)
            memory[label] = (
                max(early, memory.get(label, (0, 0))[0]),
                max(late, memory.get(label, (0, 0))[1]),
            )
            print(f"  {name} {label} run {r + 1}: {rate:.1f} docs/s", file=sys.stderr)
            for kind, error in watch.first_error.items():
                print(f"    failed ({kind}), e.g. {error}", file=sys.stderr)
    return [
        (name, label, statistics.median(rates[label]), counts[label], *memory[label], failed[label])
        for label in configs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pdf-repeats", type=int, default=1)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / "xml").is_dir():
        sys.exit(f"{args.corpus / 'xml'} not found: the shared corpus is needed")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        xml = _inputs(args.corpus, args.copies, tmp)
        rows = _all_rows(args, xml, tmp)
    _print(rows)


def _all_rows(
    args: argparse.Namespace, xml: Path, tmp: Path
) -> list[tuple[str, str, float, int, float, float, int]]:
    configs: dict[str, dict[str, object]] = {"local-1": {"workers": 1}, "local-2": {"workers": 2}}
    rows = []
    if args.no_dask:
        rows += _measure("xml", xml, configs, args.repeats, tmp)
        if not args.no_pdf:
            rows += _measure("pdf", args.corpus / "pdf", configs, args.pdf_repeats, tmp)
        return rows
    sys.path.insert(0, str(REPO))
    from tests.batch.cluster import dask_cluster

    with dask_cluster(workers=2) as address:
        configs["dask-2"] = {"engine": "dask", "scheduler": address}
        rows += _measure("xml", xml, configs, args.repeats, tmp)
        if not args.no_pdf:
            rows += _measure("pdf", args.corpus / "pdf", configs, args.pdf_repeats, tmp)
    return rows


def _print(rows: list[tuple[str, str, float, int, float, float, int]]) -> None:
    # Other processes take cores from the workers: the ratios mean little under load.
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores; load average at the end (1, 5, 15 min): {load}")
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parent (manifest, JSONL, tables, all runs) peak RSS: {parent:.0f} MB")
    base = {name: rate for name, label, rate, *_ in rows if label == "local-1"}
    print(
        f"{'inputs':<6} {'engine':<8} {'docs':>6} {'docs/s':>8} {'x local-1':>9} "
        f"{'RSS@10% MB':>10} {'RSS end MB':>10} {'failed':>6}"
    )
    for name, label, rate, count, early, late, failed in rows:
        ratio = rate / base[name] if base.get(name) else float("nan")
        print(
            f"{name:<6} {label:<8} {count:>6} {rate:>8.1f} {ratio:>9.2f} "
            f"{early:>10.0f} {late:>10.0f} {failed:>6}"
        )


if __name__ == "__main__":
    main()
