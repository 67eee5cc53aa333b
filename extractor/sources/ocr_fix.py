"""Domain-aware repair of OCR words before the layout stages see them.

The layout finds the form's regions by printed phrases ("Table I - Non-Derivative
Securities ..."); a misread numeral hides a whole table, and a footnote number read as
"1," instead of "1." merges two footnotes. Both are put back from what the form must
print there. Values are not touched here: they are checked where they are parsed,
against their own grammar, and a repair there is recorded as a finding.
"""

from __future__ import annotations

import re

from extractor.layout.text import within_edits

# The word after "Table <numeral> -" tells the numeral; OCR may put up to this many
# tokens (numeral, dash, specks) in between.
_TITLE_WORDS = {"Non-Derivative": "I", "Derivative": "II"}
_TITLE_GAP = 4
# A footnote number whose full stop OCR read as a comma.
_ITEM_COMMA = re.compile(r"^\d{1,2},$")
# What OCR makes of the heading "V" printed beside "Code".
_V_MISREAD = {"Vv", "vV", "VV", "W", "v", "Y"}
# Specks OCR glues to a word's ends ("‘Table").
_JUNK = "'‘’`\"_.,;:|-~ "


def repair(texts: list[str]) -> list[str | None]:
    """For each word of a line (left to right), its repaired text, or None when it stays
    as read; "" drops a word (a speck inside a table title)."""
    out: list[str | None] = [None] * len(texts)
    if texts and _ITEM_COMMA.match(texts[0]):
        out[0] = texts[0][:-1] + "."
    for i, text in enumerate(texts):
        if within_edits(text.strip(_JUNK), "Table", 1):
            _repair_title(texts, i, out)
        elif text == "Code" and i + 1 < len(texts) and texts[i + 1] in _V_MISREAD:
            out[i + 1] = "V"  # the column heading "Code | V"
    return out


def _repair_title(texts: list[str], at: int, out: list[str | None]) -> None:
    """The numeral of "Table I - Non-Derivative ..." / "Table II - Derivative ...".

    The title's words after the numeral tell which table it is, so whatever OCR made of
    the numeral and dash ("|", "1-", "Il", "Ne") is put back from them.
    """
    for j in range(at + 1, min(at + 1 + _TITLE_GAP, len(texts))):
        word = next((w for w in _TITLE_WORDS if within_edits(texts[j], w, 2)), None)
        if word is not None:
            if j == at + 1:
                return  # no numeral printed: not a table title
            numeral = _TITLE_WORDS[word]
            if texts[at + 1 : j] != [numeral, "-"]:
                out[at + 1 : j] = [f"{numeral} -", *[""] * (j - at - 2)]
            return
