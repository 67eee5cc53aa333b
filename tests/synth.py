"""Seeded generator of varied, valid ownership filings (Forms 4 and 5) as `Filing` objects.

`make_filing(seed)` always returns the same filing for the same seed. The filings hold
the kind of values EDGAR holds: dates, Decimals with at most four decimals, codes from
the enums, footnote ids F1..Fn that all exist. They are built to stress a reader of the
printed form: many rows, titles long enough to wrap, several footnotes on one value,
markers alone in otherwise empty cells, prices with footnotes, the V column, several
reporting owners, holdings and transactions in both tables, empty tables, remarks and
filings that run over three or more pages.

`filings()` is the same generator as a hypothesis strategy (shrinking by seed only).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from extractor.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    FormType,
    Timeliness,
    TransactionCode,
)
from extractor.model.filing import (
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
)

T = TypeVar("T")

_LAST = ["Smith", "Okafor", "Nguyen", "Delacroix-Whitfield", "Berg", "Haddad", "Ito", "Moreau"]
_FIRST = ["Anna", "John", "Priya", "Marcus", "Elena", "Kenji", "Ruth", "Samuel"]
_MIDDLE = ["", "", "A.", "N", "Lee", "J."]
_FUNDS = ["Northwind Capital Partners III, L.P.", "Bluefield GP LLC", "Harbor Ventures LP"]
_ISSUERS = [("Acme Widgets, Inc.", "ACMW"), ("Zephyr Biotherapeutics Corp", "ZPHR")]
_ISSUERS += [("NORTHERN LIGHTS HOLDINGS INC", "NLH"), ("Quillon Software, Inc.", "QLN")]
_STREETS = ["C/O ACME WIDGETS, INC.", "100 MAIN STREET", "2800 SAND HILL ROAD, SUITE 101"]
_CITIES = [("PALO ALTO", "CA", "94301"), ("NEW YORK", "NY", "10022"), ("AUSTIN", "TX", "78701")]
_TITLES = ["Common Stock", "Class A Common Stock", "Class B Common Stock"]
# EDGAR caps a security title at 60 characters; these are near the cap, so they wrap.
_LONG_TITLES = [
    "Series C-1 Convertible Preferred Stock, par value $0.0001",
    "Class A Common Stock held by grantor retained annuity trust",
]
_DERIV = ["Stock Option (right to buy)", "Restricted Stock Units", "Warrant (right to buy)"]
_NATURES = ["By Trust", "See footnote", "By spouse", "By Northwind Capital Partners III, L.P."]
_OFFICER = ["Chief Executive Officer", "EVP, Worldwide Field Ops", "CFO", "General Counsel"]
_SENTENCES = [
    "The price reported is a weighted average price; the shares were sold in multiple "
    "transactions at prices ranging from $18.00 to $18.81, inclusive.",
    "The reporting person disclaims beneficial ownership except to the extent of his or her "
    "pecuniary interest therein.",
    "The option vests in 48 equal monthly installments beginning on the vesting start date.",
    "Each restricted stock unit represents a contingent right to receive one share.",
    "The transactions were effected pursuant to a Rule 10b5-1 trading plan.",
    "Shares held by a trust of which the reporting person is a trustee.",
]
_T1_CODES = [TransactionCode.S, TransactionCode.P, TransactionCode.M, TransactionCode.F]
_T1_CODES += [TransactionCode.A, TransactionCode.G, TransactionCode.C, TransactionCode.J]
_T2_CODES = [TransactionCode.M, TransactionCode.A, TransactionCode.C, TransactionCode.X]


class _Gen:
    """One filing's random choices; `ids` is the footnote pool values draw from."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.long = self.r.random() < 0.15
        self.n_footnotes = self.r.randint(8, 20) if self.long else self.r.randint(0, 7)
        self.base = date(2006, 1, 2) + timedelta(days=self.r.randint(0, 19 * 365))

    def ids(self, chance: float = 0.25, most: int = 3) -> list[str]:
        """Footnote ids for one value: usually none, sometimes several, in order."""
        if not self.n_footnotes or self.r.random() >= chance:
            return []
        k = self.r.randint(1, min(most, self.n_footnotes))
        picked = self.r.sample(range(1, self.n_footnotes + 1), k)
        return [f"F{n}" for n in sorted(picked)]

    def fact(self, value: T | None, chance: float = 0.25) -> Fact[T]:
        return Fact[Any](value=value, footnote_ids=self.ids(chance))

    def decimal(self, low: int, high: int, places: int) -> Decimal:
        """A Decimal in [low, high] with up to `places` decimals, trailing zeros as EDGAR."""
        scale = 10 ** self.r.randint(0, places)
        return Decimal(self.r.randint(low * scale, high * scale)) / Decimal(scale)

    def day(self, spread: int = 20) -> date:
        return self.base + timedelta(days=self.r.randint(0, spread))

    def title(self, pool: list[str]) -> str:
        return self.r.choice(_LONG_TITLES) if self.r.random() < 0.12 else self.r.choice(pool)


