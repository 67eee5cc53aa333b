"""The period of report of a Form 4 whose box 3 OCR could not read, from its tables.

Box 3 of a Form 4 prints the "Date of Earliest Transaction": the earliest of the
transaction dates its tables print (so in all but a few filings of the corpus; a
Form 5 prints the fiscal year's end there instead). A fax garbles the box's small
date past reading more often than the tables' dates, which a filing of many lots
repeats; when the box gives none, the earliest date the tables give is the period,
with a finding for a reviewer to check against the page.

The other way round: when box 3 gives the period and no transaction date the tables
read is that date, the earliest transaction is one whose date OCR could not read; when
only one is unread, its date is the period (`with_date_from_period`).
"""

from __future__ import annotations

from datetime import date

from extractor.layout import ocr_repair
from extractor.model.filing import Fact, Filing
from extractor.model.result import Finding


def with_period_from_tables(filing: Filing) -> tuple[Filing, list[Finding]]:
    """`filing` with an unread period of a Form 4 set, in place, to the earliest
    transaction date its tables print (see the module's doc), and a finding; any
    other filing as it is."""
    period = filing.period_of_report
    if filing.document_type.base_form != "4" or period.value is not None:
        return filing, []
    rows = [*filing.non_derivative_transactions, *filing.derivative_transactions]
    dates = [r.transaction_date for r in rows if isinstance(r.transaction_date.value, date)]
    if not dates:
        return filing, []
    earliest = min(dates, key=lambda f: f.value or date.max)
    filing.period_of_report = Fact(value=earliest.value, provenance=earliest.provenance)
    prov = earliest.provenance
    finding = ocr_repair.corrected(
        "period_of_report",
        period.raw or "",
        str(earliest.value),
        "box 3 unread: the earliest transaction date the tables print",
        prov.page if prov else None,
        prov.box if prov else None,
    )
    return filing, [finding]


def with_date_from_period(filing: Filing) -> list[Finding]:
    """`filing` (a Form 4) with its one unread transaction date set, in place, to the
    period of report when no date the tables read is the period (see the module's
    doc), and a finding; nothing done otherwise."""
    period = filing.period_of_report.value
    if filing.document_type.base_form != "4" or not isinstance(period, date):
        return []
    rows = [*filing.non_derivative_transactions, *filing.derivative_transactions]
    read = [r.transaction_date.value for r in rows if isinstance(r.transaction_date.value, date)]
    unread = [r for r in rows if not isinstance(r.transaction_date.value, date)]
    if len(unread) != 1 or period in read:
        return []
    cell = unread[0].transaction_date
    prov = cell.provenance
    unread[0].transaction_date = Fact(value=period, footnote_ids=cell.footnote_ids, provenance=prov)
    why = "the one transaction date unread, and no other is box 3's earliest date"
    page, box = (prov.page, prov.box) if prov else (None, None)
    return [ocr_repair.corrected("transaction_date", cell.raw or "", str(period), why, page, box)]
