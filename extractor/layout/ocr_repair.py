"""Other readings of an OCR'd value that does not parse, from what its column may hold.

OCR confuses glyphs that look alike ("l" and "1", "O" and "0", "S" and "5"), reads a
lone capital twice or in lower case ("Ss" for "S"), and reads a decimal point as a
comma ("$18,3654"). Each function lists the readings a value of its kind could be,
most likely first; the caller keeps the first that parses and records the change as a
finding, so nothing is corrected silently. A reading is offered only when the printed
text is wrong for its column: valid text is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from extractor.layout.ocr_prose import changed_words
from extractor.layout.text import edit_distance
from extractor.model.filing import Fact, Provenance
from extractor.model.result import Finding, Severity

V = TypeVar("V")

# Letters OCR reads for digits inside a number or date.
_AS_DIGIT = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "!": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "g": "9",
        "q": "9",
    }
)
# Digits and strokes OCR reads for capitals in a code column.
_AS_LETTER = str.maketrans(
    {
        "0": "O",
        "1": "I",
        "|": "I",
        "l": "I",
        "!": "I",
        "5": "S",
        "8": "B",
        "2": "Z",
        "$": "S",
        "©": "C",  # a blurred "C" closed into a ring round it
    }
)
# Second guesses for digits whose first letter is no transaction code ("8" is "B" or "S"),
# for a "J" where a "J" is no value (direct or indirect: "I" with a serif's hook), and
# for a "U" where a "U" is no value (a "D" whose thin top a fax lost: "(A) or (D)").
_AS_LETTER_TOO = str.maketrans({"8": "S", "6": "G", "J": "I", "U": "D"})
# Specks OCR adds round a value: quotes, dashes, stray dots.
_EDGE_JUNK = "'\"‘’“”`~_-—–.,:;|*°^() "
# ... round a lone capital of a code column: a bar there may be the letter "I".
CODE_SPECKS = _EDGE_JUNK.replace("|", "")
# A comma followed by other than three digits ends a number: a misread decimal point.
_BAD_GROUP = re.compile(r",(\d{1,2}|\d{4,})$")


# A semicolon between digits is a comma with a speck over it.
_SEMICOLON_COMMA = re.compile(r"(?<=\d);(?=\d)")


# An exclamation mark standing apart after a value: a pale marker's remnant ("$1,234.567
# !" for "$1,234.567(7)"), no digit; glued to the digits it is a "1" (see `_AS_DIGIT`).
_APART_MARK = re.compile(r"\s+!+$")


def number_readings(text: str) -> list[str]:
    """'$2,O18.57' -> ['$2,018.57']; '$18,3654' -> ['$18.3654']; '$1.25 !' -> ['$1.25']."""
    core = _APART_MARK.sub("", text).rstrip(_EDGE_JUNK)
    core = core.lstrip(_EDGE_JUNK.replace("-", "").replace(".", ""))
    sign, body = ("$", core[1:]) if core.startswith("$") else ("", core)
    body = _SEMICOLON_COMMA.sub(",", "".join(body.split()).translate(_AS_DIGIT))
    out = [sign + body]
    if _BAD_GROUP.search(body) and "." not in body:
        head, _, tail = body.rpartition(",")
        out.append(sign + head + "." + tail)
    return _new(out, text)


def date_readings(text: str) -> list[str]:
    """'11/O9/2021' -> ['11/09/2021']; '11/0912021' (a slash read as 1) -> ['11/09/2021'];
    '14/04/2021' (a faxed "1" read "4") -> [..., '11/04/2021']."""
    core = "".join(text.strip(_EDGE_JUNK).split()).translate(_AS_DIGIT)
    out = [core]
    digits = core.replace("/", "")
    if len(core) == 10 and core[2] in "/1l|I7" and core[5] in "/1l|I7":
        out.append(f"{core[:2]}/{core[3:5]}/{core[6:]}")
    elif len(digits) == 8 and digits.isdigit():
        out.append(f"{digits[:2]}/{digits[2:4]}/{digits[4:]}")
    return _new(out + _alike_dates(out), text)


# A serif "1" that a fax blurred reads as "4" (its flag and foot as the 4's arm and bar).
_FAX_ALIKE = {"4": "1"}
_DATE_FORM = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def _alike_dates(readings: list[str]) -> list[str]:
    """The MM/DD/YYYY readings with one digit of the month or day read as the digit it
    looks like after a fax: offered last, taken only when nothing else makes a date
    ("14/04/2024", no month, is "11/04/2024")."""
    alike = []
    for r in filter(_DATE_FORM.match, readings):
        alike += [r[:i] + _FAX_ALIKE[r[i]] + r[i + 1 :] for i in (0, 1, 3, 4) if r[i] in _FAX_ALIKE]
    return alike


# An opening bracket alone (specks round it) in a code column: no code is a bracket.
_BOWL = re.compile(r"^[.,'‘’`\s]*\([.,'‘’`\s]*$")


def code_readings(text: str) -> list[str]:
    """'Ss' -> ['S'] (one capital read twice), 's' -> ['S'], '|' -> ['I'], '8' -> ['B', 'S'],
    'db' -> ['D'] (one capital broken in two)."""
    if _BOWL.match(text):
        return ["C"]  # a faxed "C" left as its bowl, read as the bracket it is shaped as
    core = "".join(text.strip(CODE_SPECKS).split())
    out = [core.upper(), core.translate(_AS_LETTER).upper()]
    out.append(core.translate(_AS_LETTER_TOO).translate(_AS_LETTER).upper())
    letters = {c.upper() for c in core if c.isalpha()}
    if len(letters) == 1:  # "Ss", "SS": a lone capital read twice
        out.append(letters.pop())
    if len(core) == 2 and core.isalpha():
        # a capital a fax broke in two, each piece read as a letter ("D" as stem and
        # bowl: "db", "Dp"): the left piece holds its stem, its telling part
        out.append(core[0].upper())
    return _new(out, text)


def first_parsed(
    text: str, readings: Callable[[str], list[str]], parse: Callable[[str], V | None]
) -> tuple[str, V] | None:
    """The first other reading of `text` (see the `*_readings` above) that `parse` takes,
    with its value; None when none does."""
    for reading in readings(text):
        value = parse(reading)
        if value is not None:
            return reading, value
    return None


def _new(readings: list[str], text: str) -> list[str]:
    """The readings in order, each once, less the text itself and empty ones."""
    seen: list[str] = []
    for r in readings:
        if r and r != text and r not in seen:
            seen.append(r)
    return seen


Box = tuple[float, float, float, float]


def amount_digits(value: Decimal) -> str:
    """The digits an amount was read with, its sign and separator aside ("3051.600":
    "3051600"): a comma read as a stop leaves them as printed."""
    return format(value, "f").lstrip("-").replace(".", "")


def digits_apart(read: Decimal, other: Decimal) -> int | None:
    """In how many digits two amounts of as many digits differ; None when the counts
    differ (a digit lost or added is no misread digit)."""
    x, y = amount_digits(read), amount_digits(other)
    return sum(p != q for p, q in zip(x, y, strict=True)) if len(x) == len(y) else None


def text_repaired(
    fact: Fact[str], path: str, mend: Callable[[str], str], why: str
) -> tuple[Fact[str], list[Finding]]:
    """An OCR'd text `fact` with `mend` applied, and the finding that records the change
    (`path` names the field, `why` the reason); a fact a text layer gave, or one `mend`
    leaves as it is, comes back as it is with no finding."""
    prov = fact.provenance
    if not isinstance(fact.value, str) or prov is None or prov.source != "ocr":
        return fact, []
    value = mend(fact.value)
    if value == fact.value:
        return fact, []
    change = corrected(path, fact.value, value, why, prov.page, prov.box)
    return fact.model_copy(update={"value": value}), [change]


def corrected(
    path: str,
    read: str,
    taken: str,
    why: str,
    page: int | None,
    box: Box | None,
    where: str = "",
) -> Finding:
    """The finding that records a repair: what OCR read, what was taken and why;
    `where` names the printed row ("Table I row 3") when the path does not."""
    named = f"{where}, {path}" if where else path
    return Finding(
        code="ocr.corrected",
        severity=Severity.INFO,
        message=f"{named}: OCR read {read!r}, taken as {taken!r} ({why}); check it against "
        "the page",
        path=path,
        page=page,
        box=box,
    )


# The words security titles are made of (the ownership forms' own vocabulary: the kinds
# of equity and derivative securities and their usual qualifiers). A title word OCR
# garbled is put back to the one such word it is clearly closest to; a word far from
# all of them (a company's or a plan's name) is left as read.
# fmt: off
_TITLE_WORDS = (
    "American", "Appreciation", "Award", "Awards", "Based", "Beneficial", "Bonds", "Bonus",
    "Buy", "Call", "Capital", "Cash", "Class", "Common", "Company", "Contingent", "Contract",
    "Convertible", "Cumulative", "Debenture", "Debentures", "Deferred", "Depositary",
    "Depository", "Director", "Dividend", "Economic", "Employee", "Equity", "Equivalent",
    "Exchangeable", "Exercisable", "Forward", "Grant", "Grants", "Incentive",
    "Interest", "Interests", "Junior", "Limited", "Long", "Market", "Matching", "Membership",
    "Nonqualified", "Nonvoting", "Note", "Notes", "Operating", "Option", "Options", "Ordinary",
    "Participating", "Partner", "Partnership", "Performance", "Perpetual", "Phantom", "Plan",
    "Preferred", "Profits", "Purchase", "Put", "Qualified", "Receipts", "Redeemable",
    "Restricted", "Retention", "Right", "Rights", "Sale", "Sell", "Senior", "Series", "Settled",
    "Share", "Shares", "Stock", "Subordinate", "Subordinated", "Subscription", "Swap", "Term",
    "Time", "Tracking", "Trust", "Unit", "Units", "Unrestricted", "Value", "Vested", "Vesting",
    "Voting", "Warrant", "Warrants",
)
# fmt: on
_TITLE_LOWER = {w.lower(): w for w in _TITLE_WORDS}
# Letter pairs a blurred "m" breaks into ("Conunon", "Cominon" for "Common").
_BROKEN_M = re.compile(r"nu|un|rn|ni|in|nn|iu")
# Dashes and specks OCR reads at a title cell's edges (a rule's stub, a smudge).
_TITLE_JUNK = "—–-_=~|'\"‘’“”`.,:;*°^?!' "
# Quote marks at a title word's ends: a title quotes nothing, and "(right to buy)" keeps
# its brackets.
_QUOTES = "'\"‘’“”`"


def title_reading(text: str) -> str:
    """An OCR'd security title with its garbled vocabulary words put back ('Comman
    Stack' -> 'Common Stock'), a lone capital read twice once, and specks at its ends
    dropped; the text as read when nothing is left."""
    tokens: list[str] = []
    for t in text.split():
        doubled = bool(tokens) and len(t) == 1 and t.isupper() and tokens[-1] == t
        if (any(c.isalnum() for c in t) or t in "()") and not doubled:
            tokens.append(t)
    return " ".join(_title_word(t) for t in _split_joined(tokens)).strip(_TITLE_JUNK) or text


def _split_joined(tokens: list[str]) -> list[str]:
    """`tokens` with two neighbours that are no title words but make one together
    joined ("Comm ion" -> "Commion", then read as "Common"): OCR saw a space in a word;
    one of them may be a single letter, a word's capital or its last small letter set
    apart ("L its", "Stat k" on a fax)."""
    out: list[str] = []
    for t in tokens:
        if out and _fragment(out[-1], alone="A") and _fragment(t, alone="a"):
            whole = out[-1] + t
            if _title_word(whole) != whole or whole.lower() in _TITLE_LOWER:
                out[-1] = whole
                continue
        out.append(t)
    return out


def _fragment(token: str, alone: str) -> bool:
    """A token of two letters or more that is no title word nor a misreading of one, or
    a single letter of `alone`'s case ("A": a capital, "a": a small letter)."""
    single = len(token) == 1 and token.isupper() == alone.isupper()
    letters = token.isalpha() and (len(token) >= 2 or single)
    return letters and token.lower() not in _TITLE_LOWER and _title_word(token) == token


