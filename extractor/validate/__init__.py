"""Validation: the Form 4 rules and what they find."""

from extractor.validate.findings import (
    count_by_severity,
    findings_to_json,
    findings_to_table,
    should_fail,
    sort_findings,
)
from extractor.validate.rules import RULES, validate_filing

__all__ = [
    "RULES",
    "count_by_severity",
    "findings_to_json",
    "findings_to_table",
    "should_fail",
    "sort_findings",
    "validate_filing",
]