def _nature(g: _Gen) -> OwnershipNature:
    indirect = g.r.random() < 0.3
    kind = DirectIndirect.INDIRECT if indirect else DirectIndirect.DIRECT
    text = g.fact(g.r.choice(_NATURES)) if indirect else Fact[str]()
    return OwnershipNature(direct_or_indirect=g.fact(kind, 0.1), nature_of_ownership=text)


def _coding(g: _Gen, codes: list[TransactionCode]) -> TransactionCoding:
    form5 = g.r.random() < 0.1
    return TransactionCoding(
        form_type=FormType.FORM_5 if form5 else FormType.FORM_4,
        code=Fact[TransactionCode](value=g.r.choice(codes)),
        equity_swap_involved=g.r.random() < 0.05,
        footnote_ids=g.ids(0.2),
    )


def _timeliness(g: _Gen) -> Fact[Timeliness]:
    """Mostly on time (empty); a late one may carry a footnote in the V column."""
    if g.r.random() < 0.08:
        return Fact[Timeliness](value=Timeliness.LATE, footnote_ids=g.ids(0.7, 1))
    return Fact[Timeliness]()


def _price(g: _Gen) -> Fact[Decimal]:
    """A price, sometimes 0, sometimes only a footnote (marker alone in the cell)."""
    roll = g.r.random()
    if roll < 0.1 and g.n_footnotes:
        return Fact[Decimal](footnote_ids=g.ids(1.0, 2))
    value = Decimal(0) if roll < 0.2 else g.decimal(1, 250, 4)
    return g.fact(value, 0.3)


def _nd_transaction(g: _Gen) -> NonDerivativeTransaction:
    acquired = g.r.random() < 0.5
    return NonDerivativeTransaction(
        security_title=g.fact(g.title(_TITLES), 0.1),
        transaction_date=g.fact(g.day(), 0.05),
        deemed_execution_date=g.fact(g.day() if g.r.random() < 0.08 else None, 0.0),
        coding=_coding(g, _T1_CODES),
        timeliness=_timeliness(g),
        shares=g.fact(g.decimal(1, 2_000_000, 0 if g.r.random() < 0.8 else 2), 0.15),
        price_per_share=_price(g),
        acquired_disposed=g.fact(
            AcquiredDisposed.ACQUIRED if acquired else AcquiredDisposed.DISPOSED, 0.05
        ),
        shares_owned_following=g.fact(g.decimal(0, 9_000_000, 0), 0.15),
        ownership=_nature(g),
    )


def _nd_holding(g: _Gen) -> NonDerivativeHolding:
    return NonDerivativeHolding(
        security_title=g.fact(g.title(_TITLES), 0.1),
        shares_owned_following=g.fact(g.decimal(1, 9_000_000, 0), 0.3),
        ownership=_nature(g),
    )


def _exercise_date(g: _Gen) -> Fact[date]:
    """Often a footnote alone ("(3)" in the Date Exercisable cell), as EDGAR filings do."""
    if g.n_footnotes and g.r.random() < 0.4:
        return Fact[date](footnote_ids=g.ids(1.0, 2))
    return g.fact(g.day(400), 0.1)


def _derivative_common(g: _Gen) -> dict[str, Any]:
    shares = g.decimal(1, 500_000, 0)
    return {
        "security_title": g.fact(g.title(_DERIV), 0.15),
        "conversion_or_exercise_price": (
            Fact[Decimal](footnote_ids=g.ids(1.0, 2))
            if g.n_footnotes and g.r.random() < 0.25
            else g.fact(g.decimal(1, 120, 4), 0.2)
        ),
        "exercise_date": _exercise_date(g),
        "expiration_date": g.fact(g.base + timedelta(days=g.r.randint(365, 3650)), 0.1),
        "underlying_title": g.fact(g.r.choice(_TITLES), 0.05),
        "underlying_shares": g.fact(shares, 0.1),
        "shares_owned_following": g.fact(g.decimal(0, 900_000, 0), 0.15),
        "ownership": _nature(g),
    }


def _d_transaction(g: _Gen) -> DerivativeTransaction:
    acquired = g.r.random() < 0.5
    return DerivativeTransaction(
        **_derivative_common(g),
        transaction_date=g.fact(g.day(), 0.05),
        coding=_coding(g, _T2_CODES),
        timeliness=_timeliness(g),
        shares=g.fact(g.decimal(1, 500_000, 0), 0.15),
        price_per_share=_price(g),
        acquired_disposed=Fact[AcquiredDisposed](
            value=AcquiredDisposed.ACQUIRED if acquired else AcquiredDisposed.DISPOSED
        ),
    )


def _d_holding(g: _Gen) -> DerivativeHolding:
    return DerivativeHolding(**_derivative_common(g))


