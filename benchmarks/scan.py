"""Scans: accuracy by tier, seconds per page and peak memory of the OCR path.

    python benchmarks/scan.py [--corpus ../shared/corpus] [--limit N] [--tier mild]

Each scan (`scan/*.pdf`, tier from index.csv `scan_tier`; `img/*` as tier "img") is
extracted in this process, one at a time (one core: OMP_THREAD_LIMIT=1, as the product
sets it; glibc keeps freed page memory, as the `form4` command and the batch workers
have it, see extractor/sources/allocator.py), its XML written to a temporary folder,
and the shared scorer run per tier.
Prints per tier: facts F1, footnote-link F1, median and worst seconds per page at the
tier's resolution (with --cpu, the process's CPU seconds per page too: on a shared
machine the wall time waits for other processes, the CPU time much less); then the peak
RSS of the process.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extractor.api import extract_or_failure
from extractor.edgar.xml_write import filing_to_xml
from extractor.options import ExtractOptions
from extractor.sources import allocator

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def tiers(corpus: Path) -> dict[str, str]:
    with (corpus / "index.csv").open(newline="") as fh:
        return {row["accession"]: row["scan_tier"] for row in csv.DictReader(fh)}


def inputs(corpus: Path, tier: str | None, limit: int | None) -> list[tuple[str, Path]]:
    by_stem = tiers(corpus)
    found = [(by_stem.get(p.stem, "?"), p) for p in sorted((corpus / "scan").glob("*.pdf"))]
    found += [("img", p) for p in sorted((corpus / "img").glob("*")) if p.is_file()]
    chosen = [(t, p) for t, p in found if tier is None or t == tier]
    return chosen[:limit] if limit else chosen


def page_counts(corpus: Path) -> dict[str, int]:
    """Pages of each filing, from index.csv (still known when an extraction fails)."""
    with (corpus / "index.csv").open(newline="") as fh:
        return {row["accession"]: int(row["pages"]) for row in csv.DictReader(fh)}


def run(
    files: list[tuple[str, Path]],
    out: Path,
    counts: dict[str, int],
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Extract each file into out/<group>/<stem>.xml; seconds per page by group (and
    CPU seconds per page into `cpu` when given: scan_harder.py wants wall time only).

    A failed result reports no pages: its seconds are spread over the pages `counts`
    gives the filing, so the median compares with the documents that succeeded.
    """
    options = ExtractOptions(validate_rules=False)
    speed: dict[str, list[float]] = {}
    for group, path in files:
        started, processed = time.perf_counter(), time.process_time()
        result = extract_or_failure(path, options)
        seconds = time.perf_counter() - started
        pages = max(result.pages or counts.get(path.stem, 1), 1)
        speed.setdefault(group, []).append(seconds / pages)
        if cpu is not None:
            cpu.setdefault(group, []).append((time.process_time() - processed) / pages)
        folder = out / group
        folder.mkdir(parents=True, exist_ok=True)
        if result.filing is not None:
            (folder / f"{path.stem}.xml").write_bytes(filing_to_xml(result.filing))
        why = f"{result.error.kind}: {result.error.message}" if result.error else ""
        print(
            f"{group:12} {path.name:32} {result.status.value:8} {seconds:6.2f} s {why}",
            flush=True,
        )
    return speed


def score(corpus: Path, tier_dir: Path, stems: list[str], scorer: Path) -> str:
    """The scorer's last line over the tier's files (truth limited to those files)."""
    truth = tier_dir.parent / f"{tier_dir.name}-truth"
    truth.mkdir(exist_ok=True)
    for stem in stems:
        (truth / f"{stem}.xml").symlink_to(corpus / "xml" / f"{stem}.xml")
    done = subprocess.run(
        [sys.executable, str(scorer), str(truth), str(tier_dir)], capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--tier")
    parser.add_argument("--cpu", action="store_true", help="CPU seconds per page too")
    args = parser.parse_args()
    allocator.keep_freed_pages()
    files = inputs(args.corpus, args.tier, args.limit)
    scorer = args.corpus.parent / "tools" / "score_xml.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cpu: dict[str, list[float]] = {}
        speed = run(files, out, page_counts(args.corpus), cpu)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for tier, per_page in sorted(speed.items()):
            stems = [p.stem for t, p in files if t == tier]
            (out / tier).mkdir(exist_ok=True)
            line = score(args.corpus, out / tier, stems, scorer)
            cpu_part = f" cpu median {statistics.median(cpu[tier]):.3f}" if args.cpu else ""
            print(
                f"{tier:9} n={len(stems):3}  s/page median {statistics.median(per_page):.2f} "
                f"max {max(per_page):.2f}{cpu_part}  | {line}"
            )
    print(f"peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
