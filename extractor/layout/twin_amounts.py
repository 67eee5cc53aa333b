"""An OCR'd amount that Table II prints twice, put back from its surer reading.

A derivative transaction prints its amount twice: the derivative securities acquired or
disposed of (column 5) and the underlying securities they stand for (column 7, "Amount
or Number of Shares"), one for one for an option, a unit or a convertible share. A fax
garbles one reading and not the other ("12,500" read "13,500" beside a clear "12,500";
"3,051,600" read "3051.600"; a count read as letters). When the two readings differ and
one is unsure while the other is sure, the unsure one is the misreading: it is put back
from the sure one, with a finding; so is one read as no amount at all, from a twin read
fairly surely (surely, when the title names a security that may convert at another
ratio: preferred stock, a warrant, a note). Two sure readings that differ (a warrant
for half a share) are both left as read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.layout import ocr_repair
from extractor.model.filing import DerivativeTransaction, Fact, Filing
from extractor.model.result import Finding

# A reading less sure than this is open to doubt; the twin it is put back from is read
# at least _SURE, or at least _AHEAD surer when the two differ in a digit or two (a "3"
# and a "4" differ by a fax's lost stroke). Two readings of the same digits that differ
# only in their separators are one amount: the surer reading stands, however sure.
_UNSURE = 0.6
_SURE = 0.8
_AHEAD = 0.1
_CLOSE_DIGITS = 2


def with_twin_amounts(filing: Filing) -> list[Finding]:
    """Each derivative transaction's amount or underlying amount put back, in place, from
    its twin where the one is an unsure misreading of the other (see the module's
    docstring); the findings record each change."""
    findings: list[Finding] = []
    for at, row in enumerate(filing.derivative_transactions):
        found = _twin_repair(row, at)
        if found is not None:
            findings.append(found)
    return findings


def _twin_repair(row: DerivativeTransaction, at: int) -> Finding | None:
    shares, under = row.shares, row.underlying_shares
    one_for_one = not _CONVERTS.search(row.security_title.value or "")
    if _put_back(shares, under, one_for_one):
        row.shares = _taken(shares, under)
        return _finding(shares, under, f"derivative_transactions[{at}].shares")
    if _put_back(under, shares, one_for_one):
        row.underlying_shares = _taken(under, shares)
        return _finding(under, shares, f"derivative_transactions[{at}].underlying_shares")
    return _third_witness(row, at)


# Two sure readings a digit apart (a 300 dpi "5" read as a "9", "4983" beside "4583"):
# the row's holding after it, read the same as one of them, is a third witness. A true
# pair that differs (a warrant for half a share) is seldom a digit apart, nor the holding
# the same as one of them.
_WITNESS_DIGITS = 1


def _third_witness(row: DerivativeTransaction, at: int) -> Finding | None:
    """The twin that differs from the other by a digit put back from it, when the row's
    holding after it reads the same as the other."""
    shares, under, held = row.shares, row.underlying_shares, row.shares_owned_following.value
    a, b = shares.provenance, under.provenance
    if a is None or b is None or a.source != "ocr" or b.source != "ocr" or held is None:
        return None
    if shares.value is None or under.value is None or shares.value == under.value:
        return None
    if not _close(shares.value, under.value, _WITNESS_DIGITS):
        return None
    if held == shares.value:
        row.underlying_shares = _taken(under, shares)
        return _finding(
            under, shares, f"derivative_transactions[{at}].underlying_shares", _BY_THREE
        )
    if held == under.value:
        row.shares = _taken(shares, under)
        return _finding(shares, under, f"derivative_transactions[{at}].shares", _BY_THREE)
    return None


# A security that may convert at another ratio than one for one: in the corpus, the two
# amounts of 33 of 85 rows so titled differ (a preferred share for five common ones),
# of the other rows 1 in 244.
_CONVERTS = re.compile(r"(?i)preferred|warrant|convertible|\bnotes?\b|debenture|series")


def _put_back(doubt: Fact[Decimal], twin: Fact[Decimal], one_for_one: bool) -> bool:
    """Whether `doubt` is an unsure OCR misreading of the sure amount `twin`; one read as
    no amount is, beside a twin read fairly surely, in a row whose title is
    `one_for_one` (no convertible security)."""
    a, b = doubt.provenance, twin.provenance
    if a is None or b is None or a.source != "ocr" or twin.value is None:
        return False
    if doubt.value == twin.value or (doubt.value is None and doubt.raw is None):
        return False
    if doubt.value is None and one_for_one:
        # printed but no amount ("' wie", "Ls": a fax's broken digits read as letters),
        # however sure Tesseract was of its letters: the twin read fairly surely is the
        # amount; a security that converts at a ratio of its own (see _CONVERTS) takes
        # it only on the terms below, a sure twin beside an unsure reading
        return b.confidence >= _UNSURE
    if b.confidence <= a.confidence:
        return False
    if doubt.value is not None and ocr_repair.amount_digits(
        doubt.value
    ) == ocr_repair.amount_digits(twin.value):
        return True  # a comma read as a stop ("3,051,600" as "3051.600"): the surer stands
    if a.confidence >= _UNSURE:
        return False
    close = doubt.value is not None and _close(doubt.value, twin.value)
    return b.confidence >= _SURE or (close and b.confidence >= a.confidence + _AHEAD)


def _close(read: Decimal, twin: Decimal, most: int = _CLOSE_DIGITS) -> bool:
    """Whether two amounts hold as many digits, at most `most` of them different."""
    apart = ocr_repair.digits_apart(read, twin)
    return apart is not None and apart <= most


def _taken(doubt: Fact[Decimal], twin: Fact[Decimal]) -> Fact[Decimal]:
    """`doubt` with the twin's value, its footnotes and box kept, as sure as its own
    reading was (the review still flags it)."""
    kept = doubt.provenance.model_copy() if doubt.provenance is not None else None
    return Fact[Decimal](value=twin.value, footnote_ids=doubt.footnote_ids, provenance=kept)


_SURER = "the same amount printed surer in the same row"
_BY_THREE = "the same amount printed in the same row, and read so as the holding after it"


def _finding(doubt: Fact[Decimal], twin: Fact[Decimal], path: str, why: str = _SURER) -> Finding:
    prov = doubt.provenance
    read = doubt.raw if doubt.value is None else str(doubt.value)
    page, box = (prov.page, prov.box) if prov is not None else (None, None)
    return ocr_repair.corrected(path, read or "", str(twin.value), why, page, box)
