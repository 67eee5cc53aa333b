"""What a printed form shows of a filing, as a flat dict, to compare a filing with a reading.

EDGAR's page does not print CIKs, the schema version, state descriptions or the
timeliness letter, prints form type 4 as an empty V column and an absent check box like
an unchecked one; numbers are printed without trailing zeros and text with its white space
collapsed. Two filings that print the same page have equal `printed_facts`.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from extractor.model.filing import Filing

NOT_PRINTED = {"provenance", "raw", "cik", "ccc", "state_description", "schema_version"}


def _norm(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFKC", value).split())
    if hasattr(value, "value"):  # an enum
        return value.value
    return value


def _walk(node: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(node, dict):
        if set(node) >= {"value", "footnote_ids"}:  # a Fact
            if node["value"] is not None and not path.endswith("timeliness"):
                out[path] = _norm(node["value"])
            if node["footnote_ids"]:
                out[path + "#fn"] = sorted(node["footnote_ids"])
            return
        for key, child in node.items():
            if key not in NOT_PRINTED:
                _walk(child, f"{path}.{key}" if path else key, out)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            _walk(child, f"{path}[{i}]", out)
    elif path.endswith("form_type"):
        if _norm(node) == "5":  # prints as V; 3 and 4 print nothing
            out[path] = "V"
    elif path.endswith("footnote_ids"):
        if node:
            out[path] = sorted(node)
    elif node not in (None, False):
        out[path] = _norm(node)


def printed_facts(filing: Filing) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _walk(filing.model_dump(), "", out)
    return out


def differences(expected: Filing, got: Filing) -> list[str]:
    """Readable lines for every printed fact that differs."""
    a, b = printed_facts(expected), printed_facts(got)
    return [
        f"{k}: expected {a.get(k)!r}, got {b.get(k)!r}"
        for k in sorted(set(a) | set(b))
        if a.get(k) != b.get(k)
    ]
