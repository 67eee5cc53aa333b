"""The synthetic-filing generator: deterministic, valid, and varied enough to stress a reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from pydantic import BaseModel

from extractor.edgar.render import filing_to_html
from extractor.model.codes import FormType
from extractor.model.filing import Fact, Filing
from tests.conftest import SHARED
from tests.synth import filings, make_filing

SEEDS = range(200)


def _facts(node: Any) -> Iterator[Fact[Any]]:
    """Every Fact inside a model, depth first."""
    if isinstance(node, Fact):
        yield node
        return
    if isinstance(node, list):
        for item in node:
            yield from _facts(item)
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _facts(getattr(node, name))


def _rows(f: Filing) -> list[Any]:
    return [
        *f.non_derivative_transactions,
        *f.non_derivative_holdings,
        *f.derivative_transactions,
        *f.derivative_holdings,
    ]


@pytest.fixture(scope="module")
def sample() -> list[Filing]:
    return [make_filing(s) for s in SEEDS]


def test_same_seed_same_filing() -> None:
    assert make_filing(7) == make_filing(7)
    assert make_filing(7) != make_filing(8)


def test_footnote_ids_all_exist(sample: list[Filing]) -> None:
    for f in sample:
        known = {n.id for n in f.footnotes}
        used = {i for fact in _facts(f) for i in fact.footnote_ids}
        used |= {i for r in _rows(f) if getattr(r, "coding", None) for i in r.coding.footnote_ids}
        assert used <= known


def test_values_are_what_edgar_holds(sample: list[Filing]) -> None:
    for f in sample:
        for fact in _facts(f):
            if isinstance(fact.value, Decimal):
                assert fact.value >= 0
                assert -fact.value.as_tuple().exponent <= 4  # type: ignore[operator]
            if isinstance(fact.value, str):
                assert 0 < len(fact.value) <= 2000
        for row in _rows(f):
            assert len(row.security_title.value) <= 60  # EDGAR's limit
        assert len(f.non_derivative_transactions) + len(f.non_derivative_holdings) <= 30
        assert f.signatures and all(isinstance(s.date.value, date) for s in f.signatures)
        # The model's own validation accepts a round trip through JSON.
        assert Filing.model_validate_json(f.model_dump_json()) == f


def test_the_sample_is_varied(sample: list[Filing]) -> None:
    def count(test: Any) -> int:
        return sum(1 for f in sample if test(f))

    facts = [list(_facts(f)) for f in sample]
    assert count(lambda f: len(f.reporting_owners) > 1) >= 20
    assert count(lambda f: f.document_type.base_form == "5") >= 10
    assert count(lambda f: not f.non_derivative_transactions and not f.non_derivative_holdings) >= 5
    assert count(lambda f: not f.derivative_transactions and not f.derivative_holdings) >= 5
    assert count(lambda f: f.non_derivative_holdings and f.derivative_holdings) >= 5
    assert count(lambda f: len(f.non_derivative_transactions) >= 13) >= 10
    assert count(lambda f: len(f.footnotes) >= 8) >= 10
    assert count(lambda f: f.remarks.value is not None) >= 20
    assert count(lambda f: f.aff10b5one is not None) >= 10
    form5_rows = [
        r for f in sample for r in f.non_derivative_transactions
        if r.coding.form_type == FormType.FORM_5
    ]  # fmt: skip
    assert len(form5_rows) >= 10  # V column
    alone = [x for fs in facts for x in fs if x.value is None and x.footnote_ids]
    several = [x for fs in facts for x in fs if len(x.footnote_ids) >= 2]
    assert len(alone) >= 20 and len(several) >= 20
    places = {
        -x.value.as_tuple().exponent
        for fs in facts
        for x in fs
        if isinstance(x.value, Decimal)
    }  # fmt: skip
    assert {0, 1, 2, 3, 4} <= places


def test_form4_filings_validate_against_the_sec_schema(sample: list[Filing]) -> None:
    xsd = SHARED / "reference" / "ownership4Document.xsd"
    if not xsd.is_file():
        pytest.skip(f"{xsd} not found: the shared reference schema is needed")
    xmlschema = pytest.importorskip("xmlschema")
    from extractor.edgar.xml_write import filing_to_xml

    schema = xmlschema.XMLSchema(str(xsd))
    # X0306 has no aff10b5One; the 2023+ filings use a later schema not stored here.
    checked = [f for f in sample if f.document_type.base_form == "4" and f.aff10b5one is None]
    assert len(checked) >= 50
    for f in checked:
        schema.validate(filing_to_xml(f))


@settings(max_examples=25, deadline=None, database=None)
@given(filings())
def test_every_marker_is_printed(filing: Filing) -> None:
    sups = re.findall(r"<sup>(.*?)</sup>", filing_to_html(filing))
    printed = {m for s in sups for m in re.findall(r"\((\d+)\)", s)}
    used = {i[1:] for fact in _facts(filing) for i in fact.footnote_ids}
    assert used <= printed
