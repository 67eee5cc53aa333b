"""Everything outside Tables I and II, read from the corpus PDFs and compared with the
EDGAR XML they show: form, dates, check boxes, issuer, every reporting owner, footnote
texts, remarks and signatures.

The truth is read straight from the XML with lxml (not with the product's reader) and
compared as the scorer compares it: text after NFKC with white space collapsed, dates as
ISO, check boxes as booleans (absent = false).

Three files print a street with two words kerned to a 1.2 pt gap ("SAHARA AVENUE" at
13 pt): they guard the text layer's word split on advance boxes.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from extractor.layout.footnotes import regions_to_footnotes
from extractor.layout.header import regions_to_header
from extractor.layout.regions import pages_to_regions
from extractor.layout.template import load_template
from extractor.model.filing import Fact
from extractor.sources.pdf_text import pdf_to_pages
from tests.conftest import CORPUS, corpus_files

pytestmark = pytest.mark.corpus
PDFS = corpus_files("pdf", "*.pdf")

_DOC = [
    ("form", "documentType", "text"),
    ("period", "periodOfReport", "date"),
    ("original_filed", "dateOfOriginalSubmission", "date"),
    ("not_subject_16", "notSubjectToSection16", "bool"),
    ("rule_10b5_1", "aff10b5One", "bool"),
    ("issuer_name", "issuer/issuerName", "text"),
    ("ticker", "issuer/issuerTradingSymbol", "text"),
    ("remarks", "remarks", "text"),
]
_OWNER = [
    ("name", "reportingOwnerId/rptOwnerName", "text"),
    ("street1", "reportingOwnerAddress/rptOwnerStreet1", "text"),
    ("street2", "reportingOwnerAddress/rptOwnerStreet2", "text"),
    ("city", "reportingOwnerAddress/rptOwnerCity", "text"),
    ("state", "reportingOwnerAddress/rptOwnerState", "text"),
    ("zip", "reportingOwnerAddress/rptOwnerZipCode", "text"),
    ("director", "reportingOwnerRelationship/isDirector", "bool"),
    ("officer", "reportingOwnerRelationship/isOfficer", "bool"),
    ("ten_percent", "reportingOwnerRelationship/isTenPercentOwner", "bool"),
    ("other", "reportingOwnerRelationship/isOther", "bool"),
    ("officer_title", "reportingOwnerRelationship/officerTitle", "text"),
    ("other_text", "reportingOwnerRelationship/otherText", "text"),
]


def _norm(text: str | None, kind: str) -> str:
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()
    if kind == "date":
        return t[:10]
    if kind == "bool":
        return "1" if t.lower() in ("1", "true") else ""
    return t


def _truth(xml: Path) -> dict[str, str]:
    raw = xml.read_bytes()
    m = re.search(rb"<ownershipDocument>.*</ownershipDocument>", raw, re.S)
    root = etree.fromstring(m.group(0) if m else raw)
    facts = {k: _norm(root.findtext(p), kind) for k, p, kind in _DOC}
    for i, owner in enumerate(root.findall("reportingOwner")):
        for k, p, kind in _OWNER:
            facts[f"owner{i}.{k}"] = _norm(owner.findtext(p), kind)
    for fn in root.findall("footnotes/footnote"):
        facts[f"footnote.{fn.get('id')}"] = _norm("".join(str(t) for t in fn.itertext()), "text")
    for i, sig in enumerate(root.findall("ownerSignature")):
        facts[f"signature{i}.name"] = _norm(sig.findtext("signatureName"), "text")
        facts[f"signature{i}.date"] = _norm(sig.findtext("signatureDate"), "date")
    return facts


def _text(f: Fact[str]) -> str:
    return _norm(f.value, "text")


def _date(f: Fact[date]) -> str:
    return f.value.isoformat() if f.value else ""


def _bool(b: bool | None) -> str:
    return "1" if b else ""


def _predicted(pdf: Path) -> dict[str, str]:
    template = load_template()
    pages = pdf_to_pages(pdf)
    regions = pages_to_regions(pages, template)
    h = regions_to_header(pages, regions, template)
    notes = regions_to_footnotes(pages, regions, template)
    facts = {
        "form": h.document_type.value if h.document_type else "",
        "period": _date(h.period_of_report),
        "original_filed": _date(h.date_of_original_submission),
        "not_subject_16": _bool(h.not_subject_to_section16),
        "rule_10b5_1": _bool(h.aff10b5one),
        "issuer_name": _text(h.issuer.name),
        "ticker": _text(h.issuer.trading_symbol),
        "remarks": _text(h.remarks),
    }
    for i, o in enumerate(h.reporting_owners):
        a, r = o.address, o.relationship
        got = {
            "name": _text(o.name),
            "street1": _text(a.street1),
            "street2": _text(a.street2),
            "city": _text(a.city),
            "state": _text(a.state),
            "zip": _text(a.zip_code),
            "director": _bool(r.is_director),
            "officer": _bool(r.is_officer),
            "ten_percent": _bool(r.is_ten_percent_owner),
            "other": _bool(r.is_other),
            "officer_title": _text(r.officer_title),
            "other_text": _text(r.other_text),
        }
        facts.update({f"owner{i}.{k}": v for k, v in got.items()})
    for fn in notes.footnotes:
        facts[f"footnote.{fn.id}"] = _norm(fn.text, "text")
    for i, s in enumerate(h.signatures):
        facts[f"signature{i}.name"] = _text(s.name)
        facts[f"signature{i}.date"] = _date(s.date)
    return facts


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_header_footnotes_and_signatures_match_the_xml(pdf: Path) -> None:
    truth = _truth(CORPUS / "xml" / f"{pdf.stem}.xml")
    got = _predicted(pdf)
    diffs = {
        k: (truth.get(k, ""), got.get(k, ""))
        for k in sorted(set(truth) | set(got))
        if truth.get(k, "") != got.get(k, "")
    }
    assert not diffs, "\n".join(f"{k}: {t!r} != {g!r}" for k, (t, g) in diffs.items())
