"""`form4 extract`, `batch`, `schema` on EDGAR XML through the real command."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from extractor.errors import EXIT_PARTIAL
from tests.cli.conftest import run_form4


def test_extract_xml_prints_edgar_xml(good_xml: Path) -> None:
    proc = run_form4("extract", good_xml, "--format", "xml")
    assert proc.returncode == 0, proc.stderr
    root = etree.fromstring(proc.stdout.encode())
    assert root.tag == "ownershipDocument"
    assert root.findtext("issuer/issuerTradingSymbol") == "EXW"
    price = root.find(
        "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts/transactionPricePerShare"
    )
    assert price is not None and price.findtext("value") == "12.50"
    assert [f.get("id") for f in price.findall("footnoteId")] == ["F1"]


def test_extract_json_to_file(good_xml: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    proc = run_form4("extract", good_xml, "-o", out)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["status"] == "success"
    row = data["filing"]["non_derivative_transactions"][0]
    assert row["shares"]["value"] == "1000"  # Decimal as a string, never a float
    assert row["transaction_date"]["value"] == "2021-03-01"


def test_batch_converts_the_good_and_counts_the_bad(good_xml: Path, tmp_path: Path) -> None:
    folder = good_xml.parent
    (folder / "broken.xml").write_bytes(b"<ownershipDocument>")
    (folder / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    proc = run_form4("batch", folder, "--out", out, "--formats", "xml,json", "--workers", "2")
    assert proc.returncode == EXIT_PARTIAL, proc.stderr
    assert (out / "xml" / "good-filing.xml").is_file()
    assert (out / "json" / "good-filing.json").is_file()
    assert not (out / "xml" / "broken.xml").exists()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == 3
    assert summary["by_status"]["failed"] == 2
    assert {f["source"].rsplit("/", 1)[-1] for f in summary["failures"]} == {
        "broken.xml",
        "empty.pdf",
    }
    assert "broken.xml" in proc.stderr and "empty.pdf" in proc.stderr
    assert not list(out.rglob("*.part")), "no temporary file may be left behind"


def test_schema_is_the_filing_json_schema() -> None:
    proc = run_form4("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "Filing"
    assert "non_derivative_transactions" in schema["properties"]
