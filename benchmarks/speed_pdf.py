"""Speed of digital-PDF extraction per page, side by side with camelot's lattice parser.

    python benchmarks/speed_pdf.py [--corpus ../shared/corpus/pdf] [--limit N] [--no-camelot]

Both run in this process over the same pages in one run. Ours: the whole extraction
(`extractor.extract`: words, regions, tables, header, footnotes, validation) per document,
divided by its pages. camelot: `read_pdf(flavor="lattice")` one page at a time (tables
only). Prints medians, their ratio, and the peak RSS after our extraction (before camelot
is imported, so its memory does not count against ours).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from extractor.api import extract
from extractor.options import ExtractOptions

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


def ours_per_page(pdfs: list[Path], options: ExtractOptions) -> list[float]:
    extract(pdfs[0], options)  # warm-up: imports and template loading are not per page
    out = []
    for pdf in pdfs:
        started = time.perf_counter()
        result = extract(pdf, options)
        out.append((time.perf_counter() - started) / max(result.pages, 1))
    return out


def camelot_per_page(pdfs: list[Path]) -> list[float]:
    import camelot  # imported only here: an optional benchmark dependency

    from extractor.sources.pdf_text import page_count

    out = []
    for pdf in pdfs:
        for page in range(1, page_count(pdf) + 1):
            started = time.perf_counter()
            camelot.read_pdf(str(pdf), pages=str(page), flavor="lattice")
            out.append(time.perf_counter() - started)
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="first N PDFs only (0 = all)")
    ap.add_argument("--camelot-limit", type=int, default=40, help="PDFs given to camelot")
    ap.add_argument("--no-camelot", action="store_true")
    a = ap.parse_args()
    pdfs = sorted(a.corpus.glob("*.pdf"))
    if not pdfs:
        print(f"speed_pdf: no PDFs in {a.corpus} (the shared corpus is needed)", file=sys.stderr)
        return 2
    pdfs = pdfs[: a.limit] if a.limit else pdfs
    ours = ours_per_page(pdfs, ExtractOptions())
    rss = peak_rss_mb()
    print(f"documents {len(pdfs)}")
    print("| engine | samples (ours: documents, camelot: pages) | median s/page | p90 s/page |")
    print("|---|---|---|---|")
    print(_row("form4 extract (whole pipeline)", ours))
    if not a.no_camelot:
        cam = camelot_per_page(pdfs[: a.camelot_limit])
        print(_row("camelot lattice (tables only)", cam))
        ratio = statistics.median(cam) / statistics.median(ours)
        print(f"\ncamelot / form4 median ratio: {ratio:.1f}x")
    print(f"peak RSS after form4 extraction: {rss:.0f} MB")
    return 0


def _row(name: str, values: list[float]) -> str:
    p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
    return f"| {name} | {len(values)} | {statistics.median(values):.4f} | {p90:.4f} |"


if __name__ == "__main__":
    sys.exit(main())
