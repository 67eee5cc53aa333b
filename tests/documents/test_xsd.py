"""Written XML validates against the SEC's X0306 Form 4 schema.

A corpus filing qualifies when its truth could: it is a Form 4 and uses only elements
the schema declares (later schema versions add `aff10b5One`, which X0306 lacks).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from _pytest.mark import ParameterSet
from lxml import etree

from extractor.edgar.xml_read import read_ownership_file
from extractor.edgar.xml_write import filing_to_xml
from tests.conftest import SHARED, corpus_files

REFERENCE = SHARED / "reference"
FORM4_XSD = REFERENCE / "ownership4Document.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"


@cache
def declared_elements() -> frozenset[str]:
    """Names of every element the Form 4 schema and the schemas it includes declare."""
    names: set[str] = set()
    for xsd in REFERENCE.glob("*.xsd"):
        names.update(el.get("name", "") for el in etree.parse(str(xsd)).iter(f"{XS}element"))
    return frozenset(names)


def qualifies(path: Path) -> bool:
    root = etree.parse(str(path)).getroot()
    if (root.findtext("documentType") or "").strip() != "4":
        return False  # the schema's DOCUMENT_TYPE pattern is "4"
    tags = {str(el.tag) for el in root.iter() if isinstance(el.tag, str)}
    return tags <= declared_elements()


def _qualifying() -> list[Path | ParameterSet]:
    if not FORM4_XSD.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{FORM4_XSD} not found"))]
    files: list[Path | ParameterSet] = [p for p in corpus_files("xml", "*.xml") if qualifies(p)]
    return files or [pytest.param(None, marks=pytest.mark.skip(reason="no corpus XML found"))]


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FORM4_XSD)))


@pytest.mark.corpus
@pytest.mark.parametrize("path", _qualifying(), ids=lambda p: p.stem if p else "none")
def test_written_form4_validates(path: Path, schema: etree.XMLSchema) -> None:
    written = etree.fromstring(filing_to_xml(read_ownership_file(path)))
    if not schema.validate(written):
        pytest.fail(f"schema errors:\n{schema.error_log}")


def test_aff10b5one_is_what_disqualifies(tmp_path: Path) -> None:
    """The qualifying rule itself: the same Form 4 with `aff10b5One` does not qualify."""
    if not FORM4_XSD.is_file():
        pytest.skip(f"{FORM4_XSD} not found")
    body = "<documentType>4</documentType><issuer/><reportingOwner/>"
    plain, newer = tmp_path / "plain.xml", tmp_path / "newer.xml"
    plain.write_text(f"<ownershipDocument>{body}</ownershipDocument>")
    newer.write_text(f"<ownershipDocument>{body}<aff10b5One>1</aff10b5One></ownershipDocument>")
    assert qualifies(plain)
    assert not qualifies(newer)
