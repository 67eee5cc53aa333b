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
    around them make them (see the module's doc), in place, and a finding for each."""
    rows = filing.non_derivative_transactions
    findings: list[Finding] = []
    for n, (before, row) in enumerate(itertools.pairwise(rows), 2):
        if _one_holding(before, row):
            findings += _chained(before, row, n)
    return filing, findings


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
    code = row.acquired_disposed.value
    sign = (
        1
        if code == AcquiredDisposed.ACQUIRED
        else -1
        if code == AcquiredDisposed.DISPOSED
        else None
    )
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


def _finding(fact: Fact[Decimal], value: Decimal, name: str, row: int) -> Finding:
    prov = fact.provenance
    return ocr_repair.corrected(
        name,
        str(fact.value),
        str(value),
        "a stop read for a thousands comma: the row's holding then sums with the row before",
        prov.page if prov else None,
        prov.box if prov else None,
        f"Table I row {row}",
    )
