"""A reviewer's correction: one field path, one new value, checked by the Filing model.

Paths are the ones findings use: `non_derivative_transactions[0].shares`,
`issuer.trading_symbol`, `reporting_owners[0].relationship.is_director`. A path that
ends at a Fact sets its value (and clears `raw`, the unparsed print it replaces); a path
that ends at a plain field sets that field. The whole filing is validated again, so a
value the model refuses (a date that is not one, a code not in the list) is refused here.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from extractor.model.filing import Filing

_STEP = re.compile(r"(?:^|\.)([A-Za-z_][A-Za-z0-9_]*)|\[(\d{1,6})\]")
_FACT_KEYS = {"value", "footnote_ids", "raw", "provenance"}
Json = Any  # a JSON value: None, bool, int, float, str, list, dict


class CorrectionError(ValueError):
    """A path that names no field, or a value the filing model refuses (HTTP 422)."""


def parse_path(path: str) -> list[str | int]:
    """`a.b[0].c` into ['a', 'b', 0, 'c']; CorrectionError when it is not that shape."""
    steps: list[str | int] = []
    pos = 0
    for match in _STEP.finditer(path):
        if match.start() != pos:
            break
        name, index = match.groups()
        steps.append(name if name is not None else int(index))
        pos = match.end()
    if not steps or pos != len(path) or not isinstance(steps[0], str):
        raise CorrectionError(f"{path!r} is not a field path like 'issuer.name' or 'rows[0].x'")
    return steps


def is_fact(node: object) -> bool:
    return isinstance(node, dict) and set(node) == _FACT_KEYS


def apply_correction(filing: Filing, path: str, value: Json) -> tuple[Filing, Json, Json]:
    """The corrected filing, the old value and the new value as the model holds it."""
    steps = parse_path(path)
    data = filing.model_dump(mode="json")
    parent = _walk(data, steps[:-1], path)
    last = steps[-1]
    target = _child(parent, last, path)
    if is_fact(target):
        old = target["value"] if target["value"] is not None else target["raw"]
        target.update(value=value, raw=None)
    elif isinstance(target, dict) or (isinstance(target, list) and not isinstance(value, list)):
        raise CorrectionError(f"{path} is a group of fields, not one value")
    else:
        old = target
        parent[last] = value
    try:
        corrected = Filing.model_validate(data)
    except ValidationError as exc:
        raise CorrectionError(_explain(path, value, exc)) from None
    return corrected, old, read_value(corrected, path)


def read_value(filing: Filing, path: str) -> Json:
    """The value at `path` (a Fact's value, or the plain field) as JSON."""
    steps = parse_path(path)
    node = _walk(filing.model_dump(mode="json"), steps, path)
    return node["value"] if is_fact(node) else node


def _walk(node: Json, steps: list[str | int], path: str) -> Json:
    for step in steps:
        node = _child(node, step, path)
    return node


def _child(node: Json, step: str | int, path: str) -> Json:
    if isinstance(step, int):
        if isinstance(node, list) and 0 <= step < len(node):
            return node[step]
        raise CorrectionError(f"{path}: no row [{step}] there")
    if isinstance(node, dict) and step in node and not (is_fact(node) and step == "provenance"):
        return node[step]
    raise CorrectionError(f"{path}: the filing has no field {step!r} there")


def _explain(path: str, value: Json, exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{path}: {value!r} is refused: {err['msg']}"
