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

from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    FormType,
    Timeliness,
    TransactionCode,
)
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
    for name in ("non_derivative_transactions", "derivative_transactions"):
        for i, tx in enumerate(getattr(filing, name)):
            path = f"{name}[{i}]"
            rows.append((Row(place(filing, path), path, tx), tx))
    return rows


def holdings(filing: Filing) -> list[tuple[Row, Holding]]:
    """Holding rows; EDGAR prints them under the transactions of the same table."""
    rows: list[tuple[Row, Holding]] = []
    for name in ("non_derivative_holdings", "derivative_holdings"):
        for i, holding in enumerate(getattr(filing, name)):
            path = f"{name}[{i}]"
            rows.append((Row(place(filing, path), path, holding), holding))
    return rows


def all_rows(filing: Filing) -> list[Row]:
    return [r for r, _ in transactions(filing)] + [r for r, _ in holdings(filing)]


def _children(model: BaseModel, path: str) -> Iterator[tuple[str, BaseModel]]:
    """Sub-models of `model` with their paths (list items indexed), in field order."""
    for name, value in vars(model).items():  # pydantic keeps fields in __dict__, in order
        here = f"{path}.{name}" if path else name
        if isinstance(value, BaseModel):
            yield here, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield f"{here}[{i}]", item


def iter_facts(model: BaseModel, path: str = "") -> Iterator[tuple[str, Fact[Any]]]:
    """Every Fact in the model with its field path, walking lists and sub-models."""
    for here, child in _children(model, path):
        if isinstance(child, Fact):
            yield here, child  # a Fact holds no Facts (only its provenance)
        else:
            yield from iter_facts(child, here)


