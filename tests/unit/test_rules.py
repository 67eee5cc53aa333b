"""The Form 4 rules on a real-looking filing, then broken one way per rule.

The filing is the Qualys Form 4 of the seed text (John N. Wilson, 08/06/2013: an option
exercise M, a sale S at a weighted average price, the option row in Table II), typed here
as a Filing by hand. It must raise no error or warning; each break must raise exactly the
code of the rule it breaks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    Timeliness,
    TransactionCode,
)
from extractor.model.filing import (
    DerivativeTransaction,
    Fact,
    Filing,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    Provenance,
    ReportingOwner,
    Signature,
    TransactionCoding,
)
from extractor.model.result import Finding, Severity
from extractor.validate import findings_to_json, findings_to_table, should_fail, validate_filing
from extractor.validate.rules import RULES

D, A = AcquiredDisposed.DISPOSED, AcquiredDisposed.ACQUIRED
PRICE_BOX = (402.0, 311.5, 441.0, 322.0)


def _coding(code: TransactionCode) -> TransactionCoding:
    return TransactionCoding(
        form_type=FormType.FORM_4,
        code=Fact[TransactionCode](value=code),
        equity_swap_involved=False,
        footnote_ids=["F1"],
    )


def _direct() -> OwnershipNature:
    return OwnershipNature(direct_or_indirect=Fact[DirectIndirect](value=DirectIndirect.DIRECT))


def _table1_row(
    code: TransactionCode, direction: AcquiredDisposed, price: Fact[Decimal], owned: str
) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=Fact[str](value="Common Stock"),
        transaction_date=Fact[date](value=date(2013, 8, 6)),
        coding=_coding(code),
        shares=Fact[Decimal](value=Decimal("10000")),
        price_per_share=price,
        acquired_disposed=Fact[AcquiredDisposed](value=direction),
        shares_owned_following=Fact[Decimal](value=Decimal(owned)),
        ownership=_direct(),
    )


def _option_row() -> DerivativeTransaction:
    return DerivativeTransaction(
        security_title=Fact[str](value="Stock Option (right to buy)"),
        conversion_or_exercise_price=Fact[Decimal](value=Decimal("4.1")),
        transaction_date=Fact[date](value=date(2013, 8, 6)),
        coding=_coding(TransactionCode.M),
        shares=Fact[Decimal](value=Decimal("10000")),
        price_per_share=Fact[Decimal](value=Decimal("0")),
        acquired_disposed=Fact[AcquiredDisposed](value=D),
        exercise_date=Fact[date](footnote_ids=["F3"]),
        expiration_date=Fact[date](value=date(2020, 11, 5)),
        underlying_title=Fact[str](value="Common Stock"),
        underlying_shares=Fact[Decimal](value=Decimal("10000")),
        shares_owned_following=Fact[Decimal](value=Decimal("140591")),
        ownership=_direct(),
    )


def qualys() -> Filing:
    """The seed Form 4, as the extractor should return it."""
    sale_price = Fact[Decimal](
        value=Decimal("18.3654"),
        footnote_ids=["F2"],
        provenance=Provenance(page=1, box=PRICE_BOX, source="text"),
    )
    return Filing(
        document_type=DocumentType.FORM_4,
        period_of_report=Fact[date](value=date(2013, 8, 6)),
        issuer=Issuer(name=Fact[str](value="QUALYS, INC."), trading_symbol=Fact[str](value="QLYS")),
        reporting_owners=[ReportingOwner(name=Fact[str](value="Wilson John N"))],
        non_derivative_transactions=[
            _table1_row(TransactionCode.M, A, Fact[Decimal](value=Decimal("4.1")), "65500"),
            _table1_row(TransactionCode.S, D, sale_price, "55500"),
        ],
        derivative_transactions=[_option_row()],
        footnotes=[
            Footnote(id="F1", text="Effected pursuant to a Rule 10b5-1 trading plan."),
            Footnote(id="F2", text="Weighted average sale price, from $18.00 to $18.81."),
            Footnote(id="F3", text="The option is immediately exercisable."),
        ],
        signatures=[
            Signature(
                name=Fact[str](value="/s/ Bruce Posey by power of attorney for John N. Wilson"),
                date=Fact[date](value=date(2013, 8, 7)),
            )
        ],
    )


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def test_the_real_filing_raises_nothing() -> None:
    assert validate_filing(qualys()) == []


# --- one break per rule -------------------------------------------------------------------

Break = Callable[[Filing], None]


def _nd(filing: Filing, i: int) -> NonDerivativeTransaction:
    return filing.non_derivative_transactions[i]


def _set_code(i: int, fact: Fact[TransactionCode]) -> Break:
    def brk(f: Filing) -> None:
        _nd(f, i).coding.code = fact

    return brk


def _holding(coding: TransactionCoding) -> Break:
    def brk(f: Filing) -> None:
        f.non_derivative_holdings = [
            NonDerivativeHolding(
                security_title=Fact[str](value="Common Stock"),
                shares_owned_following=Fact[Decimal](value=Decimal("1200")),
                ownership=_direct(),
                coding=coding,
            )
        ]

    return brk


def _indirect_without_nature(f: Filing) -> None:
    _nd(f, 0).ownership.direct_or_indirect = Fact[DirectIndirect](value=DirectIndirect.INDIRECT)


def _rename_footnote_f3(f: Filing) -> None:
    f.footnotes[2] = Footnote(id="3", text=f.footnotes[2].text)
    f.derivative_transactions[0].exercise_date.footnote_ids = ["3"]


def _second_tranche(f: Filing) -> None:
    # Same printed terms, owned following not continuing the first row: a second lot.
    f.derivative_transactions.append(f.derivative_transactions[0].model_copy(deep=True))


BREAKS: list[tuple[str, Break, str]] = [
    ("code-not-in-sec-list", _set_code(0, Fact(raw="Q")), "code.unknown"),
    ("code-K-printed-not-coded", _set_code(0, Fact(value=TransactionCode.K)), "code.unknown"),
    ("code-missing", _set_code(0, Fact()), "code.missing"),
    (
        "acquired-disposed-empty",
        lambda f: setattr(f.derivative_transactions[0], "acquired_disposed", Fact()),
        "acquired_disposed.missing",
    ),
    (
        "direct-indirect-empty",
        lambda f: setattr(_nd(f, 1).ownership, "direct_or_indirect", Fact()),
        "ownership.form_missing",
    ),
    ("purchase-that-disposes", _set_code(1, Fact(value=TransactionCode.P)), "code.direction"),
    ("sale-that-acquires", _set_code(0, Fact(value=TransactionCode.S)), "code.direction"),
    (
        "tax-withholding-that-acquires",
        _set_code(0, Fact(value=TransactionCode.F)),
        "code.direction",
    ),
    (
        "transaction-on-form-type-3",
        lambda f: setattr(_nd(f, 0).coding, "form_type", FormType.FORM_3),
        "coding.form_type",
    ),
    (
        "late-letter-on-a-form-4-row",
        lambda f: setattr(_nd(f, 0), "timeliness", Fact(value=Timeliness.LATE)),
        "coding.timeliness",
    ),
    (
        "equity-swap-on-holding",
        _holding(TransactionCoding(equity_swap_involved=True)),
        "code.equity_swap",
    ),
    (
        "holding-with-transaction-code",
        _holding(TransactionCoding(code=Fact(value=TransactionCode.G))),
        "holding.transaction_fields",
    ),
    (
        "transaction-date-not-a-calendar-date",
        lambda f: setattr(_nd(f, 0), "transaction_date", Fact(raw="02/30/2013")),
        "date.unparsed",
    ),
    (
        "transaction-after-signature",
        lambda f: setattr(f.signatures[0], "date", Fact(value=date(2013, 8, 5))),
        "date.after_signature",
    ),
    (
        "period-not-earliest-transaction",
        lambda f: setattr(f, "period_of_report", Fact(value=date(2013, 8, 5))),
        "date.period_mismatch",
    ),
    ("period-empty", lambda f: setattr(f, "period_of_report", Fact()), "date.period_missing"),
    (
        "deemed-before-transaction",
        lambda f: setattr(_nd(f, 0), "deemed_execution_date", Fact(value=date(2013, 8, 5))),
        "date.deemed_before_transaction",
    ),
    (
        "deemed-same-as-transaction",
        lambda f: setattr(_nd(f, 0), "deemed_execution_date", Fact(value=date(2013, 8, 6))),
        "date.deemed_same_as_transaction",
    ),
    (
        "exercisable-after-expiration",
        lambda f: setattr(
            f.derivative_transactions[0],
            "exercise_date",
            Fact(value=date(2021, 1, 1), footnote_ids=["F3"]),
        ),
        "date.exercisable_after_expiration",
    ),
    (
        "amendment-without-original-date",
        lambda f: setattr(f, "document_type", DocumentType.FORM_4A),
        "date.original_missing",
    ),
    (
        "original-date-on-a-form-4",
        lambda f: setattr(f, "date_of_original_submission", Fact(value=date(2013, 8, 7))),
        "date.original_on_non_amendment",
    ),
    (
        "owned-following-does-not-add-up",
        lambda f: setattr(_nd(f, 1), "shares_owned_following", Fact(value=Decimal("56500"))),
        "arithmetic.owned_following",
    ),
    (
        "owned-following-off-but-footnoted",
        lambda f: setattr(
            _nd(f, 1), "shares_owned_following", Fact(value=Decimal("56500"), footnote_ids=["F1"])
        ),
        "arithmetic.owned_following_footnoted",
    ),
    ("option-second-tranche", _second_tranche, "arithmetic.derivative_lot"),
    (
        "price-empty-no-footnote",
        lambda f: setattr(_nd(f, 0), "price_per_share", Fact()),
        "price.missing",
    ),
    ("indirect-without-nature", _indirect_without_nature, "ownership.nature_missing"),
    (
        "direct-with-nature",
        lambda f: setattr(_nd(f, 0).ownership, "nature_of_ownership", Fact(value="By Trust")),
        "ownership.nature_on_direct",
    ),
    (
        "marker-without-footnote",
        lambda f: setattr(_nd(f, 0).shares, "footnote_ids", ["F4"]),
        "footnote.missing",
    ),
    (
        "footnote-never-referenced",
        lambda f: f.footnotes.append(Footnote(id="F4", text="Not used anywhere.")),
        "footnote.unreferenced",
    ),
    ("footnote-id-not-F-number", _rename_footnote_f3, "footnote.bad_id"),
    (
        "footnote-id-twice",
        lambda f: f.footnotes.append(Footnote(id="F2", text="Another text under F2.")),
        "footnote.duplicate_id",
    ),
    (
        "same-marker-twice-on-a-value",
        lambda f: setattr(_nd(f, 1).price_per_share, "footnote_ids", ["F2", "F2"]),
        "footnote.repeated",
    ),
    (
        "underlying-amount-empty",
        lambda f: setattr(f.derivative_transactions[0], "underlying_shares", Fact()),
        "derivative.underlying_missing",
    ),
    (
        "exercise-price-empty",
        lambda f: setattr(f.derivative_transactions[0], "conversion_or_exercise_price", Fact()),
        "derivative.price_missing",
    ),
    (
        "amount-printed-but-unreadable",
        lambda f: setattr(_nd(f, 0), "shares", Fact(raw="10,0O0")),
        "value.unparsed",
    ),
]


@pytest.mark.parametrize(("brk", "expected"), [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS])
def test_each_break_raises_exactly_its_rule(brk: Break, expected: str) -> None:
    filing = qualys()
    brk(filing)
    assert codes(validate_filing(filing)) == {expected}


def test_every_rule_is_broken_by_some_break() -> None:
    # A rule no break can trigger would be untested here.
    fired: set[str] = set()
    for _, brk, _ in BREAKS:
        filing = qualys()
        brk(filing)
        fired |= {rule.__name__ for rule in RULES if rule(filing)}
    assert fired == {rule.__name__ for rule in RULES}


# --- what a finding says ------------------------------------------------------------------


def test_finding_names_the_row_the_field_and_copies_page_and_box() -> None:
    filing = qualys()
    _nd(filing, 1).price_per_share.footnote_ids = ["F2", "F9"]
    (item,) = validate_filing(filing)
    assert item.code == "footnote.missing"
    assert item.message.startswith("Table I row 2, price per share: marker (9) has no footnote")
    assert item.severity is Severity.ERROR
    assert item.path == "non_derivative_transactions[1].price_per_share"
    assert (item.page, item.box) == (1, PRICE_BOX)


def test_message_counts_rows_from_one_as_printed() -> None:
    filing = qualys()
    _nd(filing, 1).coding.code = Fact(value=TransactionCode.P)
    (item,) = validate_filing(filing)
    assert item.message.startswith("Table I row 2:")
    assert item.path == "non_derivative_transactions[1].acquired_disposed"


def test_holding_rows_are_numbered_after_the_transactions() -> None:
    filing = qualys()
    _holding(TransactionCoding(equity_swap_involved=True))(filing)
    (item,) = validate_filing(filing)
    assert item.message.startswith("Table I row 3 (holding):")
    assert item.path == "non_derivative_holdings[0].coding.equity_swap_involved"


# --- mechanisms found on real filings (regressions) ---------------------------------------


def _fund_row(owned: str, note: str, shares: str = "100") -> NonDerivativeTransaction:
    row = _table1_row(TransactionCode.S, D, Fact(value=Decimal("10")), owned)
    row.shares = Fact(value=Decimal(shares))
    row.ownership = OwnershipNature(
        direct_or_indirect=Fact(value=DirectIndirect.INDIRECT),
        nature_of_ownership=Fact(value="See footnote", footnote_ids=[note]),
    )
    return row


def test_see_footnote_natures_of_different_funds_are_separate_chains() -> None:
    # Fund F1 and fund F2 alternate; each chain adds up on its own.
    filing = qualys()
    filing.non_derivative_transactions = [
        _fund_row("900", "F1"),
        _fund_row("5000", "F2"),
        _fund_row("800", "F1"),
        _fund_row("4900", "F2"),
    ]
    assert "arithmetic.owned_following" not in codes(validate_filing(filing))
    filing.non_derivative_transactions[3].shares_owned_following = Fact(value=Decimal("4800"))
    assert "arithmetic.owned_following" in codes(validate_filing(filing))


def test_nature_footnote_on_some_rows_only_still_chains() -> None:
    filing = qualys()
    rows = [_fund_row("900", "F1"), _fund_row("800", "F1"), _fund_row("700", "F1")]
    rows[1].ownership.nature_of_ownership.footnote_ids = []
    filing.non_derivative_transactions = rows
    assert not {c for c in codes(validate_filing(filing)) if c.startswith("arithmetic.")}


def test_voluntary_form_5_rows_do_not_set_box_3() -> None:
    # An earlier gift reported early (V) does not move the date of earliest transaction.
    filing = qualys()
    early = _nd(filing, 0).model_copy(deep=True)
    early.transaction_date = Fact(value=date(2013, 7, 1))
    early.coding.form_type = FormType.FORM_5
    early.coding.code = Fact(value=TransactionCode.G)
    early.shares_owned_following = Fact(value=Decimal("65500"))
    filing.non_derivative_transactions.insert(0, early)
    _nd(filing, 1).shares_owned_following = Fact(value=Decimal("75500"))
    _nd(filing, 2).shares_owned_following = Fact(value=Decimal("65500"))
    assert codes(validate_filing(filing)) == set()


@pytest.mark.parametrize(
    ("form", "kind", "letter"),
    [
        (DocumentType.FORM_4, FormType.FORM_5, Timeliness.EARLY),
        (DocumentType.FORM_5, FormType.FORM_4, Timeliness.LATE),
        (DocumentType.FORM_5, FormType.FORM_5, Timeliness.LATE),
        (DocumentType.FORM_5, FormType.FORM_5, None),
    ],
    ids=["early-V-on-form-4", "late-4-on-form-5", "late-5-on-form-5", "on-time-5-on-form-5"],
)
def test_timeliness_letters_edgar_accepts(
    form: DocumentType, kind: FormType, letter: Timeliness | None
) -> None:
    filing = qualys()
    filing.document_type = form
    for tx in [*filing.non_derivative_transactions, *filing.derivative_transactions]:
        tx.coding.form_type = kind
        tx.timeliness = Fact(value=letter)
    assert "coding.timeliness" not in codes(validate_filing(filing))


def test_form_5_period_is_the_fiscal_year_end_not_a_transaction_date() -> None:
    filing = qualys()
    filing.document_type = DocumentType.FORM_5
    filing.period_of_report = Fact(value=date(2013, 12, 31))
    assert validate_filing(filing) == []


# --- output and exit decision -------------------------------------------------------------


def _finding(severity: Severity) -> Finding:
    return Finding(code="x.y", severity=severity, message="m")


@pytest.mark.parametrize(
    ("severities", "fail_on", "fails"),
    [
        ([], "error", False),
        ([Severity.INFO, Severity.WARNING], "error", False),
        ([Severity.INFO, Severity.ERROR], "error", True),
        ([Severity.WARNING], "warning", True),
        ([Severity.INFO], "warning", False),
        ([Severity.ERROR], "never", False),
    ],
    ids=["none", "warning-on-error", "error-on-error", "warning-on-warning", "info", "never"],
)
def test_should_fail(severities: list[Severity], fail_on: str, fails: bool) -> None:
    assert should_fail([_finding(s) for s in severities], fail_on) is fails


def test_should_fail_refuses_an_unknown_level() -> None:
    with pytest.raises(ValueError, match="fail_on"):
        should_fail([], "sometimes")


def test_table_lists_errors_first_with_field_and_page() -> None:
    filing = qualys()
    _nd(filing, 1).price_per_share.footnote_ids = ["F2", "F9"]
    _nd(filing, 0).deemed_execution_date = Fact(value=date(2013, 8, 6))
    table = findings_to_table(validate_filing(filing))
    lines = table.splitlines()
    assert lines[0].split() == ["severity", "code", "field", "page", "message"]
    assert lines[2].startswith("error") and "footnote.missing" in lines[2]
    assert "non_derivative_transactions[1].price_per_share" in lines[2]
    assert "p1 (402,312)" in lines[2]
    assert lines[3].startswith("info")
    assert lines[-1] == "2 findings: 1 error, 0 warning, 1 info"


def test_table_says_when_there_is_nothing() -> None:
    assert findings_to_table([]) == "No findings."


def test_json_round_trips_to_findings() -> None:
    filing = qualys()
    _nd(filing, 1).price_per_share.footnote_ids = ["F2", "F9"]
    found = validate_filing(filing)
    back = [Finding.model_validate(x) for x in json.loads(findings_to_json(found))]
    assert back == found


# --- the arithmetic rule on generated chains ----------------------------------------------


def _chain(start: int, moves: list[tuple[bool, int]]) -> list[NonDerivativeTransaction]:
    """Rows of one holding: each adds (True) or removes shares; owned follows exactly."""
    rows, owned = [], start
    for acquires, shares in moves:
        owned += shares if acquires else -shares
        row = _table1_row(TransactionCode.J, A if acquires else D, Fact(value=Decimal(1)), "0")
        row.shares = Fact(value=Decimal(shares))
        row.shares_owned_following = Fact(value=Decimal(owned))
        rows.append(row)
    return rows


_moves = st.lists(st.tuples(st.booleans(), st.integers(1, 10**7)), min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(start=st.integers(10**7, 10**8), moves=_moves)
def test_a_chain_that_adds_up_raises_nothing(start: int, moves: list[tuple[bool, int]]) -> None:
    filing = qualys()
    filing.non_derivative_transactions = _chain(start, moves)
    assert not {c for c in codes(validate_filing(filing)) if c.startswith("arithmetic.")}


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(10**7, 10**8),
    moves=_moves,
    pick=st.integers(1, 7),
    error=st.integers(2, 10**6),
)
def test_one_wrong_owned_amount_names_its_row(
    start: int, moves: list[tuple[bool, int]], pick: int, error: int
) -> None:
    filing = qualys()
    rows = _chain(start, moves)
    i = 1 + pick % (len(rows) - 1)  # not the first row: it has nothing to follow
    fact = rows[i].shares_owned_following
    rows[i].shares_owned_following = Fact(value=(fact.value or Decimal(0)) + error)
    filing.non_derivative_transactions = rows
    paths = {f.path for f in validate_filing(filing) if f.code == "arithmetic.owned_following"}
    assert f"non_derivative_transactions[{i}].shares_owned_following" in paths