def _title_word(token: str) -> str:
    """The vocabulary word `token` misreads, or `token`: one letter off for a word of
    four letters, two up to six, three beyond, and closer than any other word (by the
    share of its letters off)."""
    core = token.strip(_TITLE_JUNK)
    if core.lower() in _TITLE_LOWER:
        return token.strip(_QUOTES)  # a speck read as a quote mark ("Restricted'")
    if len(core) < 3 or not core.isalpha():
        return token
    variants = {core.lower(), _BROKEN_M.sub("m", core.lower())}
    # closest by the share of the word's letters off: "Cass" is one letter off both
    # "Class" and "Cash", a fifth of the one and a quarter of the other
    # OCR garbles letters but seldom adds or drops two: "Grant" is no "Warrant"
    scored = sorted(
        (min(edit_distance(v, w) for v in near) / len(w), w)
        for w in _TITLE_LOWER
        if (near := [v for v in variants if abs(len(v) - len(w)) <= 1])
    )
    if not scored:
        return token
    share, word = scored[0]
    limit = 1 if len(word) <= 4 else 2 if len(word) <= 6 else 3
    if round(share * len(word)) > limit or (len(scored) > 1 and scored[1][0] == share):
        return token
    fixed = _TITLE_LOWER[word]
    return token.replace(core, fixed.upper() if core.isupper() and len(core) > 1 else fixed)


def is_title_word(word: str) -> bool:
    """Whether `word` is one of the words security titles are made of (any case)."""
    return word.lower() in _TITLE_LOWER


def prose_repaired(path: str, read: str, taken: str, where: Provenance | None) -> list[Finding]:
    """The finding that records the repairs of OCR'd prose (see ocr_prose) in one text,
    naming the words they changed; none when they changed nothing."""
    changed = changed_words(read, taken)
    if changed is None:
        return []
    page, box = (where.page, where.box) if where is not None else (None, None)
    why = "misreadings put back from English and the filing's own words"
    return [corrected(path, changed[0], changed[1], why, page, box)]
