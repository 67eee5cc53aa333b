"""How often each validation rule fires on real EDGAR filings.

    python benchmarks/rules_on_corpus.py [XML_DIR] [--examples N] [--pdf] [--misreads]

Reads every `*.xml` of the shared corpus (default `../shared/corpus/xml`, or
`$FORM4_SHARED/corpus/xml`) with the EDGAR reader, validates it and prints one line per
rule code: severity, number of findings, number of filings affected. Real filings were
accepted by EDGAR, so an ERROR here is either a filer's mistake or a rule to fix.

With --pdf it also extracts the same filings from `corpus/pdf` and validates what the
extractor read: a finding there that the truth XML does not raise (same code and field)
points at a misread value, which is what the rules are for on PDFs and scans.

With --misreads it measures what the rules can catch: it changes one value of a real
filing at a time, the way a reader misreads it (leading digit of an amount, (A)/(D)
letter, year of a date, a footnote marker lost), and counts how often a new error or
warning names the changed row or the footnote.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from extractor.api import extract_or_failure
from extractor.edgar.xml_read import read_ownership_file
from extractor.errors import ExtractorError
from extractor.model.codes import AcquiredDisposed
from extractor.model.filing import Filing
from extractor.model.result import Finding, Severity
from extractor.options import ExtractOptions
from extractor.validate import validate_filing
from extractor.validate.rules import iter_marker_lists

SHARED = Path(os.environ.get("FORM4_SHARED", Path(__file__).resolve().parents[2] / "shared"))
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def validate_folder(folder: Path) -> tuple[dict[str, list[Finding]], list[str]]:
    """Findings per file stem, and the files the reader refused (with the reason)."""
    found: dict[str, list[Finding]] = {}
    refused: list[str] = []
    for path in sorted(folder.glob("*.xml")):
        try:
            filing = read_ownership_file(path)
        except ExtractorError as exc:
            refused.append(f"{path.name}: {exc}")
            continue
        found[path.stem] = validate_filing(filing)
    return found, refused


def validate_pdfs(folder: Path, stems: list[str]) -> dict[str, list[Finding]]:
    """Findings of the rules on what the PDF extractor read (reader findings left out)."""
    found: dict[str, list[Finding]] = {}
    for stem in stems:
        path = folder / f"{stem}.pdf"
        if not path.is_file():
            continue
        result = extract_or_failure(path, ExtractOptions(validate_rules=False))
        if result.filing is not None:
            found[stem] = validate_filing(result.filing)
    return found


def not_in_truth(
    pdf: dict[str, list[Finding]], truth: dict[str, list[Finding]]
) -> dict[str, list[Finding]]:
    """PDF findings whose code and field the truth XML of the same filing does not raise."""
    extra: dict[str, list[Finding]] = {}
    for stem, findings in pdf.items():
        known = {(f.code, f.path) for f in truth.get(stem, [])}
        new = [f for f in findings if (f.code, f.path) not in known]
        if new:
            extra[stem] = new
    return extra


Misread = Callable[[Filing, int], str | None]  # change row i; the path that must be named


def _bump_leading_digit(value: Decimal) -> Decimal:
    """12,345 -> 22,345: a misread leading digit, the largest error a digit can make."""
    digits = len(str(int(abs(value)))) if value else 1
    return value + Decimal(10) ** (digits - 1)


def _misread_owned(filing: Filing, i: int) -> str | None:
    row = filing.non_derivative_transactions[i]
    if row.shares_owned_following.value is None:
        return None
    row.shares_owned_following.value = _bump_leading_digit(row.shares_owned_following.value)
    return f"non_derivative_transactions[{i}]"


def _misread_shares(filing: Filing, i: int) -> str | None:
    row = filing.non_derivative_transactions[i]
    if row.shares.value is None:
        return None
    row.shares.value = _bump_leading_digit(row.shares.value)
    return f"non_derivative_transactions[{i}]"


def _misread_direction(filing: Filing, i: int) -> str | None:
    fact = filing.non_derivative_transactions[i].acquired_disposed
    if fact.value is None:
        return None
    flip = {AcquiredDisposed.ACQUIRED: AcquiredDisposed.DISPOSED}
    fact.value = flip.get(fact.value, AcquiredDisposed.ACQUIRED)
    return f"non_derivative_transactions[{i}]"


def _misread_year(filing: Filing, i: int) -> str | None:
    fact = filing.non_derivative_transactions[i].transaction_date
    if fact.value is None:
        return None
    try:
        fact.value = fact.value.replace(year=fact.value.year + 1)
    except ValueError:  # 29 February has no next-year twin
        return None
    return f"non_derivative_transactions[{i}]"


def _lose_marker(filing: Filing, i: int) -> str | None:
    """Drop the i-th footnote marker of the filing; the footnote must then be flagged."""
    lists = [ids for _, ids in iter_marker_lists(filing) if ids]
    refs = [(ids, k) for ids in lists for k in range(len(ids))]
    if i >= len(refs):
        return None
    ids, k = refs[i]
    lost = ids.pop(k)
    ids_in_order = [n.id for n in filing.footnotes]
    return f"footnotes[{ids_in_order.index(lost)}]" if lost in ids_in_order else None


MISREADS: dict[str, tuple[Misread, Callable[[Filing], int]]] = {
    "Table I owned following, leading digit": (
        _misread_owned,
        lambda f: len(f.non_derivative_transactions),
    ),
    "Table I shares, leading digit": (
        _misread_shares,
        lambda f: len(f.non_derivative_transactions),
    ),
    "Table I (A)/(D) flipped": (_misread_direction, lambda f: len(f.non_derivative_transactions)),
    "Table I transaction year +1": (_misread_year, lambda f: len(f.non_derivative_transactions)),
    "footnote marker lost": (_lose_marker, lambda f: sum(len(i) for _, i in iter_marker_lists(f))),
}


def _flagged(
    filing: Filing, baseline: set[tuple[str, str | None]], where: str
) -> tuple[bool, bool]:
    """(a new error/warning names the changed row or footnote, one fires anywhere)."""
    new = [
        item.path or ""
        for item in validate_filing(filing)
        if (item.code, item.path) not in baseline and item.severity is not Severity.INFO
    ]
    named = any(p == where or p.startswith(f"{where}.") for p in new)
    return named, bool(new)


def misread_table(folder: Path) -> str:
    """kind | cases | named | anywhere: how often one misread raises an error/warning."""
    cases: Counter[str] = Counter()
    named: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    for path in sorted(folder.glob("*.xml")):
        truth = read_ownership_file(path)
        baseline = {(f.code, f.path) for f in validate_filing(truth)}
        for kind, (misread, count) in MISREADS.items():
            for i in range(count(truth)):
                filing = truth.model_copy(deep=True)
                where = misread(filing, i)
                if where is None:
                    continue
                at_row, at_all = _flagged(filing, baseline, where)
                cases[kind] += 1
                named[kind] += at_row
                anywhere[kind] += at_all
    lines = [f"{'misread':40} {'cases':>6} {'names the row':>13} {'flagged anywhere':>16}"]
    for kind in MISREADS:
        n = cases[kind] or 1
        lines.append(
            f"{kind:40} {cases[kind]:6d} {named[kind]:6d} {named[kind] / n:6.1%} "
            f"{anywhere[kind]:8d} {anywhere[kind] / n:7.1%}"
        )
    return "\n".join(lines)


def rule_table(found: dict[str, list[Finding]]) -> str:
    """code | severity | findings | filings, the most serious first."""
    counts: Counter[tuple[str, Severity]] = Counter()
    filings: defaultdict[tuple[str, Severity], set[str]] = defaultdict(set)
    for stem, findings in found.items():
        for item in findings:
            counts[item.code, item.severity] += 1
            filings[item.code, item.severity].add(stem)
    keys = sorted(counts, key=lambda k: (_ORDER[k[1]], k[0]))
    lines = [f"{'rule code':40} {'severity':8} {'findings':>8} {'filings':>7}"]
    lines += [f"{c:40} {s.value:8} {counts[c, s]:8d} {len(filings[c, s]):7d}" for c, s in keys]
    return "\n".join(lines) if keys else "No rule fired."


def examples(found: dict[str, list[Finding]], per_code: int) -> str:
    """The first few messages of each code, to study why a rule fires."""
    seen: defaultdict[str, list[str]] = defaultdict(list)
    for stem, findings in found.items():
        for item in findings:
            if len(seen[item.code]) < per_code:
                seen[item.code].append(f"  {stem}: {item.message}")
    return "\n".join(f"{code}\n" + "\n".join(msgs) for code, msgs in sorted(seen.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=SHARED / "corpus" / "xml")
    ap.add_argument("--examples", type=int, default=0, help="show N messages per rule code")
    ap.add_argument("--pdf", action="store_true", help="also validate extractions of corpus/pdf")
    ap.add_argument("--misreads", action="store_true", help="measure what misreads are caught")
    a = ap.parse_args()
    if not a.folder.is_dir():
        print(f"rules_on_corpus: {a.folder} not found (the shared corpus is needed); skipped")
        return 0
    start = time.perf_counter()
    found, refused = validate_folder(a.folder)
    seconds = time.perf_counter() - start
    print(rule_table(found))
    flagged = sum(1 for f in found.values() if f)
    errors = sum(1 for f in found.values() if any(x.severity is Severity.ERROR for x in f))
    print(
        f"\n{len(found)} filings validated in {seconds:.1f}s; {flagged} with a finding, "
        f"{errors} with an error; {len(refused)} refused by the reader"
    )
    for line in refused:
        print(f"  refused {line}", file=sys.stderr)
    if a.examples:
        print("\n" + examples(found, a.examples))
    if a.pdf:
        report_pdfs(a.folder.parent / "pdf", found, a.examples)
    if a.misreads:
        print("\nOne misread value at a time, on the real filings:")
        print(misread_table(a.folder))
    return 0


def report_pdfs(folder: Path, truth: dict[str, list[Finding]], per_code: int) -> None:
    start = time.perf_counter()
    pdf = validate_pdfs(folder, sorted(truth))
    seconds = time.perf_counter() - start
    extra = not_in_truth(pdf, truth)
    print(f"\nPDF extractions ({len(pdf)} filings, {seconds:.1f}s):")
    print(rule_table(pdf))
    count = sum(len(f) for f in extra.values())
    print(f"\n{count} findings in {len(extra)} filings not raised by the truth XML:")
    print(rule_table(extra))
    if per_code:
        print("\n" + examples(extra, per_code))


if __name__ == "__main__":
    raise SystemExit(main())
