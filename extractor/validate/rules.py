"""The Form 4 rules: one function per rule, each returning the findings it raises.

Every rule takes a `Filing` and returns a list of `Finding`s with a stable `code`. Severity
follows what the rule can prove: ERROR when the filing cannot be right (EDGAR would suspend
it, or the form contradicts itself), WARNING when real, accepted filings sometimes do it
(e.g. lots of one security tracked on separate lines), INFO for things worth a look.
The severities were checked against 292 real EDGAR filings (`benchmarks/rules_on_corpus.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from extractor.model.codes import AcquiredDisposed, DirectIndirect, TransactionCode
from extractor.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)
from extractor.model.result import Finding, Severity
from extractor.validate.findings import finding

Transaction = NonDerivativeTransaction | DerivativeTransaction
Holding = NonDerivativeHolding | DerivativeHolding
Rule = Callable[[Filing], list[Finding]]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Row:
    """A table row with the words a reviewer uses for it and its path in the model."""

    label: str  # "Table I row 2", counted as printed: transactions first, then holdings
    path: str  # "non_derivative_transactions[1]"
    row: Transaction | Holding

    def at(self, field: str) -> str:
        return f"{self.path}.{field}"


def transactions(filing: Filing) -> list[tuple[Row, Transaction]]:
    """Transaction rows of Table I then Table II, in printed order."""
    rows: list[tuple[Row, Transaction]] = []
    for i, nd in enumerate(filing.non_derivative_transactions):
        rows.append((Row(f"Table I row {i + 1}", f"non_derivative_transactions[{i}]", nd), nd))
    for i, d in enumerate(filing.derivative_transactions):
        rows.append((Row(f"Table II row {i + 1}", f"derivative_transactions[{i}]", d), d))
    return rows


def holdings(filing: Filing) -> list[tuple[Row, Holding]]:
    """Holding rows; EDGAR prints them under the transactions of the same table."""
    rows: list[tuple[Row, Holding]] = []
    first_nd = len(filing.non_derivative_transactions) + 1
    for i, ndh in enumerate(filing.non_derivative_holdings):
        label = f"Table I row {first_nd + i} (holding)"
        rows.append((Row(label, f"non_derivative_holdings[{i}]", ndh), ndh))
    first_d = len(filing.derivative_transactions) + 1
    for i, dh in enumerate(filing.derivative_holdings):
        label = f"Table II row {first_d + i} (holding)"
        rows.append((Row(label, f"derivative_holdings[{i}]", dh), dh))
    return rows


def all_rows(filing: Filing) -> list[Row]:
    return [r for r, _ in transactions(filing)] + [r for r, _ in holdings(filing)]


def iter_facts(model: BaseModel, path: str = "") -> Iterator[tuple[str, Fact[Any]]]:
    """Every Fact in the model with its field path, walking lists and sub-models."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if isinstance(value, Fact):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from iter_facts(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_facts(item, f"{here}[{i}]")


