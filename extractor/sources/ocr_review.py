"""Findings for values read by OCR with low confidence: what a reviewer should check.

Every fact read from a scan carries the confidence of its least sure word in its
Provenance; a fact under the threshold gets a WARNING naming its field path, the text
as read and where it is on the page, so a review tool can show the spot.
"""

from __future__ import annotations

from pydantic import BaseModel

from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding, Severity

# Tesseract's word confidence: under 0.80 a word is wrong about one time in four on the
# corpus's moderate and fax scans.
LOW_CONFIDENCE = 0.80


def low_confidence_findings(filing: Filing, threshold: float = LOW_CONFIDENCE) -> list[Finding]:
    """One WARNING per OCR-read fact whose confidence is under `threshold`."""
    out: list[Finding] = []
    for path, fact in _facts(filing, ""):
        prov = fact.provenance
        if prov is None or prov.source != "ocr" or prov.confidence >= threshold:
            continue
        shown = fact.raw if fact.raw is not None else fact.value
        out.append(
            Finding(
                code="ocr.low_confidence",
                severity=Severity.WARNING,
                message=f"{path} read as {shown!r} with OCR confidence {prov.confidence:.2f};"
                " check it against the page",
                path=path,
                page=prov.page,
                box=prov.box,
            )
        )
    return out


def _facts(node: object, path: str) -> list[tuple[str, Fact[object]]]:
    if isinstance(node, Fact):
        return [(path, node)]
    out: list[tuple[str, Fact[object]]] = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            out += _facts(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            out += _facts(item, f"{path}[{i}]")
    return out
