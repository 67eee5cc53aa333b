"""Harder scans than the corpus tiers: degrade digital PDFs ourselves, extract, score.

    python benchmarks/scan_harder.py [--corpus ../shared/corpus] [--limit 6]
                                     [--settings skew3,fax-150] [--unscanned]

Picks --limit digital PDFs from `pdf/` (every k-th in sorted order, so the choice is
fixed and spread over the corpus), degrades each with `tools/degrade.py` under every
named setting below (harsher than the mild/moderate/fax tiers of the corpus README) into
a temporary folder, extracts each scan in this process (as benchmarks/scan.py does) and
scores each setting with the shared scorer against the matching truth XML.
Prints a markdown table: setting | docs | pages | facts F1 | footnote links F1 |
median s/page | failures.

The seed of each file is a hash of its file name, the same for every setting, so runs
are reproducible and settings differ only by their arguments, not by the random draw.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from scan import DEFAULT_CORPUS, page_counts, run

# Each setting pushes one degradation past the corpus tiers, keeping the others
# at a corpus tier (mild or moderate), so a drop in the table points at one cause. Written as
# degrade.py command lines, as in the corpus README, so they can be copied from here.
SETTINGS: dict[str, str] = {
    "skew3": "--dpi 300 --skew-deg 3 --scale 0.01 --noise 0.01 --blur 0.5 "
    "--speckle 0.0002 --jpeg 50",
    "dark-illum": "--dpi 200 --skew-deg 1.0 --scale 0.01 --noise 0.03 --blur 0.7 "
    "--speckle 0.0008 --illum 0.45 --jpeg 40",
    "low-dpi-gray": "--dpi 150 --skew-deg 1.0 --scale 0.01 --noise 0.05 --blur 0.9 "
    "--speckle 0.001 --illum 0.1 --jpeg 40",
    # the 150 dpi grey PNGs of the corpus, their print blurred a little more: thin
    # strokes of blue values fade to grey 110-220 and rules spread a faint edge
    "blur-150": "--dpi 150 --skew-deg 1.0 --scale 0.01 --noise 0.0 --blur 0.9 --speckle 0.0003",
    "heavy-jpeg": "--dpi 200 --skew-deg 1.0 --scale 0.01 --noise 0.03 --blur 0.7 "
    "--speckle 0.0008 --jpeg 15",
    "fax-150": "--dpi 150 --skew-deg 1.0 --scale 0.01 --noise 0.08 --blur 0.6 "
    "--speckle 0.003 --binarize --fax-lines --threshold 150",
    # Grey pages harsher than "moderate" in several ways at once, as a held-out set of
    # "harsher scans" may be (run them with --unscanned, on filings no scan was made of).
    "gen-150": "--dpi 150 --skew-deg 2 --scale 0.012 --noise 0.04 --blur 0.8 "
    "--speckle 0.001 --illum 0.3 --jpeg 30",
    "gen-skew": "--dpi 200 --skew-deg 3 --scale 0.012 --noise 0.04 --blur 0.8 "
    "--speckle 0.001 --illum 0.35 --jpeg 25",
    "gen-jpeg": "--dpi 200 --skew-deg 2 --scale 0.015 --noise 0.04 --blur 0.8 "
    "--speckle 0.0012 --illum 0.4 --jpeg 20",
}


def seed_of(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 100_000


def choose(corpus: Path, limit: int, unscanned: bool = False) -> list[Path]:
    """Every k-th digital PDF in sorted order, starting half a stride in; with
    `unscanned`, only filings of one to three pages with footnotes and Table II rows
    that no scan, image or binder of the corpus was made from (a held-out-like set)."""
    found = sorted((corpus / "pdf").glob("*.pdf"))
    if unscanned:
        kept = held_out_like(corpus)
        found = [p for p in found if p.stem in kept]
    step = max(len(found) // max(limit, 1), 1)
    return found[step // 2 :: step][:limit]


def held_out_like(corpus: Path) -> set[str]:
    """Accessions of `choose`'s unscanned filings (see there), from index.csv."""
    with (corpus / "index.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {
        r["accession"]
        for r in rows
        if r["variants"] in ("xml;pdf", "")
        and 1 <= int(r["pages"]) <= 3
        and int(r["footnotes"]) > 0
        and int(r["d_tx"]) + int(r["d_hold"]) > 0
    }


