"""OCR'd security titles that open with a bracket: a fax's "C" read as "(".

A title of a security opens with a word ("Common Stock", "Class A ..."), never with a
bracket, and a faxed capital "C" keeps only its bowl, which OCR reads as "(": "(lass A
Common Stock", "(ommon Stock". A bracket before small letters is put back as the "C"
it is; one before a capital ("(Common Stock") is a speck read as a bracket, dropped.
"""

from __future__ import annotations

import re

from extractor.layout import ocr_repair
from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding

_OPEN_SMALL = re.compile(r"^[(\[{]([a-z])")
_OPEN_CAPITAL = re.compile(r"^[(\[{](?=[A-Z][a-z])")


def with_titles_repaired(filing: Filing) -> tuple[Filing, list[Finding]]:
    """`filing` with each OCR'd title (of a row or of its underlying security) that
    opens with a bracket repaired in place (see the module's doc), and a finding each."""
    findings: list[Finding] = []
    for row in filing.table_rows():
        for name in ("security_title", "underlying_title"):
            fact = getattr(row, name, None)
            if not isinstance(fact, Fact):
                continue
            fixed = _repaired(fact)
            if fixed is not None:
                findings.append(_finding(name, fact, fixed))
                setattr(row, name, fixed)
    return filing, findings


def _repaired(fact: Fact[str]) -> Fact[str] | None:
    prov = fact.provenance
    if not isinstance(fact.value, str) or prov is None or prov.source != "ocr":
        return None
    value = _OPEN_CAPITAL.sub("", _OPEN_SMALL.sub(r"C\1", fact.value))
    if value == fact.value:
        return None
    return Fact(value=value, footnote_ids=fact.footnote_ids, provenance=prov)


def _finding(name: str, read: Fact[str], taken: Fact[str]) -> Finding:
    prov = read.provenance
    return ocr_repair.corrected(
        name.replace("_", " "),
        str(read.value),
        str(taken.value),
        "a title opens with a word: a fax's 'C' reads as '('",
        prov.page if prov else None,
        prov.box if prov else None,
    )
