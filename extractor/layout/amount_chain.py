"""Amounts of consecutive Table I transactions checked against one another (OCR).

The rows a filing reports for one security and one form of ownership carry its holding
forward: a row's amount owned following is the row before's plus the shares it
acquired (A) or less those it disposed of (D). A fax reads a thousands comma as a stop
("2.731" for "2,731", "284,613.907" for "284,613,907"), and a value so read is as well
formed as a true fraction of a share ("30.615"): its print alone cannot tell. Two rows
can: of the readings of the first row's amount owned, the second's shares and its
amount owned, each stop before three last digits taken as a stop or as a comma, the
one that makes the sum come out is kept when exactly one does.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from extractor.layout import ocr_repair
from extractor.model.codes import AcquiredDisposed
from extractor.model.filing import Fact, Filing, NonDerivativeTransaction
from extractor.model.result import Finding

# Digits after a stop that a thousands comma read as a stop leaves.
_GROUP = 3


def with_amounts_chained(filing: Filing) -> tuple[Filing, list[Finding]]:
    """`filing` with the amounts of Table I's transactions read as the sums of the rows
    around them make them (see the module's doc), in place, and a finding for each;
    then amounts with a digit or two misread that the rows on both sides agree on (see
    `_vouched_holdings`, `_vouched_shares`)."""
    rows = filing.non_derivative_transactions
    findings: list[Finding] = []
    for n, (before, row) in enumerate(itertools.pairwise(rows), 2):
        if _one_holding(before, row):
            findings += _chained(before, row, n)
    for run in _holding_runs(rows):
        vouched = _vouched_holdings(run) + _vouched_shares(run)
        for (_, before), (n, row) in itertools.pairwise(run) if vouched else ():
            vouched += _chained(before, row, n)  # a holding put back may pair anew
        findings += vouched
    return filing, findings


# A misread digit or two: "48,372,615" for 48,362,615 (a fax's broken "6"), "18,362,005"
# for 48,362,905. An amount that the rows before and after it both give, and that
# differs from the reading in at most this many of the same number of digits, is the
# amount printed: two sums agreeing on one value no misreading could make.
_DIGITS_OFF = 2


def _holding_runs(
    rows: list[NonDerivativeTransaction],
) -> list[list[tuple[int, NonDerivativeTransaction]]]:
    """Runs of consecutive rows reporting one holding, each row with its number."""
    runs: list[list[tuple[int, NonDerivativeTransaction]]] = []
    for n, row in enumerate(rows, 1):
        if runs and _one_holding(runs[-1][-1][1], row):
            runs[-1].append((n, row))
        else:
            runs.append([(n, row)])
    return runs


def _sign(row: NonDerivativeTransaction) -> int | None:
    code = row.acquired_disposed.value
    if code == AcquiredDisposed.ACQUIRED:
        return 1
    return -1 if code == AcquiredDisposed.DISPOSED else None


def _after(before: NonDerivativeTransaction, row: NonDerivativeTransaction) -> Decimal | None:
    """What `row` holds after, by the row before's holding and its own shares."""
    held, shares, sign = before.shares_owned_following.value, row.shares.value, _sign(row)
    return None if held is None or shares is None or sign is None else held + sign * shares


def _vouched_holdings(run: list[tuple[int, NonDerivativeTransaction]]) -> list[Finding]:
    """Each middle row's holding put back as the one the rows on both sides give (their
    shares as read, or with a stop taken for a comma: see `_readings`)."""
    out: list[Finding] = []
    for (_, before), (n, row), (_, nxt) in zip(run, run[1:], run[2:], strict=False):
        held = row.shares_owned_following
        given = _given(before.shares_owned_following.value, row, 1) & _given(
            nxt.shares_owned_following.value, nxt, -1
        )
        if len(given) != 1:
            continue
        value = given.pop()
        if held.value != value and _digits_off(held.value, value):
            out.append(_finding(held, value, "shares owned following", n, _WHY_BOTH))
            held.value = value
    return out


def _given(held: Decimal | None, row: NonDerivativeTransaction, way: int) -> set[Decimal]:
    """The holdings `held` gives after `row` (`way` 1: `held` is the holding before it)
    or before it (-1: `held` is its own), by each reading of its shares."""
    sign, shares = _sign(row), row.shares.value
    if held is None or sign is None or shares is None:
        return set()
    return {held + way * sign * s for s in _readings(shares)}


def _vouched_shares(run: list[tuple[int, NonDerivativeTransaction]]) -> list[Finding]:
    """Each row's shares put back as the difference of the holdings before and after
    it, when the row after it sums with it, and the three rows before it sum row by
    row: one sum is not enough, as a fax misreads one digit column down the table, so
    that two holdings misread alike still sum with each other (52,310,104 and
    52,302,783 for ...704 and ...383). Only a digit off (`_SHARES_OFF`)."""
    out: list[Finding] = []
    for i in range(_SUMS_BEFORE, len(run) - 1):
        (n, row), following = run[i], run[i + 1][1]
        sign, shares = _sign(row), row.shares
        held, held_before = (
            row.shares_owned_following.value,
            run[i - 1][1].shares_owned_following.value,
        )
        if (
            sign is None
            or held is None
            or held_before is None
            or not _sums(run[i - _SUMS_BEFORE : i])
        ):
            continue
        if _after(row, following) != following.shares_owned_following.value:
            continue
        value = sign * (held - held_before)
        if value > 0 and shares.value != value and _digits_off(shares.value, value, _SHARES_OFF):
            out.append(_finding(shares, value, "shares", n, _WHY_BOTH))
            shares.value = value
    return out


# Rows before a row whose holdings must sum row by row, and digits a row's shares may
# be off (see `_vouched_shares`).
_SUMS_BEFORE = 3
_SHARES_OFF = 1


def _sums(rows: list[tuple[int, NonDerivativeTransaction]]) -> bool:
    """Whether each row's holding is the one before's plus or less its shares."""
    return all(
        _after(before, row) == row.shares_owned_following.value
        for (_, before), (_, row) in itertools.pairwise(rows)
    )


_WHY_BOTH = "a digit or a comma misread: the rows before and after it sum only with this amount"


def _digits_off(read: Decimal | None, value: Decimal, most: int = _DIGITS_OFF) -> bool:
    """Whether `read` is `value` with `most` digits misread at most (or not read)."""
    if read is None:
        return True
    apart = ocr_repair.digits_apart(read, value)
    return apart is not None and apart <= most


def _one_holding(before: NonDerivativeTransaction, row: NonDerivativeTransaction) -> bool:
    """Whether two rows report one holding: the same security, ownership form and nature."""
    return (
        before.security_title.value == row.security_title.value
        and before.ownership.direct_or_indirect.value == row.ownership.direct_or_indirect.value
        and before.ownership.nature_of_ownership.value == row.ownership.nature_of_ownership.value
    )


def _chained(
    before: NonDerivativeTransaction, row: NonDerivativeTransaction, n: int
) -> list[Finding]:
    """The three amounts of two rows set to the one reading that sums, if one does."""
    sign = _sign(row)
    facts = (before.shares_owned_following, row.shares, row.shares_owned_following)
    missing = [i for i, f in enumerate(facts) if f.value is None]
    if sign is None or len(missing) > 1:
        return []
    choices = [_readings(f.value) if f.value is not None else [] for f in facts]
    if missing:
        # the two read must be sure: read one way only, and whole (a misread stop
        # left in one, "167,080.95", made a lost amount of 166,979,937.05)
        known = [c for c in choices if c]
        if any(len(c) != 1 or c[0] != c[0].to_integral_value() for c in known):
            return []
        choices[missing[0]] = [_solved(missing[0], choices, sign)]
        if choices[missing[0]][0] <= 0:
            return []
    sums = [c for c in itertools.product(*choices) if c[0] + sign * c[1] == c[2]]
    if len(sums) != 1:
        return []
    out = []
    names = ("shares owned following", "shares", "shares owned following")
    places = (n - 1, n, n)
    for fact, value, name, place in zip(facts, sums[0], names, places, strict=True):
        if fact.value != value:
            out.append(_finding(fact, value, name, place))
            fact.value = value
    return out


def _solved(at: int, choices: list[list[Decimal]], sign: int) -> Decimal:
    """The amount at `at` (0: held before, 1: shares, 2: held after) the other two give."""
    if at == 0:
        return choices[2][0] - sign * choices[1][0]
    if at == 1:
        return sign * (choices[2][0] - choices[0][0])
    return choices[0][0] + sign * choices[1][0]


def _readings(value: Decimal) -> list[Decimal]:
    """The value as read, and with a stop before its last three digits taken as a
    thousands comma."""
    sign, digits, exponent = value.as_tuple()
    if exponent != -_GROUP or sign:
        return [value]
    return [value, Decimal("".join(map(str, digits)))]


_WHY_STOP = "a stop read for a thousands comma: the row's holding then sums with the row before"


def _finding(
    fact: Fact[Decimal], value: Decimal, name: str, row: int, why: str = _WHY_STOP
) -> Finding:
    prov = fact.provenance
    return ocr_repair.corrected(
        name,
        str(fact.value),
        str(value),
        why,
        prov.page if prov else None,
        prov.box if prov else None,
        f"Table I row {row}",
    )
