"""Every corpus XML read, written back and scored against itself by the corpus scorer.

The scorer (`shared/tools/score_xml.py`) decides what counts as a fact, so a failure
lists the facts that differ exactly as the project's measurement would see them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from _pytest.mark import ParameterSet

from extractor.edgar.xml_read import read_ownership_file, read_ownership_xml
from extractor.edgar.xml_write import filing_to_xml
from tests.conftest import CORPUS, SCORER, corpus_dir, corpus_files

XML_FILES: list[Path | ParameterSet] = [*corpus_files("xml", "*.xml")] or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"{CORPUS / 'xml'} not found"))
]

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} not found: the corpus scorer is needed")
    spec = importlib.util.spec_from_file_location("score_xml", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: p.stem if p else "none")
def test_written_xml_scores_exact_against_truth(path: Path, scorer: ModuleType) -> None:
    written = filing_to_xml(read_ownership_file(path))
    tally = scorer.Tally()
    exact, misses = scorer.score_pair(scorer.load(path), ET.fromstring(written), tally)
    assert exact, f"{len(misses)} facts differ:\n" + "\n".join(misses)


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: p.stem if p else "none")
def test_reading_the_written_xml_gives_the_same_model(path: Path) -> None:
    filing = read_ownership_file(path)
    assert read_ownership_xml(filing_to_xml(filing), f"{path.stem}.written.xml") == filing


@pytest.mark.slow
def test_scorer_command_on_the_whole_corpus(tmp_path: Path) -> None:
    """The measurement as a user runs it: the scorer's own command over a folder."""
    truth = corpus_dir("xml")
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} not found: the corpus scorer is needed")
    for path in sorted(truth.glob("*.xml")):
        (tmp_path / f"{path.stem}.xml").write_bytes(filing_to_xml(read_ownership_file(path)))
    done = subprocess.run(
        [sys.executable, str(SCORER), str(truth), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    last = done.stdout.strip().splitlines()[-1]
    assert last == "score: facts F1 1.0000, footnote links F1 1.0000, filings exact 1.0000"
