"""Flat tables and filings.jsonl: one row per table row, keyed by source, page and accession."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extractor.batch.flat import accession_of, columns
from tests.batch.helpers import batch, form4_xml


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("/x/0000123456-21-000777.xml", "0000123456-21-000777"),
        ("a.zip!dir/0000654321-24-000090.pdf", "0000654321-24-000090"),
        ("/x/form-0000123456-21-000777-copy.pdf", "0000123456-21-000777"),
        ("/0000123456-21-000777/filing.xml", None),  # only the file's own name counts
        ("/x/00000123456-21-000777.xml", None),  # 11 digits: not an accession
        ("/x/report.xml", None),
    ],
)
def test_accession_comes_from_the_file_name_pattern(name: str, expected: str | None) -> None:
    assert accession_of(name) == expected


def test_tables_hold_one_row_per_transaction_with_exact_values(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet needs pyarrow (the 'parquet' extra)")
    import pyarrow.parquet as pq

    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"000000000{n}-21-00000{n}.xml").write_bytes(form4_xml(n))
    out = tmp_path / "out"
    batch(out, inputs)
    with (out / "tables" / "transactions.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == columns("transactions")
    assert sorted(r["shares"] for r in rows) == ["1000", "1001", "1002"]
    assert {r["accession"] for r in rows} == {f"000000000{n}-21-00000{n}" for n in range(3)}
    assert {r["price_per_share"] for r in rows} == {"12.50"}  # a Decimal as printed, no float
    assert all(r["kind"] == "non_derivative_transactions" and r["row"] == "0" for r in rows)
    assert {r["footnote_ids"] for r in rows} == {"F1"}
    parquet = pq.read_table(out / "tables" / "transactions.parquet").to_pylist()
    assert sorted(r["shares"] for r in parquet) == ["1000", "1001", "1002"]
    owners = pq.read_table(out / "tables" / "owners.parquet").to_pylist()
    assert [o["name"] for o in owners] == ["Doe Jane"] * 3
    footnotes = pq.read_table(out / "tables" / "footnotes.parquet")
    assert footnotes.num_rows == 3


def test_jsonl_lines_hold_the_keys_and_the_result(tmp_path: Path) -> None:
    (tmp_path / "f.xml").write_bytes(form4_xml(5))
    batch(tmp_path / "out", tmp_path / "f.xml")
    (line,) = [json.loads(x) for x in (tmp_path / "out" / "filings.jsonl").read_text().splitlines()]
    assert line["stem"] == "f" and line["accession"] is None and len(line["sha256"]) == 64
    assert line["result"]["status"] == "success"
    assert line["result"] == json.loads((tmp_path / "out" / "json" / "f.json").read_text())
