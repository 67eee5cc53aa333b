"""Two versions of the code timed side by side, scan by scan, on one core.

    python benchmarks/ab.py OLD_TREE NEW_TREE [--corpus ../shared/corpus] [--tier mild]
                            [--limit N] [--core 1]

OLD_TREE and NEW_TREE are folders holding an `extractor` package (a checkout, or
`git archive abb1696 extractor templates | tar -x -C /tmp/old`). Each runs in a worker
process of its own (OMP_THREAD_LIMIT=1, both pinned to `--core` when given), warmed up
on the first scan; then every scan is extracted by both, one after the other, the
order swapped from scan to scan. A host that slows down or speeds up during the run
(another machine's load on the same hardware: 15 % within an hour on the development
machine) slows both alike, so the ratio of each scan's two times holds where the
medians of two runs made one after the other do not.

Prints the median seconds (wall and CPU) per page of each version, the median of the
per-scan ratios NEW/OLD with its interquartile range, and whether the two versions
wrote the same XML for every scan.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from scan import DEFAULT_CORPUS, inputs, page_counts

Answer = dict[str, Any]  # a worker's answer for one scan: wall, cpu, pages, xml digest


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.worker:
        return _work()
    if args.old is None or args.new is None:
        print("ab: give the two trees to compare, OLD_TREE NEW_TREE", file=sys.stderr)
        return 2
    files = [p for _, p in inputs(args.corpus, args.tier, args.limit)]
    if not files:
        print(f"ab: no scans of tier {args.tier!r} under {args.corpus}", file=sys.stderr)
        return 2
    counts = page_counts(args.corpus)
    old, new = _Worker(args.old, args.core), _Worker(args.new, args.core)
    try:
        old.timed(files[0])  # warm-up: the OCR model and the fonts loaded
        new.timed(files[0])
        rows = [_pair(old, new, path, swap=i % 2 == 1) for i, path in enumerate(files)]
    finally:
        old.close()
        new.close()
    _report(rows, [max(counts.get(p.stem, 1), 1) for p in files])
    return 0


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, nargs="?")
    ap.add_argument("new", type=Path, nargs="?")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--tier", default="mild")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--core", type=int, help="pin both workers to this CPU core")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return ap


class _Worker:
    """One version's worker process: a scan's path in, its times and XML digest out."""

    def __init__(self, tree: Path, core: int | None) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree.resolve()), "OMP_THREAD_LIMIT": "1"}
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker"]
        cmd = ["taskset", "-c", str(core), *cmd] if core is not None else cmd
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def timed(self, path: Path) -> Answer:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        answer: Answer = json.loads(self.proc.stdout.readline())
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _pair(old: _Worker, new: _Worker, path: Path, swap: bool) -> tuple[Answer, Answer]:
    """Both versions' times for one scan, the first to run swapped every other scan."""
    if swap:
        b = new.timed(path)
        return old.timed(path), b
    a = old.timed(path)
    return a, new.timed(path)


def _report(rows: list[tuple[Answer, Answer]], pages: list[int]) -> None:
    """Medians per page of each version, the per-scan ratios, and whether the XML agrees
    (`pages`: each scan's pages from the index, for a scan whose extraction failed)."""
    for name, side in (("old", 0), ("new", 1)):
        counts = [r[side]["pages"] or n for r, n in zip(rows, pages, strict=True)]
        wall = [r[side]["wall"] / n for r, n in zip(rows, counts, strict=True)]
        cpu = [r[side]["cpu"] / n for r, n in zip(rows, counts, strict=True)]
        wall_median, cpu_median = statistics.median(wall), statistics.median(cpu)
        print(f"{name}  s/page median {wall_median:.3f}  cpu {cpu_median:.3f}")
    ratios = sorted(r[1]["cpu"] / r[0]["cpu"] for r in rows)
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    print(f"new/old per scan (cpu): median {statistics.median(ratios):.3f}  IQR {q1:.3f}-{q3:.3f}")
    same = sum(r[0]["xml"] == r[1]["xml"] for r in rows)
    print(f"same XML: {same} of {len(rows)} scans")


def _work() -> int:
    """The worker's loop: extract each path read from stdin, answer with its times."""
    import hashlib
    import time

    from extractor.api import extract_or_failure
    from extractor.edgar.xml_write import filing_to_xml
    from extractor.options import ExtractOptions
    from extractor.sources import allocator

    allocator.keep_freed_pages()  # as scan.py, the `form4` command and batch workers do
    options = ExtractOptions(validate_rules=False)
    for line in sys.stdin:
        started, processed = time.perf_counter(), time.process_time()
        result = extract_or_failure(Path(line.strip()), options)
        wall, cpu = time.perf_counter() - started, time.process_time() - processed
        xml = filing_to_xml(result.filing) if result.filing is not None else b""
        digest = hashlib.sha256(xml).hexdigest()
        answer = {"wall": wall, "cpu": cpu, "pages": result.pages, "xml": digest}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