def iter_marker_lists(model: BaseModel, path: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every `footnote_ids` list (Facts and transaction codings) with the owner's path."""
    ids = getattr(model, "footnote_ids", None)
    if isinstance(ids, list):
        yield path, ids
    if isinstance(model, Fact):
        return  # nothing below a Fact carries markers
    for here, child in _children(model, path):
        yield from iter_marker_lists(child, here)


# Holdings print under the transactions of their table, so their row number counts those.
_TABLES: dict[str, tuple[str, str | None]] = {
    "non_derivative_transactions": ("Table I", None),
    "non_derivative_holdings": ("Table I", "non_derivative_transactions"),
    "derivative_transactions": ("Table II", None),
    "derivative_holdings": ("Table II", "derivative_transactions"),
}
_SEGMENT = re.compile(r"(\w+)\[(\d+)\]")


def place(filing: Filing, path: str) -> str:
    """Plain words for a field path: 'Table I row 2, price per share'."""
    head, _, rest = path.partition(".")
    words = rest.rsplit(".", 1)[-1].replace("_", " ")  # the leaf says enough: "code"
    match = _SEGMENT.fullmatch(head)
    if match is None:
        return path.replace("_", " ").replace(".", ", ")
    name, index = match.group(1), int(match.group(2))
    if name in _TABLES:
        table, above = _TABLES[name]
        before = len(getattr(filing, above)) if above else 0
        label = f"{table} row {before + index + 1}" + (" (holding)" if above else "")
    else:
        label = f"{name.replace('_', ' ').rstrip('s').capitalize()} {index + 1}"
    return f"{label}, {words}" if words else label


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


# Codes whose meaning fixes the direction, whatever the table: a purchase (P) or small
# acquisition (L) acquires; a sale (S), tax withholding (F) or tender (U) disposes. Other
# codes go both ways on real filings (J, G, C, M, X, A in Table II).
_ALWAYS: dict[TransactionCode, tuple[AcquiredDisposed, str]] = {
    TransactionCode.P: (AcquiredDisposed.ACQUIRED, "a purchase"),
    TransactionCode.L: (AcquiredDisposed.ACQUIRED, "a small acquisition"),
    TransactionCode.S: (AcquiredDisposed.DISPOSED, "a sale"),
    TransactionCode.F: (AcquiredDisposed.DISPOSED, "shares withheld for tax or exercise price"),
    TransactionCode.U: (AcquiredDisposed.DISPOSED, "a tender in a change of control"),
}


def rule_code_direction(filing: Filing) -> list[Finding]:
    """code.direction: a P that disposes or an S that acquires contradicts itself."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        code, direction = tx.coding.code.value, tx.acquired_disposed.value
        if code is None or direction is None or code not in _ALWAYS:
            continue
        expected, words = _ALWAYS[code]
        if direction != expected:
            word = "acquires" if direction == AcquiredDisposed.ACQUIRED else "disposes"
            msg = (
                f"{row.label}: code {code.value} ({words}) {word} ({direction.value}); "
                f"expected {expected.value}"
            )
            where = row.at("acquired_disposed")
            out.append(finding("code.direction", ERROR, msg, where, tx.acquired_disposed))
    return out


# Tech spec 4.3.8.2-3: the transaction's form type (4, or 5 printed as V) and the form
# filed decide which timeliness letters EDGAR accepts; anything else is suspended.
_TIMELINESS_ALLOWED: dict[tuple[str, FormType], set[Timeliness | None]] = {
    ("4", FormType.FORM_4): {None},
    ("4", FormType.FORM_5): {None, Timeliness.EARLY},
    ("5", FormType.FORM_4): {None, Timeliness.LATE},
    ("5", FormType.FORM_5): {None, Timeliness.LATE},
}


def rule_form_type_and_timeliness(filing: Filing) -> list[Finding]:
    """coding.form_type / coding.timeliness: form type 4 or 5, with an allowed E/L."""
    out: list[Finding] = []
    form = filing.document_type.base_form
    for row, tx in transactions(filing):
        kind = tx.coding.form_type
        if kind == FormType.FORM_3:
            msg = f"{row.label}: a transaction is reported on form type 3; only 4 or 5 exist"
            out.append(finding("coding.form_type", ERROR, msg, row.at("coding.form_type")))
            continue
        allowed = _TIMELINESS_ALLOWED.get((form, kind)) if kind is not None else None
        if allowed is not None and tx.timeliness.value not in allowed:
            letter = tx.timeliness.value.value if tx.timeliness.value else ""
            msg = (
                f"{row.label}: timeliness {letter!r} is not allowed for a form type "
                f"{kind.value if kind else ''} transaction on Form {form}"
            )
            where = row.at("timeliness")
            out.append(finding("coding.timeliness", ERROR, msg, where, tx.timeliness))
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
            msg = f"{place(filing, path)}: {fact.raw!r} is not a calendar date (MM/DD/YYYY)"
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


def _form4_transaction_dates(filing: Filing) -> list[date]:
    """Dates of the transactions that made the Form 4 due.

    Rows with form type 5 (printed V) are reported early by choice and do not set box 3;
    real filings date box 3 from the Form 4 rows. When all rows are V, all count.
    """
    rows = [tx for _, tx in transactions(filing)]
    due = [tx for tx in rows if tx.coding.form_type != FormType.FORM_5] or rows
    return [tx.transaction_date.value for tx in due if tx.transaction_date.value is not None]


def rule_period_of_report(filing: Filing) -> list[Finding]:
    """date.period_mismatch: on Form 4, box 3 is the date of the earliest transaction."""
    if filing.document_type.base_form != "4":
        return []  # Form 5: fiscal year end; Form 3: date of the event
    known = _form4_transaction_dates(filing)
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
    return [finding("date.period_mismatch", WARNING, msg, "period_of_report", period)]


def rule_deemed_execution(filing: Filing) -> list[Finding]:
    """date.deemed_before_transaction: a deemed execution date cannot precede the trade."""
    out: list[Finding] = []
    for row, tx in transactions(filing):
        deemed, when = tx.deemed_execution_date.value, tx.transaction_date.value
        if deemed is None or when is None or deemed >= when:
            continue
        msg = f"{row.label}: deemed execution date {_day(deemed)} is before the trade {_day(when)}"
        where, fact = row.at("deemed_execution_date"), tx.deemed_execution_date
        out.append(finding("date.deemed_before_transaction", ERROR, msg, where, fact))
    return out


def rule_deemed_same_day(filing: Filing) -> list[Finding]:
    """date.deemed_same_as_transaction: column 2A repeats column 2 (info).

    Column 2A is "if any", for trades executed under a plan and deemed executed later;
    real filings often repeat the trade date there, which EDGAR accepts.
    """
    out: list[Finding] = []
    for row, tx in transactions(filing):
        deemed, when = tx.deemed_execution_date.value, tx.transaction_date.value
        if deemed is not None and deemed == when:
            msg = f"{row.label}: deemed execution date repeats the transaction date {_day(when)}"
            where, fact = row.at("deemed_execution_date"), tx.deemed_execution_date
            out.append(finding("date.deemed_same_as_transaction", INFO, msg, where, fact))
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


def _chain_keys(tx: Transaction) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two readings of "same security and ownership": loose (the printed nature) and strict.

    Strict adds the nature's footnote ids, because "See footnote" natures name the holder
    (fund A, fund B) only in the footnote; loose keeps filers who attach the footnote to
    the first row of a holder only. A row continues a chain if either reading fits.
    """
    loose: tuple[str, ...] = (
        "II" if isinstance(tx, DerivativeTransaction) else "I",
        _norm(tx.security_title.value),
        str(tx.ownership.direct_or_indirect.value or ""),
        _norm(tx.ownership.nature_of_ownership.value),
    )
    if isinstance(tx, DerivativeTransaction):
        # An option is a separate security per exercise price, vesting date and expiry.
        terms = (tx.conversion_or_exercise_price, tx.exercise_date, tx.expiration_date)
        loose += tuple(str(t.value) for t in terms)
    strict = (*loose, ",".join(sorted(tx.ownership.nature_of_ownership.footnote_ids)))
    return loose, strict


def _expected_following(previous: Decimal, tx: Transaction) -> Decimal | None:
    shares, direction = tx.shares.value, tx.acquired_disposed.value
    if shares is None or direction is None:
        return None
    return previous + shares if direction == AcquiredDisposed.ACQUIRED else previous - shares


@dataclass(frozen=True)
class ChainBreak:
    """A row whose 'owned following' does not continue the previous row of its security."""

    row: Row
    tx: Transaction
    previous: Decimal
    expected: Decimal

    def message(self, note: str = "") -> str:
        owned = self.tx.shares_owned_following.value or Decimal(0)
        sign = "plus" if self.tx.acquired_disposed.value == AcquiredDisposed.ACQUIRED else "minus"
        return (
            f"{self.row.label}: owned following is {_fmt(owned)}, but the previous row of this "
            f"security and ownership ({_fmt(self.previous)}) {sign} "
            f"{_fmt(self.tx.shares.value or Decimal(0))} gives {_fmt(self.expected)}{note}"
        )


def _fits(previous: Decimal | None, tx: Transaction, owned: Decimal) -> Decimal | None:
    """None when the row continues `previous` (or cannot be checked); else the expected."""
    if previous is None:
        return None
    expected = _expected_following(previous, tx)
    if expected is None or abs(expected - owned) <= _ROUNDING:
        return None
    return expected


def chain_breaks(filing: Filing) -> list[ChainBreak]:
    """Rows breaking owned after = previous owned after + shares (A) or - shares (D)."""
    out: list[ChainBreak] = []
    last: dict[tuple[str, ...], Decimal] = {}
    for row, tx in transactions(filing):
        keys, owned = _chain_keys(tx), tx.shares_owned_following.value
        if owned is None:
            continue
        loose, strict = (last.get(k) for k in keys)
        # A first row of a strict chain opens it (fund B after fund A); later rows must
        # continue the strict or the loose chain.
        expected = _fits(strict, tx, owned)
        if strict is not None and expected is not None and _fits(loose, tx, owned) is not None:
            out.append(ChainBreak(row, tx, strict, expected))
        for k in keys:
            last[k] = owned
    return out


def rule_owned_following(filing: Filing) -> list[Finding]:
    """arithmetic.owned_following: Table I chains of owned-following amounts add up."""
    out: list[Finding] = []
    for b in chain_breaks(filing):
        if (
            isinstance(b.tx, NonDerivativeTransaction)
            and not b.tx.shares_owned_following.footnote_ids
        ):
            where, fact = b.row.at("shares_owned_following"), b.tx.shares_owned_following
            out.append(finding("arithmetic.owned_following", WARNING, b.message(), where, fact))
    return out


def rule_owned_following_footnoted(filing: Filing) -> list[Finding]:
    """arithmetic.owned_following_footnoted: a break whose amount carries a footnote.

    Real filings footnote restated totals ("adjusted to reflect transfers exempt under
    Rule 16a-13"); the footnote is the filer's explanation, so this is for information.
    """
    out: list[Finding] = []
    for b in chain_breaks(filing):
        if isinstance(b.tx, NonDerivativeTransaction) and b.tx.shares_owned_following.footnote_ids:
            where, fact = b.row.at("shares_owned_following"), b.tx.shares_owned_following
            note = "; its footnote may explain the difference"
            msg = b.message(note)
            out.append(finding("arithmetic.owned_following_footnoted", INFO, msg, where, fact))
    return out


def rule_derivative_lots(filing: Filing) -> list[Finding]:
    """arithmetic.derivative_lot: a Table II break, for information only.

    Options and RSUs are often tracked per grant or tranche on separate lines with the same
    printed terms, so the form does not say which rows continue each other.
    """
    out: list[Finding] = []
    for b in chain_breaks(filing):
        if isinstance(b.tx, DerivativeTransaction):
            where, fact = b.row.at("shares_owned_following"), b.tx.shares_owned_following
            msg = b.message("; separate grants or tranches may explain it")
            out.append(finding("arithmetic.derivative_lot", INFO, msg, where, fact))
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


def _printed(footnote_id: str) -> str:
    """EDGAR's id 'F2' is printed as (2) on the form."""
    return f"({footnote_id[1:]})" if _FOOTNOTE_ID.fullmatch(footnote_id) else repr(footnote_id)


def _snippet(text: str, size: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 3] + "..."


def _references(filing: Filing) -> list[tuple[str, str]]:
    """(path, footnote id) for every marker in the filing, in document order."""
    return [(path, fid) for path, ids in iter_marker_lists(filing) for fid in ids]


def rule_footnote_exists(filing: Filing) -> list[Finding]:
    """footnote.missing: every marker (n) points to a footnote in Explanation of Responses."""
    defined = {f.id for f in filing.footnotes}
    out: list[Finding] = []
    for path, fid in _references(filing):
        if fid not in defined:
            msg = (
                f"{place(filing, path)}: marker {_printed(fid)} has no footnote text under "
                "Explanation of Responses"
            )
            out.append(finding("footnote.missing", ERROR, msg, path, _fact_at(filing, path)))
    return out


def rule_footnote_referenced(filing: Filing) -> list[Finding]:
    """footnote.unreferenced: every footnote is used by a marker (EDGAR suspends otherwise)."""
    used = {fid for _, fid in _references(filing)}
    out: list[Finding] = []
    for i, note in enumerate(filing.footnotes):
        if note.id not in used:
            msg = (
                f'Footnote {_printed(note.id)} "{_snippet(note.text)}" is not referenced by '
                "any marker on the form"
            )
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
            msg = f"Two footnotes are numbered {_printed(note.id)}"
            out.append(finding("footnote.duplicate_id", ERROR, msg, where))
        seen.add(note.id)
    for path, ids in iter_marker_lists(filing):
        for fid in sorted({x for x in ids if ids.count(x) > 1}):
            msg = f"{place(filing, path)}: marker {_printed(fid)} is attached twice to one value"
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
            msg = f"{place(filing, path)}: printed {fact.raw!r} but it could not be read"
            out.append(finding("value.unparsed", ERROR, msg, path, fact))
    return out


RULES: tuple[Rule, ...] = (
    rule_code_in_list,
    rule_acquired_disposed,
    rule_direct_indirect,
    rule_code_direction,
    rule_form_type_and_timeliness,
    rule_equity_swap,
    rule_holding_has_no_transaction,
    rule_date_unparsed,
    rule_date_after_signature,
    rule_period_of_report,
    rule_deemed_execution,
    rule_deemed_same_day,
    rule_exercise_before_expiration,
    rule_amendment_original_date,
    rule_owned_following,
    rule_owned_following_footnoted,
    rule_derivative_lots,
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
