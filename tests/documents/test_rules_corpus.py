"""The rules on 292 real EDGAR filings: EDGAR accepted them, so no rule may call them wrong.

One justified exception, by mechanism: a filer who typed the wrong letter in the (A) or (D)
column ("S" with "A"). `code.direction` is then right, and the test proves it from the
filing itself: the owned-following amounts continue the previous row of the same holding
with the sign the code implies, not the sign printed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from extractor.edgar.xml_read import read_ownership_file
from extractor.model.codes import AcquiredDisposed, TransactionCode
from extractor.model.filing import Filing, NonDerivativeTransaction
from extractor.model.result import Finding, Severity
from extractor.validate import validate_filing
from extractor.validate.rules import iter_marker_lists
from tests.conftest import corpus_dir, corpus_files

XML_FILES = corpus_files("xml", "*.xml")
pytestmark = pytest.mark.corpus


def _same_holding(a: NonDerivativeTransaction, b: NonDerivativeTransaction) -> bool:
    return (
        a.security_title.value == b.security_title.value
        and a.ownership.direct_or_indirect.value == b.ownership.direct_or_indirect.value
        and a.ownership.nature_of_ownership.value == b.ownership.nature_of_ownership.value
    )


def _direction_typo(filing: Filing, item: Finding) -> bool:
    """The A/D letter contradicts the code, and the amounts side with the code."""
    if item.code != "code.direction" or not (item.path or "").startswith("non_derivative"):
        return False
    rows = filing.non_derivative_transactions
    index = int((item.path or "").split("[")[1].split("]")[0])
    row = rows[index]
    previous = [r for r in rows[:index] if _same_holding(r, row)]
    if not previous or row.shares.value is None or row.coding.code.value is None:
        return False
    before = previous[-1].shares_owned_following.value
    after = row.shares_owned_following.value
    if before is None or after is None:
        return False
    implied = {TransactionCode.P: Decimal(1), TransactionCode.S: Decimal(-1)}
    sign = implied.get(row.coding.code.value)
    if sign is None:
        return False
    printed = Decimal(1 if row.acquired_disposed.value == AcquiredDisposed.ACQUIRED else -1)
    return sign != printed and before + sign * row.shares.value == after


@pytest.mark.parametrize("path", XML_FILES, ids=[p.stem for p in XML_FILES])
def test_no_error_on_a_real_filing(path: Path) -> None:
    filing = read_ownership_file(path)
    errors = [f for f in validate_filing(filing) if f.severity is Severity.ERROR]
    unexplained = [f for f in errors if not _direction_typo(filing, f)]
    assert unexplained == [], "\n".join(f"{f.code}: {f.message}" for f in unexplained)


@pytest.mark.parametrize("path", XML_FILES, ids=[p.stem for p in XML_FILES])
def test_every_footnote_marker_in_the_xml_is_seen_by_the_footnote_rules(path: Path) -> None:
    # The footnote rules walk the model for markers; a place the walk misses would turn
    # into false "footnote.unreferenced" errors, or hide a marker without a footnote.
    in_xml = len(etree.parse(str(path)).getroot().findall(".//footnoteId"))
    seen = sum(len(ids) for _, ids in iter_marker_lists(read_ownership_file(path)))
    assert seen == in_xml


def test_the_corpus_is_there_to_check() -> None:
    # Guards against a silently empty parametrisation when the corpus moved.
    folder = corpus_dir("xml")
    assert len(list(folder.glob("*.xml"))) == len(XML_FILES) > 0
