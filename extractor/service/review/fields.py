"""The fields of a filing as the review page shows them: path, value, box and findings.

Every Fact is a field, and so is every plain value (a checkbox of box 5, a footnote's
text): an XML upload has no boxes, and the page lists its fields instead. A finding
belongs to a field when its path is the field's path or a row or group that holds it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from extractor.model.filing import Filing, Provenance
from extractor.model.result import Finding
from extractor.service.corrections import is_fact


class ReviewField(BaseModel):
    path: str
    value: Any = None
    raw: str | None = None
    footnote_ids: list[str] = Field(default_factory=list)
    provenance: Provenance | None = None
    findings: list[Finding] = Field(default_factory=list)


def review_fields(filing: Filing, findings: list[Finding]) -> list[ReviewField]:
    fields = list(_walk(filing.model_dump(mode="json"), "", None))
    for field in fields:
        field.findings = [f for f in findings if f.path and _covers(f.path, field.path)]
    return fields


def _covers(owner: str, path: str) -> bool:
    return path == owner or path.startswith((owner + ".", owner + "["))


def _walk(node: Any, path: str, prov: Any) -> list[ReviewField]:
    if is_fact(node):
        return [_fact_field(node, path)]
    if isinstance(node, dict):
        here_prov = node.get("provenance", prov)  # a footnote's text uses the footnote's box
        out: list[ReviewField] = []
        for key, child in node.items():
            if key != "provenance":
                out += _walk(child, f"{path}.{key}" if path else key, here_prov)
        return out
    if isinstance(node, list):
        if node and all(isinstance(x, dict) for x in node):
            return [f for i, x in enumerate(node) for f in _walk(x, f"{path}[{i}]", prov)]
        return [ReviewField(path=path, value=node)] if node else []
    if node is None:
        return []
    return [ReviewField(path=path, value=node, provenance=prov)]


def _fact_field(node: dict[str, Any], path: str) -> ReviewField:
    return ReviewField(
        path=path,
        value=node["value"],
        raw=node["raw"],
        footnote_ids=node["footnote_ids"],
        provenance=node["provenance"],
    )
