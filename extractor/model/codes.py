"""SEC codes printed on Forms 3, 4 and 5, as enums that carry their meaning.

The values are the letters EDGAR writes in the ownership XML; `meaning` gives the
plain-words description from the Form 4 General Instructions (Instruction 8).
"""

from __future__ import annotations

from enum import Enum


class DocumentType(str, Enum):
    """The form a filing is (EDGAR `documentType`)."""

    FORM_3 = "3"
    FORM_3A = "3/A"
    FORM_4 = "4"
    FORM_4A = "4/A"
    FORM_5 = "5"
    FORM_5A = "5/A"

    @property
    def base_form(self) -> str:
        """The form number without the amendment suffix: '4/A' -> '4'."""
        return self.value.split("/")[0]

    @property
    def is_amendment(self) -> bool:
        return self.value.endswith("/A")


_TRANSACTION_MEANINGS = {
    "P": "Open market or private purchase of non-derivative or derivative security",
    "S": "Open market or private sale of non-derivative or derivative security",
    "V": "Transaction voluntarily reported earlier than required",
    "A": "Grant, award or other acquisition pursuant to Rule 16b-3(d)",
    "D": "Disposition to the issuer of issuer equity securities pursuant to Rule 16b-3(e)",
    "F": "Payment of exercise price or tax liability by delivering or withholding securities",
    "I": "Discretionary transaction in accordance with Rule 16b-3(f)",
    "M": "Exercise or conversion of derivative security exempted pursuant to Rule 16b-3",
    "C": "Conversion of derivative security",
    "E": "Expiration of short derivative position",
    "H": "Expiration (or cancellation) of long derivative position with value received",
    "O": "Exercise of out-of-the-money derivative security",
    "X": "Exercise of in-the-money or at-the-money derivative security",
    "G": "Bona fide gift",
    "L": "Small acquisition under Rule 16a-6",
    "W": "Acquisition or disposition by will or the laws of descent and distribution",
    "Z": "Deposit into or withdrawal from voting trust",
    "J": "Other acquisition or disposition (describe transaction)",
    "K": "Transaction in equity swap or instrument with similar characteristics",
    "U": "Disposition pursuant to a tender of shares in a change of control transaction",
}


class TransactionCode(str, Enum):
    """Transaction codes of Form 4 Table I column 3 and Table II column 4."""

    P = "P"
    S = "S"
    V = "V"
    A = "A"
    D = "D"
    F = "F"
    I = "I"  # noqa: E741 - the SEC's own letter
    M = "M"
    C = "C"
    E = "E"
    H = "H"
    O = "O"  # noqa: E741 - the SEC's own letter
    X = "X"
    G = "G"
    L = "L"
    W = "W"
    Z = "Z"
    J = "J"
    K = "K"
    U = "U"

    @property
    def meaning(self) -> str:
        return _TRANSACTION_MEANINGS[self.value]


class AcquiredDisposed(str, Enum):
    """Column '(A) or (D)': whether the securities were acquired or disposed of."""

    ACQUIRED = "A"
    DISPOSED = "D"


class DirectIndirect(str, Enum):
    """Ownership form: Direct (D) or Indirect (I)."""

    DIRECT = "D"
    INDIRECT = "I"


class Timeliness(str, Enum):
    """EDGAR `transactionTimeliness`: Early or Late (empty when on time)."""

    EARLY = "E"
    LATE = "L"


class FormType(str, Enum):
    """EDGAR `transactionFormType`: the form a transaction is reported on.

    '5' prints as "V" in the V column (a transaction voluntarily reported on Form 4
    that could have waited for Form 5).
    """

    FORM_3 = "3"
    FORM_4 = "4"
    FORM_5 = "5"