def _owner(g: _Gen, index: int) -> ReportingOwner:
    entity = index > 0 and g.r.random() < 0.5
    if entity:
        name = g.r.choice(_FUNDS)
    else:
        parts = [g.r.choice(_LAST), g.r.choice(_FIRST), g.r.choice(_MIDDLE)]
        name = " ".join(p for p in parts if p)
    city, state, zip_code = g.r.choice(_CITIES)
    street1 = g.r.choice(_STREETS)
    # A "C/O" first line is followed by the street, as on real filings.
    street2 = g.r.choice(_STREETS[1:]) if street1.startswith("C/O") else None
    rel = Relationship(
        is_director=g.r.random() < 0.4,
        is_officer=not entity and g.r.random() < 0.5,
        is_ten_percent_owner=entity or g.r.random() < 0.1,
    )
    if rel.is_officer:
        rel.officer_title = Fact[str](value=g.r.choice(_OFFICER))
    if not (rel.is_director or rel.is_officer or rel.is_ten_percent_owner):
        rel.is_other = True
        rel.other_text = Fact[str](value="Member of 13(d) group")
    return ReportingOwner(
        cik=f"{g.r.randint(1_000_000, 1_999_999):010d}",
        name=Fact[str](value=name),
        address=Address(
            street1=Fact[str](value=street1),
            street2=Fact[str](value=street2),
            city=Fact[str](value=city),
            state=Fact[str](value=state),
            zip_code=Fact[str](value=zip_code),
        ),
        relationship=rel,
    )


def _rows(g: _Gen, most: int) -> int:
    """How many rows of one kind: often none (an empty table), up to `most`; many when long."""
    if g.long:
        return g.r.randint(most // 2, most)
    if g.r.random() < 0.3:
        return 0
    return g.r.randint(1, most)


def _footnotes(g: _Gen) -> list[Footnote]:
    out = []
    for n in range(1, g.n_footnotes + 1):
        k = g.r.randint(1, 3)
        out.append(Footnote(id=f"F{n}", text=" ".join(g.r.sample(_SENTENCES, k))))
    return out


def _document_type(g: _Gen) -> DocumentType:
    return DocumentType.FORM_5 if g.r.random() < 0.15 else DocumentType.FORM_4


def make_filing(seed: int) -> Filing:
    """A varied, valid Form 4 or 5; the same seed gives the same filing."""
    g = _Gen(seed)
    doc = _document_type(g)
    name, ticker = g.r.choice(_ISSUERS)
    owners = [_owner(g, i) for i in range(g.r.choice([1, 1, 1, 2, 3, 4]))]
    big = 26 if g.long else 4  # EDGAR allows 30 rows per table
    filing = Filing(
        schema_version="X0508" if g.base.year >= 2023 else "X0306",
        document_type=doc,
        period_of_report=Fact[date](value=g.base),
        # No amendment date: schema X0306 has no dateOfOriginalSubmission element.
        not_subject_to_section16=False,
        aff10b5one=(g.r.random() < 0.3) if g.base.year >= 2023 else None,
        issuer=Issuer(
            cik=f"{g.r.randint(1_000_000, 1_999_999):010d}",
            name=Fact[str](value=name),
            trading_symbol=Fact[str](value=ticker),
        ),
        reporting_owners=owners,
        non_derivative_transactions=[_nd_transaction(g) for _ in range(_rows(g, big))],
        non_derivative_holdings=[_nd_holding(g) for _ in range(_rows(g, 3))],
        derivative_transactions=[_d_transaction(g) for _ in range(_rows(g, big // 2 + 1))],
        derivative_holdings=[_d_holding(g) for _ in range(_rows(g, 3))],
        footnotes=_footnotes(g),
        remarks=Fact[str](value=g.r.choice(_SENTENCES) if g.r.random() < 0.3 else None),
        signatures=[_signature(g, o) for o in owners],
    )
    if doc.base_form == "5":
        filing.form3_holdings_reported = g.r.random() < 0.2
        filing.form4_transactions_reported = g.r.random() < 0.2
        _as_form5_rows(filing)
    return filing


def _as_form5_rows(filing: Filing) -> None:
    """Form 5 rows are reported on Form 5, and its page has no V column to print markers in."""
    rows: list[NonDerivativeTransaction | DerivativeTransaction] = [
        *filing.non_derivative_transactions,
        *filing.derivative_transactions,
    ]
    for row in rows:
        row.coding.form_type = FormType.FORM_5
        row.timeliness = Fact[Timeliness]()


def _signature(g: _Gen, owner: ReportingOwner) -> Signature:
    signed = g.base + timedelta(days=g.r.randint(1, 4))
    return Signature(
        name=Fact[str](value=f"/s/ {owner.name.value}"),
        date=Fact[date](value=signed),
    )


def filings() -> Any:
    """A hypothesis strategy of generated filings (imports hypothesis only when asked)."""
    from hypothesis import strategies as st

    return st.integers(min_value=0, max_value=2**32 - 1).map(make_filing)
