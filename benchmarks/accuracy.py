"""Accuracy against the corpus truth: batch-convert a corpus folder, then run the scorer.

    python benchmarks/accuracy.py [pdf|xml] [--worst N] [--by-field]

Runs `form4 batch ../shared/corpus/<folder> --out TMP --formats xml` and
`../shared/tools/score_xml.py ../shared/corpus/xml TMP/xml`, printing the scorer's report
(its last line is the figure to quote).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default="pdf", help="corpus folder: pdf, xml, ...")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--by-field", action="store_true")
    ap.add_argument("--out", type=Path, help="keep the outputs here (default: a temp folder)")
    a = ap.parse_args()
    corpus = SHARED / "corpus"
    if not (corpus / a.folder).is_dir():
        print(
            f"accuracy: {corpus / a.folder} not found (the shared corpus is needed)",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = a.out or Path(tmp)
        batch = [
            sys.executable,
            "-m",
            "extractor",
            "batch",
            str(corpus / a.folder),
            "--out",
            str(out),
            "--formats",
            "xml",
        ]
        subprocess.run(batch, check=False)
        score = [
            sys.executable,
            str(SHARED / "tools" / "score_xml.py"),
            str(corpus / "xml"),
            str(out / "xml"),
        ]
        score += ["--worst", str(a.worst)] if a.worst else []
        score += ["--by-field"] if a.by_field else []
        return subprocess.run(score, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
