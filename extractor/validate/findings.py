"""Build findings, and show them to a person (table) or a program (JSON).

A finding copies page and box from the Fact it is about, so the review page can draw a
box round the value a reviewer has to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from extractor.model.filing import Fact
from extractor.model.result import Finding, Severity

FailOn = Literal["error", "warning", "never"]

# Order used for sorting and for the exit-code decision: the most serious first.
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def finding(
    code: str,
    severity: Severity,
    message: str,
    path: str | None = None,
    fact: Fact[Any] | None = None,
) -> Finding:
    """A finding about `path`; page and box come from the fact's provenance when it has one."""
    provenance = fact.provenance if fact is not None else None
    return Finding(
        code=code,
        severity=severity,
        message=message,
        path=path,
        page=provenance.page if provenance is not None else None,
        box=provenance.box if provenance is not None else None,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; stable within a severity (document order)."""
    return sorted(findings, key=lambda f: _RANK[f.severity])


def should_fail(findings: Iterable[Finding], fail_on: FailOn | str) -> bool:
    """The CLI exit decision: fail on any error ('error'), any error or warning ('warning')."""
    if fail_on == "never":
        return False
    if fail_on not in ("error", "warning"):
        raise ValueError(f"fail_on must be 'error', 'warning' or 'never', not {fail_on!r}")
    threshold = _RANK[Severity(fail_on)]
    return any(_RANK[f.severity] <= threshold for f in findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for item in findings:
        counts[item.severity] += 1
    return counts


def _location(item: Finding) -> str:
    if item.page is None:
        return ""
    if item.box is None:
        return f"p{item.page}"
    x0, top, _, _ = item.box
    return f"p{item.page} ({x0:.0f},{top:.0f})"


def findings_to_table(findings: Iterable[Finding]) -> str:
    """A plain-text table (severity, code, where, message) with a summary line."""
    ordered = sort_findings(findings)
    rows = [(f.severity.value, f.code, f.path or "", _location(f), f.message) for f in ordered]
    if not rows:
        return "No findings."
    header = ("severity", "code", "field", "page", "message")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [
        _table_line(header, widths),
        _table_line((*("-" * w for w in widths), "-------"), widths),
    ]
    lines += [_table_line(r, widths) for r in rows]
    counts = count_by_severity(ordered)
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items())
    return "\n".join([*lines, "", f"{len(rows)} findings: {summary}"])


def _table_line(cells: tuple[str, ...], widths: list[int]) -> str:
    padded = [cell.ljust(width) for cell, width in zip(cells[:4], widths, strict=True)]
    return "  ".join([*padded, cells[4]]).rstrip()


def findings_to_json(findings: Iterable[Finding], indent: int | None = 2) -> str:
    """A JSON array of findings, errors first, in the Finding model's own field names."""
    items = [f.model_dump(mode="json") for f in sort_findings(findings)]
    return json.dumps(items, indent=indent)