def iter_marker_lists(model: BaseModel, path: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every `footnote_ids` list (Facts and transaction codings) with the owner's path."""
    ids = getattr(model, "footnote_ids", None)
    if isinstance(ids, list):
        yield path, ids
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if isinstance(value, BaseModel):
            yield from iter_marker_lists(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_marker_lists(item, f"{here}[{i}]")


def _present(fact: Fact[Any]) -> bool:
    """A value or a footnote that gives it: what the form accepts in a required cell."""
    return fact.value is not None or bool(fact.footnote_ids) or fact.raw is not None


def _fmt(number: Decimal) -> str:
    return f"{number.normalize():,f}"


def _day(value: date) -> str:
    return value.strftime("%m/%d/%Y")


# --- transaction code -------------------------------------------------------------------

# Letters EDGAR accepts in <transactionCode> (tech spec 3.6.9). K and V are printed by EDGAR
# from the equity-swap flag and the form type; they are never codes of their own.
_NOT_IN_LIST = {TransactionCode.K, TransactionCode.V}


def rule_code_in_list(filing: Filing) -> list[Finding]:
    """code.unknown / code.missing: every transaction has a code from the SEC's list."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        fact = tx.coding.code
        where = row.at("coding.code")
        if fact.raw is not None:
            msg = f"{row.label}: transaction code {fact.raw!r} is not in the SEC's list"
            out.append(finding("code.unknown", ERROR, msg, where, fact))
        elif fact.value in _NOT_IN_LIST:
            msg = (
                f"{row.label}: {fact.value.value} is printed by EDGAR (equity swap / voluntary), "
                "not a transaction code; give the underlying code"
            )
            out.append(finding("code.unknown", ERROR, msg, where, fact))
        elif fact.value is None:
            msg = f"{row.label}: the transaction code is missing"
            out.append(finding("code.missing", ERROR, msg, where, fact))
    return out


def rule_acquired_disposed(filing: Filing) -> list[Finding]:
    """acquired_disposed.missing: every transaction says (A) acquired or (D) disposed."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        fact = tx.acquired_disposed
        if fact.value is None and fact.raw is None:
            msg = f"{row.label}: the (A) or (D) column is empty"
            out.append(
                finding("acquired_disposed.missing", ERROR, msg, row.at("acquired_disposed"), fact)
            )
    return out


def rule_direct_indirect(filing: Filing) -> list[Finding]:
    """ownership.form_missing: every row says Direct (D) or Indirect (I)."""
    out: list[Finding] = []
    for row in all_rows(filing):
        fact = row.row.ownership.direct_or_indirect
        if fact.value is None and fact.raw is None:
            msg = f"{row.label}: ownership form, Direct (D) or Indirect (I), is empty"
            where = row.at("ownership.direct_or_indirect")
            out.append(finding("ownership.form_missing", ERROR, msg, where, fact))
    return out


# A purchase acquires and a sale disposes, whatever the table: the code says so itself.
_ALWAYS = {
    TransactionCode.P: AcquiredDisposed.ACQUIRED,
    TransactionCode.S: AcquiredDisposed.DISPOSED,
}


def rule_code_direction(filing: Filing) -> list[Finding]:
    """code.direction: a P that disposes or an S that acquires contradicts itself."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        code, direction = tx.coding.code.value, tx.acquired_disposed.value
        if code is None or direction is None or code not in _ALWAYS:
            continue
        if direction != _ALWAYS[code]:
            word = "acquires" if direction == AcquiredDisposed.ACQUIRED else "disposes"
            msg = (
                f"{row.label}: code {code.value} ({code.meaning.split(' of ')[0].lower()}) "
                f"{word} ({direction.value}); expected {_ALWAYS[code].value}"
            )
            where = row.at("acquired_disposed")
            out.append(finding("code.direction", ERROR, msg, where, tx.acquired_disposed))
    return out


def rule_equity_swap(filing: Filing) -> list[Finding]:
    """code.equity_swap: the (K) flag belongs to a transaction, never to a holding."""
    out: list[Finding] = []
    for row, holding in holdings(filing):
        if holding.coding is not None and holding.coding.equity_swap_involved:
            msg = (
                f"{row.label}: a holding is marked as an equity swap (K); only transactions can be"
            )
            out.append(
                finding("code.equity_swap", ERROR, msg, row.at("coding.equity_swap_involved"))
            )
    return out


def rule_holding_has_no_transaction(filing: Filing) -> list[Finding]:
    """holding.transaction_fields: holdings carry no code (Form 5 late holdings excepted)."""
    if filing.document_type.base_form == "5":
        return []  # tech spec 4.3.8.3: a Form 5 may report a late Form 3 holding with a code
    out: list[Finding] = []
    for row, holding in holdings(filing):
        if holding.coding is not None and holding.coding.code.value is not None:
            msg = (
                f"{row.label}: a holding has transaction code {holding.coding.code.value.value}; "
                "report it as a transaction or drop the code"
            )
            where = row.at("coding.code")
            out.append(
                finding("holding.transaction_fields", ERROR, msg, where, holding.coding.code)
            )
    return out


# --- dates --------------------------------------------------------------------------------

_DATE_FIELDS = {
    "transaction_date",
    "deemed_execution_date",
    "exercise_date",
    "expiration_date",
    "period_of_report",
    "date_of_original_submission",
    "date",  # signatures[i].date
}


def _signature_date(filing: Filing) -> date | None:
    """The earliest signature date: nothing reported can have happened after any signature."""
    dates = [s.date.value for s in filing.signatures if s.date.value is not None]
    return min(dates) if dates else None


def rule_date_unparsed(filing: Filing) -> list[Finding]:
    """date.unparsed: a printed date that is not a real calendar date (kept as raw text)."""
    out: list[Finding] = []
    for path, fact in iter_facts(filing):
        if fact.raw is not None and path.rsplit(".", 1)[-1] in _DATE_FIELDS:
            msg = f"{path}: {fact.raw!r} is not a calendar date (MM/DD/YYYY)"
            out.append(finding("date.unparsed", ERROR, msg, path, fact))
    return out


def rule_date_after_signature(filing: Filing) -> list[Finding]:
    """date.after_signature: a transaction cannot be reported before it happened."""
    signed = _signature_date(filing)
    if signed is None:
        return []
    out: list[Finding] = []
    for row, tx in transactions(filing):
        when = tx.transaction_date.value
        if when is not None and when > signed:
            msg = (
                f"{row.label}: transaction date {_day(when)} is after the signature {_day(signed)}"
            )
            where = row.at("transaction_date")
            out.append(finding("date.after_signature", ERROR, msg, where, tx.transaction_date))
    return out


def rule_period_of_report(filing: Filing) -> list[Finding]:
    """date.period_mismatch: on Form 4, box 3 is the date of the earliest transaction."""
    if filing.document_type.base_form != "4":
        return []  # Form 5: fiscal year end; Form 3: date of the event
    dates = [tx.transaction_date.value for _, tx in transactions(filing)]
    known = [d for d in dates if d is not None]
    period = filing.period_of_report
    if not known:
        return []
    if period.value is None:
        if period.raw is not None:
            return []  # date.unparsed reports it
        msg = "Box 3, date of earliest transaction, is empty"
        return [finding("date.period_missing", ERROR, msg, "period_of_report", period)]
    earliest = min(known)
    if period.value == earliest:
        return []
    msg = (
        f"Box 3, date of earliest transaction, is {_day(period.value)} but the earliest "
        f"transaction is dated {_day(earliest)}"
    )
    return [finding("date.period_mismatch", ERROR, msg, "period_of_report", period)]


def rule_deemed_execution(filing: Filing) -> list[Finding]:
    """date.deemed_not_after_transaction: a deemed execution date comes after the trade."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        deemed, when = tx.deemed_execution_date.value, tx.transaction_date.value
        if deemed is None or when is None or deemed > when:
            continue
        msg = (
            f"{row.label}: deemed execution date {_day(deemed)} is not after the transaction "
            f"date {_day(when)}"
        )
        where = row.at("deemed_execution_date")
        out.append(
            finding(
                "date.deemed_not_after_transaction", ERROR, msg, where, tx.deemed_execution_date
            )
        )
    return out


def rule_exercise_before_expiration(filing: Filing) -> list[Finding]:
    """date.exercisable_after_expiration: a right cannot vest after it lapses."""
    out: list[Finding] = []
    rows: list[tuple[Row, DerivativeTransaction | DerivativeHolding]] = []
    rows += [(r, tx) for r, tx in transactions(filing) if isinstance(tx, DerivativeTransaction)]
    rows += [(r, h) for r, h in holdings(filing) if isinstance(h, DerivativeHolding)]
    for row, d in rows:
        start, end = d.exercise_date.value, d.expiration_date.value
        if start is not None and end is not None and start > end:
            msg = f"{row.label}: date exercisable {_day(start)} is after expiration {_day(end)}"
            where = row.at("exercise_date")
            out.append(
                finding("date.exercisable_after_expiration", ERROR, msg, where, d.exercise_date)
            )
    return out


def rule_amendment_original_date(filing: Filing) -> list[Finding]:
    """date.original_missing: an amendment (4/A, 5/A) gives the date of the original (box 4)."""
    fact = filing.date_of_original_submission
    where = "date_of_original_submission"
    if filing.document_type.is_amendment and not _present(fact):
        msg = (
            f"Form {filing.document_type.value} is an amendment but box 4, date of original "
            "filed, is empty"
        )
        return [finding("date.original_missing", ERROR, msg, where, fact)]
    if not filing.document_type.is_amendment and fact.value is not None:
        msg = (
            f"Box 4, date of original filed, is {_day(fact.value)} but the form is "
            f"{filing.document_type.value}, not an amendment"
        )
        return [finding("date.original_on_non_amendment", WARNING, msg, where, fact)]
    return []


# --- arithmetic ---------------------------------------------------------------------------

_ROUNDING = Decimal(1)  # one share: printed amounts may round fractional shares


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _chain_key(tx: Transaction) -> tuple[str, ...]:
    """Rows whose 'owned following' continue each other: same security, same ownership."""
    key: tuple[str, ...] = (
        "II" if isinstance(tx, DerivativeTransaction) else "I",
        _norm(tx.security_title.value),
        str(tx.ownership.direct_or_indirect.value or ""),
        _norm(tx.ownership.nature_of_ownership.value),
    )
    if isinstance(tx, DerivativeTransaction):
        # An option is a separate security per exercise price and expiry (each grant's lot).
        price, expiry = tx.conversion_or_exercise_price.value, tx.expiration_date.value
        key += (str(price) if price is not None else "", str(expiry or ""))
    return key


def _expected_following(previous: Decimal, tx: Transaction) -> Decimal | None:
    shares, direction = tx.shares.value, tx.acquired_disposed.value
    if shares is None or direction is None:
        return None
    return previous + shares if direction == AcquiredDisposed.ACQUIRED else previous - shares


def rule_owned_following(filing: Filing) -> list[Finding]:
    """arithmetic.owned_following: owned after = previous owned after +/- this row's shares."""
    out: list[Finding] = []
    last: dict[tuple[str, ...], Decimal] = {}
    for row, tx in transactions(filing):
        key, owned = _chain_key(tx), tx.shares_owned_following.value
        if key in last and owned is not None:
            expected = _expected_following(last[key], tx)
            if expected is not None and abs(expected - owned) > _ROUNDING:
                sign = (
                    "plus" if tx.acquired_disposed.value == AcquiredDisposed.ACQUIRED else "minus"
                )
                msg = (
                    f"{row.label}: owned following is {_fmt(owned)}, but the previous row of "
                    f"this security and ownership ({_fmt(last[key])}) {sign} "
                    f"{_fmt(tx.shares.value or Decimal(0))} gives {_fmt(expected)}"
                )
                where = row.at("shares_owned_following")
                out.append(
                    finding(
                        "arithmetic.owned_following", WARNING, msg, where, tx.shares_owned_following
                    )
                )
        if owned is not None:
            last[key] = owned
    return out


# --- price and ownership ------------------------------------------------------------------


def rule_price_given(filing: Filing) -> list[Finding]:
    """price.missing: the price is a number, or a footnote explains why there is none."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        if not _present(tx.price_per_share):
            msg = f"{row.label}: price is empty and no footnote explains it"
            where = row.at("price_per_share")
            out.append(finding("price.missing", ERROR, msg, where, tx.price_per_share))
    return out


def rule_ownership_nature(filing: Filing) -> list[Finding]:
    """ownership.nature_missing / nature_on_direct: only indirect holdings state a nature."""
    out: list[Finding] = []
    for row in all_rows(filing):
        nature = row.row.ownership.nature_of_ownership
        form = row.row.ownership.direct_or_indirect.value
        where = row.at("ownership.nature_of_ownership")
        if form == DirectIndirect.INDIRECT and not _present(nature):
            msg = f"{row.label}: indirect ownership (I) without its nature (e.g. 'By Trust')"
            out.append(finding("ownership.nature_missing", ERROR, msg, where, nature))
        elif form == DirectIndirect.DIRECT and nature.value:
            msg = f"{row.label}: direct ownership (D) with a nature of ownership {nature.value!r}"
            out.append(finding("ownership.nature_on_direct", ERROR, msg, where, nature))
    return out


# --- footnotes ----------------------------------------------------------------------------

_FOOTNOTE_ID = re.compile(r"F[1-9][0-9]?")


def _references(filing: Filing) -> list[tuple[str, str]]:
    """(path, footnote id) for every marker in the filing, in document order."""
    return [(path, fid) for path, ids in iter_marker_lists(filing) for fid in ids]


def rule_footnote_exists(filing: Filing) -> list[Finding]:
    """footnote.missing: every marker (n) points to a footnote in Explanation of Responses."""
    defined = {f.id for f in filing.footnotes}
    out: list[Finding] = []
    for path, fid in _references(filing):
        if fid not in defined:
            msg = f"{path}: marker {fid} has no footnote text under Explanation of Responses"
            out.append(finding("footnote.missing", ERROR, msg, path, _fact_at(filing, path)))
    return out


def rule_footnote_referenced(filing: Filing) -> list[Finding]:
    """footnote.unreferenced: every footnote is used by a marker (EDGAR suspends otherwise)."""
    used = {fid for _, fid in _references(filing)}
    out: list[Finding] = []
    for i, note in enumerate(filing.footnotes):
        if note.id not in used:
            msg = f"Footnote {note.id} ({note.text[:40]!r}...) is not referenced by any marker"
            item = finding("footnote.unreferenced", ERROR, msg, f"footnotes[{i}]")
            if note.provenance is not None:
                item = item.model_copy(
                    update={"page": note.provenance.page, "box": note.provenance.box}
                )
            out.append(item)
    return out


def rule_footnote_ids(filing: Filing) -> list[Finding]:
    """footnote.bad_id / duplicate_id / repeated: EDGAR's own footnote id rules (spec 4.3.6)."""
    out: list[Finding] = []
    seen: set[str] = set()
    for i, note in enumerate(filing.footnotes):
        where = f"footnotes[{i}]"
        if not _FOOTNOTE_ID.fullmatch(note.id):
            msg = f"Footnote id {note.id!r} is not F1..F99"
            out.append(finding("footnote.bad_id", ERROR, msg, where))
        if note.id in seen:
            out.append(finding("footnote.duplicate_id", ERROR, f"Footnote {note.id} twice", where))
        seen.add(note.id)
    for path, ids in iter_marker_lists(filing):
        for fid in sorted({x for x in ids if ids.count(x) > 1}):
            msg = f"{path}: marker {fid} is attached more than once to the same value"
            out.append(finding("footnote.repeated", ERROR, msg, path, _fact_at(filing, path)))
    return out


def _fact_at(filing: Filing, path: str) -> Fact[Any] | None:
    """The Fact at `path` (for its provenance); None when the path names a coding."""
    for here, fact in iter_facts(filing):
        if here == path:
            return fact
    return None


# --- derivative rows ----------------------------------------------------------------------


def _derivative_rows(filing: Filing) -> list[tuple[Row, DerivativeTransaction | DerivativeHolding]]:
    rows: list[tuple[Row, DerivativeTransaction | DerivativeHolding]] = []
    rows += [(r, tx) for r, tx in transactions(filing) if isinstance(tx, DerivativeTransaction)]
    rows += [(r, h) for r, h in holdings(filing) if isinstance(h, DerivativeHolding)]
    return rows


def rule_derivative_underlying(filing: Filing) -> list[Finding]:
    """derivative.underlying_missing: Table II column 7 gives the underlying amount."""
    out: list[Finding] = []
    for row, d in _derivative_rows(filing):
        if not (_present(d.underlying_shares) or _present(d.underlying_value)):
            msg = f"{row.label}: amount of underlying securities (column 7) is empty"
            where = row.at("underlying_shares")
            out.append(
                finding("derivative.underlying_missing", ERROR, msg, where, d.underlying_shares)
            )
    return out


def rule_derivative_exercise_price(filing: Filing) -> list[Finding]:
    """derivative.price_missing: conversion or exercise price (column 2), or a footnote."""
    out: list[Finding] = []
    for row, d in _derivative_rows(filing):
        fact = d.conversion_or_exercise_price
        if not _present(fact):
            msg = f"{row.label}: conversion or exercise price (column 2) is empty, no footnote"
            where = row.at("conversion_or_exercise_price")
            out.append(finding("derivative.price_missing", ERROR, msg, where, fact))
    return out


# --- values printed but not read ----------------------------------------------------------

# Raw values that a more specific rule reports under its own code.
_RAW_ELSEWHERE = _DATE_FIELDS | {"code"}


def rule_unparsed_values(filing: Filing) -> list[Finding]:
    """value.unparsed: a value printed on the form that could not be read into its type."""
    out: list[Finding] = []
    for path, fact in iter_facts(filing):
        if fact.raw is not None and path.rsplit(".", 1)[-1] not in _RAW_ELSEWHERE:
            msg = f"{path}: printed {fact.raw!r} but it could not be read as a value"
            out.append(finding("value.unparsed", ERROR, msg, path, fact))
    return out


RULES: tuple[Rule, ...] = (
    rule_code_in_list,
    rule_acquired_disposed,
    rule_direct_indirect,
    rule_code_direction,
    rule_equity_swap,
    rule_holding_has_no_transaction,
    rule_date_unparsed,
    rule_date_after_signature,
    rule_period_of_report,
    rule_deemed_execution,
    rule_exercise_before_expiration,
    rule_amendment_original_date,
    rule_owned_following,
    rule_price_given,
    rule_ownership_nature,
    rule_footnote_exists,
    rule_footnote_referenced,
    rule_footnote_ids,
    rule_derivative_underlying,
    rule_derivative_exercise_price,
    rule_unparsed_values,
)


def validate_filing(filing: Filing, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """All findings of all rules, in rule order (use `sort_findings` for errors first)."""
    return [item for rule in rules for item in rule(filing)]
