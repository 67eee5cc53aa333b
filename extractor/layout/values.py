"""Printed values -> typed values, strictly: what does not read cleanly is not guessed.

EDGAR prints dates as MM/DD/YYYY and numbers with thousands separators, trailing zeros
dropped and prices prefixed with "$". A number whose digit grouping is wrong ("18,3654")
is more likely a misread decimal point than a big number, so it is refused (None) and the
caller keeps the raw text with a finding.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Either plain digits or groups of three after a 1-3 digit head; optional fraction.
_NUMBER = re.compile(r"^-?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$")
_CURRENCY = "$"


def parse_date(text: str) -> date | None:
    """'08/06/2013' -> date(2013, 8, 6); anything else (or an impossible date) -> None."""
    m = _DATE.match(text.strip())
    if m is None:
        return None
    month, day, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_decimal(text: str) -> Decimal | None:
    """'$18.3654' -> 18.3654, '10,000' -> 10000, '$ 0' -> 0; bad grouping -> None."""
    s = "".join(text.split())
    if s.startswith(_CURRENCY):
        s = s[1:]
    elif s.startswith("-" + _CURRENCY):
        s = "-" + s[2:]
    if not s or not any(c.isdigit() for c in s) or _NUMBER.match(s) is None:
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None