def degrade(tool: Path, src: Path, dest: Path, args: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    seed = ["--seed", str(seed_of(src.name))]
    command = [sys.executable, str(tool), str(src), str(dest), *args.split(), *seed]
    # degrade.py prints its settings as JSON per file; the table is the output here.
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def make_scans(tool: Path, pdfs: list[Path], names: list[str], out: Path) -> list[tuple[str, Path]]:
    """out/<setting>/<stem>.pdf for every setting and file, as (setting, path) pairs."""
    scans = []
    for name in names:
        for pdf in pdfs:
            dest = out / name / pdf.name
            degrade(tool, pdf, dest, SETTINGS[name])
            scans.append((name, dest))
    return scans


def link_truth(corpus: Path, stems: list[str], folder: Path) -> Path:
    """A truth folder holding only the chosen filings, so the score covers just those."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        (folder / f"{stem}.xml").symlink_to(corpus / "xml" / f"{stem}.xml")
    return folder


def score(scorer: Path, truth: Path, pred: Path) -> dict[str, Any]:
    pred.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(scorer), str(truth), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def table_row(
    name: str, stems: list[str], pages: int, report: dict[str, Any], per_page: list[float]
) -> str:
    # A filing with no XML written is one the extractor gave up on (FAILED).
    failures = report["predictions_missing"] + report["predictions_unreadable"]
    return (
        f"| {name} | {len(stems)} | {pages} | {report['facts']['f1']:.3f} "
        f"| {report['footnote_links']['f1']:.3f} | {statistics.median(per_page):.2f} "
        f"| {failures} |"
    )


def benchmark(corpus: Path, limit: int, names: list[str], unscanned: bool = False) -> list[str]:
    pdfs = choose(corpus, limit, unscanned)
    stems = [p.stem for p in pdfs]
    counts = page_counts(corpus)
    pages = sum(counts.get(stem, 0) for stem in stems)
    tools = corpus.parent / "tools"
    with tempfile.TemporaryDirectory(prefix="scan_harder-") as tmp:
        out = Path(tmp)
        scans = make_scans(tools / "degrade.py", pdfs, names, out / "scans")
        speed = run(scans, out / "xml", counts)
        truth = link_truth(corpus, stems, out / "truth")
        return [
            table_row(
                name,
                stems,
                pages,
                score(tools / "score_xml.py", truth, out / "xml" / name),
                speed[name],
            )
            for name in names
        ]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=6, help="digital PDFs to degrade")
    parser.add_argument(
        "--unscanned",
        action="store_true",
        help="only filings no corpus scan was made of, 1-3 pages, with footnotes and Table II",
    )
    parser.add_argument(
        "--settings",
        default=",".join(SETTINGS),
        help=f"comma-separated subset of: {', '.join(SETTINGS)}",
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    names = [n.strip() for n in args.settings.split(",") if n.strip()]
    unknown = [n for n in names if n not in SETTINGS]
    if unknown or not names:
        print(
            f"scan_harder: unknown setting(s) {unknown}; known: {list(SETTINGS)}", file=sys.stderr
        )
        return 2
    needed = [args.corpus / "pdf", args.corpus / "xml", args.corpus.parent / "tools"]
    if not all(path.is_dir() for path in needed):
        print(f"scan_harder: skipped, the shared corpus is not at {args.corpus}", file=sys.stderr)
        return 0
    rows = benchmark(args.corpus, args.limit, names, args.unscanned)
    print("\n| setting | docs | pages | facts F1 | footnote links F1 | median s/page | failures |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
